import { type Kysely, sql } from 'kysely';

/**
 * The entries' time index as BRIN instead of a B-tree. Entries arrive in time order (live
 * requests, and each imported batch), so a block range's minimum and maximum time narrow a
 * search as well as the B-tree did, at a fraction of its upkeep: the B-tree cost about a sixth
 * of every imported row's write (docs/perf/accesslog-import.md). Retention walks the table by
 * pages and needs neither; a search by time (the count before a retention run) uses this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists accesslog_entries_occurred_at`.execute(db);
  await sql`create index accesslog_entries_occurred_at_brin on accesslog_entries using brin (occurred_at)`.execute(db);
}
