// A burst of new connections against a busy server (decision 027): 256 connections opened at
// once by wrk, and a new visitor arriving meanwhile. The platform with one listening socket (as
// before) and with the default number, same data, same run, taking turns at going first.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { machine, median } from './lib/machine.ts';
import { freePort, root, start, stop, tsxBin, waitForHttp } from './lib/processes.ts';
import { type LoadResult, wrk, wrkInBackground } from './lib/wrk.ts';

const CONNECTIONS = 256;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** When the new visitor arrives, after wrk was started (ms). */
const PROBES_AFTER_MS = [100, 500, 1000, 2000];

/** One GET / on a connection of its own: the time until the whole answer is in (ms). */
function newVisitor(url: string): Promise<number> {
  const begun = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - begun));
      })
      .on('error', reject);
  });
}

interface Burst {
  load: LoadResult;
  newVisitorMs: number[];
}

async function burst(url: string): Promise<Burst> {
  const load = wrkInBackground(url, { seconds: SECONDS, connections: CONNECTIONS });
  const begun = performance.now();
  const probes = PROBES_AFTER_MS.map(async (after) => {
    await new Promise((r) => setTimeout(r, Math.max(0, after - (performance.now() - begun))));
    return newVisitor(url);
  });
  const newVisitorMs = (await Promise.all(probes)).map((ms) => Math.round(ms));
  return { load: await load, newVisitorMs };
}

async function measure(acceptSockets: number | undefined, dataDir: string): Promise<Burst> {
  const port = await freePort();
  const child = start(tsxBin, ['src/cli.ts', 'serve'], {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...(acceptSockets ? { HTTP_ACCEPT_SOCKETS: String(acceptSockets) } : {}),
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, child);
    wrk(url, { seconds: 3, connections: 64 }); // warm-up (JIT, caches); its connections are closed after
    return await burst(url);
  } finally {
    await stop(child);
  }
}

const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
const seed = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-burst-'));
try {
  const seeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], { cwd: root, env: { ...process.env, DATA_DIR: seed, LOG_LEVEL: 'warn' } });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const runs: Record<'oneSocket' | 'default', Burst[]> = { oneSocket: [], default: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order: (keyof typeof runs)[] = round % 2 === 0 ? ['oneSocket', 'default'] : ['default', 'oneSocket'];
    for (const which of order) {
      // A fresh copy each time: the access log of one run does not weigh on the next.
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-burst-run-'));
      cpSync(seed, dataDir, { recursive: true });
      try {
        runs[which].push(await measure(which === 'oneSocket' ? 1 : undefined, dataDir));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  const summary = (list: Burst[]) => ({
    p99Ms: list.map((r) => r.load.latencyMs.p99),
    medianP99Ms: median(list.map((r) => r.load.latencyMs.p99)),
    requestsPerSecond: list.map((r) => r.load.requestsPerSecond),
    timeouts: list.map((r) => r.load.socketErrors.timeout),
    newVisitorMs: list.map((r) => r.newVisitorMs),
    newVisitorWorstMs: Math.max(...list.flatMap((r) => r.newVisitorMs)),
  });
  console.log(
    JSON.stringify(
      {
        benchmark: 'burst',
        description: `${CONNECTIONS} connections opened at once against the platform (home page, embedded database), and a new visitor arriving ${PROBES_AFTER_MS.join(', ')} ms after`,
        loadGenerator: `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s after a 3 s warm-up at 64 connections, ${ROUNDS} rounds, a fresh copy of the demo data each`,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
        oneListeningSocket: summary(runs.oneSocket),
        defaultListeningSockets: summary(runs.default),
        target: { p99MsAt256Connections: 50 },
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(seed, { recursive: true, force: true });
}
