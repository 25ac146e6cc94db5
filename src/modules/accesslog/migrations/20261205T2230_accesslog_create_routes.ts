import type { Kysely } from 'kysely';

/**
 * The page routes of the site as the web process registered them: statistics count a path
 * under its route (`/portal/vertraege/:id`), or as "other" when no route matches, so a path a
 * visitor typed (an e-mail address, a name) never becomes a key of the statistics (C08, C09).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accesslog_routes')
    .addColumn('pattern', 'text', (c) => c.primaryKey())
    .execute();
}
