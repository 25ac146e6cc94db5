import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Progress, progressBar } from '../../core/cli/index.ts';
import type { AppContext, CliCommand } from '../../core/module.ts';
import type { TileImportReport } from './solar.import.ts';
import type { SolarTables } from './solar.tables.ts';

// The import, the computation and the queue load only when their command runs: the CLI reads
// every module's commands at start, and most invocations need none of them.
const runnerModule = () => import('./solar.runner.ts');
const compute = () => import('./solar.compute.ts');

/** Wrong arguments or settings: the message is for the operator, exit code 2. */
class UsageError extends Error {}

const COMPUTE_USAGE = 'solar compute [--tile NAME] [--threads N] [--queue [--chunk N]] [--no-shading] [--max-buildings N] [--restart]';

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1`);
  return n;
}

function summary(r: TileImportReport): string {
  return (
    `${r.file}: ${r.buildings} buildings (${r.parts} parts, ${r.roofSurfaces} roof surfaces, ${r.addresses} addresses) ` +
    `in ${r.seconds.toFixed(1)} s; ${r.issues.length} skipped` +
    (r.replaced > 0 ? `; replaced the ${r.replaced} buildings of the previous import` : '') +
    (r.moved > 0 ? `; ${r.moved} moved here from other tiles` : '')
  );
}

function upToDate(): number {
  console.log(
    'nothing to compute: every building in scope has a result with these settings and this weather year (`--restart` computes all again)',
  );
  return 0;
}

/** Ctrl-C once: stop handing out work, write what is finished, exit resumable. Twice: exit now. */
function interruptible(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the buildings in progress (Ctrl-C again to quit at once) …\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSignal) };
}

async function computeLocal(ctx: AppContext, values: Record<string, string | boolean | undefined>): Promise<number> {
  const { planRun, computeRunLocally } = await runnerModule();
  const { run, resumed, pending } = await planRun(ctx, {
    mode: 'local',
    ...(typeof values.tile === 'string' ? { tile: values.tile } : {}),
    ...(values['no-shading'] ? { shading: false } : {}),
    ...(values.restart ? { restart: true } : {}),
  });
  if (!run) return upToDate();
  const threads = positiveInt(values.threads as string | undefined, '--threads');
  const maxBuildings = positiveInt(values['max-buildings'] as string | undefined, '--max-buildings');
  const todo = Math.min(pending, maxBuildings ?? pending);
  console.log(
    `run ${run.id} (${resumed ? 'resumed' : 'new'}): ${pending} of ${run.buildingsTotal} buildings to compute${run.settings.shading ? ', with shading' : ', without shading'}`,
  );
  const bar = progressBar('solar compute', todo, 'buildings');
  const interrupt = interruptible();
  try {
    const result = await computeRunLocally(ctx, run, {
      ...(threads ? { threads } : {}),
      ...(maxBuildings ? { maxBuildings } : {}),
      signal: interrupt.signal,
      onProgress: (p) => bar.update(p.buildings),
    });
    bar.stop();
    const rate = result.seconds > 0 ? Math.round(result.surfaces / result.seconds) : 0;
    console.log(
      `computed ${result.buildings} buildings (${result.surfaces} roof surfaces) in ${result.seconds.toFixed(1)} s on ${result.threads} threads (${rate} roof surfaces/s); ` +
        (result.done ? `run ${run.id} is complete` : `${result.remaining} left: run \`solar compute\` again to resume`),
    );
    return 0;
  } finally {
    bar.stop();
    interrupt.dispose();
  }
}

