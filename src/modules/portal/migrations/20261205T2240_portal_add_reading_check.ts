import { type Kysely, sql } from 'kysely';

/**
 * A reading the customer confirmed despite the plausibility warning waits for customer service:
 * until then it is neither the "last reading" nor the base of the next check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_meter_readings add column awaiting_check boolean not null default false`.execute(db);
}
