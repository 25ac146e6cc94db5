import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { CliCommand } from '../../core/module.ts';
import { solarCommands } from './solar.commands.ts';
import { DEMO_WEATHER, seedSolarDemo } from './solar.seed.ts';
import type { SolarTables } from './solar.tables.ts';

let t: TestApp;
/** The map page's notice about the state of the map, if it shows one. */
async function mapNotice(): Promise<string | null> {
  const res = await t.app.inject({ method: 'GET', url: '/solar' });
  expect(res.statusCode).toBe(200);
  return /<p class="notice solar-state" role="status">([^<]*)<\/p>/.exec(res.body)?.[1] ?? null;
}
const db = () => t.database.db.withTables<SolarTables>();

beforeAll(async () => {
  // A fresh clone: the shared reference folder is not there, and no weather year is configured.
  process.env.SOLAR_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'no-shared-data-'));
  // The weather year for `solar compute` below: the one shipped with the demo.
  t = await createTestApp({ env: { SOLAR_WEATHER_FILE: DEMO_WEATHER } });
});
afterAll(() => t?.close());

describe('the demo map on a fresh clone', () => {
  test('[C23] the demo imports and computes the tile shipped in the repository, with nothing from outside it', async () => {
    expect(await mapNotice()).toBe('Für die Karte liegen noch keine berechneten Gebäude vor.');
    await seedSolarDemo(t.ctx);
    expect(await mapNotice()).toBeNull();
    const tile = await db().selectFrom('solar_tiles').select(['file_name', 'file_sha256', 'buildings']).executeTakeFirstOrThrow();
    expect(tile).toEqual({
      file_name: 'LoD2_32_280_5657_1_NW.gml',
      // the hash of the plain reference tile: the same tile, only compressed
      file_sha256: 'd591cf1afa2041a39368dc5228dc838f640765f9bd892db5608981f315e433a6',
      buildings: 83,
    });
    const weather = await db().selectFrom('solar_weather').select(['file_name', 'sha256']).execute();
    expect(weather).toEqual([
      { file_name: 'DEU_NW_Aachen.105010_TMYx.epw', sha256: '34078c34f3896af6959bdacb55592ffb9be5c2aa11145a09c293981325641187' },
    ]);
    const results = await db()
      .selectFrom('solar_building_results')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(results.n)).toBe(83);
    const runs = await db().selectFrom('solar_runs').select(['status']).execute();
    expect(runs).toEqual([{ status: 'done' }]);

    // idempotent: a second start finds the map computed and starts no run
    await seedSolarDemo(t.ctx);
    expect(await db().selectFrom('solar_runs').select('id').execute()).toHaveLength(1);
  });

  test('while a computation fills the map in, the map page says it is not complete yet', async () => {
    const compute = solarCommands.find((c) => c.name === 'solar compute') as CliCommand;
    const quiet = { log: console.log, error: console.error };
    console.log = () => {};
    console.error = () => {};
    try {
      expect(await compute.run(['--restart', '--no-shading', '--max-buildings', '5', '--threads', '1'], t.ctx)).toBe(0);
      expect(await mapNotice()).toBe(
        'Die Karte wird gerade berechnet: Noch sind nicht alle Gebäude eingezeichnet. Laden Sie die Seite in einer Minute neu, um alle zu sehen.',
      );
      expect(await compute.run(['--no-shading', '--threads', '1'], t.ctx)).toBe(0);
    } finally {
      Object.assign(console, quiet);
    }
    expect(await mapNotice()).toBeNull();
  });
});
