import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { seedSolarDemo } from './solar.seed.ts';
import type { SolarTables } from './solar.tables.ts';

let t: TestApp;
const db = () => t.database.db.withTables<SolarTables>();

beforeAll(async () => {
  // A fresh clone: the shared reference folder is not there, and no weather year is configured.
  process.env.SOLAR_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'no-shared-data-'));
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the demo map on a fresh clone', () => {
  test('[C23] the demo imports and computes the tile shipped in the repository, with nothing from outside it', async () => {
    await seedSolarDemo(t.ctx);
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
});