async function computeQueued(ctx: AppContext, values: Record<string, string | boolean | undefined>): Promise<number> {
  const { planRun, chunksOf } = await runnerModule();
  const { countPending, readRun } = await compute();
  const { solarJobs, COMPUTE_CHUNK_JOB } = await import('./solar.jobs.ts');
  const { run, resumed, pending } = await planRun(ctx, {
    mode: 'queue',
    ...(typeof values.tile === 'string' ? { tile: values.tile } : {}),
    ...(values['no-shading'] ? { shading: false } : {}),
    ...(values.restart ? { restart: true } : {}),
  });
  if (!run) return upToDate();
  const chunkSize = positiveInt(values.chunk as string | undefined, '--chunk') ?? 200;
  const chunks = await chunksOf(ctx, run, chunkSize);
  // Loaded here, not at the top: the other commands never touch the job queue.
  const { startJobRunner } = await import('../../core/jobs/index.ts');
  // This process works on the chunks too, next to every `worker` on the same database.
  const runner = await startJobRunner(ctx, [{ name: 'solar', jobs: solarJobs }], { schedule: false });
  const interrupt = interruptible();
  const db = ctx.db.withTables<SolarTables>();
  const bar = progressBar('solar compute', pending, 'buildings');
  try {
    for (const chunk of chunks) await runner.send(COMPUTE_CHUNK_JOB, { ...chunk });
    console.log(
      `run ${run.id} (${resumed ? 'resumed' : 'new'}): ${pending} buildings in ${chunks.length} jobs on the queue "${COMPUTE_CHUNK_JOB}"`,
    );
    for (;;) {
      const left = await countPending(db, run);
      bar.update(pending - left);
      const state = await readRun(db, run.id);
      if (state?.status !== 'running' || interrupt.signal.aborted) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    bar.stop();
    const state = await readRun(db, run.id);
    console.log(
      state?.status === 'done'
        ? `run ${run.id} is complete`
        : `run ${run.id}: ${await countPending(db, run)} buildings left on the queue for \`worker\` processes (\`solar status\` shows progress)`,
    );
    return 0;
  } finally {
    bar.stop();
    interrupt.dispose();
    await runner.stop();
  }
}

export const solarCommands: CliCommand[] = [
  {
    name: 'solar import',
    summary: 'Import CityGML LoD2 tiles (buildings, roofs, addresses) into the solar cadastre; a tile imported again is replaced',
    usage: 'solar import <file.gml[.gz|.br]> [more files …]',
    async run(args, ctx) {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
      if (positionals.length === 0) {
        console.error('usage: solar import <file.gml[.gz|.br]> [more files …]');
        return 2;
      }
      const { importTile, SolarImportError } = await import('./solar.import.ts');
      const db = ctx.db.withTables<SolarTables>();
      let failed = 0;
      for (const file of positionals) {
        if (!existsSync(file)) {
          console.error(`${file}: no such file`);
          failed += 1;
          continue;
        }
        let bar: Progress | undefined;
        try {
          const report = await importTile(db, file, {
            now: ctx.clock.now(),
            onProgress: (read, total) => {
              bar ??= progressBar('solar import', Math.max(1, Math.ceil(total / 1e6)), 'MB');
              bar.update(Math.floor(read / 1e6));
            },
          });
          bar?.stop();
          for (const i of report.issues) {
            console.log(`  skipped building ${i.buildingId ?? '(no id)'}: ${i.file} line ${i.line}, ${i.element}: ${i.message}`);
          }
          console.log(summary(report));
        } catch (err) {
          bar?.stop();
          if (!(err instanceof SolarImportError)) throw err;
          console.error(`${err.message} — nothing was imported from this file`);
          failed += 1;
        }
      }
      if (failed < positionals.length) console.log('next: `solar compute` computes the solar potential of the new buildings');
      return failed > 0 ? 1 : 0;
    },
  },
  {
    name: 'solar compute',
    summary: 'Compute the solar potential of every roof on all cores (or on the job queue); resumes an interrupted run',
    usage: COMPUTE_USAGE,
    async run(args, ctx) {
      let values: Record<string, string | boolean | undefined>;
      try {
        ({ values } = parseArgs({
          args,
          options: {
            tile: { type: 'string' },
            threads: { type: 'string' },
            queue: { type: 'boolean' },
            chunk: { type: 'string' },
            'no-shading': { type: 'boolean' },
            'max-buildings': { type: 'string' },
            restart: { type: 'boolean' },
          },
        }));
      } catch (err) {
        console.error(`${(err as Error).message}\nusage: ${COMPUTE_USAGE}`);
        return 2;
      }
      const { SolarComputeError } = await runnerModule();
      try {
        // Numbers are checked before anything is planned or stored.
        for (const option of ['threads', 'max-buildings', 'chunk']) positiveInt(values[option] as string | undefined, `--${option}`);
        return values.queue ? await computeQueued(ctx, values) : await computeLocal(ctx, values);
      } catch (err) {
        if (!(err instanceof SolarComputeError || err instanceof UsageError)) throw err;
        console.error(err.message);
        return 2;
      }
    },
  },
  {
    name: 'solar status',
    summary: 'Show imported tiles, computed buildings, blacked-out buildings and the latest runs',
    usage: 'solar status',
    async run(_args, ctx) {
      const { solarStatus } = await import('./solar.queries.ts');
      const { countPending, readRun } = await compute();
      const s = await solarStatus(ctx.db.withTables<SolarTables>());
      console.log(`buildings: ${s.buildings}, computed: ${s.computed}, blacked out (objections): ${s.blackedOut}`);
      if (Object.keys(s.classes).length > 0) {
        console.log(`classes: ${['veryGood', 'good', 'suitable', 'unsuitable'].map((c) => `${c} ${s.classes[c] ?? 0}`).join(', ')}`);
      }
      for (const t of s.tiles) {
        console.log(
          `  tile ${t.name}: ${t.buildings} buildings, ${t.computed} computed, ${t.skipped} skipped on import, imported ${t.importedAt.toISOString()} (sha256 ${t.fileSha256.slice(0, 12)})`,
        );
      }
      for (const r of s.runs) {
        const run = r.status === 'running' ? await readRun(ctx.db.withTables<SolarTables>(), r.id) : undefined;
        const left = run ? await countPending(ctx.db.withTables<SolarTables>(), run) : 0;
        console.log(
          `  run ${r.id} [${r.status}] ${r.tile ?? 'all tiles'}, ${r.mode}${r.recompute ? ', all again' : ''}: ` +
            (r.status === 'running' ? `${r.done}/${r.total} buildings` : `${r.total} buildings`) +
            `, weather ${r.weather}, started ${r.startedAt.toISOString()}${r.finishedAt ? `, ended ${r.finishedAt.toISOString()}` : ''}` +
            (run ? ` (${left} left; \`solar compute\` resumes it)` : ''),
        );
      }
      return 0;
    },
  },
];
