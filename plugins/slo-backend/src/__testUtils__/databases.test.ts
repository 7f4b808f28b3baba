import { assertStoreDatabasesAvailable } from './databases';

describe('assertStoreDatabasesAvailable', () => {
  it('fails in CI when PostgreSQL 15 is not available', () => {
    expect(() => assertStoreDatabasesAvailable(['SQLITE_3'], true)).toThrow(
      /POSTGRES_15 is not available/,
    );
  });

  it('passes in CI with both databases, and outside CI with SQLite only', () => {
    expect(() =>
      assertStoreDatabasesAvailable(['SQLITE_3', 'POSTGRES_15'], true),
    ).not.toThrow();
    expect(() =>
      assertStoreDatabasesAvailable(['SQLITE_3'], false),
    ).not.toThrow();
  });
});
