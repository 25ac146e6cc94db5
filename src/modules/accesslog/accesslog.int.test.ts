import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { countLoopTurns } from '../../../tests/support/loop-turns.ts';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles } from '../../core/auth/index.ts';
import { DAY_MS } from '../../core/clock.ts';
import { findActivity, privacyJobs, privacyModule } from '../../core/privacy/index.ts';
import { loadRouteMatcher, reduceReferrer } from './accesslog.anonymity.ts';
import { parseCombinedLine } from './accesslog.combined.ts';
import { accesslogCommands } from './accesslog.commands.ts';
import { writeDemoLog } from './accesslog.demo-log.ts';
import { AlreadyImportedError, importCombinedLog } from './accesslog.import.ts';
import { accesslogJobs } from './accesslog.jobs.ts';
import { pagePath, referringPage } from './accesslog.normalise.ts';
import { aggregatePending, insertEntryColumns, readStats, writeLiveEntries } from './accesslog.queries.ts';
import { StatsAccumulator } from './accesslog.stats.ts';
import type { AccesslogTables } from './accesslog.tables.ts';
import { browserAndOs } from './accesslog.user-agent.ts';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let t: TestApp;
const db = () => t.database.db.withTables<AccesslogTables>();
const job = (name: string) => {
  const found = accesslogJobs.find((j) => j.name === name);
  if (!found) throw new Error(name);
  return () => found.run(t.ctx, {});
};

beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: '1' } });
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.app.accessLog.flush();
  await sql`delete from accesslog_entries`.execute(t.database.db);
  await sql`delete from accesslog_daily_stats`.execute(t.database.db);
  await sql`delete from accesslog_imports`.execute(t.database.db);
});

