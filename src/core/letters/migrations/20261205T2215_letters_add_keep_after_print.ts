import type { Kysely } from 'kysely';

/**
 * 'metadata': the letter's cause is gone (a request deleted once handled), so once printed the
 * letter keeps only kind, day, pages and when it was printed; 'content' keeps it for reprints.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('letters')
    .addColumn('keep_after_print', 'text', (c) => c.notNull().defaultTo('content'))
    .execute();
}
