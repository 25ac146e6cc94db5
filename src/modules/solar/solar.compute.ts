import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { annualIrradiation, type SiteYear } from './compute/annual.ts';
import { type BoundarySurface, type BuildingPart, type CityBuilding, emptyBuildingPart } from './compute/citygml.ts';
import { defaultHorizonOptions } from './compute/horizon.ts';
import type { BuildingAssessment } from './compute/suitability.ts';
import { type AssessedBatch, ComputePool } from './solar.compute-pool.ts';
import type { TileWork } from './solar.compute-protocol.ts';
import { decodePolygons } from './solar.geometry-codec.ts';
import { type RunSettings, settingsHash } from './solar.settings.ts';
import type { SolarBuildingResultsTable, SolarRunsTable, SolarSurfaceResultsTable, SolarTables } from './solar.tables.ts';

/**
 * Computation runs on the database: which buildings are still to do, loading a tile's geometry
 * for the threads, writing results. A run is resumable because "done" is a fact in the results
 * table (a building has a result of this run), written in the same transaction as the result.
 */

export type SolarDb = Kysely<SolarTables>;

export interface Run {
  id: number;
  tileId: number | null;
  settings: RunSettings;
  settingsHash: string;
  weatherSha256: string;
  mode: 'local' | 'queue';
  recompute: boolean;
  status: Selectable<SolarRunsTable>['status'];
  buildingsTotal: number;
  startedAt: Date;
}

function toRun(row: Selectable<SolarRunsTable>): Run {
  return {
    id: row.id,
    tileId: row.tile_id,
    settings: row.settings as RunSettings,
    settingsHash: row.settings_hash,
    weatherSha256: row.weather_sha256,
    mode: row.mode,
    recompute: row.recompute,
    status: row.status,
    buildingsTotal: row.buildings_total,
    startedAt: row.started_at,
  };
}

export async function readRun(db: SolarDb, id: number): Promise<Run | undefined> {
  const row = await db.selectFrom('solar_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : undefined;
}

type Scope = Pick<Run, 'id' | 'tileId' | 'settingsHash' | 'recompute'>;

/**
 * What a run still has to do: buildings in its scope without a result under its settings (so a
 * resumed or repeated run skips what is done, and a re-imported tile's buildings are picked up),
 * or, for a `--restart` run, without a result of this very run. A result from before monthly
 * figures were kept counts as missing, so the next run completes it.
 */
function pendingCondition(run: Scope) {
  return sql`(${run.tileId}::bigint is null or b.tile_id = ${run.tileId})
    and (not exists (
      select 1 from solar_building_results r join solar_runs x on x.id = r.run_id
      where r.building_id = b.id and ${run.recompute ? sql`r.run_id = ${run.id}` : sql`x.settings_hash = ${run.settingsHash}`})
    or exists (select 1 from solar_surface_results s where s.building_id = b.id and s.monthly_kwh_m2 is null))`;
}

export async function countPending(db: SolarDb, run: Scope): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from solar_buildings b where ${pendingCondition(run)}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface PendingGroup {
  tileId: number;
  buildingIds: number[];
}

/** The run's pending buildings (optionally only among `onlyIds`), grouped by tile. */
export async function pendingBuildings(db: SolarDb, run: Scope, onlyIds?: readonly number[]): Promise<PendingGroup[]> {
  const { rows } = await sql<{ id: number; tile_id: number }>`
    select b.id, b.tile_id from solar_buildings b
    where ${pendingCondition(run)} ${onlyIds ? sql`and b.id = any(${[...onlyIds]}::bigint[])` : sql``}
    order by b.tile_id, b.id`.execute(db);
  const groups: PendingGroup[] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (last?.tileId === r.tile_id) last.buildingIds.push(r.id);
    else groups.push({ tileId: r.tile_id, buildingIds: [r.id] });
  }
  return groups;
}

/**
 * The unfinished run over the same scope with the same settings and weather is resumed. Else
 * unfinished runs of the scope are abandoned (their results stay until replaced) and a new run
 * starts, unless nothing is pending under these settings (then `run` is null).
 */
