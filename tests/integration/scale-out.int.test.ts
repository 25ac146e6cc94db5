import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../bench/lib/processes.ts';
import { loadConfig } from '../../src/core/config/config.ts';
import { createDatabase, type Database } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { ensureCycles, scheduledCycles } from '../../src/modules/sponsoring/sponsoring.cycles.ts';
import type { SponsoringTables } from '../../src/modules/sponsoring/sponsoring.tables.ts';
import { addApprovedProjects } from '../../src/modules/sponsoring/sponsoring.test-support.ts';
import { modules } from '../../src/modules.ts';
import { CUSTOMER_PASSWORD, createTestCustomer, formBody } from '../support/customers.ts';
import { type HttpsRecorder, startHttpsRecorder } from '../support/https-recorder.ts';
import { dropSchemas, withAdminClient } from '../support/postgres.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { TEST_DATABASE_URL, testSchemaName } from '../support/test-db.ts';
import { TEST_SECRET } from '../support/test-server.ts';

/**
 * The scale-out shape of docs/deployment.md with real processes: two web processes and a worker
 * on one PostgreSQL schema, behind one port (a round-robin proxy that terminates "TLS" the way
 * nginx does: it says so in X-Forwarded-Proto and names the client in X-Forwarded-For).
 * Only PostgreSQL can be shared by processes; the embedded database is one process's own.
 */
const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const FORM_LIMIT = 4;
// One sponsoring cycle a year, begun 50 days ago: with the default phases (28, 21, 21 …) its
// vote is open today, whatever day the test runs.
const cycleStart = new Date(Date.now() - 50 * 86_400_000);
const CYCLE_STARTS = `${String(cycleStart.getUTCMonth() + 1).padStart(2, '0')}-${String(cycleStart.getUTCDate()).padStart(2, '0')}`;

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

let schema: string;
let database: Database;
let smtp: TestSmtpServer;
let smsProvider: HttpsRecorder;
let proxy: http.Server;
let proxyPort: number;
const children: ChildProcess[] = [];

/** Resolves when the process prints `pattern`; the test's own timeout bounds the wait. */
function printed(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`)));
  });
}

/** Forwards each request to the next backend in turn and says which one answered (x-backend). */
function roundRobinProxy(backends: number[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    const index = next++ % backends.length;
    const { 'x-test-client': client, ...rest } = req.headers;
    const headers = { ...rest, 'x-forwarded-proto': 'https', 'x-forwarded-for': String(client ?? '127.0.0.1') };
    const upstream = http.request(
      { host: '127.0.0.1', port: backends[index], method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-backend': String(index) });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

/** One request through the proxy, as the client `client`. */
function call(method: string, url: string, options: { client: string; form?: Record<string, string>; cookie?: string }): Promise<Answer> {
  const body = options.form ? formBody(options.form) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        method,
        path: url,
        agent: false,
        headers: {
          'x-test-client': options.client,
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const countOf = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;
const backendsOf = (answers: Answer[]) => new Set(answers.map((a) => a.headers['x-backend']));

beforeAll(async () => {
  if (!onPostgres) return;
  schema = testSchemaName();
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  database = await createDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 3 });
  // Migrated once here; the processes find it up to date (their concurrent migrate is a no-op).
  await migrateToLatest(database, modules);
  [smtp, smsProvider] = await Promise.all([startSmtpServer(), startHttpsRecorder()]);
  const [webA, webB] = [await freePort(), await freePort()];
  proxy = roundRobinProxy([webA, webB]);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as { port: number }).port;

  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PUBLIC_URL: `https://localhost:${proxyPort}`,
    TRUST_PROXY: '127.0.0.1',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    SECRET_KEY: TEST_SECRET,
    SMTP_URL: smtp.url,
    SMS_PROVIDER_URL: smsProvider.url,
    SMS_PROVIDER_TOKEN: 'provider-token',
    SMS_PROVIDER_CA_FILE: smsProvider.caFile,
    FORM_RATE_LIMIT_PER_MINUTE: String(FORM_LIMIT),
    SPONSORING_CYCLE_STARTS: CYCLE_STARTS,
    RATE_LIMIT_PER_MINUTE: '100000',
    // Every process runs jobs, so "once" is proven against three runners on one queue.
    RUN_JOBS: 'true',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const web = (port: number) => spawn(tsx, ['src/cli.ts', 'serve'], { cwd: root, env: env({ PORT: String(port) }), stdio: 'pipe' });
  const worker = spawn(tsx, ['src/cli.ts', 'worker'], { cwd: root, env: env({ LOG_LEVEL: 'info' }), stdio: 'pipe' });
  const [a, b] = [web(webA), web(webB)];
  children.push(a, b, worker);
  await Promise.all([printed(a, /is running at/), printed(b, /is running at/), printed(worker, /worker started/)]);
}, 180_000);

afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await new Promise((resolve) => proxy?.close(resolve));
  await smtp?.stop();
  await smsProvider?.close();
  await database?.close();
  await dropSchemas(schema);
}, 60_000);

describe.skipIf(!onPostgres)('two web processes and a worker on one PostgreSQL', () => {
  test('the contact form limit holds across both instances, and its mails are delivered once by three job runners', async () => {
    const form = {
      topic: 'grid',
      salutation: 'ms',
      name: 'Erika Mustermann',
      email: 'erika.scaleout@example.org',
      concern: 'Wann wird unser Hausanschluss gelegt? Bitte rufen Sie mich an.',
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/kontakt', { client: '203.0.113.21', form })));
    expect(backendsOf(answers)).toEqual(new Set(['0', '1']));
    expect(countOf(answers, 429)).toBe(10 - FORM_LIMIT);
    expect(answers.filter((a) => a.status < 400)).toHaveLength(FORM_LIMIT);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from contact_requests`.execute(database.db);
    expect(rows[0]?.n).toBe(FORM_LIMIT);

    // Six delivery jobs at once, for the three runners to race on.
    const outbox = await sql<{ n: number }>`select count(*)::int as n from mail_outbox`.execute(database.db);
    const mails = outbox.rows[0]?.n ?? 0;
    expect(mails).toBeGreaterThanOrEqual(FORM_LIMIT);
    const boss = new PgBoss({
      connectionString: TEST_DATABASE_URL,
      schema: `${schema}_pgboss`,
      schedule: false,
      supervise: false,
      migrate: false,
    });
    await boss.start();
    try {
      const ids = await Promise.all(Array.from({ length: 6 }, () => boss.send('mail.deliver', {})));
      await smtp.waitForMessages(mails);
      // Every job finished (the state is read until then): a second delivery would have come by now.
      for (const id of ids) {
        for (;;) {
          const job = await boss.getJobById('mail.deliver', id as string);
          if (job?.state === 'completed') break;
          expect(job?.state).not.toBe('failed');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await boss.stop({ graceful: false });
    }
    expect(smtp.received).toHaveLength(mails);
    const sent = await sql<{ n: number }>`select count(*)::int as n from mail_outbox where sent_at is not null`.execute(database.db);
    expect(sent.rows[0]?.n).toBe(mails);
  });

  test('a session made on one instance works on the other; the sign-in throttle counts across both', async () => {
    const customer = await createTestCustomer(database.db, new Date());
    const signIn = await call('POST', '/portal/anmelden', {
      client: '203.0.113.31',
      form: { email: customer.email, password: CUSTOMER_PASSWORD },
    });
    expect(signIn.status).toBe(303);
    const cookie = String(signIn.headers['set-cookie']?.find((c) => c.startsWith('__Host-portal='))?.split(';')[0]);
    const pages = [
      await call('GET', '/portal', { client: '203.0.113.31', cookie }),
      await call('GET', '/portal', { client: '203.0.113.31', cookie }),
    ];
    expect(backendsOf(pages)).toEqual(new Set(['0', '1']));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.body).toContain(customer.customerNumber);
    }

    // Twelve wrong passwords at once, from one address, over both instances: three are checked.
    const wrong = await Promise.all(
      Array.from({ length: 12 }, () =>
        call('POST', '/portal/anmelden', {
          client: '203.0.113.32',
          form: { email: customer.email, password: 'not the right password at all' },
        }),
      ),
    );
    expect(backendsOf(wrong)).toEqual(new Set(['0', '1']));
    expect(countOf(wrong, 401)).toBe(3);
    expect(countOf(wrong, 429)).toBe(9);
  });

  test('[C62] ten SMS sent at once over both instances: five reach the provider', async () => {
    const customer = await createTestCustomer(database.db, new Date());
    const client = '203.0.113.41';
    const signIn = await call('POST', '/portal/anmelden', { client, form: { email: customer.email, password: CUSTOMER_PASSWORD } });
    const cookie = String(signIn.headers['set-cookie']?.find((c) => c.startsWith('__Host-portal='))?.split(';')[0]);
    const page = await call('GET', '/portal/sms', { client, cookie });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    expect(csrf).toBeDefined();
    const before = smsProvider.received.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('POST', '/portal/sms', {
          client,
          cookie,
          form: { _csrf: csrf, recipient: `+4917123456${String(i).padStart(2, '0')}`, text: `parallel ${i}` },
        }),
      ),
    );
    expect(backendsOf(answers)).toEqual(new Set(['0', '1']));
    expect(countOf(answers, 200)).toBe(5);
    expect(countOf(answers, 429)).toBe(5);
    await smsProvider.waitFor(before + 5);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from sms_outbox where customer_id = ${customer.customerId}`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(5);
    expect(smsProvider.received.length - before).toBe(5);
  });

  test('[C42] twenty ballots saved at once over both instances never give more than 5 votes', async () => {
    const config = loadConfig({ SPONSORING_CYCLE_STARTS: CYCLE_STARTS });
    const now = new Date();
    const cycle = [now.getUTCFullYear() - 1, now.getUTCFullYear()]
      .flatMap((year) => scheduledCycles(config, year))
      .find((c) => c.voting_from <= now && now < c.result_from);
    if (!cycle) throw new Error(`no cycle votes today with starts ${CYCLE_STARTS}`);
    const sdb = database.db.withTables<SponsoringTables>();
    await ensureCycles(sdb, config, now);
    await addApprovedProjects(sdb, cycle, 6);
    const email = 'voter.scaleout@example.org';
    const person = { email, salutation: 'ms', firstName: 'Maria', lastName: 'Muster' };
    expect((await call('POST', '/buergerprojekte/abstimmung/anmelden', { client: '203.0.113.51', form: person })).status).toBe(200);
    const { rows: mails } = await sql<{ text_body: string }>`select text_body from mail_outbox where recipient = ${email}`.execute(
      database.db,
    );
    const link = /https:\/\/localhost:\d+(\/buergerprojekte\/abstimmung\/bestaetigen\/[\w-]+)/.exec(mails[0]?.text_body ?? '')?.[1];
    expect(link).toBeDefined();
    const confirmed = await call('POST', link as string, { client: '203.0.113.52', form: {} });
    expect(confirmed.status).toBe(303);
    const ballot = String(confirmed.headers.location).replace(/^https:\/\/localhost:\d+/, '');

    // Each allocation alone is within the allowance; each address posts once (the form limit is not what is tested).
    const allocation = (i: number) =>
      Object.fromEntries([1, 2, 3, 4, 5, 6].map((p) => [`p${p}`, String(p === (i % 6) + 1 ? 3 : p === ((i + 1) % 6) + 1 ? 2 : 0)]));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', ballot, { client: `198.51.100.${100 + i}`, form: allocation(i) })),
    );
    expect(backendsOf(answers)).toEqual(new Set(['0', '1']));
    expect(answers.every((a) => a.status < 500)).toBe(true);
    expect(countOf(answers, 200)).toBeGreaterThan(0);
    const { rows } = await sql<{ allowed: number; used: number; given: number }>`
      select b.votes_allowed as allowed, b.votes_used as used, coalesce(sum(v.votes), 0)::int as given
      from sponsoring_voters r join sponsoring_ballots b on b.id = r.ballot_id
      left join sponsoring_ballot_votes v on v.ballot_id = b.id
      where r.email = ${email} group by b.votes_allowed, b.votes_used`.execute(database.db);
    expect(rows[0]).toEqual({ allowed: 5, used: 5, given: 5 });
  });
});
