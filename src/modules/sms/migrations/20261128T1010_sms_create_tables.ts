import { type Kysely, sql } from 'kysely';

/** The free SMS: its outbox (C63), the daily counter (C62) and the record kept against abuse (C64). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('portal_customers.id').onDelete('cascade'))
    // The Berlin day whose quota the message used: a message that finally fails gives it back.
    .addColumn('usage_day', 'date', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index sms_outbox_due on sms_outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('sms_outbox_recipient').on('sms_outbox').column('recipient').execute();

  // One row per customer and day; the limit is enforced by a conditional upsert on it.
  await db.schema
    .createTable('sms_daily_usage')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('portal_customers.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().check(sql`sent >= 0`))
    .addUniqueConstraint('sms_daily_usage_unique', ['customer_id', 'day'])
    .execute();

  await db.schema
    .createTable('sms_abuse_record')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('customer_number', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sms_abuse_record_customer').on('sms_abuse_record').columns(['customer_number', 'sent_at']).execute();
  await db.schema.createIndex('sms_abuse_record_sent_at').on('sms_abuse_record').column('sent_at').execute();
}