export async function openRun(
  db: SolarDb,
  options: { tileId: number | null; settings: RunSettings; weatherSha256: string; mode: 'local' | 'queue'; now: Date; restart?: boolean },
): Promise<{ run: Run | null; resumed: boolean }> {
  const hash = settingsHash(options.settings, options.weatherSha256);
  const recompute = options.restart === true;
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('solar_runs')
      .selectAll()
      .where('status', '=', 'running')
      .where(sql<boolean>`tile_id is not distinct from ${options.tileId}`)
      .orderBy('id', 'desc')
      .execute();
    const same = open.find((r) => r.settings_hash === hash);
    if (same && !recompute) {
      if (same.mode !== options.mode) await trx.updateTable('solar_runs').set({ mode: options.mode }).where('id', '=', same.id).execute();
      return { run: { ...toRun(same), mode: options.mode }, resumed: true };
    }
    const total = recompute
      ? Number(
          (
            await trx
              .selectFrom('solar_buildings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .$if(options.tileId !== null, (q) => q.where('tile_id', '=', options.tileId as number))
              .executeTakeFirstOrThrow()
          ).n,
        )
      : await countPending(trx, { id: 0, tileId: options.tileId, settingsHash: hash, recompute: false });
    if (open.length > 0) {
      await trx
        .updateTable('solar_runs')
        .set({ status: 'abandoned', finished_at: options.now })
        .where(
          'id',
          'in',
          open.map((r) => r.id),
        )
        .execute();
    }
    if (total === 0) return { run: null, resumed: false };
    const row = await trx
      .insertInto('solar_runs')
      .values({
        tile_id: options.tileId,
        settings: JSON.stringify(options.settings),
        settings_hash: hash,
        weather_sha256: options.weatherSha256,
        mode: options.mode,
        recompute,
        status: 'running',
        buildings_total: total,
        started_at: options.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { run: toRun(row), resumed: false };
  });
}

/** Marks the run done once nothing in its scope is left; returns whether it is done. */
export async function finishRunIfDone(db: SolarDb, run: Scope, now: Date): Promise<boolean> {
  if ((await countPending(db, run)) > 0) return false;
  await db
    .updateTable('solar_runs')
    .set({ status: 'done', finished_at: now })
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .execute();
  return true;
}

export interface LoadedTile {
  work: TileWork;
  /** Per building index of `work.buildings`: its row id and the row ids of its roof surfaces by ordinal. */
  buildingIds: number[];
  surfaceIds: number[][];
  indexOf: Map<number, number>;
}

interface BuildingRow {
  id: number;
  alkis_id: string;
  source_line: number;
  obstacle_polygons: Uint8Array;
}
interface RoofRow {
  id: number;
  building_id: number;
  ordinal: number;
  part_id: string | null;
  gml_id: string | null;
  polygons: Uint8Array;
}

/**
 * Rebuilds the computation core's building from the stored rows. Roofs come back in ordinal
 * order, i.e. the building's own first and then each part's, which is the order the core assesses
 * (and names) them in; walls and other surfaces only cast shadows, so they become one surface.
 */
function toCityBuilding(row: BuildingRow, roofs: readonly RoofRow[]): CityBuilding {
  const building: CityBuilding = { ...emptyBuildingPart(row.alkis_id), parts: [], line: row.source_line };
  const parts = new Map<string, BuildingPart>();
  for (const r of roofs) {
    const surface: BoundarySurface = { id: r.gml_id, kind: 'RoofSurface', polygons: decodePolygons(r.polygons) };
    if (r.part_id === null) {
      building.roofSurfaces.push(surface);
      continue;
    }
    let part = parts.get(r.part_id);
    if (!part) {
      part = emptyBuildingPart(r.part_id);
      parts.set(r.part_id, part);
      building.parts.push(part);
    }
    part.roofSurfaces.push(surface);
  }
  building.wallSurfaces.push({ id: null, kind: 'WallSurface', polygons: decodePolygons(row.obstacle_polygons) });
  return building;
}

async function loadBuildings(db: SolarDb, where: ReturnType<typeof sql>): Promise<{ rows: BuildingRow[]; roofs: Map<number, RoofRow[]> }> {
  const { rows } = await sql<BuildingRow>`
    select id, alkis_id, source_line, obstacle_polygons from solar_buildings b where ${where} order by id`.execute(db);
  const roofRows = await sql<RoofRow>`
    select s.id, s.building_id, s.ordinal, s.part_id, s.gml_id, s.polygons
    from solar_roof_surfaces s join solar_buildings b on b.id = s.building_id
    where ${where} order by s.building_id, s.ordinal`.execute(db);
  const roofs = new Map<number, RoofRow[]>();
  for (const r of roofRows.rows) {
    const list = roofs.get(r.building_id);
    if (list) list.push(r);
    else roofs.set(r.building_id, [r]);
  }
  return { rows, roofs };
}

let tileLoads = 0;

/**
 * A tile's buildings plus every building of other tiles within the horizon radius of the tile's
 * extent: they shade roofs near the tile's edge but are assessed with their own tile.
 */
export async function loadTile(db: SolarDb, tileId: number, settings: RunSettings): Promise<LoadedTile> {
  const own = await loadBuildings(db, sql`b.tile_id = ${tileId}`);
  let neighbours: CityBuilding[] = [];
  if (settings.shading) {
    const tile = await db
      .selectFrom('solar_tiles')
      .select(['min_x', 'min_y', 'max_x', 'max_y'])
      .where('id', '=', tileId)
      .executeTakeFirst();
    if (tile && tile.min_x !== null && tile.min_y !== null && tile.max_x !== null && tile.max_y !== null) {
      const r = defaultHorizonOptions.radius;
      const near = await loadBuildings(
        db,
        sql`b.tile_id <> ${tileId} and b.max_x >= ${tile.min_x - r} and b.min_x <= ${tile.max_x + r} and b.max_y >= ${tile.min_y - r} and b.min_y <= ${tile.max_y + r}`,
      );
      neighbours = near.rows.map((row) => toCityBuilding(row, near.roofs.get(row.id) ?? []));
    }
  }
  const buildings = own.rows.map((row) => toCityBuilding(row, own.roofs.get(row.id) ?? []));
  return {
    work: {
      key: `${tileId}:${++tileLoads}`,
      buildings,
      neighbours,
      options: { suitability: settings.suitability, shading: settings.shading, model: settings.model },
    },
    buildingIds: own.rows.map((r) => r.id),
    surfaceIds: own.rows.map((r) => (own.roofs.get(r.id) ?? []).map((s) => s.id)),
    indexOf: new Map(own.rows.map((r, i) => [r.id, i])),
  };
}

/** Unshaded annual irradiation of the reference plane: the 100 % of "percent of optimum". */
export function optimumOf(year: SiteYear, settings: RunSettings): number {
  return annualIrradiation(year, settings.suitability.referenceTiltDeg, settings.suitability.referenceAzimuthDeg, { model: settings.model })
    .global;
}

/** Replaces the results of the batch's buildings with this run's, in one transaction. */
export async function writeResults(
  db: SolarDb,
  run: Pick<Run, 'id'>,
  tile: LoadedTile,
  batches: readonly AssessedBatch[],
  optimum: number,
  now: Date,
): Promise<number> {
  const buildingRows: Insertable<SolarBuildingResultsTable>[] = [];
  const surfaceRows: Insertable<SolarSurfaceResultsTable>[] = [];
  for (const { indices, results } of batches) {
    indices.forEach((index, k) => {
      const a = results[k] as BuildingAssessment;
      const buildingId = tile.buildingIds[index] as number;
      const surfaceIds = tile.surfaceIds[index] as number[];
      if (surfaceIds.length !== a.surfaces.length)
        throw new Error(`building ${a.buildingId}: ${a.surfaces.length} results for ${surfaceIds.length} roof surfaces`);
      buildingRows.push({
        building_id: buildingId,
        run_id: run.id,
        suitability: a.suitability,
        optimum_kwh_m2: optimum,
        usable_area_m2: a.usableAreaM2,
        kwp: a.kWp,
        yield_kwh_per_year: a.yieldKwhPerYear,
        co2_avoided_kg_per_year: a.co2AvoidedKgPerYear,
        computed_at: now,
      });
      a.surfaces.forEach((s, j) => {
        const rank = a.bestSurfaceIds.indexOf(s.surfaceId);
        surfaceRows.push({
          surface_id: surfaceIds[j] as number,
          building_id: buildingId,
          run_id: run.id,
          irradiation_kwh_m2: s.irradiationKwhM2,
          unshaded_kwh_m2: s.unshadedIrradiationKwhM2,
          shading_loss_percent: s.shadingLossPercent,
          sky_view_factor: s.skyViewFactor,
          percent_of_optimum: s.percentOfOptimum,
          usable_area_m2: s.usableAreaM2,
          kwp: s.kWp,
          yield_kwh_per_year: s.yieldKwhPerYear,
          specific_yield_kwh_per_kwp: s.specificYield,
          co2_avoided_kg_per_year: s.co2AvoidedKgPerYear,
          suitability: s.suitability,
          best_rank: rank < 0 ? null : rank + 1,
          monthly_kwh_m2: s.monthlyIrradiationKwhM2 ? JSON.stringify(s.monthlyIrradiationKwhM2) : null,
          computed_at: now,
        });
      });
    });
  }
  if (buildingRows.length === 0) return 0;
  const ids = buildingRows.map((r) => r.building_id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('solar_surface_results').where('building_id', 'in', ids).execute();
    await trx.deleteFrom('solar_building_results').where('building_id', 'in', ids).execute();
    for (let i = 0; i < buildingRows.length; i += 2000)
      await trx
        .insertInto('solar_building_results')
        .values(buildingRows.slice(i, i + 2000))
        .execute();
    for (let i = 0; i < surfaceRows.length; i += 2000)
      await trx
        .insertInto('solar_surface_results')
        .values(surfaceRows.slice(i, i + 2000))
        .execute();
  });
  return buildingRows.length;
}

