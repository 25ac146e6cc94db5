import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The general contact form and the two officers' forms: one shape, told apart by kind.
  await db.schema
    .createTable('contact_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('general', 'dpo', 'equal-treatment')`))
    .addColumn('topic', 'text')
    .addColumn('salutation', 'text', (c) => c.notNull().check(sql`salutation in ('ms', 'mr', 'diverse', 'none')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('customer_number', 'text')
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('assigned_to', 'uuid', (c) => c.references('staff_accounts.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'handled')`))
    .addColumn('handled_at', 'timestamptz')
    // A general request always has the topic that routes it; an officer's never has one.
    .addCheckConstraint('contact_requests_topic', sql`(kind = 'general') = (topic is not null)`)
    .addCheckConstraint('contact_requests_handled', sql`(status = 'handled') = (handled_at is not null)`)
    .execute();
  await sql`create index contact_requests_inbox on contact_requests (kind, topic, status, created_at)`.execute(db);
  await sql`create index contact_requests_email on contact_requests (email)`.execute(db);
  await sql`create index contact_requests_phone on contact_requests (phone) where phone is not null`.execute(db);
  await sql`create index contact_requests_customer_number on contact_requests (customer_number) where customer_number is not null`.execute(
    db,
  );

  await db.schema
    .createTable('contact_callbacks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('slot_start', 'timestamptz', (c) => c.notNull())
    .addColumn('slot_end', 'timestamptz', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('assigned_to', 'uuid', (c) => c.references('staff_accounts.id').onDelete('set null'))
    .addColumn('done_at', 'timestamptz')
    .addCheckConstraint('contact_callbacks_slot', sql`slot_start < slot_end`)
    .execute();
  await sql`create index contact_callbacks_inbox on contact_callbacks (slot_start) where done_at is null`.execute(db);
  await sql`create index contact_callbacks_phone on contact_callbacks (phone)`.execute(db);

  // Notes, answers and steps of either kind of request; they go with it.
  await db.schema
    .createTable('contact_events')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.references('contact_requests.id').onDelete('cascade'))
    .addColumn('callback_id', 'uuid', (c) => c.references('contact_callbacks.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'uuid')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('note', 'assigned', 'answer-mail', 'answer-letter', 'handled', 'done')`),
    )
    .addColumn('body', 'text')
    .addColumn('document_id', 'uuid')
    .addCheckConstraint('contact_events_owner', sql`num_nonnulls(request_id, callback_id) = 1`)
    .execute();
  await sql`create index contact_events_request on contact_events (request_id) where request_id is not null`.execute(db);
  await sql`create index contact_events_callback on contact_events (callback_id) where callback_id is not null`.execute(db);
}
