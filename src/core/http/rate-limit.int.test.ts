import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formBody } from '../../../tests/support/customers.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';

/**
 * Two web instances on one database, as behind a load balancer: the rate limits are counted in
 * the database, so together they allow what one allows (in memory, each would allow it again).
 */
let first: TestApp;
let second: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const env = { RATE_LIMIT_PER_MINUTE: '5', FORM_RATE_LIMIT_PER_MINUTE: '3' };

beforeAll(async () => {
  first = await createTestApp({ env });
  second = await createTestApp({ env, database: first.database, clock: first.clock });
});
afterAll(async () => {
  await second?.app.close();
  await first?.close();
});

const instances = () => [first, second];
const statuses = (answers: { statusCode: number }[]) => answers.map((a) => a.statusCode);

describe('rate limits shared by the instances on one database', () => {
  // On the embedded database only one process serves (its folder is locked): the page limit is
  // counted in memory there, tested below; several instances need PostgreSQL.
  test.skipIf(process.env.TEST_DB === 'pglite')(
    '20 parallel page requests from one address over two instances: exactly 5 are served',
    async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          instances()[i % 2]?.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.1' }),
        ),
      );
      const codes = statuses(answers.map((a) => a ?? { statusCode: 0 }));
      expect(codes.filter((c) => c === 200)).toHaveLength(5);
      expect(codes.filter((c) => c === 429)).toHaveLength(15);
      // Another address has its own count.
      expect((await second.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.2' })).statusCode).toBe(200);
    },
  );

  test.runIf(process.env.TEST_DB === 'pglite')(
    'embedded database: the page limit is counted in the process and writes no row',
    async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => first.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.9' })),
      );
      const codes = statuses(answers);
      expect(codes.filter((c) => c === 200)).toHaveLength(5);
      expect(codes.filter((c) => c === 429)).toHaveLength(3);
      const { rows } = await first.database.executeSql('select key from rate_limit_hits where key like $1', ['%198.51.100.9']);
      expect(rows).toEqual([]);
      first.clock.advance(60_000);
      expect((await first.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
    },
  );

  test('a form limit is counted apart from the page limit, and holds under 12 parallel posts over two instances', async () => {
    const ip = '198.51.100.3';
    // Pages from this address first: they must not use up the form's allowance.
    for (const t of instances()) expect((await t.app.inject({ method: 'GET', url: '/kontakt', remoteAddress: ip })).statusCode).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? second : first).app.inject({ method: 'POST', url: '/kontakt', remoteAddress: ip, headers: FORM, payload: formBody({}) }),
      ),
    );
    const codes = statuses(answers);
    // Empty forms: a field-level 400 for each one let through.
    expect(codes.filter((c) => c === 400)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(9);
    const refused = answers.find((a) => a.statusCode === 429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  test('a new window opens a minute after the first request, on every instance', async () => {
    const ip = '198.51.100.4';
    const post = (t: TestApp) => t.app.inject({ method: 'POST', url: '/kontakt', remoteAddress: ip, headers: FORM, payload: formBody({}) });
    for (let i = 0; i < 3; i++) expect((await post(instances()[i % 2] as TestApp)).statusCode).toBe(400);
    first.clock.advance(59_000);
    expect((await post(second)).statusCode).toBe(429);
    first.clock.advance(1_000);
    expect((await post(second)).statusCode).toBe(400);
    expect((await post(first)).statusCode).toBe(400);
  });

  test('the counters are personal data that the retention run deletes a day after their window began', async () => {
    const { rows } = await first.database.executeSql('select key from rate_limit_hits where key like $1', ['%198.51.100.4']);
    expect(rows.length).toBe(1);
    first.clock.advance(86_400_000 + 60_000);
    const { runRetention } = await import('../privacy/index.ts');
    await runRetention(first.ctx, { trigger: 'test', activity: 'auth.rate-limits' });
    const after = await first.database.executeSql('select count(*)::int as n from rate_limit_hits');
    expect(after.rows[0]?.n).toBe(0);
  });
});
