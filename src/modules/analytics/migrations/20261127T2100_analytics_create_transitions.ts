import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Counts of "from this page to that page" per day: the order of visits, with nothing that
  // tells one visitor from another.
  await db.schema
    .createTable('analytics_transitions')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('from_path', 'text', (c) => c.notNull())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('last_counted_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('analytics_transitions_step', ['day', 'from_path', 'to_path'])
    .execute();
  await sql`create index analytics_transitions_last on analytics_transitions (last_counted_at)`.execute(db);
}
