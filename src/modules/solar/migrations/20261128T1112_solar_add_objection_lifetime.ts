import { type Kysely, sql } from 'kysely';

/**
 * An objection is kept as long as its building is in the model (C26): `building_gone_at` is set
 * when no building of the model matches the objection's blackouts any more (cleared if one comes
 * back), and the register deletes the objector's data some time after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table solar_objections add column building_gone_at timestamptz`.execute(db);
  await sql`create index solar_objections_gone on solar_objections (building_gone_at) where building_gone_at is not null`.execute(db);
  await sql`create index solar_blackouts_objection on solar_blackouts (objection_id) where objection_id is not null`.execute(db);
  // Data-subject requests look objections up by address.
  await sql`create index solar_objections_email on solar_objections (lower(email))`.execute(db);
}