describe('access log', () => {
  test('entries are stored exactly as recorded, tabs, backslashes, line breaks and missing values included (COPY on the embedded engine), and as counted', async () => {
    const at = new Date('2026-11-30T10:00:00.123Z');
    const awkward = {
      occurredAt: at,
      clientIp: '2001:db8::1',
      method: 'GET',
      path: '/a\\b\tc\nd\re\\N',
      referrer: 'https://example.org/x\ty\\',
      status: 404,
      bytesSent: 12_345_678_901,
      browser: 'Brow\\ser',
      os: null,
    };
    const plain = { ...awkward, path: '/', referrer: null, browser: null, os: 'Linux', status: 200, bytesSent: 0 };
    await writeLiveEntries(db(), [awkward, plain], { embedded: t.database.pglite });
    const rows = await db()
      .selectFrom('accesslog_entries')
      .select(['occurred_at', 'client_ip', 'method', 'path', 'referrer', 'status', 'bytes_sent', 'browser', 'os', 'source', 'aggregated'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual(
      [awkward, plain].map((e) => ({
        occurred_at: e.occurredAt,
        client_ip: e.clientIp,
        method: e.method,
        path: e.path,
        referrer: e.referrer,
        status: e.status,
        bytes_sent: e.bytesSent,
        browser: e.browser,
        os: e.os,
        source: 'live',
        aggregated: true,
      })),
    );
  });

  test('one-time tokens never reach the log through the Referer: our own pages are not stored as referrers, other sites without token-like segments (security finding 4)', async () => {
    const token = 'Zq3xV9bT1mK7pL2sW8dF4hJ6nR0cY5gA';
    for (const referer of [
      `http://localhost:3000/staff/einladung/${token}`,
      `http://localhost:3000/datenschutz/anfrage/bestaetigen/${token}`,
      `https://mail.example.net/read/${token}/view`,
    ])
      await t.app.inject({ method: 'GET', url: '/datenschutz', headers: { referer } });
    await t.app.accessLog.flush();
    const rows = await db().selectFrom('accesslog_entries').select('referrer').orderBy('id').execute();
    expect(rows.map((r) => r.referrer)).toEqual([null, null, 'https://mail.example.net/read/:id/view']);
    expect(JSON.stringify(await db().selectFrom('accesslog_entries').selectAll().execute())).not.toContain(token);
  });

  test('[C05] each request logs IP, referring page, requested page, time, bytes, status, browser and OS', async () => {
    t.clock.set('2026-06-15T10:00:00Z');
    const res = await t.app.inject({
      method: 'GET',
      url: '/strom?tarif=oeko&name=Max',
      headers: { 'x-forwarded-for': '198.51.100.23', 'user-agent': CHROME_WINDOWS, referer: 'https://www.example.org/suche?q=strom' },
    });
    await t.app.accessLog.flush();
    const rows = await db().selectFrom('accesslog_entries').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      client_ip: '198.51.100.23',
      referrer: 'https://www.example.org/suche',
      path: '/strom',
      method: 'GET',
      status: 200,
      bytes_sent: Buffer.byteLength(res.body),
      browser: 'Chrome 131',
      os: 'Windows 10',
    });
    expect(rows[0]?.occurred_at.toISOString()).toBe('2026-06-15T10:00:00.000Z');
  });

  test('[C05] errors, static files and HEAD requests are logged too, with the bytes really sent', async () => {
    await t.app.inject({ method: 'GET', url: '/nicht-da', headers: { 'user-agent': SAFARI_IPHONE } });
    const css = await t.app.inject({ method: 'GET', url: '/assets/site.css' });
    await t.app.inject({ method: 'HEAD', url: '/gas' });
    await t.app.accessLog.flush();
    const rows = await db().selectFrom('accesslog_entries').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.path, r.status])).toEqual([
      ['/nicht-da', 404],
      ['/assets/site.css', 200],
      ['/gas', 200],
    ]);
    expect(rows[0]).toMatchObject({ browser: 'Mobile Safari 17', os: 'iOS 17' });
    expect(rows[1]?.bytes_sent).toBe(css.rawPayload.length);
    expect(rows[2]?.bytes_sent).toBe(0);
  });

  test("a one-time token in a link's path is logged as the route pattern, never as the token", async () => {
    const token = 'Zk3hQv9mW2pXr7LcT4nB8sYd';
    await t.app.inject({ method: 'GET', url: `/staff/einladung/${token}` });
    await t.app.inject({ method: 'GET', url: `/datenschutz/anfrage/bestaetigen/${token}` });
    await t.app.accessLog.flush();
    const rows = await db().selectFrom('accesslog_entries').select('path').orderBy('id').execute();
    expect(rows.map((r) => r.path)).toEqual(['/staff/einladung/:token', '/datenschutz/anfrage/bestaetigen/:token']);
  });

  test("a load balancer's health probes are not visits: they stay out of the log and the statistics", async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: '/wasser' });
    await t.app.accessLog.flush();
    const rows = await db().selectFrom('accesslog_entries').select('path').orderBy('id').execute();
    expect(rows.map((r) => r.path)).toEqual(['/wasser']);
  });

  test('logging loses nothing under load: N parallel requests give N entries', async () => {
    const n = 400;
    await Promise.all(Array.from({ length: n }, (_, i) => t.app.inject({ method: 'GET', url: i % 2 ? '/' : '/wasser' })));
    await t.app.accessLog.flush();
    const { count } = await db().selectFrom('accesslog_entries').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(n);
  });

  test('[C07] the nightly retention run deletes entries older than 90 days and keeps younger ones', async () => {
    const now = new Date('2026-06-15T03:17:00Z');
    const ages = [0, 1, 30, 89.9, 90.1, 120, 400];
    for (const age of ages) {
      t.clock.set(new Date(now.getTime() - age * DAY_MS));
      await t.app.inject({ method: 'GET', url: `/alter-${String(age).replace('.', '-')}` });
    }
    await t.app.accessLog.flush();
    t.clock.set(now);
    const nightly = privacyModule.jobs?.find((j) => j.name === 'privacy.retention');
    await nightly?.run(t.ctx, {});
    const left = await db().selectFrom('accesslog_entries').select('path').orderBy('occurred_at', 'desc').execute();
    expect(left.map((r) => r.path)).toEqual(['/alter-0', '/alter-1', '/alter-30', '/alter-89-9']);
    // the deleted entries were counted into the statistics before they went
    const figures = await readStats(db(), '2025-01-01', '2026-12-31', 1);
    expect(figures.find((f) => f.dimension === 'total')?.requests).toBe(ages.length);
  });

  test('[C06] the log feeds operations monitoring and anonymous statistics only: no public page shows it', async () => {
    const ip = '203.0.113.201';
    await t.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-for': ip, 'user-agent': CHROME_WINDOWS } });
    await t.app.accessLog.flush();
    await aggregatePending(db());
    const paths = t.app.routeTable.filter((r) => r.method === 'GET' && !/[:*]/.test(r.url)).map((r) => r.url);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) {
      const res = await t.app.inject({ method: 'GET', url: p });
      expect(res.body, p).not.toContain(ip);
      expect(res.body, p).not.toContain('Chrome 131');
    }
  });

  test('[C06] statistics are computed from the entries: views per page, status codes, referrers, browsers, OS, hours', async () => {
    t.clock.set('2026-06-15T08:30:00Z');
    const hits = [
      { url: '/strom', ua: CHROME_WINDOWS, ref: 'https://www.google.de/' },
      { url: '/strom', ua: SAFARI_IPHONE, ref: undefined },
      { url: '/kaputt', ua: SAFARI_IPHONE, ref: 'http://10.1.2.3/intranet' },
    ];
    for (const h of hits) {
      await t.app.inject({ method: 'GET', url: h.url, headers: { 'user-agent': h.ua, ...(h.ref ? { referer: h.ref } : {}) } });
    }
    await t.app.accessLog.flush();
    // The writer counts what it stores, in the same transaction: nothing is left for the job.
    expect(await job('accesslog.aggregate')()).toBe(0);
    const figures = await readStats(db(), '2026-06-15', '2026-06-15', 1);
    const get = (dimension: string, key: string) => figures.find((f) => f.dimension === dimension && f.key === key)?.requests;
    expect(get('total', '')).toBe(3);
    expect(get('page', '/strom')).toBe(2);
    expect(get('status', '404')).toBe(1);
    // referrers as a known site or "other" (C08)
    expect(get('referrer_host', 'google.de')).toBe(1);
    expect(get('referrer_host', '(andere)')).toBe(1);
    expect(get('page', '(andere)')).toBe(1);
    expect(get('browser', 'Mobile Safari 17')).toBe(2);
    expect(get('os', 'Windows 10')).toBe(1);
    expect(get('hour', '10')).toBe(3);
  });

  test('[C06] entries stored uncounted (by a version before the writer counted them) are counted by the job a batch at a time, with a turn of the event loop between two batches, and once only', async () => {
    const n = 2 * 100 + 10;
    const at = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 5, 15, 8, 0, i)).toISOString());
    await insertEntryColumns(
      db(),
      {
        occurredAt: at,
        clientIp: at.map(() => '192.0.2.9'),
        method: at.map(() => 'GET'),
        path: at.map(() => '/strom'),
        referrer: at.map(() => null),
        status: at.map(() => 200),
        bytesSent: at.map(() => 10),
        browser: at.map(() => 'Firefox 133'),
        os: at.map(() => 'Linux'),
      },
      'live',
      false,
    );
    // On the embedded engine each batch holds the web process: requests need turns between them.
    const loop = countLoopTurns();
    const before = loop.turns;
    const counted = await aggregatePending(db(), 100);
    loop.stop();
    expect(counted).toBe(n);
    expect(loop.turns - before, 'a turn before each batch after the first').toBeGreaterThanOrEqual(2);
    expect(await aggregatePending(db(), 100)).toBe(0);
    const figures = await readStats(db(), '2026-06-15', '2026-06-15', 1);
    expect(figures.find((f) => f.dimension === 'page' && f.key === '/strom')?.requests).toBe(n);
  });

  test('[C08] the statistics tables hold no IP, no user agent and no per-visitor key', async () => {
    const visitors = Array.from({ length: 25 }, (_, i) => ({ ip: `192.0.2.${i + 1}`, ua: `${CHROME_WINDOWS} Visitor/${i}` }));
    for (const v of visitors) {
      await t.app.inject({
        method: 'GET',
        url: `/strom`,
        headers: { 'x-forwarded-for': v.ip, 'user-agent': v.ua, referer: `https://192.0.2.${v.ip.split('.')[3]}/` },
      });
      await t.app.inject({ method: 'GET', url: `/portal/rechnungen/${1000 + Number(v.ip.split('.')[3])}` });
    }
    await t.app.accessLog.flush();
    await aggregatePending(db());
    // The schema itself: only day, source, dimension, key and two counters.
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_name = 'accesslog_daily_stats' and table_schema = current_schema() order by ordinal_position`.execute(t.database.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['day', 'source', 'dimension', 'key', 'requests', 'bytes']);
    const rows = await db().selectFrom('accesslog_daily_stats').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const v of visitors) {
      expect(dump).not.toContain(v.ip);
      expect(dump).not.toContain(`Visitor/${v.ip.split('.')[3]}`);
    }
    expect(dump).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(dump).not.toContain('Mozilla/');
    // Record ids in paths are folded, so no row stands for one visitor's own page.
    expect(
      rows
        .filter((r) => r.dimension === 'page')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['/portal/rechnungen/:id', '/strom']);
    // Every key of every dimension counts 25 requests or more: nothing describes one visitor.
    for (const r of rows.filter((r) => r.dimension !== 'status' && r.dimension !== 'total')) expect(r.requests).toBeGreaterThanOrEqual(25);
  });
});

describe('import of a proxy log', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accesslog-import-'));
  const line = (ip: string, when: string, target: string, status = 200, bytes = 1000) =>
    `${ip} - - [${when}] "GET ${target} HTTP/1.1" ${status} ${bytes} "https://www.example.org/" "${CHROME_WINDOWS}"`;

  test('[C06] [C07] an imported log counts into the statistics; only lines younger than 90 days are kept', async () => {
    const file = path.join(dir, 'access.log');
    writeFileSync(
      file,
      [
        line('203.0.113.1', '01/Jan/2026:12:00:00 +0100', '/strom'),
        line('203.0.113.2', '01/Jan/2026:12:05:00 +0100', '/gas', 404, 200),
        'this is not a log line',
        line('203.0.113.3', '10/Jun/2026:09:00:00 +0200', '/strom?x=1'),
        '',
      ].join('\n'),
    );
    const report = await importCombinedLog(db(), file, {
      now: new Date('2026-06-15T00:00:00Z'),
      retentionDays: 90,
      embedded: t.database.pglite,
    });
    expect(report).toMatchObject({ linesRead: 4, linesSkipped: 1, skippedExamples: [3], entriesKept: 1 });
    const entries = await db().selectFrom('accesslog_entries').selectAll().execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ client_ip: '203.0.113.3', path: '/strom', source: 'import', aggregated: true });
    const jan = await readStats(db(), '2026-01-01', '2026-01-01', 1);
    expect(jan.find((f) => f.dimension === 'total')).toMatchObject({ requests: 2, bytes: 1200 });
    expect(jan.find((f) => f.dimension === 'status' && f.key === '404')?.requests).toBe(1);
    // imported entries are already counted; the live job must not count them again
    expect(await aggregatePending(db())).toBe(0);
  });

  test('parsing on several threads counts exactly what one pass over the file counts', async () => {
    const file = path.join(dir, 'threads.log');
    await writeDemoLog(file, { lines: 30_000, from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-14T00:00:00Z'), seed: 7 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(9, 0, 'broken line ten');
    lines.splice(24_999, 0, '{"not":"a log line"}');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const expected = new StatsAccumulator();
    let kept = 0;
    const now = new Date('2026-06-15T00:00:00Z');
    for (const l of lines) {
      const p = parseCombinedLine(l);
      if (!p) continue;
      const { browser, os: system } = browserAndOs(p.userAgent);
      expected.add({
        occurredAt: p.time,
        path: pagePath(p.target),
        referrer: referringPage(p.referrer),
        status: p.status,
        bytes: p.bytes,
        browser,
        os: system,
      });
      if (p.time >= now.getTime() - 90 * DAY_MS) kept += 1;
    }
    const report = await importCombinedLog(db(), file, { now, retentionDays: 90, threads: 3, embedded: t.database.pglite });
    expect(report).toMatchObject({ threads: 3, linesRead: 30_002, linesSkipped: 2, skippedExamples: [10, 25_000], entriesKept: kept });
    const stored = await db().selectFrom('accesslog_daily_stats').select(['day', 'dimension', 'key', 'requests', 'bytes']).execute();
    // what one pass counted, with pages under their routes and referrers as known sites (C08)
    const routes = await loadRouteMatcher(t.database.db);
    const reduced = new Map<string, { day: string; dimension: string; key: string; requests: number; bytes: number }>();
    for (const r of expected.rows()) {
      const key = r.dimension === 'page' ? routes.reduce(r.key) : r.dimension === 'referrer_host' ? reduceReferrer(r.key) : r.key;
      const hit = reduced.get(`${r.day}|${r.dimension}|${key}`);
      if (hit) {
        hit.requests += r.requests;
        hit.bytes += r.bytes;
      } else reduced.set(`${r.day}|${r.dimension}|${key}`, { ...r, key });
    }
    const sort = (rows: { day: string; dimension: string; key: string }[]) =>
      [...rows].sort((a, b) => `${a.day}${a.dimension}${a.key}`.localeCompare(`${b.day}${b.dimension}${b.key}`));
    expect(sort(stored)).toEqual(sort([...reduced.values()]));
  });

  test('on the embedded engine the workers send binary COPY buffers, and what is stored is what the insert stores, awkward values included', async () => {
    const lines = [
      // a backslash and a tab in the path, a quote escaped in the request, UTF-8, an offset of +05:30
      String.raw`2001:db8::7 - - [14/Jun/2026:23:59:59 +0530] "GET /a\\b	c/\"straße\" HTTP/1.1" 200 12345678901 "https://www.google.de/suche?q=x" "-"`,
      // no referrer, no size, no user agent; an address field longer than 64 characters
      `${'f'.repeat(80)} - - [14/Jun/2026:10:00:00 -0700] "POST /kontakt HTTP/1.1" 303 - "-" "-"`,
      `203.0.113.5 - - [13/Jun/2026:08:00:00 +0000] "GET / HTTP/2.0" 404 0 "https://www.example.org/seite/12345" "${SAFARI_IPHONE}"`,
    ];
    const now = new Date('2026-06-15T00:00:00Z');
    const stored = async () =>
      db()
        .selectFrom('accesslog_entries')
        .select(['occurred_at', 'client_ip', 'method', 'path', 'referrer', 'status', 'bytes_sent', 'browser', 'os', 'source', 'aggregated'])
        .orderBy('occurred_at')
        .execute();
    const embedded = t.database.pglite;
    const viaCopy = path.join(dir, 'copy.log');
    writeFileSync(viaCopy, `${lines.join('\n')}\n`);
    expect(await importCombinedLog(db(), viaCopy, { now, retentionDays: 90, embedded })).toMatchObject({ entriesKept: 3 });
    const copied = await stored();
    await sql`delete from accesslog_entries`.execute(t.database.db);
    // the same lines (another file: a file is imported once) through the unnest() insert
    const viaInsert = path.join(dir, 'insert.log');
    writeFileSync(viaInsert, `${lines.join('\n')}\n\n`);
    expect(await importCombinedLog(db(), viaInsert, { now, retentionDays: 90 })).toMatchObject({ entriesKept: 3 });
    const inserted = await stored();
    expect(copied).toEqual(inserted);
    expect(copied).toEqual([
      expect.objectContaining({ occurred_at: new Date('2026-06-13T08:00:00Z'), status: 404, browser: 'Mobile Safari 17', os: 'iOS 17' }),
      expect.objectContaining({ occurred_at: new Date('2026-06-14T17:00:00Z'), client_ip: 'f'.repeat(64), method: 'POST', referrer: null }),
      expect.objectContaining({
        occurred_at: new Date('2026-06-14T18:29:59Z'),
        path: '/a\\b\tc/"straße"',
        referrer: 'https://www.google.de/suche',
        bytes_sent: 12_345_678_901,
        browser: null,
        os: null,
        source: 'import',
        aggregated: true,
      }),
    ]);
  });

  test('[C07] entries are searched by time through a BRIN index, which costs an import next to nothing to keep up', async () => {
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'accesslog_entries' and indexdef like '%(occurred_at)%'`.execute(t.database.db);
    expect(rows.map((r) => r.indexdef.replace(/^.* USING /, ''))).toEqual(['brin (occurred_at)']);
  });

  test('the same file cannot be imported twice, and a refused import changes nothing', async () => {
    const file = path.join(dir, 'twice.log');
    writeFileSync(file, `${line('203.0.113.9', '02/Jan/2026:12:00:00 +0100', '/wasser')}\n`);
    const opts = { now: new Date('2026-06-15T00:00:00Z'), retentionDays: 90, embedded: t.database.pglite };
    await importCombinedLog(db(), file, opts);
    await expect(importCombinedLog(db(), file, opts)).rejects.toBeInstanceOf(AlreadyImportedError);
    const figures = await readStats(db(), '2026-01-02', '2026-01-02', 1);
    expect(figures.find((f) => f.dimension === 'total')?.requests).toBe(1);
  });
});

