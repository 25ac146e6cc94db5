import type { Kysely } from 'kysely';

/**
 * `keep_after_delivery`: whether a delivered mail keeps its content ('content') or only the facts
 * of its delivery ('metadata'), for mail whose causing record holds the text itself and is
 * deleted once handled. `confidential_to`: the one staff role that may read the mail while it
 * waits (an officer's correspondence), instead of the administrators who run the outbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('keep_after_delivery', 'text', (c) => c.notNull().defaultTo('content'))
    .addColumn('confidential_to', 'text')
    .execute();
}
