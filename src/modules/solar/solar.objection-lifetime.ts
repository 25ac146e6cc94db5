import { type Kysely, sql, type Transaction } from 'kysely';
import type { SolarTables } from './solar.tables.ts';

type Db = Kysely<SolarTables> | Transaction<SolarTables>;

/**
 * Whether the model still holds a building one of the objection's blackouts names: by ALKIS id,
 * or by address for a building the model has since given a new id (the same test the public
 * views use to hide it).
 */
const present = sql`exists (
  select 1 from solar_blackouts k
  where k.objection_id = o.id and (
    exists (select 1 from solar_buildings b where b.alkis_id = k.alkis_id)
    or (k.address_key is not null and exists (select 1 from solar_addresses a where a.address_key = k.address_key))))`;

/**
 * Keeps `building_gone_at` true (C26: the objection is kept as long as the building is in the
 * model): set to `now` for objections whose building the model no longer holds, cleared for
 * those whose building is back. Run after every import and before the retention rule, so the
 * rule never counts from a stale mark. Returns how many objections changed either way.
 */
export async function markObjectionsOfGoneBuildings(db: Db, now: Date): Promise<{ gone: number; back: number }> {
  const gone = await sql`
    update solar_objections o set building_gone_at = ${now.toISOString()}::timestamptz
    where o.building_gone_at is null and not ${present}`.execute(db);
  const back = await sql`
    update solar_objections o set building_gone_at = null
    where o.building_gone_at is not null and ${present}`.execute(db);
  return { gone: Number(gone.numAffectedRows ?? 0), back: Number(back.numAffectedRows ?? 0) };
}
