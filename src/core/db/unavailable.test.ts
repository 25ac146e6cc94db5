import { describe, expect, test } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test('a refused or cut connection, a server shutting down or starting up, too many connections', () => {
    for (const err of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('53300', 'sorry, too many clients already'),
      withCode('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: withCode('ECONNREFUSED') }),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
    ])
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
  });

  test('a fault of the query or the data is not an outage', () => {
    for (const err of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42P01', 'relation "x" does not exist'),
      withCode('40001', 'could not serialize access'),
      withCode('ENOSPC'),
      new Error('Connection string is invalid'),
      null,
      'ECONNREFUSED',
    ])
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
  });
});
