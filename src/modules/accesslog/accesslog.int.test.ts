import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import { privacyModule } from '../../core/privacy/index.ts';
import { parseCombinedLine } from './accesslog.combined.ts';
import { writeDemoLog } from './accesslog.demo-log.ts';
import { AlreadyImportedError, importCombinedLog } from './accesslog.import.ts';
import { accesslogJobs } from './accesslog.jobs.ts';
import { pagePath, referringPage } from './accesslog.normalise.ts';
import { aggregatePending, readStats } from './accesslog.queries.ts';
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
    const figures = await readStats(db(), '2025-01-01', '2026-12-31');
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
    expect(await job('accesslog.aggregate')()).toBe(3);
    expect(await aggregatePending(db())).toBe(0); // each entry is counted once
    const figures = await readStats(db(), '2026-06-15', '2026-06-15');
    const get = (dimension: string, key: string) => figures.find((f) => f.dimension === dimension && f.key === key)?.requests;
    expect(get('total', '')).toBe(3);
    expect(get('page', '/strom')).toBe(2);
    expect(get('status', '404')).toBe(1);
    expect(get('referrer_host', 'www.google.de')).toBe(1);
    expect(get('referrer_host', '(IP-Adresse)')).toBe(1);
    expect(get('browser', 'Mobile Safari 17')).toBe(2);
    expect(get('os', 'Windows 10')).toBe(1);
    expect(get('hour', '10')).toBe(3);
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
    const report = await importCombinedLog(db(), file, { now: new Date('2026-06-15T00:00:00Z'), retentionDays: 90 });
    expect(report).toMatchObject({ linesRead: 4, linesSkipped: 1, skippedExamples: [3], entriesKept: 1 });
    const entries = await db().selectFrom('accesslog_entries').selectAll().execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ client_ip: '203.0.113.3', path: '/strom', source: 'import', aggregated: true });
    const jan = await readStats(db(), '2026-01-01', '2026-01-01');
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
    const report = await importCombinedLog(db(), file, { now, retentionDays: 90, threads: 3 });
    expect(report).toMatchObject({ threads: 3, linesRead: 30_002, linesSkipped: 2, skippedExamples: [10, 25_000], entriesKept: kept });
    const stored = await db().selectFrom('accesslog_daily_stats').select(['day', 'dimension', 'key', 'requests', 'bytes']).execute();
    const sort = (rows: { day: string; dimension: string; key: string }[]) =>
      [...rows].sort((a, b) => `${a.day}${a.dimension}${a.key}`.localeCompare(`${b.day}${b.dimension}${b.key}`));
    expect(sort(stored)).toEqual(sort([...expected.rows()]));
  });

  test('the same file cannot be imported twice, and a refused import changes nothing', async () => {
    const file = path.join(dir, 'twice.log');
    writeFileSync(file, `${line('203.0.113.9', '02/Jan/2026:12:00:00 +0100', '/wasser')}\n`);
    const opts = { now: new Date('2026-06-15T00:00:00Z'), retentionDays: 90 };
    await importCombinedLog(db(), file, opts);
    await expect(importCombinedLog(db(), file, opts)).rejects.toBeInstanceOf(AlreadyImportedError);
    const figures = await readStats(db(), '2026-01-02', '2026-01-02');
    expect(figures.find((f) => f.dimension === 'total')?.requests).toBe(1);
  });
});
