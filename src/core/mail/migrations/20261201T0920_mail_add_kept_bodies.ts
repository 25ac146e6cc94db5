import type { Kysely } from 'kysely';

/**
 * The body a mail keeps once it is delivered (or given up): the same text with its one-time
 * secrets (keys, links) cut out. Null when the mail carries no secret.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('kept_text_body', 'text').addColumn('kept_html_body', 'text').execute();
}