export interface ComputeProgress {
  buildings: number;
  surfaces: number;
}

/**
 * Assesses the given buildings on `threads` worker threads, tile by tile, writing results as
 * batches finish (every ~32 buildings), so a killed process loses at most what was in flight.
 */
export async function computeBuildings(
  db: SolarDb,
  run: Pick<Run, 'id' | 'settings'>,
  year: SiteYear,
  groups: readonly PendingGroup[],
  options: { threads: number; now: () => Date; signal?: AbortSignal; onProgress?: (p: ComputeProgress) => void },
): Promise<ComputeProgress> {
  const total = groups.reduce((n, g) => n + g.buildingIds.length, 0);
  const progress: ComputeProgress = { buildings: 0, surfaces: 0 };
  if (total === 0) return progress;
  const optimum = optimumOf(year, run.settings);
  const pool = new ComputePool(Math.min(options.threads, Math.ceil(total / 4)), year);
  try {
    for (const group of groups) {
      if (options.signal?.aborted) break;
      const tile = await loadTile(db, group.tileId, run.settings);
      // Buildings re-imported since the run was planned have new ids: the next resume finds them.
      const indices = group.buildingIds.map((id) => tile.indexOf.get(id)).filter((i): i is number => i !== undefined);
      let buffered: AssessedBatch[] = [];
      let writing: Promise<void> = Promise.resolve();
      const flush = () => {
        const batches = buffered;
        buffered = [];
        // One write at a time, in order; a thread waits for its write before it gets more work.
        writing = writing.then(async () => {
          await writeResults(db, run, tile, batches, optimum, options.now());
          for (const b of batches) {
            progress.buildings += b.results.length;
            for (const r of b.results) progress.surfaces += r.surfaces.length;
          }
          options.onProgress?.(progress);
        });
        return writing;
      };
      await pool.assess(
        tile.work,
        indices,
        async (batch) => {
          buffered.push(batch);
          if (buffered.reduce((n, b) => n + b.results.length, 0) >= 32) await flush();
        },
        { ...(options.signal ? { signal: options.signal } : {}), batchSize: 4 },
      );
      await flush();
    }
  } finally {
    await pool.close();
  }
  return progress;
}
