// Home page (all security headers, access logging on, embedded database) against a bare
// node:http hello world: same load generator (wrk), same settings, same run. A second reference,
// Fastify alone serving the same page bytes, separates the framework's cost from the platform's.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, median } from './lib/machine.ts';
import { freePort, nodeBin, root, start, stop, tsxBin, waitForHttp } from './lib/processes.ts';
import { type LoadResult, wrk } from './lib/wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;
/** The second load: p99 must stay under 50 ms with this many connections. */
const MANY_CONNECTIONS = 256;
const ROUNDS = 2;

type Target = 'platform' | 'hello' | 'fastify';

interface Measured {
  load: LoadResult;
  many: LoadResult;
}

async function measure(name: Target, dataDir: string): Promise<Measured> {
  const port = await freePort();
  const pageFile = path.join(dataDir, 'home-page.html');
  const child =
    name === 'platform'
      ? start(tsxBin, ['src/cli.ts', 'serve'], {
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '100000000',
        })
      : name === 'fastify'
        ? start(nodeBin, ['bench/servers/fastify-same-bytes.js'], { PORT: String(port), PAGE_FILE: pageFile })
        : start(nodeBin, ['bench/servers/hello.js'], { PORT: String(port) });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child);
    if (name === 'platform') writeFileSync(pageFile, Buffer.from(await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer()));
    wrk(`http://127.0.0.1:${port}/`, { seconds: 3, connections: CONNECTIONS }); // warm-up (JIT, caches)
    return {
      load: wrk(`http://127.0.0.1:${port}/`, { seconds: SECONDS, connections: CONNECTIONS }),
      many: wrk(`http://127.0.0.1:${port}/`, { seconds: SECONDS, connections: MANY_CONNECTIONS }),
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

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-http-'));
try {
  const seeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const runs: Record<Target, Measured[]> = { platform: [], hello: [], fastify: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.hello.push(await measure('hello', dataDir));
    runs.platform.push(await measure('platform', dataDir));
    runs.fastify.push(await measure('fastify', dataDir));
  }
  const best = (list: LoadResult[]) => list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const platform = best(runs.platform.map((r) => r.load));
  const hello = best(runs.hello.map((r) => r.load));
  const fastify = best(runs.fastify.map((r) => r.load));
  const platformMany = best(runs.platform.map((r) => r.many));
  const helloMany = best(runs.hello.map((r) => r.many));

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
        platform,
        reference: { name: 'node:http hello world', ...hello },
        ratio: Number((platform.requestsPerSecond / hello.requestsPerSecond).toFixed(3)),
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
}
