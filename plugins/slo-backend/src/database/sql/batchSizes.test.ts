import {
  MAX_BIND_PARAMETERS,
  PREFERRED_BIND_PARAMETERS,
  PREFERRED_KEYS_PER_READ,
  SQLITE_MAX_COMPOUND_SELECT,
  chunk,
  keysPerStatement,
  rowsPerKnexInsert,
  rowsPerStatement,
} from './batchSizes';

describe('batch sizes', () => {
  it('uses the lower of the SQLite and PostgreSQL parameter limits', () => {
    expect(MAX_BIND_PARAMETERS).toBe(32_766);
  });

  it('fits as many whole rows in a statement as the preferred parameter count allows', () => {
    expect(PREFERRED_BIND_PARAMETERS).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    expect(rowsPerStatement(4)).toBe(4_000);
    expect(rowsPerStatement(8)).toBe(2_000);
    expect(rowsPerStatement(7) * 7).toBeLessThanOrEqual(
      PREFERRED_BIND_PARAMETERS,
    );
    expect((rowsPerStatement(7) + 1) * 7).toBeGreaterThan(
      PREFERRED_BIND_PARAMETERS,
    );
    expect(() => rowsPerStatement(0)).toThrow(
      'columnCount must be a positive whole number, got 0',
    );
  });

  it("caps knex's multi-row inserts at SQLite's compound select limit", () => {
    expect(rowsPerKnexInsert(7)).toBe(SQLITE_MAX_COMPOUND_SELECT);
    expect(rowsPerKnexInsert(100)).toBe(160);
  });

  it('reads short IN lists, leaving room for the parameters besides the list', () => {
    expect(keysPerStatement()).toBe(PREFERRED_KEYS_PER_READ);
    expect(keysPerStatement(3)).toBe(PREFERRED_KEYS_PER_READ);
    expect(keysPerStatement(MAX_BIND_PARAMETERS - 10)).toBe(10);
  });

  it('cuts lists into batches in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
