import { type Kysely, sql } from 'kysely';

/**
 * The sponsoring vote: cycles with dated phases (C40), project applications (C45–C49), voters
 * (C41, C44), ballots without any link to a person (C42, C43) and the customer numbers used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sponsoring_cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_from', 'timestamptz', (c) => c.notNull())
    .addColumn('review_from', 'timestamptz', (c) => c.notNull())
    .addColumn('voting_from', 'timestamptz', (c) => c.notNull())
    .addColumn('result_from', 'timestamptz', (c) => c.notNull())
    .addColumn('sponsoring_from', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull().check(sql`budget_cents >= 0`))
    // Set once the votes are counted and the winners marked (at the start of the result phase).
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'sponsoring_cycles_order',
      sql`application_from < review_from and review_from < voting_from and voting_from < result_from and result_from < sponsoring_from and sponsoring_from < completed_at`,
    )
    .execute();

  await db.schema
    .createTable('sponsoring_projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('sponsoring_cycles.id'))
    // The project's number on the ballot, given when it is approved.
    .addColumn('number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('budget_cents', 'integer', (c) => c.notNull().check(sql`budget_cents > 0`))
    .addColumn('sponsor_name', 'text')
    .addColumn('sponsor_street', 'text')
    .addColumn('sponsor_postcode', 'text')
    .addColumn('sponsor_city', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'approved', 'rejected')`))
    .addColumn('criteria_met', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision_reason', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('votes', 'integer')
    .addColumn('funded', 'boolean')
    // When the result decided the project's fate (funded or not): retention starts here (C49).
    .addColumn('decided_at', 'timestamptz')
    // When the sponsoring of a winner was carried out (the cycle's end): retention starts here (C48).
    .addColumn('completed_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('sponsoring_projects_number', ['cycle_id', 'number'])
    .execute();
  await db.schema.createIndex('sponsoring_projects_cycle').on('sponsoring_projects').columns(['cycle_id', 'status']).execute();

  await db.schema
    .createTable('sponsoring_ballots')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('sponsoring_cycles.id'))
    // Only the hash of the voter's receipt code is kept and published; nothing ties it to a person.
    .addColumn('receipt_hash', 'text', (c) => c.notNull().unique())
    .addColumn('votes_allowed', 'integer', (c) => c.notNull())
    .addColumn('votes_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_bonus', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('paper', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('final', 'boolean', (c) => c.notNull().defaultTo(false))
    // The allowance holds in the database itself, whatever the application does (C42, C43).
    .addCheckConstraint('sponsoring_ballots_allowance', sql`votes_used >= 0 and votes_used <= votes_allowed`)
    .execute();
  await db.schema.createIndex('sponsoring_ballots_cycle').on('sponsoring_ballots').column('cycle_id').execute();

  await db.schema
    .createTable('sponsoring_ballot_votes')
    .addColumn('ballot_id', 'uuid', (c) => c.notNull().references('sponsoring_ballots.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('sponsoring_projects.id'))
    .addColumn('votes', 'integer', (c) => c.notNull().check(sql`votes > 0`))
    .addPrimaryKeyConstraint('sponsoring_ballot_votes_pk', ['ballot_id', 'project_id'])
    .execute();
  await db.schema.createIndex('sponsoring_ballot_votes_project').on('sponsoring_ballot_votes').column('project_id').execute();

  await db.schema
    .createTable('sponsoring_voters')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('sponsoring_cycles.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    // The mailbox the address reaches (lower case; Gmail's dots and +tags folded): one registration each.
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('salutation', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('confirm_hash', 'text', (c) => c.unique())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('ballot_token_hash', 'text', (c) => c.unique())
    .addColumn('ballot_id', 'uuid', (c) => c.references('sponsoring_ballots.id'))
    .addColumn('bonus_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // The end of the voting phase: the voter's data is deleted then (C44).
    .addColumn('voting_ends_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('sponsoring_voters_once', ['cycle_id', 'email_key'])
    .execute();

  // Each customer number gives extra votes once per cycle; kept as a keyed hash until voting ends.
  await db.schema
    .createTable('sponsoring_customer_uses')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('cycle_id', 'text', (c) => c.notNull().references('sponsoring_cycles.id'))
    .addColumn('number_hash', 'text', (c) => c.notNull())
    .addColumn('voting_ends_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('sponsoring_customer_uses_once', ['cycle_id', 'number_hash'])
    .execute();
}
