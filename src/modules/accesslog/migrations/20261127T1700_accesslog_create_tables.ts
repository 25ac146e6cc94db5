import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accesslog_entries')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text')
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('bytes_sent', 'bigint', (c) => c.notNull())
    .addColumn('browser', 'text')
    .addColumn('os', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('live').check(sql`source in ('live', 'import')`))
    .addColumn('aggregated', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('accesslog_entries_occurred_at').on('accesslog_entries').column('occurred_at').execute();
  await sql`create index accesslog_entries_pending on accesslog_entries (id) where not aggregated`.execute(db);

  await db.schema
    .createTable('accesslog_daily_stats')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('live', 'import')`))
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('requests', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('accesslog_daily_stats_pk', ['day', 'source', 'dimension', 'key'])
    .execute();

  await db.schema
    .createTable('accesslog_imports')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('file_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('lines_read', 'bigint', (c) => c.notNull())
    .addColumn('lines_skipped', 'bigint', (c) => c.notNull())
    .addColumn('entries_kept', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'timestamptz')
    .addColumn('last_at', 'timestamptz')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
