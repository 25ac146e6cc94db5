import { type Kysely, sql } from 'kysely';

/**
 * A ballot is saved in one statement (sponsoring.voting.ts): it writes a row for every approved
 * project of the cycle, with 0 for the ones not chosen, so that a save racing another one replaces
 * all of its rows (a statement cannot delete rows committed after it began). Zero rows count nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sponsoring_ballot_votes drop constraint sponsoring_ballot_votes_votes_check`.execute(db);
  await sql`alter table sponsoring_ballot_votes add constraint sponsoring_ballot_votes_votes_check check (votes >= 0)`.execute(db);
}
