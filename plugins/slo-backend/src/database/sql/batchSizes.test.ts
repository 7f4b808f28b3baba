import {
  MAX_BIND_PARAMETERS,
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

  it('fits as many whole rows in a statement as the parameter limit allows', () => {
    expect(rowsPerStatement(4)).toBe(8_191);
    expect(rowsPerStatement(8)).toBe(4_095);
    expect(rowsPerStatement(7) * 7).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    expect((rowsPerStatement(7) + 1) * 7).toBeGreaterThan(MAX_BIND_PARAMETERS);
    expect(() => rowsPerStatement(0)).toThrow(
      'columnCount must be a positive whole number, got 0',
    );
  });

  it("caps knex's multi-row inserts at SQLite's compound select limit", () => {
    expect(rowsPerKnexInsert(7)).toBe(SQLITE_MAX_COMPOUND_SELECT);
    expect(rowsPerKnexInsert(100)).toBe(327);
  });

  it('leaves room for the parameters besides an IN list', () => {
    expect(keysPerStatement()).toBe(MAX_BIND_PARAMETERS);
    expect(keysPerStatement(3)).toBe(MAX_BIND_PARAMETERS - 3);
  });

  it('cuts lists into batches in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
