// The demo's first start: `npm start` on an empty data folder (as on a fresh clone) until the
// first page answers, until the solar map is complete, and how many lines it prints. Set
// BENCH_REF_DIR to another checkout (e.g. the main branch) to measure it side by side, run for
// run in turn, as the reference. Goal: first page < 10 s.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, median } from './lib/machine.ts';
import { freePort, root } from './lib/processes.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const reference = process.env.BENCH_REF_DIR ? path.resolve(process.env.BENCH_REF_DIR) : null;

interface Start {
  firstPageMs: number;
  solarPageMs: number;
  /** Until the map data has every building and the page no longer says it is being computed. */
  mapCompleteMs: number;
  /** Lines on the console at the default log level, up to the complete map. */
  logLines: number;
}

async function until(url: string, begun: number, ok: (body: string) => boolean): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url);
      const body = await res.text();
      if (res.status === 200 && ok(body)) return performance.now() - begun;
    } catch {
      // not listening yet
    }
    if (performance.now() - begun > 180_000) throw new Error(`${url} did not answer as expected within 180 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-(child.pid as number), 'SIGTERM');
  } catch {
    // gone already
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    // gone
  }
}

async function firstStart(cwd: string): Promise<Start> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-first-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  delete env.LOG_LEVEL;
  const begun = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    const firstPageMs = await until(`${base}/`, begun, () => true);
    const solarPageMs = await until(`${base}/solar`, begun, () => true);
    const mapCompleteMs = await until(`${base}/solar`, begun, (html) => !html.includes('solar-state'));
    await until(`${base}/solar/karte.geojson`, begun, (json) => (JSON.parse(json) as { features: unknown[] }).features.length >= 80);
    return { firstPageMs, solarPageMs, mapCompleteMs, logLines: output.split('\n').filter((l) => l.trim() !== '').length };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runs: { tree: Start[]; reference: Start[] } = { tree: [], reference: [] };
for (let i = 0; i < RUNS; i++) {
  if (reference) runs.reference.push(await firstStart(reference));
  runs.tree.push(await firstStart(root));
}
const summary = (list: Start[]) => ({
  runs: list.map((s) => ({
    ...s,
    firstPageMs: Math.round(s.firstPageMs),
    solarPageMs: Math.round(s.solarPageMs),
    mapCompleteMs: Math.round(s.mapCompleteMs),
  })),
  medianFirstPageMs: Math.round(median(list.map((s) => s.firstPageMs))),
  medianSolarPageMs: Math.round(median(list.map((s) => s.solarPageMs))),
  medianMapCompleteMs: Math.round(median(list.map((s) => s.mapCompleteMs))),
});
console.log(
  JSON.stringify(
    {
      benchmark: 'first-start',
      description: '`npm start` on an empty data folder: time to the first page, to the solar page, to the complete map; console lines',
      target: { firstPageMs: 10_000 },
      tree: { dir: root, ...summary(runs.tree) },
      ...(reference ? { reference: { dir: reference, ...summary(runs.reference) } } : {}),
      machine: machine(),
    },
    null,
    2,
  ),
);
