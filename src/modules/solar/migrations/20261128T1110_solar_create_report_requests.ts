import { type Kysely, sql } from 'kysely';

/**
 * Requests for the detailed figures of a building (C25). One row holds the request, who
 * verified it and how, and how the report went out; the register deletes the row once the
 * request is handled (report sent or request declined).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('solar_report_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // What the person quotes; random, so it cannot be guessed or counted.
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('de', 'en')`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'tenant')`))
    .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('email', 'letter')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('postal_street', 'text', (c) => c.notNull())
    .addColumn('postal_postcode', 'text', (c) => c.notNull())
    .addColumn('postal_town', 'text', (c) => c.notNull())
    .addColumn('postal_country', 'text')
    // The building as the person named it; matched against the cadastre when staff look.
    .addColumn('building_street', 'text', (c) => c.notNull())
    .addColumn('building_number', 'text', (c) => c.notNull())
    .addColumn('building_postcode', 'text')
    .addColumn('building_town', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'verified', 'sent', 'handled', 'rejected')`))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'uuid')
    // How staff satisfied themselves that the person owns or rents the building.
    .addColumn('verification_note', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('sent_via', 'text', (c) => c.check(sql`sent_via in ('email', 'letter')`))
    .addColumn('sent_by', 'uuid')
    // Why a request was declined (internal).
    .addColumn('rejection_note', 'text')
    // Set when the report has gone out and the request is closed, or when it is declined: the
    // start of the register's deletion rule.
    .addColumn('handled_at', 'timestamptz')
    .addColumn('handled_by', 'uuid')
    .execute();
  await sql`create index solar_report_requests_open on solar_report_requests (received_at) where handled_at is null`.execute(db);
  await sql`create index solar_report_requests_handled on solar_report_requests (handled_at) where handled_at is not null`.execute(db);
  // Data-subject requests look requests up by address.
  await sql`create index solar_report_requests_email on solar_report_requests (lower(email))`.execute(db);
}
