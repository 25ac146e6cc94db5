import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, signInCustomer } from '../support/customers.ts';
import { type DiscoveredForm, discoverForms, type FormField } from '../support/form-discovery.ts';
import { demoUrl, routesOf, type Visitor, visitors } from '../support/route-walk.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/**
 * Property-based fuzzing of every route. The forms are read from the pages (as anonymous
 * visitor, customer and staff), so each POST route gets requests shaped like its form and then
 * broken: wrong types, missing, extra and duplicate fields, huge values, bad UTF-8, control
 * characters, wrong content types, CSRF tokens missing, of another session or of a session that
 * has ended; signed in and not. Every GET route gets broken query strings. For every request:
 * no 5xx, no stack trace or SQL in the answer, and a refused request (4xx) stored nothing.
 *
 * FUZZ_RUNS (runs per POST route, default 3; a quarter of that per GET route) and FUZZ_SEED (default fixed, so CI repeats the same
 * requests) make longer local runs: `FUZZ_RUNS=200 FUZZ_SEED=$RANDOM npx vitest run --project
 * pglite tests/integration/fuzz.int.test.ts`. A failure prints the seed and path to replay it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/**
 * Tables a refused request may change, and why: the access log records every request, refused
 * ones included (written in batches, so its rows appear whenever a batch is due, and counted into
 * the anonymous daily statistics in the same transaction, decision 025); the sign-in
 * and photo-code throttles count failed attempts, which is their job; a staff form sent back
 * with its error shows records, and every sight of personal data is audited (core/auth/guard.ts);
 * the rate limits count every request to a limited route, refused or not (core/http/rate-limit-store.ts).
 */
const MAY_CHANGE_ON_REFUSAL = new Set([
  'accesslog_entries',
  'accesslog_daily_stats',
  'login_throttle',
  'contest_code_attempts',
  'audit_log',
  'rate_limit_hits',
]);

let t: TestApp;
let who: Visitor[];
/** A customer's session that has signed out: its cookie and token are replayed. */
let ended: Visitor;
const forms = new Map<string, DiscoveredForm[]>();
let tables: string[] = [];
let sent = 0;
const statuses = new Map<string, number>();
let lastCounts: Record<string, number> | null = null;

beforeAll(async () => {
  t = await createTestApp();
  who = await visitors(t);
  const leaver = await signInCustomer(t.app, await createTestCustomer(t.database.db, t.clock.now()));
  await leaver.post('/portal/abmelden');
  ended = { name: 'customer', cookie: leaver.cookie, csrf: leaver.csrf };
  for (const route of routesOf(t.app, 'GET')) {
    // Staff pages are read as staff, portal pages as the customer, the rest anonymously.
    for (const visitor of who.filter((v) => v.name === areaOf(route))) {
      const url = demoUrl(route);
      const res = await t.app.inject({ method: 'GET', url, headers: visitor.cookie ? { cookie: visitor.cookie } : {} });
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      for (const form of discoverForms(res.body, url)) {
        const key = `${visitor.name} ${form.action}`;
        const known = forms.get(key) ?? [];
        if (!known.some((f) => f.fields.map((x) => x.name).join() === form.fields.map((x) => x.name).join())) known.push(form);
        forms.set(key, known);
      }
    }
  }
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(t.database.db);
  tables = rows.rows.map((r) => r.table_name).sort();
});
afterAll(() => t?.close());

/** Row counts of every table in one statement. */
async function rowCounts(): Promise<Record<string, number>> {
  const selects = tables.map((name) => `select '${name}' as name, count(*)::int as n from "${name}"`).join(' union all ');
  const result = await sql<{ name: string; n: number }>`${sql.raw(selects)}`.execute(t.database.db);
  return Object.fromEntries(result.rows.map((r) => [r.name, Number(r.n)]));
}

const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at [^\n]+:\d+:\d+\)?/],
  ['source path', /(node_modules\/|\/src\/[\w/.-]+\.tsx?\b)/],
  [
    'SQL',
    /\b(insert into|delete from|select [\w".*, ]+ from|update "?\w+"? set|syntax error at or near|violates [\w ]+ constraint|relation "\w+" does not exist)\b/i,
  ],
  ['database error', /\b(PGlite|kysely|pg-boss|ECONNREFUSED|ZodError)\b/],
];

const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{"a":1}',
  "' OR '1'='1' -- ",
  "'); drop table sessions; --",
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '../../../../etc/passwd',
  '\u0000',
  'Zeile\r\nBcc: x@example.org',
  '\u202eevil',
  '\u0007\u001b[31m',
  '😀'.repeat(50),
  '2026-02-30',
  '9999-99-99',
  '99:99',
  '+491701234567',
  '__proto__',
  'x'.repeat(5000),
  '9'.repeat(400),
];

