import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Job postings: public, no personal data. The selection ends once per posting.
  await db.schema
    .createTable('careers_postings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('title_de', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description_de', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('selection_ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index careers_postings_open on careers_postings (closes_at) where selection_ended_at is null`.execute(db);

  await db.schema
    .createTable('careers_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('posting_id', 'uuid', (c) => c.notNull().references('careers_postings.id').onDelete('restrict'))
    .addColumn('category', 'text', (c) => c.notNull())
    // The department the application was forwarded to (the row scope, decision 004); null while only HR has it.
    .addColumn('forwarded_to', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('received', 'forwarded', 'interview', 'offer', 'hired', 'rejected')`),
    )
    // The furthest stage reached, for the statistics that outlive the person.
    .addColumn('stage_reached', 'text', (c) =>
      c.notNull().check(sql`stage_reached in ('received', 'forwarded', 'interview', 'offer', 'hired')`),
    )
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('answers', 'jsonb')
    .addColumn('message', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // SHA-256 of the status link's token; the token itself is only in the applicant's mail.
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('email_confirmed_at', 'timestamptz')
    .addColumn('selection_ended_at', 'timestamptz')
    .addColumn('exported_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .addCheckConstraint('careers_applications_person', sql`(anonymised_at is null) = (name is not null and email is not null)`)
    .execute();
  await sql`create index careers_applications_posting on careers_applications (posting_id, status)`.execute(db);
  await sql`create index careers_applications_email on careers_applications (lower(email)) where email is not null`.execute(db);

  // Notes and steps of an application; they go with the applicant's data.
  await db.schema
    .createTable('careers_events')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('careers_applications.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('note', 'status', 'forwarded', 'mail', 'exported')`))
    .addColumn('body', 'text')
    .execute();
  await sql`create index careers_events_application on careers_events (application_id, occurred_at)`.execute(db);
}
