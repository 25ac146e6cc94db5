import type { PGlite, Transaction } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { countLoopTurns } from '../../../tests/support/loop-turns.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { createLogger } from '../../core/logger.ts';
import type { EmbeddedEngine, NewEntry } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';
import { AccessLogWriter, EMBEDDED_ENTRIES_PER_WRITE } from './accesslog.writer.ts';

// The embedded engine on purpose, in either project: the contract is about PGlite, which runs
// inside the web process and holds its event loop while a statement runs.
let database: TestDatabase;
let pglite: PGlite;
beforeAll(async () => {
  database = await createTestDatabase('pglite');
  pglite = database.pglite as PGlite;
});
afterAll(() => database?.close());
beforeEach(async () => {
  await sql`delete from accesslog_entries`.execute(database.db);
});

const entry = (i: number): NewEntry => ({
  occurredAt: new Date(Date.UTC(2026, 11, 6, 10, 0, 0, i)),
  clientIp: '192.0.2.1',
  method: 'GET',
  path: `/seite/${i}`,
  referrer: null,
  status: 200,
  bytesSent: i,
  browser: 'Firefox 133',
  os: 'Linux',
});

/**
 * The real PGlite, with each write's COPY row count noted and how many turns of the event loop
 * (setImmediate callbacks, which run only once pending I/O has had its turn) had passed by then.
 */
function observedPGlite() {
  const writes: { rows: number; turn: number }[] = [];
  const loop = countLoopTurns();
  // Inside a transaction the engine answers that transaction only: rows are counted through it.
  const count = async (tx: Transaction) =>
    (await tx.query<{ n: number }>('select count(*)::int as n from accesslog_entries')).rows[0]?.n ?? 0;
  const target: EmbeddedEngine = {
    transaction: ((work: (tx: Transaction) => Promise<unknown>) =>
      pglite.transaction(async (tx) => {
        const turn = loop.turns;
        const observedTx = new Proxy(tx, {
          get(real, name) {
            if (name !== 'query') return Reflect.get(real, name, real);
            return async (query: string, params?: unknown[], options?: { blob?: Blob }) => {
              if (!query.startsWith('copy')) return real.query(query, params, options);
              // The rows this COPY adds (its buffer is binary): the table's count before and after.
              const before = await count(real);
              const result = await real.query(query, params, options);
              writes.push({ rows: (await count(real)) - before, turn });
              return result;
            };
          },
        });
        return work(observedTx);
      })) as EmbeddedEngine['transaction'],
  };
  return { target, writes, stop: loop.stop };
}

const stored = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from accesslog_entries`.execute(database.db)).rows[0]?.n ?? 0);

test(`the writer holds the event loop for at most ${EMBEDDED_ENTRIES_PER_WRITE} entries on the embedded engine: one COPY per part, a turn of the loop between two`, async () => {
  const observed = observedPGlite();
  const writer = new AccessLogWriter({
    db: database.db.withTables<AccesslogTables>(),
    log: createLogger('silent'),
    flushIntervalMs: 60_000,
    batchSize: 10_000,
    embedded: observed.target,
  });
  for (let i = 0; i < 10 * EMBEDDED_ENTRIES_PER_WRITE + 50; i++) writer.record(entry(i));
  await writer.flush();
  observed.stop();

  expect(observed.writes.map((w) => w.rows)).toEqual([...Array(10).fill(EMBEDDED_ENTRIES_PER_WRITE), 50]);
  for (let i = 1; i < observed.writes.length; i++)
    expect(observed.writes[i]?.turn, `a turn of the loop before write ${i + 1}`).toBeGreaterThan(observed.writes[i - 1]?.turn ?? 0);
  expect(await stored()).toBe(10 * EMBEDDED_ENTRIES_PER_WRITE + 50);
  expect(writer.pending).toBe(0);
});

test('entries recorded while a write loop runs are kept: a full batch joins the running loop, a smaller rest is written by the next flush', async () => {
  const observed = observedPGlite();
  const writer = new AccessLogWriter({
    db: database.db.withTables<AccesslogTables>(),
    log: createLogger('silent'),
    flushIntervalMs: 60_000,
    batchSize: 300,
    embedded: observed.target,
  });
  for (let i = 0; i < 300; i++) writer.record(entry(i)); // the 300th starts the loop
  for (let i = 300; i < 900; i++) writer.record(entry(i)); // two full batches more, while it runs
  for (let i = 900; i < 950; i++) writer.record(entry(i));
  await writer.flush();
  observed.stop();

  expect(Math.max(...observed.writes.map((w) => w.rows))).toBeLessThanOrEqual(EMBEDDED_ENTRIES_PER_WRITE);
  expect(await stored()).toBe(950);
  const bytes = await sql<{ b: string }>`select sum(bytes_sent) as b from accesslog_entries`.execute(database.db);
  expect(Number(bytes.rows[0]?.b)).toBe((949 * 950) / 2); // each entry once
});
