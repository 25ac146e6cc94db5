import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

let t: TestApp;
const db = () => t.database.db.withTables<AnalyticsTables>();
const step = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/analytics/schritt',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
beforeEach(async () => {
  await sql`delete from analytics_transitions`.execute(t.database.db);
});

describe('usage analysis', () => {
  test('[C09] counts which pages are visited in which order, as anonymous day counts', async () => {
    t.clock.set('2026-06-15T10:00:00Z');
    expect((await step({ path: '/', previous: null })).statusCode).toBe(204);
    expect((await step({ path: '/strom', previous: '/' })).statusCode).toBe(204);
    expect((await step({ path: '/strom', previous: '/' })).statusCode).toBe(204);
    expect((await step({ path: '/portal/rechnungen/4711', previous: '/strom' })).statusCode).toBe(204);
    const rows = await db()
      .selectFrom('analytics_transitions')
      .select(['day', 'from_path', 'to_path', 'count'])
      .orderBy('count', 'desc')
      .orderBy('to_path')
      .execute();
    expect(rows).toEqual([
      { day: '2026-06-15', from_path: '/', to_path: '/strom', count: 2 },
      { day: '2026-06-15', from_path: '(Einstieg)', to_path: '/', count: 1 },
      { day: '2026-06-15', from_path: '/strom', to_path: '/portal/rechnungen/:id', count: 1 },
    ]);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_name = 'analytics_transitions' and table_schema = current_schema() order by ordinal_position`.execute(t.database.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['id', 'day', 'from_path', 'to_path', 'count', 'last_counted_at']);
  });

  test('[C09] nothing is counted when the browser sends Do-Not-Track or Global Privacy Control', async () => {
    expect((await step({ path: '/strom', previous: '/' }, { dnt: '1' })).statusCode).toBe(204);
    expect((await step({ path: '/strom', previous: '/' }, { 'sec-gpc': '1' })).statusCode).toBe(204);
    expect(await db().selectFrom('analytics_transitions').selectAll().execute()).toEqual([]);
  });

  test('only paths of this site are counted; anything else is a 400', async () => {
    for (const body of [
      { path: 'https://evil.example/' },
      { path: '//evil.example' },
      { path: '/a b' },
      { path: `/${'x'.repeat(400)}` },
      { previous: '/' },
      'nonsense',
    ]) {
      expect((await step(body)).statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect(await db().selectFrom('analytics_transitions').selectAll().execute()).toEqual([]);
  });

  test('[C10] the statement and every page link to the objection page', async () => {
    const statement = await t.app.inject({ method: 'GET', url: '/datenschutz' });
    expect(statement.body).toContain('<a href="/datenschutz/nutzungsanalyse">Widerspruch gegen die Nutzungsanalyse</a>');
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('href="/datenschutz/nutzungsanalyse"');
    expect(home.body).toContain('<script src="/assets/analytics.js" defer>');
    const page = await t.app.inject({ method: 'GET', url: '/en/privacy/usage-analysis' });
    expect(page.body).toContain('Object to usage analysis');
  });
});
