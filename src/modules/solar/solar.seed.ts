import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../core/module.ts';
import type { SolarTables } from './solar.tables.ts';

/**
 * The demo map: the reference tile (1 km² of Selfkant, Geobasis NRW, dl-de/zero-2-0) imported and
 * computed through the real import and computation. Tile and weather year come from the reference
 * data folder (SOLAR_DATA_DIR, default ../shared/data/solar); SOLAR_WEATHER_FILE wins for the
 * weather. Without them the demo has no map, and says so in the log.
 */
export async function seedSolarDemo(ctx: AppContext): Promise<void> {
  const { solarDataDir, tileFile, epwFile } = await import('./compute/testData.ts');
  const db = ctx.db.withTables<SolarTables>();
  const computed = await db
    .selectFrom('solar_tiles as t')
    .innerJoin('solar_buildings as b', 'b.tile_id', 't.id')
    .innerJoin('solar_building_results as r', 'r.building_id', 'b.id')
    .select('t.id')
    .where('t.file_name', '=', tileFile)
    .limit(1)
    .executeTakeFirst();
  if (computed) return;

  const tile = path.join(solarDataDir, tileFile);
  const weather = ctx.config.SOLAR_WEATHER_FILE ?? path.join(solarDataDir, epwFile);
  if (!existsSync(tile) || !existsSync(weather)) {
    ctx.log.warn({ tile, weather }, 'solar demo skipped: sample tile or weather year not found (set SOLAR_DATA_DIR or SOLAR_WEATHER_FILE)');
    return;
  }
  const imported = await db.selectFrom('solar_tiles').select('id').where('file_name', '=', tileFile).executeTakeFirst();
  if (!imported) {
    const { importTile } = await import('./solar.import.ts');
    await importTile(db, tile, { now: ctx.clock.now() });
  }
  const { planRun, computeRunLocally } = await import('./solar.runner.ts');
  const { run } = await planRun(ctx, { mode: 'local', tile: tileFile, weatherFile: weather });
  if (run) await computeRunLocally(ctx, run);
}
