import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { type Kysely, sql, type Transaction } from 'kysely';
import { inPGliteTransaction } from '../../core/db/index.ts';
import { foldRare, loadRouteMatcher, type RouteMatcher, reduceReferrer } from './accesslog.anonymity.ts';
import { type CopyEntry, ENTRY_COPY_SQL, EntryCopyBuffer } from './accesslog.copy-binary.ts';
import type { EntryColumns } from './accesslog.import-protocol.ts';
import { StatsAccumulator, type StatsRow } from './accesslog.stats.ts';
import type { AccesslogDailyStatsTable, AccesslogTables, StatsDimension } from './accesslog.tables.ts';

export type AccesslogDb = Kysely<AccesslogTables> | Transaction<AccesslogTables>;

/** An entry as the live log records it. */
export interface NewEntry extends CopyEntry {
  occurredAt: Date;
}

const CHUNK = 5_000;

/** What the live log needs of the embedded engine: transactions (COPY goes through one). */
export type EmbeddedEngine = Pick<PGlite, 'transaction'>;

/**
 * Writes live entries and counts them into the daily statistics in one transaction, so they are
 * stored as counted: no job has to read them back and mark them row by row (on the embedded
 * engine that took ~56 µs a row and held the web process for as long as the job ran). On the
 * embedded engine (given as `embedded`) the rows go in through binary COPY, the import's
 * format; on PostgreSQL through unnest(), which its server does the work of. `routes` reduces
 * pages to the routes the statistics may name (C08), as `addStats` would load them.
 */
export async function writeLiveEntries(
  db: Kysely<AccesslogTables>,
  entries: readonly NewEntry[],
  options: { embedded?: EmbeddedEngine | undefined; routes?: RouteMatcher | undefined } = {},
): Promise<void> {
  if (entries.length === 0) return;
  const counted = new StatsAccumulator();
  for (const e of entries) {
    counted.add({
      occurredAt: e.occurredAt.getTime(),
      path: e.path,
      referrer: e.referrer,
      status: e.status,
      bytes: e.bytesSent,
      browser: e.browser,
      os: e.os,
    });
  }
  const { embedded, routes } = options;
  if (embedded) {
    await inPGliteTransaction<AccesslogTables, void>(embedded as PGlite, async (trx, tx) => {
      await copyEntries(tx, entries);
      await addStats(trx, 'live', counted.rows(), routes);
    });
    return;
  }
  await db.transaction().execute(async (trx) => {
    await insertEntries(trx, entries);
    await addStats(trx, 'live', counted.rows(), routes);
  });
}

/**
 * Inserts live entries as column arrays through unnest(), one statement per few thousand rows,
 * stored as counted: the caller adds them to the statistics in the same transaction.
 */
async function insertEntries(db: AccesslogDb, entries: readonly NewEntry[]): Promise<void> {
  for (let offset = 0; offset < entries.length; offset += CHUNK) {
    const part = entries.slice(offset, offset + CHUNK);
    await insertEntryColumns(
      db,
      {
        occurredAt: part.map((e) => e.occurredAt.toISOString()),
        clientIp: part.map((e) => e.clientIp),
        method: part.map((e) => e.method),
        path: part.map((e) => e.path),
        referrer: part.map((e) => e.referrer),
        status: part.map((e) => e.status),
        bytesSent: part.map((e) => e.bytesSent),
        browser: part.map((e) => e.browser),
        os: part.map((e) => e.os),
      },
      'live',
      true,
    );
  }
}

