import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // How each identifier of a request was proven; an identifier without a row is only what someone typed.
  await db.schema
    .createTable('dsr_verifications')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('dsr_requests.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull().check(sql`identifier in ('email', 'phone', 'customer-number')`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('email-link', 'portal-session', 'letter-code', 'staff-check')`))
    .addColumn('note', 'text')
    .addColumn('staff_id', 'uuid')
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('dsr_verifications_pk', ['request_id', 'identifier'])
    .execute();

  // A code sent by letter to the postal address on file for the customer number of a request.
  await db.schema
    .createTable('dsr_letter_codes')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('dsr_requests.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'timestamptz')
    .execute();
}