/** A value someone could pick or type in the field, so the rest of a request gets past it. */
function plausible(field: FormField): fc.Arbitrary<string> {
  if (field.choices.length > 0) return fc.constantFrom(...field.choices);
  const byType: Record<string, string[]> = {
    email: ['fuzz@example.org'],
    tel: ['+49 30 1234567', '0170 1234567'],
    date: ['2026-06-03', '2026-07-31'],
    time: ['11:00'],
    number: ['12', '1', '2026'],
    // Not the test accounts' password: a fuzzed request must not change or delete the access it runs in.
    password: ['ein anderes langes Passwort 42'],
    url: ['https://example.org/'],
  };
  return fc.constantFrom(...(byType[field.type] ?? ['Erika Mustermann', 'Beweisweg 1', '12345', 'Musterstadt', '7000001']));
}

const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat(2000).map((n) => 'ä'.repeat(n * 50)),
);

const EXTRA_NAMES = [
  '__proto__',
  'constructor',
  '__proto__[admin]',
  'constructor[prototype][x]',
  'a[b][c]',
  '_csrf',
  'website',
  'id',
  'role',
];

type FieldPlan = { name: string; values: string[] };

/** Which fields a request carries, each with one, two or no values. */
function fieldPlan(form: DiscoveredForm | undefined): fc.Arbitrary<FieldPlan[]> {
  const known = (form?.fields ?? []).map((field) =>
    fc.oneof(
      { weight: 4, arbitrary: plausible(field).map((v) => ({ name: field.name, values: [v] })) },
      { weight: 2, arbitrary: nasty.map((v) => ({ name: field.name, values: [v] })) },
      { weight: 1, arbitrary: fc.constant({ name: field.name, values: [] as string[] }) },
      { weight: 1, arbitrary: fc.tuple(plausible(field), nasty).map(([a, b]) => ({ name: field.name, values: [a, b] })) },
    ),
  );
  const extra = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_NAMES), fc.string({ maxLength: 12 })), nasty).map(([name, v]) => ({ name, values: [v] })),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), extra).map(([k, e]) => [...k, ...e]);
}

const ENCODINGS = [
  'urlencoded',
  'urlencoded-bad-utf8',
  'urlencoded-latin1',
  'multipart',
  'multipart-broken',
  'json',
  'text',
  'xml',
  'none',
] as const;
type Encoding = (typeof ENCODINGS)[number];
const CSRF = ['own', 'missing', 'other-session', 'ended-session', 'garbage'] as const;

interface Attempt {
  visitor: number;
  csrf: (typeof CSRF)[number];
  encoding: Encoding;
  fields: FieldPlan[];
  form: number;
}

