import type { Kysely } from 'kysely';

/**
 * Request counters of the rate limits, shared by every web instance on the database: one row
 * per limit and client address, counting the hits of the window that began at `window_start`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  // The retention run deletes by window start.
  await db.schema.createIndex('rate_limit_hits_window_start').on('rate_limit_hits').column('window_start').execute();
}
