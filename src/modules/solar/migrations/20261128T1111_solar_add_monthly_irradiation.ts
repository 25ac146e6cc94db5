import { type Kysely, sql } from 'kysely';

/**
 * The in-plane irradiation of each roof surface per calendar month (12 numbers, kWh/m², summing
 * to the annual value), for the monthly chart of the detailed report (C25). Results computed
 * before have none; the next `solar compute` fills them in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table solar_surface_results add column monthly_kwh_m2 jsonb`.execute(db);
}