/** The same, from column arrays (as the import's workers deliver them). */
export async function insertEntryColumns(
  db: AccesslogDb,
  c: EntryColumns,
  source: 'live' | 'import' = 'live',
  aggregated = false,
): Promise<void> {
  await sql`
    insert into accesslog_entries
      (occurred_at, client_ip, method, path, referrer, status, bytes_sent, browser, os, source, aggregated)
    select t.*, ${source}::text, ${aggregated}::boolean from unnest(
      ${c.occurredAt}::timestamptz[], ${c.clientIp}::text[], ${c.method}::text[], ${c.path}::text[],
      ${c.referrer}::text[], ${c.status}::smallint[], ${c.bytesSent}::bigint[], ${c.browser}::text[], ${c.os}::text[]
    ) as t`.execute(db);
}

/** What COPY needs of the embedded engine: PGlite itself or one of its transactions. */
export type CopyTarget = Pick<PGliteTransaction, 'query'>;

/**
 * Live entries through binary COPY on the embedded engine (the encoder the import's workers use):
 * no timestamp text or escaping for the engine to parse, where every write costs the web
 * process's own CPU. Stored as counted: the caller adds them to the statistics in the same
 * transaction.
 */
async function copyEntries(target: CopyTarget, entries: readonly NewEntry[]): Promise<void> {
  // About 150 bytes a row; the buffer grows if a row is longer.
  const copy = new EntryCopyBuffer('live', true, entries.length * 256);
  for (const e of entries) copy.add(e);
  await target.query(ENTRY_COPY_SQL, [], { blob: new Blob([copy.finish()]) });
}

/**
 * The figures as they may be kept: a page under its route or "other", a referrer as a known site
 * or "other" (C08, C09). Keys that become the same are added up.
 */
async function anonymousKeys(db: AccesslogDb, rows: Iterable<StatsRow>, known?: RouteMatcher): Promise<StatsRow[]> {
  const routes = known ?? (await loadRouteMatcher(db));
  const merged = new Map<string, StatsRow>();
  for (const r of rows) {
    const key = r.dimension === 'page' ? routes.reduce(r.key) : r.dimension === 'referrer_host' ? reduceReferrer(r.key) : r.key;
    const id = `${r.day}|${r.dimension}|${key}`;
    const hit = merged.get(id);
    if (hit) {
      hit.requests += r.requests;
      hit.bytes += r.bytes;
    } else merged.set(id, { ...r, key });
  }
  return [...merged.values()];
}

/** Adds counted figures to the daily statistics (`routes`: the known routes, else read from the table). */
export async function addStats(
  db: AccesslogDb,
  source: 'live' | 'import',
  rows: Iterable<StatsRow>,
  routes?: RouteMatcher,
): Promise<number> {
  const all = await anonymousKeys(db, rows, routes);
  for (let offset = 0; offset < all.length; offset += CHUNK) {
    const part = all.slice(offset, offset + CHUNK);
    await sql`
      insert into accesslog_daily_stats (day, source, dimension, key, requests, bytes)
      select t.day, ${source}::text, t.dimension, t.key, t.requests, t.bytes from unnest(
        ${part.map((r) => r.day)}::date[],
        ${part.map((r) => r.dimension)}::text[],
        ${part.map((r) => r.key)}::text[],
        ${part.map((r) => r.requests)}::bigint[],
        ${part.map((r) => r.bytes)}::bigint[]
      ) as t(day, dimension, key, requests, bytes)
      on conflict (day, source, dimension, key) do update
        set requests = accesslog_daily_stats.requests + excluded.requests,
            bytes = accesslog_daily_stats.bytes + excluded.bytes`.execute(db);
  }
  return all.length;
}

/**
 * Rows per transaction when counting left-over entries. On the embedded engine a batch holds
 * the web process's event loop from its select to its commit; a turn of the loop between two
 * batches lets requests through. 50,000 rows on a 2-core machine: batches of 1,000 cost 41–44 µs
 * a row and held the loop for at most 110 ms; of 20,000, 24 µs and 410 ms; of 250, 90 µs and
 * 85 ms (each batch has a transaction and statements of its own).
 */
export const PENDING_BATCH = 1_000;