describe('[C08] [C09] anonymity of the statistics', () => {
  const PERSONAL = /erika|mustermann|tagebuch/i;
  const visit = (url: string, referer?: string, ip = '198.51.100.77') =>
    t.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': ip, 'user-agent': CHROME_WINDOWS, ...(referer ? { referer } : {}) } });

  test('[C08] a personal-looking path or referrer never becomes a key: pages count under their route or as "other", referrers as a known site or "other", rare keys fold into "other" for the period (k from config)', async () => {
    t.clock.set('2026-06-16T08:30:00Z');
    await visit('/erika.mustermann@example.org');
    await visit('/erika.mustermann@example.org', 'https://erika-mustermann.example/tagebuch');
    await visit('/portal/rechnungen/erika-mustermann');
    await visit('/kontakt/Erika%20Mustermann');
    for (let i = 0; i < 6; i++) await visit('/strom', 'https://www.google.de/search', `198.51.100.${i + 1}`);
    await visit('/gas', 'https://mustermann-family.example/');
    await t.app.accessLog.flush();
    await aggregatePending(db());

    // stored: nothing a visitor typed, nothing of a personal site
    const stored = await db().selectFrom('accesslog_daily_stats').selectAll().execute();
    expect(stored.filter((r) => PERSONAL.test(r.key))).toEqual([]);
    const keys = (dimension: string) =>
      stored
        .filter((r) => r.dimension === dimension)
        .map((r) => [r.key, Number(r.requests)])
        .sort();
    expect(keys('page')).toEqual([
      ['(andere)', 3],
      ['/gas', 1],
      ['/portal/rechnungen/:id', 1],
      ['/strom', 6],
    ]);
    expect(keys('referrer_host')).toEqual([
      ['(andere)', 2],
      ['(direkt)', 3],
      ['google.de', 6],
    ]);

    // reported for the period: keys seen fewer than k = 5 times are "other", sums unchanged
    const figures = await readStats(db(), '2026-06-16', '2026-06-16', t.config.STATS_MIN_COUNT);
    expect(t.config.STATS_MIN_COUNT).toBe(5);
    const shown = (dimension: string) =>
      figures
        .filter((f) => f.dimension === dimension)
        .map((f) => [f.key, Number(f.requests)])
        .sort();
    expect(shown('page')).toEqual([
      ['(andere)', 5],
      ['/strom', 6],
    ]);
    expect(shown('referrer_host')).toEqual([
      ['(andere)', 5],
      ['google.de', 6],
    ]);
    expect(figures.find((f) => f.dimension === 'total')?.requests).toBe(11);
    // k is configuration: with k = 7 even /strom is "other"
    expect((await readStats(db(), '2026-06-16', '2026-06-16', 7)).filter((f) => f.dimension === 'page').map((f) => f.key)).toEqual([
      '(andere)',
    ]);

    // the staff page shows the same figures
    const admin = await signIn(t.app, await createTestStaff(t.database.db, ['admin'], t.clock.now()), t.clock);
    const page = await admin.get('/staff/statistik?from=2026-06-16&to=2026-06-16');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/strom');
    expect(page.body).not.toMatch(PERSONAL);
    expect(page.body).not.toContain('/gas');
  });

  test('[C09] page-to-page steps count under their routes, and the staff page shows only steps taken at least k times', async () => {
    t.clock.set('2026-06-16T09:00:00Z');
    await sql`delete from analytics_transitions`.execute(t.database.db);
    const step = (path: string, previous: string | null) =>
      t.app.inject({
        method: 'POST',
        url: '/api/analytics/schritt',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ path, previous }),
      });
    expect((await step('/erika.mustermann@example.org', '/strom')).statusCode).toBe(204);
    expect((await step('/portal/rechnungen/erika-mustermann', '/erika.mustermann@example.org')).statusCode).toBe(204);
    for (let i = 0; i < 5; i++) expect((await step('/gas', '/strom')).statusCode).toBe(204);
    const rows = await sql<{ from_path: string; to_path: string; count: number }>`
      select from_path, to_path, count from analytics_transitions order by from_path, to_path`.execute(t.database.db);
    expect(rows.rows.filter((r) => PERSONAL.test(r.from_path) || PERSONAL.test(r.to_path))).toEqual([]);
    expect(rows.rows.map((r) => [r.from_path, r.to_path, Number(r.count)])).toEqual([
      ['(andere)', '/portal/rechnungen/:id', 1],
      ['/strom', '(andere)', 1],
      ['/strom', '/gas', 5],
    ]);
    const editor = await signIn(t.app, await createTestStaff(t.database.db, ['editor'], t.clock.now()), t.clock);
    const page = await editor.get('/staff/statistik/wege');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/gas');
    expect(page.body).not.toContain('/portal/rechnungen/:id');
    expect(page.body).not.toContain('(andere)');
  });

  test('[C08] the statistics tables have a deletion rule in the register: figures older than 25 months go, younger ones stay', async () => {
    const activity = findActivity(t.ctx.modules, t.config, 'accesslog.website-use');
    expect(activity?.retention.find((r) => r.table === 'accesslog_daily_stats')).toMatchObject({
      after: { months: 25 },
      action: { kind: 'delete' },
    });
    const analytics = findActivity(t.ctx.modules, t.config, 'analytics.usage');
    expect(analytics?.retention.find((r) => r.table === 'analytics_transitions')).toMatchObject({ after: { months: 25 } });
    await db()
      .insertInto('accesslog_daily_stats')
      .values([
        { day: '2024-05-14', source: 'live', dimension: 'total', key: '', requests: 7, bytes: 70 },
        { day: '2024-05-16', source: 'live', dimension: 'total', key: '', requests: 9, bytes: 90 },
      ])
      .execute();
    t.clock.set('2026-06-15T12:00:00Z');
    await privacyJobs.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    const left = await db().selectFrom('accesslog_daily_stats').select('day').where('day', '<', '2025-01-01').execute();
    expect(left.map((r) => String(r.day))).toEqual(['2024-05-16']);
  });

  test('[C06] what the log records reaches only operations monitoring and the anonymous statistics: no other table (mails, letters, exports), no staff page, no statistics export (text, JSON, CSV)', async () => {
    t.clock.set('2026-06-17T08:00:00Z');
    const IP = '203.0.113.206';
    const UA = 'Beweisbrowser/7.3 (C06-Kennung)';
    const markers = [IP, 'Beweisbrowser', 'C06-Kennung', 'c06-verweis', 'c06-geheimer-pfad'];
    for (let i = 0; i < 6; i++)
      await t.app.inject({
        method: 'GET',
        url: '/c06-geheimer-pfad',
        headers: { 'x-forwarded-for': IP, 'user-agent': UA, referer: 'https://c06-verweis.example/seite' },
      });
    await t.app.accessLog.flush();
    await aggregatePending(db());
    // the log itself holds it (C05), for operations
    const logged = await db().selectFrom('accesslog_entries').select(['client_ip', 'path']).where('client_ip', '=', IP).execute();
    expect(logged).toHaveLength(6);

    // no other table: so no mail (outbox), letter, data-subject export or PDF, which are made from them
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      t.database.db,
    );
    const found: string[] = [];
    for (const { table_name } of tables.rows.filter((r) => r.table_name !== 'accesslog_entries')) {
      const rows = await sql<{ row: string }>`select r::text as row from ${sql.table(table_name)} r`.execute(t.database.db);
      for (const { row } of rows.rows)
        for (const m of markers) {
          // The rate limit counts requests per address for a day at most: a processing of its own
          // in the register (core/auth), fed by the request, not by the log; it holds nothing else.
          if (table_name === 'rate_limit_hits' && m === IP) continue;
          if (row.toLowerCase().includes(m.toLowerCase())) found.push(`${table_name}: ${m}`);
        }
    }
    expect(found).toEqual([]);

    // no staff page, as a member holding every role
    const everyone = await signIn(t.app, await createTestStaff(t.database.db, allRoles(t.config.organisation), t.clock.now()), t.clock);
    const pages = t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/staff') && !/[:*]/.test(r.url)).map((r) => r.url);
    expect(pages.length).toBeGreaterThan(15);
    for (const url of [...pages, '/staff/statistik?from=2026-06-17&to=2026-06-17']) {
      const res = await everyone.get(url);
      for (const m of markers) expect(res.body.toLowerCase(), `${url} shows ${m}`).not.toContain(m.toLowerCase());
    }

    // no export of the statistics, in any format; the visits are in them, as "other"
    const stats = accesslogCommands.find((c) => c.name === 'accesslog stats');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accesslog-c06-'));
    for (const format of ['text', 'json', 'csv']) {
      const output = path.join(dir, `stats.${format}`);
      expect(await stats?.run(['--from', '2026-06-17', '--to', '2026-06-17', '--format', format, '--output', output], t.ctx)).toBe(0);
      const text = readFileSync(output, 'utf8');
      expect(text).toContain('(andere)');
      for (const m of markers) expect(text.toLowerCase(), `${format} export holds ${m}`).not.toContain(m.toLowerCase());
    }
  });
});
