// Home page (all security headers, access logging on, embedded database) against a bare
// node:http hello world: same load generator (wrk), same settings, same run. A second reference,
// Fastify alone serving the same page bytes, separates the framework's cost from the platform's.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupCpuMicros } from './lib/cpu-time.ts';
import { machine, median } from './lib/machine.ts';
import { freePort, nodeBin, root, start, stop, tsxBin, waitForHttp } from './lib/processes.ts';
import { type LoadResult, wrk } from './lib/wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;
/** The second load: p99 must stay under 50 ms with this many connections. */
const MANY_CONNECTIONS = 256;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

type Target = 'platform' | 'base' | 'hello' | 'fastify';

/** Another checkout (with node_modules) whose platform is measured in the same rounds: "before". */
const BASE_DIR = process.env.BENCH_BASE_DIR;
/** When set, the platform (and base) run under `node --cpu-prof`, profiles written here on exit. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;

interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  meanMs: number;
}

interface Run extends LoadResult {
  /** The server's own CPU time (user + system, all threads) per answered request. */
  cpuMicrosPerRequest: number;
  /** Event-loop delay inside the server during this run (platform only). */
  loopDelay?: LoopDelay;
}

interface Measured {
  load: Run;
  many: Run;
}

/** The server's loop-delay report (BENCH_LOOP_DELAY_FILE): its lines so far. */
function reportLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Asks the server for its loop delays since the last call (SIGUSR2) and waits for the line. */
async function loopDelaySinceLast(file: string, pid: number): Promise<LoopDelay> {
  const before = reportLines(file).length;
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 10) {
    const lines = reportLines(file);
    if (lines.length > before) return JSON.parse(lines[lines.length - 1] as string) as LoopDelay;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server did not report its loop delay');
}

async function measuredRun(url: string, group: number, connections: number, report?: { file: string; pid: number }): Promise<Run> {
  if (report) await loopDelaySinceLast(report.file, report.pid); // counts from here
  const cpuBefore = groupCpuMicros(group);
  const load = wrk(url, { seconds: SECONDS, connections });
  const cpu = groupCpuMicros(group) - cpuBefore;
  return {
    ...load,
    cpuMicrosPerRequest: Number((cpu / Math.max(1, load.requests)).toFixed(1)),
    ...(report ? { loopDelay: await loopDelaySinceLast(report.file, report.pid) } : {}),
  };
}

