import { type Kysely, sql } from 'kysely';

const CLASSES = sql`('veryGood', 'good', 'suitable', 'unsuitable')`;

/**
 * Computation runs (for resuming and for the queue) and their results per roof surface and per
 * building. Only the latest result of a building is kept; `run_id` says which run made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('solar_runs')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    // null: every tile.
    .addColumn('tile_id', 'bigint', (c) => c.references('solar_tiles.id').onDelete('cascade'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('settings_hash', 'text', (c) => c.notNull())
    .addColumn('weather_sha256', 'text', (c) => c.notNull().references('solar_weather.sha256'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('local', 'queue')`))
    // false: the run computes the buildings without a result under the same settings (new and
    // re-imported ones, or all after a change); true (--restart): every building in scope again.
    .addColumn('recompute', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'abandoned')`))
    .addColumn('buildings_total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index solar_runs_running on solar_runs (id) where status = 'running'`.execute(db);

  await db.schema
    .createTable('solar_building_results')
    .addColumn('building_id', 'bigint', (c) => c.primaryKey().references('solar_buildings.id').onDelete('cascade'))
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('solar_runs.id'))
    .addColumn('suitability', 'text', (c) => c.notNull().check(sql`suitability in ${CLASSES}`))
    .addColumn('optimum_kwh_m2', 'double precision', (c) => c.notNull())
    // Sums over the suitable surfaces.
    .addColumn('usable_area_m2', 'double precision', (c) => c.notNull())
    .addColumn('kwp', 'double precision', (c) => c.notNull())
    .addColumn('yield_kwh_per_year', 'double precision', (c) => c.notNull())
    .addColumn('co2_avoided_kg_per_year', 'double precision', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('solar_building_results_run').on('solar_building_results').column('run_id').execute();

  await db.schema
    .createTable('solar_surface_results')
    .addColumn('surface_id', 'bigint', (c) => c.primaryKey().references('solar_roof_surfaces.id').onDelete('cascade'))
    .addColumn('building_id', 'bigint', (c) => c.notNull().references('solar_buildings.id').onDelete('cascade'))
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('solar_runs.id'))
    .addColumn('irradiation_kwh_m2', 'double precision', (c) => c.notNull())
    .addColumn('unshaded_kwh_m2', 'double precision', (c) => c.notNull())
    .addColumn('shading_loss_percent', 'double precision', (c) => c.notNull())
    .addColumn('sky_view_factor', 'double precision', (c) => c.notNull())
    .addColumn('percent_of_optimum', 'double precision', (c) => c.notNull())
    .addColumn('usable_area_m2', 'double precision', (c) => c.notNull())
    .addColumn('kwp', 'double precision', (c) => c.notNull())
    .addColumn('yield_kwh_per_year', 'double precision', (c) => c.notNull())
    .addColumn('specific_yield_kwh_per_kwp', 'double precision', (c) => c.notNull())
    .addColumn('co2_avoided_kg_per_year', 'double precision', (c) => c.notNull())
    .addColumn('suitability', 'text', (c) => c.notNull().check(sql`suitability in ${CLASSES}`))
    // 1 = the building's best surface; null for unsuitable ones.
    .addColumn('best_rank', 'integer')
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('solar_surface_results_building').on('solar_surface_results').column('building_id').execute();
}