function utf8Percent(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function body(encoding: Encoding, pairs: [string, string][]): { type?: string; payload?: string | Buffer } {
  const urlencoded = () => pairs.map(([k, v]) => `${utf8Percent(k)}=${utf8Percent(v)}`).join('&');
  switch (encoding) {
    case 'urlencoded':
      return { type: 'application/x-www-form-urlencoded', payload: urlencoded() };
    case 'urlencoded-bad-utf8':
      return {
        type: 'application/x-www-form-urlencoded',
        payload: Buffer.concat([
          Buffer.from(`${urlencoded()}&`),
          Buffer.from([0xff, 0xfe, 0x3d, 0xc0, 0xaf, 0x26, 0x78, 0x3d, 0x25, 0xe0, 0xa4]),
        ]),
      };
    case 'urlencoded-latin1':
      return {
        type: 'application/x-www-form-urlencoded; charset=iso-8859-1',
        payload: Buffer.from(urlencoded().replace(/%c3%a4/g, '%e4'), 'latin1'),
      };
    case 'multipart':
    case 'multipart-broken': {
      const parts = pairs.map(([k, v]) => `--fuzz\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '')}"\r\n\r\n${v}\r\n`);
      const end = encoding === 'multipart' ? '--fuzz--\r\n' : '--fu';
      return { type: 'multipart/form-data; boundary=fuzz', payload: `${parts.join('')}${end}` };
    }
    case 'json': {
      // The same fields with the types a form never sends: numbers, lists, objects, null.
      const object: Record<string, unknown> = {};
      pairs.forEach(([k, v], i) => {
        object[k] = [v, Number(v.length), [v], { v }, null, true][i % 6];
      });
      return { type: 'application/json', payload: JSON.stringify(object) };
    }
    case 'text':
      return { type: 'text/plain', payload: pairs.map(([k, v]) => `${k}=${v}`).join('\n') };
    case 'xml':
      return { type: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' };
    case 'none':
      return { payload: urlencoded() };
  }
}

function csrfToken(attempt: Attempt, visitor: Visitor): string | null {
  switch (attempt.csrf) {
    case 'own':
      return visitor.csrf;
    case 'missing':
      return null;
    case 'other-session':
      return who.find((v) => v.csrf && v !== visitor)?.csrf ?? null;
    case 'ended-session':
      return ended.csrf;
    case 'garbage':
      return 'A'.repeat(32);
  }
}

/** Sends one attempt and returns what was wrong with the answer; empty when nothing was. */
async function send(url: string, method: 'GET' | 'POST', attempt: Attempt, candidates: DiscoveredForm[]): Promise<string[]> {
  const visitor = attempt.csrf === 'ended-session' ? ended : (who[attempt.visitor] as Visitor);
  const pairs: [string, string][] = attempt.fields.flatMap((f) => f.values.map((v) => [f.name, v] as [string, string]));
  const token = csrfToken(attempt, visitor);
  if (token) pairs.unshift(['_csrf', token]);
  // A refused request changed nothing (or this check failed), so the counts after it are the
  // counts before the next: one count per request, not two.
  const before = method === 'POST' ? (lastCounts ?? (await rowCounts())) : null;
  lastCounts = null;
  const { type, payload } =
    method === 'POST'
      ? body(candidates[attempt.form]?.multipart && attempt.encoding === 'urlencoded' ? 'multipart' : attempt.encoding, pairs)
      : {};
  const query = method === 'GET' ? `?${pairs.map(([k, v], i) => `${utf8Percent(k)}=${i % 3 ? utf8Percent(v) : '%ZZ%FF'}`).join('&')}` : '';
  const res = await t.app.inject({
    method,
    url: `${url}${query}`,
    headers: { ...(type ? { 'content-type': type } : {}), ...(visitor.cookie ? { cookie: visitor.cookie } : {}) },
    ...(payload !== undefined ? { payload } : {}),
    // Anonymous attempts come from many addresses, so the sign-in throttles do not refuse them all.
    remoteAddress: visitor.cookie ? '127.0.0.1' : `198.51.100.${(sent % 250) + 1}`,
  });
  sent += 1;
  const key = `${method} ${res.statusCode}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  // Pages, JSON and text answers; scripts and stylesheets served as files hold code by nature.
  if (/^(text\/(html|plain)|application\/json)/.test(String(res.headers['content-type'] ?? ''))) {
    for (const [what, pattern] of LEAKS) if (pattern.test(res.body)) problems.push(`${what} in the answer: ${pattern.exec(res.body)?.[0]}`);
  }
  if (before) {
    const after = await rowCounts();
    lastCounts = after;
  }
  if (before && lastCounts && res.statusCode >= 400) {
    const after = lastCounts;
    const changed = Object.keys(after).filter((name) => after[name] !== before[name] && !MAY_CHANGE_ON_REFUSAL.has(name));
    if (changed.length) problems.push(`refused with ${res.statusCode}, yet rows changed in ${changed.join(', ')}`);
  }
  return problems;
}

/** The visitor a route is meant for: staff for the back office, the customer for the portal. */
function areaOf(route: string): Visitor['name'] {
  return /^\/staff/.test(route) ? 'staff' : /^(\/en)?\/portal/.test(route) ? 'customer' : 'anonymous';
}

function attempts(route: string, candidates: DiscoveredForm[]): fc.Arbitrary<Attempt> {
  const formIndex = fc.nat(Math.max(0, candidates.length - 1));
  const meant = who.findIndex((v) => v.name === areaOf(route));
  return formIndex.chain((form) =>
    fc.record({
      // Mostly the visitor the route is for, with their own token, so requests get past the
      // guards to the forms' code; the rest try the guards.
      visitor: fc.oneof({ weight: 3, arbitrary: fc.constant(meant) }, { weight: 2, arbitrary: fc.nat(who.length - 1) }),
      csrf: fc.oneof({ weight: 4, arbitrary: fc.constant('own' as const) }, { weight: 3, arbitrary: fc.constantFrom(...CSRF) }),
      encoding: fc.oneof(
        { weight: 6, arbitrary: fc.constant('urlencoded' as Encoding) },
        { weight: 4, arbitrary: fc.constantFrom(...ENCODINGS) },
      ),
      fields: fieldPlan(candidates[form]),
      form: fc.constant(form),
    }),
  );
}

function patternMatches(pattern: string, action: string): boolean {
  const path = action.split('?')[0] ?? '';
  return new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}/?$`).test(path);
}

async function fuzz(method: 'GET' | 'POST'): Promise<{ failures: string[]; routes: number }> {
  const failures: string[] = [];
  // Signing out ends the visitors' sessions: those routes go last.
  const routes = routesOf(t.app, method).sort((a, b) => Number(/abmelden|sign-out/.test(a)) - Number(/abmelden|sign-out/.test(b)));
  for (const [index, route] of routes.entries()) {
    const found = [...forms.entries()].filter(([key]) => patternMatches(route, key.slice(key.indexOf(' ') + 1))).flatMap(([, f]) => f);
    const candidates = method === 'POST' ? found : [];
    const urls = [...new Set(candidates.map((f) => f.action.split('?')[0] as string))];
    const url = urls[0] ?? demoUrl(route);
    const result = await fc.check(
      fc.asyncProperty(attempts(route, candidates), async (attempt) => {
        const target = candidates[attempt.form]?.action ?? url;
        const problems = await send(target, method, attempt, candidates);
        if (problems.length) throw new Error(problems.join('; '));
      }),
      // Query strings reach less code than forms (and hostile-input.int.test.ts sends more of them).
      { numRuns: method === 'POST' ? RUNS : Math.max(1, Math.round(RUNS / 4)), seed: SEED + index, endOnFailure: true },
    );
    if (result.failed) {
      failures.push(
        `${method} ${route}: ${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)}\n` +
          `  seed ${result.seed}, path ${result.counterexamplePath}: ${fc.stringify(result.counterexample)}`,
      );
    }
  }
  return { failures, routes: routes.length };
}

describe('fuzzing every route', () => {
  test('forms were found on the pages: the fuzzer knows the fields of the POST routes', () => {
    const posts = routesOf(t.app, 'POST');
    const covered = posts.filter((route) => [...forms.keys()].some((key) => patternMatches(route, key.slice(key.indexOf(' ') + 1))));
    // Routes whose pages need a record that exists (a staff member's page, an inbox entry) are
    // fuzzed with their path and no known fields.
    expect(covered.length).toBeGreaterThan(posts.length / 3);
    const fieldsOf = (action: string) =>
      [...forms.entries()].filter(([k]) => k.endsWith(` ${action}`)).flatMap(([, f]) => f.flatMap((x) => x.fields.map((y) => y.name)));
    expect(fieldsOf('/kontakt')).toEqual(expect.arrayContaining(['name', 'email', 'topic', 'concern']));
    expect(fieldsOf('/portal/umzug')).toEqual(expect.arrayContaining(['moveOn', 'street', 'postcode', 'city']));
  });

  test('every POST route: no 5xx, no stack trace or SQL, nothing stored by a refused request', async () => {
    const started = sent;
    const { failures, routes } = await fuzz('POST');
    console.log(`fuzz: ${sent - started} POST requests on ${routes} routes (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED})`);
    console.log(`fuzz: answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures).toEqual([]);
  }, 600_000);

  test('every GET route with broken query strings: no 5xx, no stack trace or SQL', async () => {
    const started = sent;
    const { failures, routes } = await fuzz('GET');
    console.log(`fuzz: ${sent - started} GET requests on ${routes} routes (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED})`);
    expect(failures).toEqual([]);
  }, 600_000);
});
