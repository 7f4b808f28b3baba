import { isDatabaseUnavailable } from './databaseUnavailable';

const withCode = (code: string, message = 'failed') =>
  Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a server shutting down (57P01)', withCode('57P01')],
    ['a server starting up (57P03)', withCode('57P03')],
    ['too many connections (53300)', withCode('53300')],
    ['a connection exception (08006)', withCode('08006')],
    [
      'a connection the pg driver lost',
      new Error('Connection terminated unexpectedly'),
    ],
    [
      "knex's pool timing out",
      Object.assign(
        new Error(
          'Knex: Timeout acquiring a connection. The pool is probably full.',
        ),
        { name: 'KnexTimeoutError' },
      ),
    ],
    [
      'an unavailable database as the cause',
      new Error('write failed', { cause: withCode('ECONNREFUSED') }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('23505')],
    ['a syntax error (42601)', withCode('42601')],
    ['a serialization failure (40001)', withCode('40001')],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['undefined', undefined],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
