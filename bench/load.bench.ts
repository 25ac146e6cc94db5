// A realistic mix of visitors at rising concurrency until p99 passes 500 ms: public pages, contact
// form posts, portal sign-ins, the signed-in overview and SMS page. The knee (the last
// concurrency within 500 ms p99) and the error rate, on the embedded PGlite and on PostgreSQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_EMAIL, DEMO_PASSWORD, demoPasswordKey, signInDemoCustomer } from './lib/demo-customer.ts';
import { errorsByRequest } from './lib/errors-by-request.ts';
import { kneeOf, type Step } from './lib/knee.ts';
import { machine } from './lib/machine.ts';
import { freePort, root, start, stop, tsxBin, waitForHttp } from './lib/processes.ts';
import { COUNT_STATUSES_LUA, errorsByStatus, wrk } from './lib/wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const P99_BOUND_MS = 500;
const CONNECTIONS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const PASSWORD = DEMO_PASSWORD;
const EMAIL = DEMO_EMAIL;

const CONTACT = new URLSearchParams({
  topic: 'grid',
  salutation: 'ms',
  name: 'Erika Mustermann',
  email: EMAIL,
  concern: 'Wann wird unser Hausanschluss gelegt? Wir bauen im Neubaugebiet Am Mühlbach.',
  phone: '0211 1234567',
  customerNumber: '',
}).toString();

/**
 * The mix, one request after another on every connection, in this proportion (out of 20): what
 * a utility's site sees is mostly public pages, some forms, a share of signed-in customers.
 */
const MIX: { weight: number; method: 'GET' | 'POST'; path: string; body?: string; signedIn?: boolean }[] = [
  { weight: 5, method: 'GET', path: '/' },
  { weight: 2, method: 'GET', path: '/strom' },
  { weight: 1, method: 'GET', path: '/en/electricity' },
  { weight: 1, method: 'GET', path: '/datenschutz' },
  { weight: 1, method: 'GET', path: '/kontakt' },
  { weight: 2, method: 'POST', path: '/kontakt', body: CONTACT },
  { weight: 1, method: 'GET', path: '/portal/anmelden' },
  { weight: 1, method: 'POST', path: '/portal/anmelden', body: new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString() },
  { weight: 4, method: 'GET', path: '/portal', signedIn: true },
  { weight: 2, method: 'GET', path: '/portal/sms', signedIn: true },
];

function luaScript(cookie: string): string {
  const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal here (ASCII, escaped quotes)
  const entries = MIX.flatMap((m) => {
    const headers = [
      ...(m.body ? ['["Content-Type"] = "application/x-www-form-urlencoded"'] : []),
      ...(m.signedIn ? [`["Cookie"] = ${lua(cookie)}`] : []),
    ].join(', ');
    const request = `wrk.format(${lua(m.method)}, ${lua(m.path)}, { ${headers} }, ${m.body ? lua(m.body) : 'nil'})`;
    return Array.from({ length: m.weight }, () => request);
  });
  return `local requests = {}
local i = 0
function init(args)
  requests = { ${entries.join(',\n    ')} }
  -- each thread starts elsewhere in the mix
  i = math.random(#requests) - 1
end
function request()
  i = i % #requests + 1
  return requests[i]
end
${COUNT_STATUSES_LUA}`;
}

