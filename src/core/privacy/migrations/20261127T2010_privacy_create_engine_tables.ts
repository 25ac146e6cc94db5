import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed', 'interrupted')`))
    .addColumn('error', 'text')
    .execute();

  // Proof of deletion: what was deleted when, by which rule. Counts only, never the data.
  await db.schema
    .createTable('deletion_records')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('retention_runs.id').onDelete('cascade'))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('delete', 'anonymise')`))
    .addColumn('affected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('deletion_records_pk', ['run_id', 'activity', 'rule'])
    .execute();
  await db.schema.createIndex('deletion_records_activity').on('deletion_records').columns(['activity', 'started_at']).execute();

  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('proof', 'customer-care', 'statutory')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addColumn('set_by', 'uuid', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz')
    .addColumn('released_by', 'uuid')
    .execute();
  await sql`create index legal_holds_active on legal_holds (table_name, record_id) where released_at is null`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'uuid')
    .addColumn('staff_email', 'text')
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('reason', 'text')
    .addColumn('ip', 'text')
    .addColumn('path', 'text')
    .execute();
  await db.schema.createIndex('audit_log_occurred_at').on('audit_log').column('occurred_at').execute();
  await db.schema.createIndex('audit_log_staff').on('audit_log').columns(['staff_id', 'occurred_at']).execute();

  // Append-only in the database itself: no UPDATE, no TRUNCATE, and DELETE only inside a
  // retention transaction of the audit log's own rule (the runner sets the flag locally).
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('stadtwerk.retention_rule', true) = 'privacy.audit-log/expire' then
        return old;
      end if;
      raise exception 'audit_log is append-only (% refused)', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  await db.schema
    .createTable('statement_versions')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('valid_since', 'timestamptz', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dsr_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'erasure', 'objection')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('customer_number', 'text')
    .addColumn('message', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unconfirmed', 'open', 'answered', 'rejected')`))
    .addColumn('closed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('dsr_events')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('dsr_requests.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}
