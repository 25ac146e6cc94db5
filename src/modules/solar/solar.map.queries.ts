import { sql } from 'kysely';
import type { SuitabilityClass } from './compute/suitability.ts';
import { CLASS_STYLE } from './solar.classes.ts';
import { type ExtrusionFeature, extrudeBuilding } from './solar.extrusion.ts';
import { decodePolygons } from './solar.geometry-codec.ts';
import { type SolarDb, visible } from './solar.queries.ts';
import { type StreetLabel, streetLabels } from './solar.street-labels.ts';
import type { GeoJsonMultiPolygon } from './solar.tables.ts';

/**
 * The layers of the first-party base map and of the 3D view. Like every public answer they
 * leave out blacked-out buildings (C26), and they carry geometry with nothing but a street name
 * or a colour and heights (C24): no id, no address of a single building, no figure.
 */

export interface BaseMap {
  type: 'FeatureCollection';
  features: ({ type: 'Feature'; geometry: GeoJsonMultiPolygon; properties: Record<string, never> } | StreetLabel)[];
}

/** Every visible building's ground plan (computed or not), and the street names placed from the addresses. */
export async function baseMap(db: SolarDb): Promise<BaseMap> {
  const { rows } = await sql<{ id: string | number; footprint: GeoJsonMultiPolygon; lon: number; lat: number; street: string | null }>`
    select b.id, b.footprint, b.centroid_lon as lon, b.centroid_lat as lat, a.street
    from solar_buildings b
    left join solar_addresses a on a.building_id = b.id
    where ${visible}
    order by b.id, a.id`.execute(db);
  const footprints: BaseMap['features'] = [];
  const addresses: { street: string; lon: number; lat: number }[] = [];
  let last: string | null = null;
  for (const row of rows) {
    if (String(row.id) !== last) {
      footprints.push({ type: 'Feature', geometry: row.footprint, properties: {} });
      last = String(row.id);
    }
    if (row.street) addresses.push({ street: row.street, lon: Number(row.lon), lat: Number(row.lat) });
  }
  return { type: 'FeatureCollection', features: [...footprints, ...streetLabels(addresses)] };
}

/** Every visible building as prisms: walls, and roof surfaces in the colour of their class. */
export async function buildingsIn3d(db: SolarDb): Promise<{ type: 'FeatureCollection'; features: ExtrusionFeature[] }> {
  const { rows } = await sql<{
    id: string | number;
    walls: Uint8Array;
    polygons: Uint8Array;
    facing_down: boolean;
    suitability: SuitabilityClass | null;
  }>`
    select b.id, b.obstacle_polygons as walls, s.polygons, s.facing_down, r.suitability
    from solar_buildings b
    join solar_roof_surfaces s on s.building_id = b.id
    left join solar_surface_results r on r.surface_id = s.id
    where ${visible}
    order by b.id, s.ordinal`.execute(db);
  const features: ExtrusionFeature[] = [];
  for (let i = 0; i < rows.length; ) {
    const id = String(rows[i]?.id);
    const walls = decodePolygons(rows[i]?.walls as Uint8Array);
    const roofs = [];
    for (; i < rows.length && String(rows[i]?.id) === id; i++) {
      const row = rows[i]!;
      roofs.push({
        polygons: decodePolygons(row.polygons),
        colour: row.suitability ? CLASS_STYLE[row.suitability].colour : null,
        facingDown: row.facing_down,
      });
    }
    features.push(...extrudeBuilding(walls, roofs));
  }
  return { type: 'FeatureCollection', features };
}

/** A run counts as under way while it started or wrote a result this recently; a killed one stops counting. */
const ACTIVE_RUN_MS = 10 * 60_000;

/** Whether a computation is filling in the map right now, and whether the map has anything yet. */
export async function mapProgress(db: SolarDb, now: Date): Promise<{ computing: boolean; computed: boolean }> {
  const since = new Date(now.getTime() - ACTIVE_RUN_MS);
  const { rows } = await sql<{ computing: boolean; computed: boolean }>`
    select
      exists (
        select 1 from solar_runs r
        where r.status = 'running'
          and (r.started_at > ${since}
            or exists (select 1 from solar_building_results x where x.run_id = r.id and x.computed_at > ${since}))
      ) as computing,
      exists (select 1 from solar_building_results) as computed`.execute(db);
  return { computing: Boolean(rows[0]?.computing), computed: Boolean(rows[0]?.computed) };
}
