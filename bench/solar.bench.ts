// Solar cadastre: surface-years per second without and with shading on the sample tile, a dense
// synthetic district on 2 threads (projected to 10,000 buildings), and the whole tile end to end
// through the CLI (import + compute as processes). Reference: pvlib's Perez transposition.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { annualIrradiation, prepareSiteYear } from '../src/modules/solar/compute/annual.ts';
import { parseEpw } from '../src/modules/solar/compute/epw.ts';
import { analyseSurface } from '../src/modules/solar/compute/geometry.ts';
import { assessTileBuilding, createTileContext, roofSurfacesWithPart } from '../src/modules/solar/compute/pipeline.ts';
import { syntheticCity } from '../src/modules/solar/compute/synthetic-city.ts';
import { epwFile, readTile, solarDataPath, tileFile } from '../src/modules/solar/compute/test-data.ts';
import { ComputePool } from '../src/modules/solar/solar.compute-pool.ts';
import { machine, median } from './lib/machine.ts';
import { root, tsxBin } from './lib/processes.ts';

const RUNS = 3;
/** pvlib 0.13 `get_total_irradiance(model='perez')` over one hourly year, as measured on this machine type. */
const PVLIB_MS_PER_SURFACE_YEAR = 4.3;
const work = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-solar-'));

function seconds(fn: () => void): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

