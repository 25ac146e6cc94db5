// Contact form posts per second — validation, the request row and the receipt in the outbox in
// one transaction, the confirmation page — against a route of the same server that only inserts
// a row, same load generator and settings, same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine } from './lib/machine.ts';
import { freePort, start, stop, tsxBin, waitForHttp } from './lib/processes.ts';
import { type LoadResult, wrk } from './lib/wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const ROUNDS = 2;
const FORM = new URLSearchParams({
  topic: 'grid',
  salutation: 'ms',
  name: 'Erika Mustermann',
  email: 'erika.mustermann@example.org',
  concern: 'Wann wird unser Hausanschluss gelegt? Wir bauen im Neubaugebiet Am Mühlbach.',
  phone: '0211 1234567',
  customerNumber: '4711-0815',
}).toString();

/** wrk with a Lua script that POSTs the form. */
const wrkPost = (url: string, script: string, seconds: number): LoadResult =>
  wrk(url, { seconds, connections: CONNECTIONS, extra: ['-s', script] });

const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-contact-'));
const script = path.join(dir, 'post.lua');
writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.body = "${FORM}"\n`);
const port = await freePort();
const server = start(tsxBin, ['bench/servers/contact.ts'], {
  PORT: String(port),
  DATA_DIR: path.join(dir, 'data'),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  FORM_RATE_LIMIT_PER_MINUTE: '100000000',
  // no mail delivery competing for the database during the run
  RUN_JOBS: 'false',
});
try {
  await waitForHttp(`http://127.0.0.1:${port}/kontakt`, server);
  const base = `http://127.0.0.1:${port}`;
  const check = await fetch(`${base}/kontakt`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: FORM,
  });
  if (check.status !== 200 || !/K-\d{4}-[0-9A-Z]{8}/.test(await check.text()))
    throw new Error(`the form did not accept the benchmark's post (${check.status})`);
  // warm-up (JIT, caches) on both routes
  wrkPost(`${base}/bench/insert`, script, 3);
  wrkPost(`${base}/kontakt`, script, 3);
  const runs: Record<'form' | 'insert', LoadResult[]> = { form: [], insert: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.insert.push(wrkPost(`${base}/bench/insert`, script, SECONDS));
    runs.form.push(wrkPost(`${base}/kontakt`, script, SECONDS));
  }
  const best = (list: LoadResult[]) => list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const form = best(runs.form);
  const insert = best(runs.insert);
  console.log(
    JSON.stringify(
      {
        benchmark: 'contact',
        description:
          'POST /kontakt (validation, phone parsing, request row and receipt in the outbox in one transaction, confirmation page) vs POST of the same form to a route that only inserts a row; same server (PGlite), same run',
        loadGenerator: `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s with a Lua script posting the form, best of ${ROUNDS} rounds each, after a 3 s warm-up`,
        form,
        reference: { name: 'insert-only route', ...insert },
        ratio: Number((form.requestsPerSecond / insert.requestsPerSecond).toFixed(3)),
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  await stop(server);
  rmSync(dir, { recursive: true, force: true });
}
