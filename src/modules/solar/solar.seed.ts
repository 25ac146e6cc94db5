import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../core/module.ts';
import { plainName } from './solar.source-file.ts';
import type { SolarTables } from './solar.tables.ts';

/**
 * The demo map: 1 km² of Selfkant (Geobasis NRW, dl-de/zero-2-0) and the Aachen weather year,
 * shipped compressed in `demo-data/` (its README has sources and licences), imported and
 * computed through the real import and computation. Nothing outside the repository is read.
 */
export const DEMO_TILE = fileURLToPath(new URL('./demo-data/LoD2_32_280_5657_1_NW.gml.br', import.meta.url));
export const DEMO_WEATHER = fileURLToPath(new URL('./demo-data/DEU_NW_Aachen.105010_TMYx.epw.br', import.meta.url));

export async function seedSolarDemo(ctx: AppContext): Promise<void> {
  const tileFile = plainName(DEMO_TILE);
  const db = ctx.db.withTables<SolarTables>();
  const imported = await db.selectFrom('solar_tiles').select('id').where('file_name', '=', tileFile).executeTakeFirst();
  if (!imported) {
    const { importTile } = await import('./solar.import.ts');
    await importTile(db, DEMO_TILE, { now: ctx.clock.now() });
  }
  const { planRun, computeRunLocally } = await import('./solar.runner.ts');
  // A start stopped half-way resumes the run; a computed map stays as it is.
  const { run } = await planRun(ctx, { mode: 'local', tile: tileFile, weatherFile: DEMO_WEATHER });
  if (run) await computeRunLocally(ctx, run);
}
