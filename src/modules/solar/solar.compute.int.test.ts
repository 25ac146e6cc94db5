import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { parseEpw } from './compute/epw.ts';
import { computeTile } from './compute/pipeline.ts';
import { readTile } from './compute/test-data.ts';
import { computeChunk } from './solar.runner.ts';
import type { SolarTables } from './solar.tables.ts';
import { sampleTile, sampleTileName, sampleWeather, solar, solarTestEnv } from './solar.test-support.ts';

let database: TestDatabase;
let t: TestApp;
const db = () => t.database.db.withTables<SolarTables>();
const resultsOf = (runId: number) =>
  sql<{ n: number }>`select count(*)::int as n from solar_building_results where run_id = ${runId}`
    .execute(t.database.db)
    .then((r) => r.rows[0]?.n);

beforeAll(async () => {
  database = await createTestDatabase();
  // On PostgreSQL the job queue connects by URL: the same database and schema as the test.
  t = await createTestApp({ database, env: solarTestEnv(database) });
  expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
});
afterAll(() => t?.close());

describe('solar compute', () => {
  test('[C23] enriches every building of the model with its solar potential: the same figures as the computation core on the file', async () => {
    t.clock.set('2026-06-01T10:00:00Z');
    const { code, out } = await solar(t.ctx, 'compute', '--threads', '2');
    expect(code).toBe(0);
    expect(out).toContain('run 1 (new): 83 of 83 buildings to compute, with shading');
    expect(out).toMatch(/computed 83 buildings \(170 roof surfaces\) in [\d.]+ s on 2 threads/);
    expect(out).toContain('run 1 is complete');

    // What the core computes straight from the CityGML file, in one thread.
    const direct = await computeTile(await readTile(), parseEpw(readFileSync(sampleWeather, 'utf8')));
    const buildings = await db()
      .selectFrom('solar_building_results as r')
      .innerJoin('solar_buildings as b', 'b.id', 'r.building_id')
      .select([
        'b.alkis_id',
        'r.suitability',
        'r.kwp',
        'r.yield_kwh_per_year',
        'r.usable_area_m2',
        'r.co2_avoided_kg_per_year',
        'r.optimum_kwh_m2',
        'r.run_id',
      ])
      .execute();
    const surfaces = await db()
      .selectFrom('solar_surface_results as r')
      .innerJoin('solar_roof_surfaces as s', 's.id', 'r.surface_id')
      .innerJoin('solar_buildings as b', 'b.id', 's.building_id')
      .select([
        'b.alkis_id',
        's.ordinal',
        'r.irradiation_kwh_m2',
        'r.unshaded_kwh_m2',
        'r.shading_loss_percent',
        'r.usable_area_m2',
        'r.suitability',
        'r.best_rank',
        'r.kwp',
        'r.yield_kwh_per_year',
      ])
      .execute();
    expect(buildings).toHaveLength(83);
    expect(surfaces).toHaveLength(170);
    for (const expected of direct.buildings) {
      const row = buildings.find((b) => b.alkis_id === expected.buildingId);
      expect(row, expected.buildingId).toMatchObject({ suitability: expected.suitability, run_id: 1 });
      expect(row?.kwp).toBeCloseTo(expected.kWp, 6);
      expect(row?.yield_kwh_per_year).toBeCloseTo(expected.yieldKwhPerYear, 3);
      expect(row?.co2_avoided_kg_per_year).toBeCloseTo(expected.co2AvoidedKgPerYear, 3);
      expect(row?.optimum_kwh_m2).toBeCloseTo(direct.optimumKwhM2, 6);
      expected.surfaces.forEach((s, j) => {
        const stored = surfaces.find((x) => x.alkis_id === expected.buildingId && x.ordinal === j);
        expect(stored, `${expected.buildingId}#${j}`).toMatchObject({ suitability: s.suitability });
        expect(stored?.irradiation_kwh_m2).toBeCloseTo(s.irradiationKwhM2, 6);
        expect(stored?.unshaded_kwh_m2).toBeCloseTo(s.unshadedIrradiationKwhM2, 6);
        expect(stored?.shading_loss_percent).toBeCloseTo(s.shadingLossPercent, 6);
        expect(stored?.usable_area_m2).toBeCloseTo(s.usableAreaM2, 6);
        const rank = expected.bestSurfaceIds.indexOf(s.surfaceId);
        expect(stored?.best_rank).toBe(rank < 0 ? null : rank + 1);
      });
    }
    // Shading by neighbours and own taller parts shows up, and every class occurs.
    expect(surfaces.filter((s) => s.shading_loss_percent > 20).length).toBeGreaterThan(3);
    expect(new Set(buildings.map((b) => b.suitability))).toEqual(new Set(['veryGood', 'good', 'suitable', 'unsuitable']));
  });

  test('[C23] an interrupted compute resumes with what is not done and leaves finished buildings alone', async () => {
    expect((await solar(t.ctx, 'compute')).out).toContain('nothing to compute');
    t.clock.set('2026-06-02T10:00:00Z');
    const first = await solar(t.ctx, 'compute', '--restart', '--max-buildings', '30');
    expect(first.out).toContain('run 2 (new): 83 of 83 buildings to compute');
    expect(first.out).toContain('53 left: run `solar compute` again to resume');
    expect(await resultsOf(2)).toBe(30);
    const status = await solar(t.ctx, 'status');
    expect(status.out).toContain('run 2 [running] all tiles, local, all again: 30/83 buildings');
    expect(status.out).toContain('(53 left; `solar compute` resumes it)');
    expect(status.out).toContain('run 1 [done] all tiles, local: 83 buildings');

    t.clock.set('2026-06-03T10:00:00Z');
    const second = await solar(t.ctx, 'compute');
    expect(second.out).toContain('run 2 (resumed): 53 of 83 buildings to compute');
    expect(second.out).toContain('computed 53 buildings');
    expect(second.out).toContain('run 2 is complete');
    const stamps = await sql<{ day: string; n: number }>`
      select to_char(computed_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as n
      from solar_building_results where run_id = 2 group by 1 order by 1`.execute(t.database.db);
    expect(stamps.rows).toEqual([
      { day: '2026-06-02', n: 30 },
      { day: '2026-06-03', n: 53 },
    ]);
    expect((await solar(t.ctx, 'compute')).out).toContain('nothing to compute');
  });

  test('[C23] after a re-import only the new buildings are computed; other settings compute everything', async () => {
    expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
    const again = await solar(t.ctx, 'compute', '--tile', sampleTileName);
    expect(again.out).toMatch(/run \d+ \(new\): 83 of 83 buildings to compute, with shading/);
    // Five buildings without shading: a new run; then the shaded settings lack exactly those five.
    const noShade = await solar(t.ctx, 'compute', '--no-shading', '--max-buildings', '5', '--tile', `${sampleTileName}.gml`);
    expect(noShade.out).toMatch(/run \d+ \(new\): 83 of 83 buildings to compute, without shading/);
    const shaded = await solar(t.ctx, 'compute', '--tile', sampleTileName);
    expect(shaded.out).toMatch(/run \d+ \(new\): 5 of 5 buildings to compute, with shading/);
    const runs = await db().selectFrom('solar_runs').select(['id', 'status', 'tile_id']).orderBy('id').execute();
    expect(runs.at(-2)).toMatchObject({ status: 'abandoned' });
    expect(runs.at(-1)).toMatchObject({ status: 'done' });
    expect(runs.at(-1)?.tile_id).not.toBeNull();
  });

  test('[C23] --queue cuts the run into jobs on the shared queue; whoever takes them, the run completes once', async () => {
    t.clock.set('2026-06-04T10:00:00Z');
    const { code, out } = await solar(t.ctx, 'compute', '--queue', '--restart', '--chunk', '42');
    expect(code, out).toBe(0);
    const runId = Number(/run (\d+) \(new\)/.exec(out)?.[1]);
    expect(out).toContain(`run ${runId} (new): 83 buildings in 2 jobs on the queue "solar.compute-chunk"`);
    expect(out).toContain(`run ${runId} is complete`);
    expect(await resultsOf(runId)).toBe(83);
    const run = await db().selectFrom('solar_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ mode: 'queue', status: 'done' });
    // A chunk delivered twice finds its work done.
    const ids = (await db().selectFrom('solar_buildings').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
    const tileId = (await db().selectFrom('solar_tiles').select('id').executeTakeFirstOrThrow()).id;
    expect(await computeChunk(t.ctx, { runId, tileId, buildingIds: ids })).toEqual({ computed: 0, runDone: true });
    await expect(computeChunk(t.ctx, { runId: 'x' })).rejects.toThrow();
  });

  test('clear messages: no weather year, an unknown tile, bad numbers', async () => {
    const noWeather = { ...t.ctx, config: { ...t.ctx.config, SOLAR_WEATHER_FILE: undefined } };
    const missing = await solar(noWeather, 'compute');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('SOLAR_WEATHER_FILE is not set');
    expect(await solar(t.ctx, 'compute', '--tile', 'nope')).toMatchObject({
      code: 2,
      err: 'no imported tile is called nope (see `solar status`)',
    });
    expect(await solar(t.ctx, 'compute', '--threads', '0')).toMatchObject({ code: 2, err: '--threads must be a whole number ≥ 1' });
    expect((await solar(t.ctx, 'compute', '--bogus')).code).toBe(2);
  });
});
