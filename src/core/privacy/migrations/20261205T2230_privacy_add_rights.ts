import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every right the statement grants is a kind of request (Art. 15–21 GDPR).
  await sql`alter table dsr_requests drop constraint if exists dsr_requests_kind_check`.execute(db);
  await sql`alter table dsr_requests add constraint dsr_requests_kind_check
    check (kind in ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'))`.execute(db);
  // The deadline can be extended once by two months with a reason (Art. 12(3) GDPR); the DPO is
  // reminded once a week before it and once when it has passed.
  await db.schema
    .alterTable('dsr_requests')
    .addColumn('extended_at', 'timestamptz')
    .addColumn('extension_reason', 'text')
    .addColumn('reminded_soon_at', 'timestamptz')
    .addColumn('reminded_overdue_at', 'timestamptz')
    .execute();

  // Records whose processing is restricted (Art. 18 GDPR): kept, excluded from processing and
  // from retention, until the DPO lifts the restriction.
  await db.schema
    .createTable('restrictions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'uuid', (c) => c.references('dsr_requests.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('set_by', 'uuid')
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lifted_at', 'timestamptz')
    .addColumn('lifted_by', 'uuid')
    .addColumn('lift_reason', 'text')
    .execute();
  // One live restriction per record, however many staff press the button at once.
  await sql`create unique index restrictions_live on restrictions (table_name, record_id) where lifted_at is null`.execute(db);

  // The register of personal-data breaches (Art. 33(5) GDPR).
  await db.schema
    .createTable('breaches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz')
    .addColumn('discovered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('people_affected', 'integer', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('notify', 'no-notification')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid')
    .addColumn('notified_at', 'timestamptz')
    .addColumn('recorded_by', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
