import { type Kysely, sql } from 'kysely';
import type { SuitabilityClass } from './compute/suitability.ts';
import { numberKey, streetKey, townKey } from './solar.address.ts';
import type { GeoJsonMultiPolygon, SolarTables } from './solar.tables.ts';

export type SolarDb = Kysely<SolarTables>;

/**
 * The one condition every public answer applies (C26): a building is hidden when its ALKIS id
 * was objected to, or, for a building the model has since given a new id, one of its addresses.
 */
export const visible = sql`
  not exists (select 1 from solar_blackouts o where o.alkis_id = b.alkis_id)
  and not exists (
    select 1 from solar_blackouts o join solar_addresses x on x.address_key = o.address_key
    where x.building_id = b.id)`;

export interface PublicBuilding {
  suitability: SuitabilityClass;
  footprint: GeoJsonMultiPolygon;
  /** Distinct addresses (street, number) of the building; empty for outbuildings without one. */
  addresses: { street: string; number: string }[];
}

/**
 * Every computed, visible building for the public map: its footprint, class and addresses, and
 * nothing else (C24). No id leaves this function.
 */
export async function publicBuildings(db: SolarDb): Promise<PublicBuilding[]> {
  const { rows } = await sql<{
    id: number;
    footprint: GeoJsonMultiPolygon;
    suitability: SuitabilityClass;
    street: string | null;
    number: string | null;
  }>`
    select b.id, b.footprint, r.suitability, a.street, a.number
    from solar_buildings b
    join solar_building_results r on r.building_id = b.id
    left join solar_addresses a on a.building_id = b.id
    where ${visible}
    order by b.id, a.id`.execute(db);
  const out: PublicBuilding[] = [];
  let lastId = -1;
  for (const row of rows) {
    if (row.id !== lastId) {
      out.push({ suitability: row.suitability, footprint: row.footprint, addresses: [] });
      lastId = row.id;
    }
    const building = out[out.length - 1] as PublicBuilding;
    if (row.street === null) continue;
    const number = row.number ?? '';
    if (!building.addresses.some((a) => a.street === row.street && a.number === number))
      building.addresses.push({ street: row.street, number });
  }
  return out;
}

export interface AddressHit {
  street: string;
  number: string;
  suitability: SuitabilityClass;
}

/**
 * Addresses whose street contains what was typed, anywhere in the name (case, umlauts, "Str."
 * and "Straße" do not matter: "byland" and "strasse" find "Von-Byland-Straße"), streets that
 * start with it first; if given, with exactly that house number; visible buildings with a result
 * only. Where several buildings share an address (a house and its garage), the address gets the
 * best class.
 */
export async function searchAddresses(
  db: SolarDb,
  street: string,
  number: string,
  limit = 50,
): Promise<{ hits: AddressHit[]; more: boolean }> {
  const part = streetKey(street);
  if (part === '') return { hits: [], more: false };
  const nr = numberKey(number);
  const { rows } = await sql<AddressHit>`
    select a.street, coalesce(a.number, '') as number,
      (array['unsuitable', 'suitable', 'good', 'veryGood'])[max(
        case r.suitability when 'veryGood' then 4 when 'good' then 3 when 'suitable' then 2 else 1 end)] as suitability
    from solar_addresses a
    join solar_buildings b on b.id = a.building_id
    join solar_building_results r on r.building_id = b.id
    where strpos(a.street_key, ${part}) > 0
      ${nr === '' ? sql`` : sql`and a.number_key = ${nr}`}
      and ${visible}
    group by a.street, a.street_key, coalesce(a.number, '')
    order by strpos(a.street_key, ${part}) <> 1, a.street, coalesce(substring(coalesce(a.number, '') from '^[0-9]{1,9}'), '0')::int, coalesce(a.number, '')
    limit ${limit + 1}`.execute(db);
  return { hits: rows.slice(0, limit), more: rows.length > limit };
}

export interface AddressMatch {
  alkisId: string;
  addressKey: string;
  town: string | null;
}

/**
 * The buildings an objection names, blacked out or not: exact street and number (normalised),
 * narrowed by postcode and town where both sides have them.
 */
export async function buildingsAtAddress(
  db: SolarDb,
  address: { street: string; number: string; postcode?: string | undefined; town?: string | undefined },
): Promise<AddressMatch[]> {
  const rows = await db
    .selectFrom('solar_addresses as a')
    .innerJoin('solar_buildings as b', 'b.id', 'a.building_id')
    .select(['b.alkis_id', 'a.address_key', 'a.postcode', 'a.town'])
    .where('a.street_key', '=', streetKey(address.street))
    .where('a.number_key', '=', numberKey(address.number))
    .execute();
  const postcode = address.postcode?.trim();
  const town = address.town ? townKey(address.town) : '';
  return rows
    .filter((r) => !postcode || !r.postcode || r.postcode.trim() === postcode)
    .filter((r) => !town || !r.town || townKey(r.town) === town)
    .map((r) => ({ alkisId: r.alkis_id, addressKey: r.address_key, town: r.town }));
}

export interface NewObjection {
  role: 'owner' | 'tenant';
  name: string;
  email: string;
  street: string;
  number: string;
  postcode: string | null;
  town: string | null;
  locale: 'de' | 'en';
}

/**
 * Stores who objected and blacks the buildings out, in one transaction: from its commit on, no
 * public answer shows them (C26).
 */
