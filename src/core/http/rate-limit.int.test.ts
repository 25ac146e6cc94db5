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
    '[decision 022] 20 parallel page requests from one address over two instances: each lets at most the limit through before it shares its count; after that both refuse',
    async () => {
      const ip = '198.51.100.1';
      const page = (t: TestApp) => t.app.inject({ method: 'GET', url: '/strom', remoteAddress: ip });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => page(instances()[i % 2] as TestApp)));
      const codes = statuses(answers);
      // The bounded over-count: every instance stops at the limit by its own count.
      expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(5);
      expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(2 * 5);
      expect(codes.filter((c) => c !== 200 && c !== 429)).toEqual([]);
      // A second later the next request of each instance writes its count and reads the total.
      first.clock.advance(1_000);
      for (const t of instances()) expect((await page(t)).statusCode).toBe(429);
      const { rows } = await first.database.executeSql('select hits from rate_limit_hits where key = $1', [`*|${ip}`]);
      expect(rows).toEqual([{ hits: 22 }]);
      for (const t of instances()) expect((await page(t)).statusCode).toBe(429);
      // Another address has its own count.
      expect((await page(second)).statusCode).toBe(429);
      expect((await second.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.2' })).statusCode).toBe(200);
      // The window is the shared row's: a minute after its first hit, pages are served again.
      first.clock.advance(59_000);
      for (const t of instances()) expect((await page(t)).statusCode).toBe(200);
    },
  );

  test.skipIf(process.env.TEST_DB === 'pglite')(
    '[decision 022] on PostgreSQL a page request writes nothing until a second has passed; then one statement writes every address',
    async () => {
      first.clock.advance(1_000);
      // This request writes what was counted before (a new second); the next ones only count.
      await first.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.5' });
      for (const ip of ['198.51.100.6', '198.51.100.7', '198.51.100.7']) {
        expect((await first.app.inject({ method: 'GET', url: '/strom', remoteAddress: ip })).statusCode).toBe(200);
      }
      const written = () =>
        first.database.executeSql("select key, hits from rate_limit_hits where key in ('*|198.51.100.6', '*|198.51.100.7') order by key");
      expect((await written()).rows).toEqual([]);
      first.clock.advance(1_000);
      await first.app.inject({ method: 'GET', url: '/strom', remoteAddress: '198.51.100.6' });
      expect((await written()).rows).toEqual([
        { key: '*|198.51.100.6', hits: 2 },
        { key: '*|198.51.100.7', hits: 2 },
      ]);
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
