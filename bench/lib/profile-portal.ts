// Profiles the signed-in portal overview: seeds the demo into a schema of its own on PostgreSQL
// (or a PGlite data folder with `--pglite`), starts the web process under `node --cpu-prof`, signs
// the demo customer in, loads GET /portal with wrk and stops the server, which writes the profile.
//   tsx bench/lib/profile-portal.ts <out-dir> [--pglite] [--seconds 20] [--path /portal]
// Summarise it with bench/lib/profile-summary.ts (see docs/perf/README.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { demoPasswordKey, signInDemoCustomer } from './demo-customer.ts';
import { freePort, nodeBin, root, start, stop, tsxBin, waitForHttp } from './processes.ts';
import { wrk } from './wrk.ts';

const args = process.argv.slice(2);
const outDir = path.resolve(args[0] ?? 'profiles');
const onPglite = args.includes('--pglite');
const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 20;
const target = args.includes('--path') ? (args[args.indexOf('--path') + 1] as string) : '/portal';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-profile-portal-'));
const schema = `profile_portal_${process.pid}`;
const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  FORM_RATE_LIMIT_PER_MINUTE: '100000000',
  RUN_JOBS: 'false',
  DATA_DIR: path.join(dir, 'data'),
  ...(onPglite ? {} : { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }),
};
const admin = onPglite ? undefined : new pg.Client({ connectionString: POSTGRES_URL });
try {
  await admin?.connect();
  await admin?.query(`create schema "${schema}"`);
  const seeded = spawnSync(tsxBin, ['src/cli.ts', 'seed-demo'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const key = demoPasswordKey(seeded.stdout);
  const port = await freePort();
  const spawnedAt = Date.now();
  const server = start(nodeBin, ['--cpu-prof', `--cpu-prof-dir=${outDir}`, '--import', 'tsx', 'src/cli.ts', 'serve'], {
    ...env,
    PORT: String(port),
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForHttp(`${origin}/`, server);
    const cookie = await signInDemoCustomer(origin, key);
    const pageBytes = (await (await fetch(`${origin}${target}`, { headers: { cookie } })).arrayBuffer()).byteLength;
    // What to pass to profile-summary.ts as --skip: the profile's start-up before the load.
    const skipSeconds = Math.ceil((Date.now() - spawnedAt) / 1000);
    const result = wrk(`${origin}${target}`, { seconds, connections: 64, extra: ['-H', `Cookie: ${cookie}`] });
    console.log(JSON.stringify({ target, database: onPglite ? 'pglite' : 'postgres', pageBytes, skipSeconds, ...result }));
  } finally {
    await stop(server);
  }
} finally {
  await admin?.query(`drop schema if exists "${schema}" cascade`);
  await admin?.end();
  rmSync(dir, { recursive: true, force: true });
}
