import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Topics a subscriber may choose; a campaign goes to one topic or to everybody.
  await db.schema
    .createTable('newsletter_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // One row per address; the consent proof (request and confirmation) lives on it.
  await db.schema
    .createTable('newsletter_subscribers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('salutation', 'text')
    .addColumn('name', 'text')
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('measure', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active')`))
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('request_form', 'text', (c) => c.notNull())
    .addColumn('statement_version', 'integer')
    .addColumn('requested_topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('new_email', 'text')
    .addColumn('new_email_token_hash', 'text', (c) => c.unique())
    .addColumn('new_email_requested_at', 'timestamptz')
    .addCheckConstraint('newsletter_subscribers_confirmed', sql`(status = 'active') = (confirmed_at is not null)`)
    .execute();

  // What proves a withdrawal once the address is gone: a keyed hash of it, when and how.
  await db.schema
    .createTable('newsletter_withdrawals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('one-click', 'preferences', 'hard-bounce', 'complaint', 'erasure')`),
    )
    .execute();
  await sql`create index newsletter_withdrawals_email_hash on newsletter_withdrawals (email_hash)`.execute(db);

  await db.schema
    .createTable('newsletter_campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.references('newsletter_topics.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'scheduled', 'sending', 'paused', 'sent')`))
    .addColumn('scheduled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('tracking_key', 'text')
    .addColumn('key_destroyed_at', 'timestamptz')
    .addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  // One row per recipient of a campaign: the unit a sender claims, marks and never sends twice.
  await db.schema
    .createTable('newsletter_sends')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('newsletter_campaigns.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'uuid', (c) => c.references('newsletter_subscribers.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('done_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('newsletter_sends_once', ['campaign_id', 'subscriber_id'])
    .execute();
  await sql`create index newsletter_sends_due on newsletter_sends (campaign_id, next_attempt_at) where status in ('pending', 'sending')`.execute(
    db,
  );

  // Pseudonymous opens and clicks, one per pseudonym and link, until the campaign's key is destroyed.
  await db.schema
    .createTable('newsletter_events')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('newsletter_campaigns.id').onDelete('cascade'))
    .addColumn('link', 'integer', (c) => c.notNull())
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_events_pk', ['campaign_id', 'link', 'pseudonym'])
    .execute();
  // Anonymous counts (link -1: opens), kept after the pseudonyms are gone.
  await db.schema
    .createTable('newsletter_counts')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('newsletter_campaigns.id').onDelete('cascade'))
    .addColumn('link', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_counts_pk', ['campaign_id', 'link'])
    .execute();
}
