import { type Kysely, sql } from 'kysely';

/** Customer service answers a portal task: done or declined, with a message the customer reads. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_tasks add column outcome text check (outcome in ('done', 'declined'))`.execute(db);
  await sql`alter table portal_tasks add column answer text`.execute(db);
}
