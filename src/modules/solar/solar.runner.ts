import os from 'node:os';
import { z } from 'zod';
import type { AppContext } from '../../core/module.ts';
import {
  type ComputeProgress,
  computeBuildings,
  countPending,
  finishRunIfDone,
  openRun,
  pendingBuildings,
  type Run,
  readRun,
} from './solar.compute.ts';
import { settingsFromConfig } from './solar.settings.ts';
import type { SolarTables } from './solar.tables.ts';
import { siteYearOf, storeWeatherFile } from './solar.weather.ts';

export class SolarComputeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolarComputeError';
  }
}

const solarDb = (ctx: AppContext) => ctx.db.withTables<SolarTables>();

export function defaultThreads(ctx: AppContext): number {
  return ctx.config.SOLAR_COMPUTE_THREADS ?? os.availableParallelism();
}

/** A tile by file name ("LoD2_….gml") or name without extension. */
export async function tileIdOf(ctx: AppContext, tile: string | undefined): Promise<number | null> {
  if (tile === undefined) return null;
  const row = await solarDb(ctx)
    .selectFrom('solar_tiles')
    .select('id')
    .where((eb) => eb.or([eb('file_name', '=', tile), eb('name', '=', tile)]))
    .executeTakeFirst();
  if (!row) throw new SolarComputeError(`no imported tile is called ${tile} (see \`solar status\`)`);
  return row.id;
}

export interface PlanOptions {
  tile?: string;
  shading?: boolean;
  restart?: boolean;
  /** EPW file; default SOLAR_WEATHER_FILE. */
  weatherFile?: string;
  mode: 'local' | 'queue';
}

/**
 * Stores the weather year and opens (or resumes) the run for the scope; `run` is null when every
 * building in scope already has a result under these settings.
 */
export async function planRun(ctx: AppContext, options: PlanOptions): Promise<{ run: Run | null; resumed: boolean; pending: number }> {
  const weatherFile = options.weatherFile ?? ctx.config.SOLAR_WEATHER_FILE;
  if (!weatherFile) {
    throw new SolarComputeError(
      'SOLAR_WEATHER_FILE is not set: computing needs an hourly weather year as an EnergyPlus EPW file (e.g. a TMYx year of the nearest station)',
    );
  }
  const db = solarDb(ctx);
  const tileId = await tileIdOf(ctx, options.tile);
  const weather = await storeWeatherFile(db, weatherFile, ctx.clock.now());
  const settings = settingsFromConfig(ctx.config, options.shading === undefined ? {} : { shading: options.shading });
  const { run, resumed } = await openRun(db, {
    tileId,
    settings,
    weatherSha256: weather.sha256,
    mode: options.mode,
    now: ctx.clock.now(),
    ...(options.restart ? { restart: true } : {}),
  });
  return { run, resumed, pending: run ? await countPending(db, run) : 0 };
}

export interface LocalComputeOptions {
  threads?: number;
  /** Compute at most this many buildings now; the rest stays for the next (resuming) call. */
  maxBuildings?: number;
  signal?: AbortSignal;
  onProgress?: (p: ComputeProgress) => void;
}

export interface ComputeSummary extends ComputeProgress {
  runId: number;
  remaining: number;
  done: boolean;
  seconds: number;
  threads: number;
}

/** Computes what the run still lacks on this machine's cores. */
export async function computeRunLocally(ctx: AppContext, run: Run, options: LocalComputeOptions = {}): Promise<ComputeSummary> {
  const started = performance.now();
  const db = solarDb(ctx);
  let groups = await pendingBuildings(db, run);
  if (options.maxBuildings !== undefined) {
    let left = options.maxBuildings;
    groups = groups
      .map((g) => {
        const take = g.buildingIds.slice(0, Math.max(0, left));
        left -= take.length;
        return { ...g, buildingIds: take };
      })
      .filter((g) => g.buildingIds.length > 0);
  }
  const threads = options.threads ?? defaultThreads(ctx);
  const year = await siteYearOf(db, run.weatherSha256, run.settings.albedo);
  const progress = await computeBuildings(db, run, year, groups, {
    threads,
    now: () => ctx.clock.now(),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const done = await finishRunIfDone(db, run, ctx.clock.now());
  return {
    ...progress,
    runId: run.id,
    remaining: done ? 0 : await countPending(db, run),
    done,
    seconds: (performance.now() - started) / 1000,
    threads,
  };
}

export const chunkSchema = z.object({
  runId: z.number().int().positive(),
  tileId: z.number().int().positive(),
  buildingIds: z.array(z.number().int().positive()).min(1).max(10_000),
});
export type ChunkJob = z.infer<typeof chunkSchema>;

/** Cuts what the run lacks into jobs of at most `chunkSize` buildings of one tile. */
export async function chunksOf(ctx: AppContext, run: Run, chunkSize: number): Promise<ChunkJob[]> {
  const groups = await pendingBuildings(solarDb(ctx), run);
  const chunks: ChunkJob[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.buildingIds.length; i += chunkSize)
      chunks.push({ runId: run.id, tileId: g.tileId, buildingIds: g.buildingIds.slice(i, i + chunkSize) });
  }
  return chunks;
}

/**
 * One queued chunk, on whichever machine took it: the buildings of the chunk that still lack a
 * result of the run, on all of this machine's cores. A chunk delivered twice finds its work done.
 */
export async function computeChunk(ctx: AppContext, data: unknown): Promise<{ computed: number; runDone: boolean }> {
  const job = chunkSchema.parse(data);
  const db = solarDb(ctx);
  const run = await readRun(db, job.runId);
  if (run?.status !== 'running') return { computed: 0, runDone: run?.status === 'done' };
  const groups = (await pendingBuildings(db, run, job.buildingIds)).filter((g) => g.tileId === job.tileId);
  const year = await siteYearOf(db, run.weatherSha256, run.settings.albedo);
  const progress = await computeBuildings(db, run, year, groups, { threads: defaultThreads(ctx), now: () => ctx.clock.now() });
  return { computed: progress.buildings, runDone: await finishRunIfDone(db, run, ctx.clock.now()) };
}
