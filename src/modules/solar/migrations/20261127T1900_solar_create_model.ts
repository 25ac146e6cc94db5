import { type Kysely, sql } from 'kysely';

/**
 * The 3D city model as imported: tiles, buildings with their footprint (WGS84 GeoJSON, for the
 * map) and their geometry in EPSG:25832 (for computing), addresses and roof surfaces. Polygons are
 * stored compactly as bytea of little-endian Float64 (see solar.geometry-codec.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('solar_tiles')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    // A tile is identified by its file name: importing the same name again replaces it.
    .addColumn('file_name', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('srs_name', 'text')
    .addColumn('buildings', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('min_x', 'double precision')
    .addColumn('min_y', 'double precision')
    .addColumn('max_x', 'double precision')
    .addColumn('max_y', 'double precision')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('solar_buildings')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('tile_id', 'bigint', (c) => c.notNull().references('solar_tiles.id').onDelete('cascade'))
    .addColumn('alkis_id', 'text', (c) => c.notNull().unique())
    .addColumn('function', 'text')
    .addColumn('roof_type', 'text')
    .addColumn('measured_height_m', 'double precision')
    .addColumn('part_count', 'integer', (c) => c.notNull())
    .addColumn('source_line', 'integer', (c) => c.notNull())
    .addColumn('footprint', 'jsonb', (c) => c.notNull())
    .addColumn('centroid_lon', 'double precision', (c) => c.notNull())
    .addColumn('centroid_lat', 'double precision', (c) => c.notNull())
    // Bounding box of all surfaces, EPSG:25832: finds the neighbours that can cast shadows.
    .addColumn('min_x', 'double precision', (c) => c.notNull())
    .addColumn('min_y', 'double precision', (c) => c.notNull())
    .addColumn('max_x', 'double precision', (c) => c.notNull())
    .addColumn('max_y', 'double precision', (c) => c.notNull())
    // Walls, outer ceilings and floors: obstacles for shading (roofs are in solar_roof_surfaces).
    .addColumn('obstacle_polygons', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('solar_buildings_tile').on('solar_buildings').column('tile_id').execute();
  await db.schema.createIndex('solar_buildings_bbox').on('solar_buildings').columns(['min_x', 'max_x']).execute();

  await db.schema
    .createTable('solar_addresses')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('building_id', 'bigint', (c) => c.notNull().references('solar_buildings.id').onDelete('cascade'))
    .addColumn('part_id', 'text')
    .addColumn('street', 'text')
    .addColumn('number', 'text')
    .addColumn('postcode', 'text')
    .addColumn('town', 'text')
    // Normalised for search: "Von-Byland-Str. 5 a" and "von byland straße 5A" meet.
    .addColumn('street_key', 'text', (c) => c.notNull())
    .addColumn('number_key', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('solar_addresses_building').on('solar_addresses').column('building_id').execute();
  await sql`create index solar_addresses_street_key on solar_addresses (street_key text_pattern_ops, number_key)`.execute(db);
  await db.schema.createIndex('solar_addresses_address_key').on('solar_addresses').column('address_key').execute();

  await db.schema
    .createTable('solar_roof_surfaces')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('building_id', 'bigint', (c) => c.notNull().references('solar_buildings.id').onDelete('cascade'))
    // Position in the building's roof list (own roofs first, then each part's): the order the
    // computation core assesses them in.
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('part_id', 'text')
    .addColumn('gml_id', 'text')
    .addColumn('polygons', 'bytea', (c) => c.notNull())
    .addColumn('polygon_count', 'integer', (c) => c.notNull())
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('tilt_deg', 'double precision', (c) => c.notNull())
    // True azimuth (clockwise from geographic north); null for flat surfaces.
    .addColumn('azimuth_deg', 'double precision')
    .addColumn('facing_down', 'boolean', (c) => c.notNull())
    .addUniqueConstraint('solar_roof_surfaces_building_ordinal', ['building_id', 'ordinal'])
    .execute();

  await db.schema
    .createTable('solar_weather')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    // The EPW text itself, so queue workers on other machines compute with exactly this year.
    .addColumn('epw', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
