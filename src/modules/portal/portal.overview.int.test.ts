import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CustomerAgent, createTestCustomer, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { berlinToday } from './portal.format.ts';
import { contractViews, overviewOf } from './portal.overview.ts';
import { readingsOf, storeCustomerReading } from './portal.queries.ts';
import type { PortalTables } from './portal.tables.ts';
import { answeredTasksOf, answerTask, createTask, openTasksOf } from './portal.tasks.ts';

/**
 * Every statement the application sends, by kind, while `counting` is on. A plugin sees each
 * subquery too (transformQuery), but a result only once per statement sent (transformResult).
 */
const statements: string[] = [];
let counting = false;
const kinds = new Map<string, string>();
const counter: KyselyPlugin = {
  transformQuery: ({ node, queryId }) => {
    kinds.set(queryId.queryId, node.kind);
    return node;
  },
  transformResult: async ({ result, queryId }) => {
    // Kinds stay known: a query template (core/db/query-template.ts) runs one compiled query, with
    // its query id, again and again.
    if (counting) statements.push(kinds.get(queryId.queryId) ?? 'unknown');
    return result;
  },
};

let t: TestApp;
let c: TestCustomer;
let agent: CustomerAgent;
const db = () => t.database.db.withTables<PortalTables>();

beforeAll(async () => {
  const database = await createTestDatabase();
  // The access log is flushed by its timer; an hour keeps its batch out of the counted request.
  t = await createTestApp({
    database: { ...database, db: database.db.withPlugin(counter) },
    env: { ACCESSLOG_FLUSH_INTERVAL_MS: '3600000' },
  });
  c = await createTestCustomer(t.database.db, t.clock.now(), { seed: 31 });
  agent = await signInCustomer(t.app, c);
});
afterAll(() => t?.close());

describe('the overview in one round trip (issue 18)', () => {
  test('[C33] the one statement gives what the separate queries give: contracts, meters, consumption, last reading, next instalment, open and answered requests', async () => {
    const now = t.clock.now();
    const contracts = await db().selectFrom('portal_contracts').select('id').where('customer_id', '=', c.customerId).execute();
    const first = contracts[0]?.id ?? null;
    const open = await createTask(db(), { customerId: c.customerId, contractId: first, kind: 'move', payload: {}, now });
    await createTask(db(), { customerId: c.customerId, contractId: null, kind: 'instalment', payload: {}, now });
    const answered = await createTask(db(), { customerId: c.customerId, contractId: first, kind: 'bank-mandate', payload: {}, now });
    await answerTask(db(), answered.id, c.customerId, now, { outcome: 'declined', message: 'Bitte erneut senden' });
    // A reading awaiting customer service's check is no part of either.
    const [reading] = await readingsOf(db(), c.customerId);
    if (!reading) throw new Error('the test customer has no readings');
    await storeCustomerReading(db(), reading.meter_id, berlinToday(now), '999999', now, true);

    const today = berlinToday(now);
    const since = new Date(now.getTime() - 60 * 86_400_000);
    const overview = await overviewOf(db(), c.customerId, today, since);
    expect(overview).toEqual({
      contracts: await contractViews(db(), c.customerId, today),
      tasks: await openTasksOf(db(), c.customerId),
      answers: await answeredTasksOf(db(), c.customerId, since),
    });
    expect(overview.contracts.length).toBeGreaterThan(1);
    expect(overview.contracts.every((k) => k.months.length >= 24 && k.lastReading && k.meters.length > 0)).toBe(true);
    expect(overview.tasks.map((k) => k.reference)).toContain(open.reference);
    expect(overview.tasks[0]?.created_at).toBeInstanceOf(Date);
    expect(overview.answers.map((a) => [a.reference, a.outcome, a.answer])).toEqual([
      [answered.reference, 'declined', 'Bitte erneut senden'],
    ]);
    // Another customer's overview holds none of it (C34).
    const other = await createTestCustomer(t.database.db, now, { seed: 32, account: false });
    const theirs = await overviewOf(db(), other.customerId, today, since);
    expect(theirs.tasks).toEqual([]);
    expect(theirs.answers).toEqual([]);
    expect(theirs.contracts.map((k) => k.contract.id)).not.toContain(first);
  });

  test('a signed-in overview costs two statements: the session with its customer, and the page data', async () => {
    statements.length = 0;
    counting = true;
    const res = await agent.get('/portal');
    counting = false;
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('svg class="chart"');
    // And no write of the page limit's counter: on PostgreSQL it is shared once a second (decision 022).
    expect(statements).toEqual(['SelectQueryNode', 'SelectQueryNode']);
  });

  test('a session past its idle time is deleted and leads to the sign-in, as before', async () => {
    t.clock.advance(31 * 60_000);
    const res = await agent.get('/portal');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/portal\/anmelden/);
    const left = await t.database.db
      .withTables<{ sessions: { subject_id: string } }>()
      .selectFrom('sessions')
      .select('subject_id')
      .where('subject_id', '=', c.accountId ?? '')
      .execute();
    expect(left).toEqual([]);
  });
});