/**
 * Counts live entries the statistics have not seen yet, a batch at a time: entries stored
 * before the live writer counted them itself (see writeLiveEntries), e.g. by an older version
 * during an upgrade. Rows are claimed with SKIP LOCKED, so several workers on one PostgreSQL
 * never count an entry twice.
 */
export async function aggregatePending(db: Kysely<AccesslogTables>, batchSize = PENDING_BATCH): Promise<number> {
  let total = 0;
  // Read once, when there is something to count: the routes do not change between batches.
  let routes: RouteMatcher | undefined;
  for (let first = true; ; first = false) {
    // Not a microtask: a macrotask turn, so requests that arrived meanwhile are served first.
    if (!first) await nextTurn();
    const counted = await db.transaction().execute(async (trx) => {
      const rows = await sql<{
        id: number;
        occurred_at: Date;
        path: string;
        referrer: string | null;
        status: number;
        bytes_sent: number;
        browser: string | null;
        os: string | null;
      }>`
        select id, occurred_at, path, referrer, status, bytes_sent, browser, os
        from accesslog_entries
        where not aggregated and source = 'live'
        order by id
        limit ${batchSize}
        for update skip locked`.execute(trx);
      if (rows.rows.length === 0) return 0;
      const acc = new StatsAccumulator();
      for (const r of rows.rows) {
        acc.add({
          occurredAt: r.occurred_at.getTime(),
          path: r.path,
          referrer: r.referrer,
          status: r.status,
          bytes: r.bytes_sent,
          browser: r.browser,
          os: r.os,
        });
      }
      routes ??= await loadRouteMatcher(trx);
      await addStats(trx, 'live', acc.rows(), routes);
      await sql`update accesslog_entries set aggregated = true where id = any(${rows.rows.map((r) => r.id)}::bigint[])`.execute(trx);
      return rows.rows.length;
    });
    total += counted;
    if (counted < batchSize) return total;
  }
}

export interface StatsFigure {
  dimension: StatsDimension;
  key: string;
  requests: number;
  bytes: number;
}

/** Dimensions whose keys could single out a visitor when rare; status, hour and total cannot. */
const RARE_FOLDED: readonly StatsDimension[] = ['page', 'referrer_host', 'browser', 'os'];

/**
 * Figures for a range of days (inclusive, Europe/Berlin calendar days), live and imported
 * together; a key counted fewer than `k` times in the range is shown as "other" (k-anonymity).
 */
export async function readStats(db: Kysely<AccesslogTables>, from: string, to: string, k: number): Promise<StatsFigure[]> {
  const figures = await readRawStats(db, from, to);
  const out: StatsFigure[] = [];
  for (const dimension of [...new Set(figures.map((f) => f.dimension))]) {
    const rows = figures.filter((f) => f.dimension === dimension);
    out.push(...(RARE_FOLDED.includes(dimension) ? foldRare(rows, k) : rows));
  }
  return out;
}

async function readRawStats(db: Kysely<AccesslogTables>, from: string, to: string): Promise<StatsFigure[]> {
  const rows = await db
    .selectFrom('accesslog_daily_stats')
    .select(['dimension', 'key', sql<number>`sum(requests)::bigint`.as('requests'), sql<number>`sum(bytes)::bigint`.as('bytes')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['dimension', 'key'])
    .orderBy('dimension')
    .orderBy(sql`sum(requests)`, 'desc')
    .orderBy('key')
    .execute();
  return rows as StatsFigure[];
}

export async function readDailyTotals(
  db: Kysely<AccesslogTables>,
  from: string,
  to: string,
): Promise<Pick<AccesslogDailyStatsTable, 'day' | 'requests' | 'bytes'>[]> {
  const rows = await db
    .selectFrom('accesslog_daily_stats')
    .select(['day', sql<number>`sum(requests)::bigint`.as('requests'), sql<number>`sum(bytes)::bigint`.as('bytes')])
    .where('dimension', '=', 'total')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows;
}