/** Repeats `fn` (one pass = `items` surface-years) for at least `minSeconds`; median rate of RUNS. */
function rate(items: number, fn: () => void, minSeconds = 1.5): number {
  fn(); // warm-up: JIT and caches
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let passes = 0;
    const started = performance.now();
    while ((performance.now() - started) / 1000 < minSeconds) {
      fn();
      passes += 1;
    }
    rates.push((passes * items) / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

function cli(args: string[], env: Record<string, string>): { seconds: number; out: string } {
  const started = performance.now();
  const result = spawnSync(tsxBin, ['--liftoff-only', 'src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
  return { seconds: (performance.now() - started) / 1000, out: result.stdout };
}

try {
  const weather = parseEpw(readFileSync(solarDataPath(epwFile), 'utf8'));
  const year = prepareSiteYear(weather);
  const buildings = await readTile();
  const surfaces = buildings.flatMap((b) => roofSurfacesWithPart(b).map(({ surface }) => analyseSurface(surface.polygons)));
  const planes = surfaces.map((s) => ({ tilt: s.tiltDeg, azimuth: s.azimuthTrueDeg ?? 180 }));

  // 1. The transposition alone (what pvlib's figure measures): Perez over the year, per roof surface.
  const transposition = rate(planes.length, () => {
    for (const p of planes) annualIrradiation(year, p.tilt, p.azimuth, { model: 'perez' });
  });

  // 2. The full assessment without shading: geometry, usable-area raster, irradiation, class.
  const flatCtx = createTileContext(buildings, year, { shading: false });
  const assessedUnshaded = rate(surfaces.length, () => {
    for (let i = 0; i < buildings.length; i++) assessTileBuilding(flatCtx, i);
  });

  // 3. With shading, one thread, including the tile context (obstacle index, sun lookup).
  const shadedRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    shadedRuns.push(
      seconds(() => {
        const ctx = createTileContext(buildings, year);
        for (let i = 0; i < buildings.length; i++) assessTileBuilding(ctx, i);
      }),
    );
  }
  const shadedTileSeconds = median(shadedRuns);

  // 4. A dense synthetic district with shading on 2 worker threads (the production path), projected.
  const district = syntheticCity(25, 20);
  const districtSurfaces = district.reduce((n, b) => n + roofSurfacesWithPart(b).length, 0);
  const pool = new ComputePool(2, year);
  const districtRuns: number[] = [];
  try {
    const options = { suitability: createTileContext([], year, { shading: false }).config, shading: true, model: 'perez' as const };
    for (let r = 0; r < RUNS; r++) {
      const started = performance.now();
      await pool.assess(
        { key: `district-${r}`, buildings: district, neighbours: [], options },
        district.map((_, i) => i),
        () => {},
        { batchSize: 8 },
      );
      districtRuns.push((performance.now() - started) / 1000);
    }
  } finally {
    await pool.close();
  }
  const districtSeconds = median(districtRuns);
  const minutesPer10k = ((districtSeconds / district.length) * 10_000) / 60;

  // 4b. And the 10,000 buildings themselves, once, to check the projection.
  const city = syntheticCity(100, 100);
  const bigPool = new ComputePool(2, year);
  let citySeconds: number;
  try {
    const options = { suitability: createTileContext([], year, { shading: false }).config, shading: true, model: 'perez' as const };
    const started = performance.now();
    await bigPool.assess(
      { key: 'city', buildings: city, neighbours: [], options },
      city.map((_, i) => i),
      () => {},
      { batchSize: 16 },
    );
    citySeconds = (performance.now() - started) / 1000;
  } finally {
    await bigPool.close();
  }

  // 5. The whole tile end to end: `solar import` and `solar compute` as processes on a fresh database.
  const template = path.join(work, 'template');
  cli(['migrate'], { DATA_DIR: template });
  const endToEnd: { import: number; compute: number; total: number; importWork: number; computeWork: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    const dataDir = path.join(work, `data-${r}`);
    cpSync(template, dataDir, { recursive: true });
    const env = { DATA_DIR: dataDir, SOLAR_WEATHER_FILE: solarDataPath(epwFile), SOLAR_COMPUTE_THREADS: '2' };
    const imported = cli(['solar', 'import', solarDataPath(tileFile)], env);
    const computed = cli(['solar', 'compute'], env);
    const inImport = /83 buildings \(50 parts, 170 roof surfaces, 73 addresses\) in ([\d.]+) s/.exec(imported.out);
    const inCompute = /computed 83 buildings \(170 roof surfaces\) in ([\d.]+) s/.exec(computed.out);
    if (!inImport || !inCompute) throw new Error(`unexpected output:\n${imported.out}\n${computed.out}`);
    endToEnd.push({
      import: imported.seconds,
      compute: computed.seconds,
      total: imported.seconds + computed.seconds,
      importWork: Number(inImport[1]),
      computeWork: Number(inCompute[1]),
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
  const e2e = {
    importSecondsMedian: Number(median(endToEnd.map((e) => e.import)).toFixed(2)),
    computeSecondsMedian: Number(median(endToEnd.map((e) => e.compute)).toFixed(2)),
    totalSecondsMedian: Number(median(endToEnd.map((e) => e.total)).toFixed(2)),
    // What the commands report for their own work, without process start and database opening.
    importWorkSecondsMedian: Number(median(endToEnd.map((e) => e.importWork)).toFixed(2)),
    computeWorkSecondsMedian: Number(median(endToEnd.map((e) => e.computeWork)).toFixed(2)),
    runs: endToEnd.map((e) => Number(e.total.toFixed(2))),
  };

  const pvlibRate = 1000 / PVLIB_MS_PER_SURFACE_YEAR;
  console.log(
    JSON.stringify(
      {
        benchmark: 'solar',
        description:
          `Sample tile ${tileFile} (${buildings.length} buildings, ${surfaces.length} roof surfaces) with the Aachen TMYx year, Perez sky; ` +
          `surface-years/s single-threaded, median of ${RUNS}; a ${district.length}-building synthetic district with shading on 2 worker threads; ` +
          '`solar import` + `solar compute` as CLI processes on a fresh embedded database',
        reference: {
          tool: 'pvlib-python, irradiance.get_total_irradiance(model="perez") over an hourly year',
          msPerSurfaceYear: PVLIB_MS_PER_SURFACE_YEAR,
          surfaceYearsPerSecond: Math.round(pvlibRate),
          measured: false,
          note: 'Stated reference, not measured in this run: pvlib cannot be installed here (PyPI is not reachable). It was measured on the same machine type before.',
        },
        target: { ratioWithoutShading: 20, minutesFor10000BuildingsWithShadingOn2Cores: 10 },
        results: {
          withoutShading: {
            transpositionSurfaceYearsPerSecond: Math.round(transposition),
            fullAssessmentSurfaceYearsPerSecond: Math.round(assessedUnshaded),
            ratioToPvlib: Number((transposition / pvlibRate).toFixed(1)),
            fullAssessmentRatioToPvlib: Number((assessedUnshaded / pvlibRate).toFixed(1)),
          },
          withShading: {
            sampleTileSecondsOneThread: Number(shadedTileSeconds.toFixed(2)),
            surfaceYearsPerSecond: Math.round(surfaces.length / shadedTileSeconds),
          },
          district: {
            buildings: district.length,
            roofSurfaces: districtSurfaces,
            threads: 2,
            secondsMedian: Number(districtSeconds.toFixed(2)),
            surfaceYearsPerSecond: Math.round(districtSurfaces / districtSeconds),
            projectedMinutesFor10000Buildings: Number(minutesPer10k.toFixed(1)),
            projectedMinutesFor10000BuildingsLikeTheSampleTile: Number(
              (((shadedTileSeconds / buildings.length) * 10_000) / 60 / 2).toFixed(1),
            ),
          },
          city10000: {
            buildings: city.length,
            roofSurfaces: city.reduce((n, b) => n + roofSurfacesWithPart(b).length, 0),
            threads: 2,
            measuredMinutes: Number((citySeconds / 60).toFixed(2)),
          },
          endToEnd: e2e,
        },
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