export async function recordObjection(db: SolarDb, objection: NewObjection, matches: readonly AddressMatch[], now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('solar_objections')
      .values({ ...objection, received_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const distinct = [...new Map(matches.map((m) => [`${m.alkisId}|${m.addressKey}`, m])).values()];
    await trx
      .insertInto('solar_blackouts')
      .values(distinct.map((m) => ({ alkis_id: m.alkisId, address_key: m.addressKey, created_at: now, objection_id: id })))
      .execute();
  });
}

/** Everything the model holds about one building, for staff and the detailed report (C25). */
export async function buildingReport(db: SolarDb, alkisId: string) {
  const building = await db
    .selectFrom('solar_buildings as b')
    .innerJoin('solar_tiles as t', 't.id', 'b.tile_id')
    .leftJoin('solar_building_results as r', 'r.building_id', 'b.id')
    .select([
      'b.id',
      'b.alkis_id',
      't.name as tile',
      'b.function',
      'b.roof_type',
      'b.measured_height_m',
      'b.part_count',
      'b.centroid_lon',
      'b.centroid_lat',
      'r.suitability',
      'r.optimum_kwh_m2',
      'r.usable_area_m2',
      'r.kwp',
      'r.yield_kwh_per_year',
      'r.co2_avoided_kg_per_year',
      'r.run_id',
      'r.computed_at',
    ])
    .where('b.alkis_id', '=', alkisId)
    .executeTakeFirst();
  if (!building) return undefined;
  const addresses = await db
    .selectFrom('solar_addresses')
    .select(['street', 'number', 'postcode', 'town', 'part_id'])
    .where('building_id', '=', building.id)
    .orderBy('id')
    .execute();
  const surfaces = await db
    .selectFrom('solar_roof_surfaces as s')
    .leftJoin('solar_surface_results as r', 'r.surface_id', 's.id')
    .select([
      's.ordinal',
      's.gml_id',
      's.part_id',
      's.area_m2',
      's.tilt_deg',
      's.azimuth_deg',
      's.facing_down',
      'r.irradiation_kwh_m2',
      'r.unshaded_kwh_m2',
      'r.shading_loss_percent',
      'r.percent_of_optimum',
      'r.usable_area_m2',
      'r.kwp',
      'r.yield_kwh_per_year',
      'r.co2_avoided_kg_per_year',
      'r.suitability',
      'r.best_rank',
      'r.monthly_kwh_m2',
    ])
    .where('s.building_id', '=', building.id)
    .orderBy('s.ordinal')
    .execute();
  return { building, addresses, surfaces };
}

export interface SolarStatus {
  tiles: { name: string; fileSha256: string; buildings: number; skipped: number; computed: number; importedAt: Date }[];
  buildings: number;
  computed: number;
  blackedOut: number;
  classes: Record<string, number>;
  runs: {
    id: number;
    tile: string | null;
    mode: string;
    recompute: boolean;
    status: string;
    done: number;
    total: number;
    startedAt: Date;
    finishedAt: Date | null;
    weather: string;
  }[];
}

export async function solarStatus(db: SolarDb): Promise<SolarStatus> {
  const tiles = await sql<{ name: string; file_sha256: string; buildings: number; skipped: number; computed: number; imported_at: Date }>`
    select t.name, t.file_sha256, t.skipped, t.imported_at,
      (select count(*) from solar_buildings b where b.tile_id = t.id)::int as buildings,
      (select count(*) from solar_buildings b join solar_building_results r on r.building_id = b.id where b.tile_id = t.id)::int as computed
    from solar_tiles t order by t.name`.execute(db);
  const totals = await sql<{ buildings: number; computed: number; blacked_out: number }>`
    select (select count(*) from solar_buildings)::int as buildings,
      (select count(*) from solar_building_results)::int as computed,
      (select count(*) from solar_buildings b where not (${visible}))::int as blacked_out`.execute(db);
  const classes = await sql<{ suitability: string; n: number }>`
    select suitability, count(*)::int as n from solar_building_results group by suitability`.execute(db);
  const runs = await sql<{
    id: number;
    tile: string | null;
    mode: string;
    recompute: boolean;
    status: string;
    done: number;
    total: number;
    started_at: Date;
    finished_at: Date | null;
    weather: string;
  }>`
    select r.id, t.name as tile, r.mode, r.recompute, r.status, r.buildings_total as total, r.started_at, r.finished_at, w.file_name as weather,
      (select count(*) from solar_building_results x where x.run_id = r.id)::int as done
    from solar_runs r left join solar_tiles t on t.id = r.tile_id join solar_weather w on w.sha256 = r.weather_sha256
    order by r.id desc limit 10`.execute(db);
  const t = totals.rows[0];
  return {
    tiles: tiles.rows.map((r) => ({
      name: r.name,
      fileSha256: r.file_sha256,
      buildings: r.buildings,
      skipped: r.skipped,
      computed: r.computed,
      importedAt: r.imported_at,
    })),
    buildings: t?.buildings ?? 0,
    computed: t?.computed ?? 0,
    blackedOut: t?.blacked_out ?? 0,
    classes: Object.fromEntries(classes.rows.map((r) => [r.suitability, r.n])),
    runs: runs.rows.map((r) => ({
      id: r.id,
      tile: r.tile,
      mode: r.mode,
      recompute: r.recompute,
      status: r.status,
      done: r.done,
      total: r.total,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      weather: r.weather,
    })),
  };
}