async function measure(name: Target, dataDir: string): Promise<Measured> {
  const port = await freePort();
  const pageFile = path.join(dataDir, 'home-page.html');
  const loopFile = path.join(dataDir, `loop-delay-${name}-${port}.jsonl`);
  const isPlatform = name === 'platform' || name === 'base';
  const cwd = name === 'base' ? (BASE_DIR as string) : root;
  const child = isPlatform
    ? start(
        tsxBin,
        ['src/cli.ts', 'serve'],
        {
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '100000000',
          BENCH_LOOP_DELAY_FILE: loopFile,
          ...(CPU_PROF_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(CPU_PROF_DIR, name)}` } : {}),
        },
        cwd,
      )
    : name === 'fastify'
      ? start(nodeBin, ['bench/servers/fastify-same-bytes.js'], { PORT: String(port), PAGE_FILE: pageFile })
      : start(nodeBin, ['bench/servers/hello.js'], { PORT: String(port) });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, child);
    if (name === 'platform') writeFileSync(pageFile, Buffer.from(await (await fetch(url)).arrayBuffer()));
    const pid = isPlatform ? (JSON.parse(reportLines(loopFile)[0] as string) as { pid: number }).pid : undefined;
    const report = pid ? { file: loopFile, pid } : undefined;
    wrk(url, { seconds: 3, connections: CONNECTIONS }); // warm-up (JIT, caches)
    const group = child.pid as number;
    return {
      load: await measuredRun(url, group, CONNECTIONS, report),
      many: await measuredRun(url, group, MANY_CONNECTIONS, report),
    };
  } finally {
    await stop(child);
  }
}

/** Time from `npm start` to the first 200 of the home page, on a data folder that exists. */
async function startupMs(dataDir: string): Promise<number> {
  const port = await freePort();
  const begun = performance.now();
  const child = start('npm', ['start'], { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child);
    return performance.now() - begun;
  } finally {
    await stop(child);
  }
}

const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-http-'));
let baseDataDir = dataDir;
try {
  const seeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  // The base checkout gets a data folder of its own, seeded by its own code: a folder the branch
  // migrated holds migrations the base does not know, and the base refuses to open it.
  if (BASE_DIR) {
    baseDataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-http-base-'));
    const baseSeeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], {
      cwd: BASE_DIR,
      env: { ...process.env, DATA_DIR: baseDataDir, LOG_LEVEL: 'warn' },
    });
    if (baseSeeded.status !== 0) throw new Error(`seed-demo of the base failed: ${baseSeeded.stderr}`);
  }
  const runs: Record<Target, Measured[]> = { platform: [], base: [], hello: [], fastify: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.hello.push(await measure('hello', dataDir));
    // Base and branch take turns at going first, so neither always follows the other's load.
    const pair: Target[] = BASE_DIR ? (round % 2 === 0 ? ['base', 'platform'] : ['platform', 'base']) : ['platform'];
    for (const target of pair) runs[target].push(await measure(target, target === 'base' ? baseDataDir : dataDir));
    runs.fastify.push(await measure('fastify', dataDir));
  }
  const best = (list: Run[]) => list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  // CPU time per request barely depends on what else the machine runs: the median of the rounds.
  const cpu = (list: Run[]) => median(list.map((r) => r.cpuMicrosPerRequest));
  const platform = best(runs.platform.map((r) => r.load));
  const hello = best(runs.hello.map((r) => r.load));
  const fastify = best(runs.fastify.map((r) => r.load));
  const platformMany = best(runs.platform.map((r) => r.many));
  const helloMany = best(runs.hello.map((r) => r.many));
  const cpuMicrosPerRequest = {
    description:
      'server CPU time (user + system, /proc/<pid>/stat of its process group) per request at 64 connections, median of the rounds',
    platform: cpu(runs.platform.map((r) => r.load)),
    ...(BASE_DIR ? { base: cpu(runs.base.map((r) => r.load)) } : {}),
    reference: cpu(runs.hello.map((r) => r.load)),
    fastify: cpu(runs.fastify.map((r) => r.load)),
    ratio: Number((cpu(runs.hello.map((r) => r.load)) / cpu(runs.platform.map((r) => r.load))).toFixed(3)),
  };
  const base = BASE_DIR
    ? {
        dir: BASE_DIR,
        load: best(runs.base.map((r) => r.load)),
        many: best(runs.base.map((r) => r.many)),
        ratio: Number((best(runs.base.map((r) => r.load)).requestsPerSecond / hello.requestsPerSecond).toFixed(3)),
      }
    : undefined;

  const startups: number[] = [];
  const copy = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-start-'));
  cpSync(dataDir, copy, { recursive: true });
  for (let i = 0; i < 3; i++) startups.push(await startupMs(copy));
  rmSync(copy, { recursive: true, force: true });

  console.log(
    JSON.stringify(
      {
        benchmark: 'http',
        description: 'GET / of the platform (security headers, access log, PGlite) vs a bare node:http hello world',
        loadGenerator: `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s, best of ${ROUNDS} rounds each, after a 3 s warm-up`,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
        platform,
        reference: { name: 'node:http hello world', ...hello },
        ratio: Number((platform.requestsPerSecond / hello.requestsPerSecond).toFixed(3)),
        cpuMicrosPerRequest,
        ...(base ? { base } : {}),
        frameworkReference: {
          name: 'Fastify alone (no plugins, no hooks) serving the same page bytes',
          ...fastify,
          ratioToHello: Number((fastify.requestsPerSecond / hello.requestsPerSecond).toFixed(3)),
          platformRatio: Number((platform.requestsPerSecond / fastify.requestsPerSecond).toFixed(3)),
        },
        manyConnections: {
          loadGenerator: `wrk -t1 -c${MANY_CONNECTIONS} -d${SECONDS}s, same rounds`,
          platform: platformMany,
          reference: { name: 'node:http hello world', ...helloMany },
          ratio: Number((platformMany.requestsPerSecond / helloMany.requestsPerSecond).toFixed(3)),
        },
        target: { ratio: 0.6, p99MsAt256Connections: 50, startupMs: 10_000 },
        startup: {
          description: '`npm start` on an existing data folder until the home page answers 200',
          runsMs: startups.map(Math.round),
          medianMs: Math.round(median(startups)),
        },
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(baseDataDir, { recursive: true, force: true });
}