async function prepareAndServe(kind: 'pglite' | 'postgres', dir: string) {
  const schema = `bench_load_${process.pid}`;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    FORM_RATE_LIMIT_PER_MINUTE: '100000000',
    RUN_JOBS: 'false',
    ...(kind === 'pglite'
      ? { DATA_DIR: path.join(dir, 'data') }
      : { DATA_DIR: path.join(dir, 'data-pg'), DATABASE_URL, DATABASE_SCHEMA: schema }),
  };
  const seeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const key = demoPasswordKey(seeded.stdout);
  const port = await freePort();
  const server = start(tsxBin, ['src/cli.ts', 'serve'], { ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/`, server);
  const cookie = await signInDemoCustomer(base, key);
  // Every request of the mix answers as it should before any load is measured.
  for (const m of MIX) {
    const res = await fetch(`${base}${m.path}`, {
      method: m.method,
      headers: { ...(m.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(m.signedIn ? { cookie } : {}) },
      ...(m.body ? { body: m.body } : {}),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (res.status !== 200 && res.status !== 303) throw new Error(`${m.method} ${m.path} answered ${res.status} before the load`);
  }
  const dropSchema = async () => {
    if (kind !== 'postgres') return;
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  };
  // Where the server's access log is, read once the server has stopped.
  const database = kind === 'pglite' ? { dataDir: env.DATA_DIR } : { url: DATABASE_URL, schema };
  return { base, cookie, server, dropSchema, database };
}

async function measure(kind: 'pglite' | 'postgres') {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stadtwerk-bench-load-${kind}-`));
  const served = await prepareAndServe(kind, dir);
  try {
    const steps: (Step & { errorsByStatus: Record<string, number> })[] = [];
    const windows: { from: Date; to: Date }[] = [];
    try {
      const script = path.join(dir, 'mix.lua');
      writeFileSync(script, luaScript(served.cookie));
      wrk(`${served.base}/`, { seconds: 3, connections: 8, extra: ['-s', script] }); // warm-up
      for (const connections of CONNECTIONS) {
        const from = new Date();
        const result = wrk(`${served.base}/`, { seconds: SECONDS, connections, extra: ['-s', script] });
        windows.push({ from, to: new Date() });
        const errorRate = result.requests ? Number((result.errors / result.requests).toFixed(4)) : 0;
        // Which errors: a 429 of the sign-in throttle is by design, a 500 or 503 is not.
        steps.push({ connections, ...result, errorRate, errorsByStatus: errorsByStatus(result.responsesByStatus) });
        if (!(result.latencyMs.p99 <= P99_BOUND_MS)) break;
      }
    } finally {
      await stop(served.server);
    }
    // Which request of the mix answered them, from the server's access log.
    const byRequest = await errorsByRequest(served.database, windows);
    const measured = steps.map((step, i) => ({ ...step, errorsByRequest: byRequest[i] ?? {} }));
    const knee = kneeOf(measured, P99_BOUND_MS);
    const errorsOf = (step: NonNullable<typeof knee.within>) => ({
      errorRate: step.errorRate,
      errorsByStatus: step.errorsByStatus,
      socketErrors: step.socketErrors,
      errorsByRequest: step.errorsByRequest,
    });
    return {
      database: kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL (own schema on BENCH_DATABASE_URL)',
      knee: {
        connections: knee.within?.connections ?? null,
        requestsPerSecond: knee.within?.requestsPerSecond ?? null,
        p99Ms: knee.within?.latencyMs.p99 ?? null,
        ...(knee.within ? errorsOf(knee.within) : { errorRate: null }),
        firstBeyond: knee.beyond
          ? { connections: knee.beyond.connections, p99Ms: knee.beyond.latencyMs.p99, ...errorsOf(knee.beyond) }
          : null,
      },
      steps: measured,
    };
  } finally {
    await served.dropSchema();
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env.BENCH_LOAD_DATABASES?.split(',') ?? ['pglite', 'postgres'];
const results = [];
for (const kind of ['pglite', 'postgres'] as const) if (only.includes(kind)) results.push(await measure(kind));
console.log(
  JSON.stringify(
    {
      benchmark: 'load',
      description: `A mix of ${MIX.reduce((n, m) => n + m.weight, 0)} requests in turn on every connection: ${MIX.map((m) => `${m.weight}× ${m.method} ${m.path}${m.signedIn ? ' (signed in)' : ''}`).join(', ')}; connections rising ${CONNECTIONS.join(', ')} until p99 passes ${P99_BOUND_MS} ms`,
      loadGenerator: `wrk -t1 -d${SECONDS}s per step with a Lua script cycling through the mix, after a 3 s warm-up; errors are answers of 400 and above (by status: the script counts every answer, responsesByStatus; by request of the mix: the server's access log, errorsByRequest) and socket errors (by kind)`,
      p99BoundMs: P99_BOUND_MS,
      results,
      machine: machine(),
    },
    null,
    2,
  ),
);
