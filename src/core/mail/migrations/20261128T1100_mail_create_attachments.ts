import type { Kysely } from 'kysely';

/**
 * Attachments of outbox mail (e.g. a report as PDF), in the order given. They belong to their
 * mail: whatever deletes the mail (retention, erasure on request) deletes them with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_attachments')
    .addColumn('mail_id', 'uuid', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_attachments_pkey', ['mail_id', 'position'])
    .execute();
}
