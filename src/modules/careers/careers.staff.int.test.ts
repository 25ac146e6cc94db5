import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role } from '../../core/auth/index.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { filesOf } from '../../core/uploads/index.ts';
import { apply, apprentice, db, makePosting, pngBytes } from './careers.test-helpers.ts';

let t: TestApp;
let hr: StaffAgent;
let grid: StaffAgent;
let billing: StaffAgent;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-06-02T10:00:00Z');
  const agent = async (roles: Role[]) => signIn(t.app, await createTestStaff(t.database.db, roles, t.clock.now()), t.clock);
  hr = await agent(['hr']);
  grid = await agent(['department:grid']);
  billing = await agent(['department:billing']);
});
afterAll(() => t?.close());
beforeEach(() => {
  t.clock.advance(60_000);
});

/** A new posting of the grid department with one application (CV and a certificate); returns the ids. */
async function application(email = `a${Math.random().toString(36).slice(2)}@example.org`) {
  const posting = await makePosting(t, 'apprenticeship', 'grid');
  const res = await apply(t, posting.slug, { ...apprentice, email }, { certificate: await pngBytes() });
  expect(res.statusCode).toBe(200);
  const row = await db(t).selectFrom('careers_applications').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const files = await filesOf(t.ctx, { table: 'careers_applications', id: row.id });
  return { posting, id: row.id, reference: row.reference, files };
}

const audit = () => t.database.db.withTables<PrivacyTables>().selectFrom('audit_log').selectAll();

describe('postings in the back office', () => {
  test('HR publishes a posting with category, department and closing date; bad input keeps what was typed', async () => {
    const bad = await hr.post('/staff/karriere/stellen', {
      titleDe: 'Monteur',
      titleEn: '',
      category: 'apprenticeship',
      department: 'nope',
      closes: '31.02.2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Monteur"');
    expect(bad.body).toMatch(/f-titleEn[\s\S]*f-department[\s\S]*f-closes/);
    const ok = await hr.post('/staff/karriere/stellen', {
      titleDe: 'Monteurin / Monteur Netzbau',
      titleEn: 'Grid fitter',
      category: 'professionals',
      department: 'grid',
      location: 'Musterstadt',
      closes: '30.06.2026',
      descriptionDe: 'Sie bauen und warten unser Stromnetz.',
      descriptionEn: 'You build and maintain our power grid.',
    });
    expect(ok.statusCode).toBe(303);
    const row = await db(t)
      .selectFrom('careers_postings')
      .selectAll()
      .where('slug', '=', 'monteurin-monteur-netzbau')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ category: 'professionals', department: 'grid' });
    // closes at the end of 30 June in Berlin (summer time: 22:00 UTC)
    expect(row.closes_at.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    const page = await t.app.inject({ method: 'GET', url: '/karriere/stellen/monteurin-monteur-netzbau' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Abteilung: Netze und Hausanschlüsse');
    for (const agent of [grid, billing]) expect((await agent.get('/staff/karriere/stellen')).statusCode).toBe(403);
  });
});

describe('routing (C29)', () => {
  test('[C29] HR receives every application; the department sees it only once HR forwarded it, another department never', async () => {
    const a = await application();
    const detail = `/staff/karriere/bewerbungen/${a.id}`;
    const file = `${detail}/dateien/${a.files[0]?.id}`;
    // received: HR only
    expect((await hr.get('/staff/karriere/bewerbungen')).body).toContain(a.reference);
    expect((await hr.get(detail)).statusCode).toBe(200);
    for (const dept of [grid, billing]) {
      expect((await dept.get('/staff/karriere/bewerbungen')).body).not.toContain(a.reference);
      expect((await dept.get(detail)).statusCode).toBe(404);
      expect((await dept.get(file)).statusCode).toBe(404);
    }
    // a department cannot forward, not even to itself: forwarding is HR's own activity, refused by the guard
    expect((await grid.post(`${detail}/weiterleiten`)).statusCode).toBe(403);
    const hrPage = await hr.get(detail);
    expect(hrPage.body).toContain('An Netze und Hausanschlüsse weiterleiten');
    // HR forwards: only to the posting's department, there is no choice to make
    expect(hrPage.body).not.toMatch(/name="department"/);
    const fwd = await hr.post(`${detail}/weiterleiten`, { department: 'billing' });
    expect(fwd.statusCode).toBe(303);
    const row = await db(t).selectFrom('careers_applications').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ forwarded_to: 'grid', status: 'forwarded' });
    expect((await grid.get('/staff/karriere/bewerbungen')).body).toContain(a.reference);
    expect((await grid.get(detail)).statusCode).toBe(200);
    expect((await grid.get(file)).statusCode).toBe(200);
    expect((await billing.get('/staff/karriere/bewerbungen')).body).not.toContain(a.reference);
    expect((await billing.get(detail)).statusCode).toBe(404);
    expect((await billing.get(file)).statusCode).toBe(404);
    // forwarding twice changes nothing
    expect((await hr.post(`${detail}/weiterleiten`)).statusCode).toBe(303);
    expect(
      await db(t).selectFrom('careers_events').select('kind').where('application_id', '=', a.id).where('kind', '=', 'forwarded').execute(),
    ).toHaveLength(1);
  });

  test('[C29] racing forwards record one forwarding', async () => {
    const a = await application();
    const results = await Promise.all(Array.from({ length: 8 }, () => hr.post(`/staff/karriere/bewerbungen/${a.id}/weiterleiten`)));
    expect(results.every((r) => r.statusCode === 303)).toBe(true);
    expect(
      await db(t).selectFrom('careers_events').select('id').where('application_id', '=', a.id).where('kind', '=', 'forwarded').execute(),
    ).toHaveLength(1);
  });

  test('[C29] the department decides: status, notes and a mail through the outbox; every file download is audited', async () => {
    const a = await application('decide@example.org');
    const detail = `/staff/karriere/bewerbungen/${a.id}`;
    await hr.post(`${detail}/weiterleiten`);
    expect((await grid.post(`${detail}/status`, { status: 'nope' })).statusCode).toBe(400);
    expect((await grid.post(`${detail}/status`, { status: 'interview' })).statusCode).toBe(303);
    expect((await grid.post(`${detail}/notiz`, { note: 'Gutes Gespräch, fachlich stark.' })).statusCode).toBe(303);
    const mail = await grid.post(`${detail}/mail`, { mailSubject: 'Einladung', mailText: 'Wir laden Sie am 10. Juni ein.' });
    expect(mail.statusCode).toBe(303);
    const out = await db(t)
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'decide@example.org')
      .where('subject', '=', 'Einladung')
      .execute();
    expect(out).toHaveLength(1);
    expect(out[0]?.activity).toBe('careers.applications');
    expect((await grid.post(`${detail}/status`, { status: 'offer' })).statusCode).toBe(303);
    expect((await grid.post(`${detail}/status`, { status: 'hired' })).statusCode).toBe(303);
    const row = await db(t).selectFrom('careers_applications').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'hired', stage_reached: 'hired' });
    const page = await grid.get(detail);
    expect(page.body).toContain('Gutes Gespräch, fachlich stark.');
    // the department does not hand over and sets no holds
    expect(page.body).not.toContain('uebergabe');
    expect((await grid.post(`${detail}/uebergabe`, { reason: 'Einstellung' })).statusCode).toBe(403);
    expect((await grid.post(`${detail}/sperre`, { until: '01.01.2027', holdNote: 'AGG-Klage' })).statusCode).toBe(403);
    // downloads: each one audited with the application and the file
    for (const f of a.files) {
      const before = t.clock.now();
      const res = await grid.get(`${detail}/dateien/${f.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers['cache-control']).toBe('no-store');
      const entries = await audit().where('path', '=', `${detail}/dateien/${f.id}`).where('occurred_at', '>=', before).execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ activity: 'careers.applications', action: 'read', record_ids: [a.id, f.id] });
      t.clock.advance(1000);
    }
  });

  test('[C29] the department sees its applications only while the selection runs', async () => {
    const a = await application();
    const detail = `/staff/karriere/bewerbungen/${a.id}`;
    await hr.post(`${detail}/weiterleiten`);
    expect((await grid.get(detail)).statusCode).toBe(200);
    expect((await hr.post(`/staff/karriere/stellen/${a.posting.id}/auswahl-beenden`)).statusCode).toBe(303);
    expect((await grid.get(detail)).statusCode).toBe(404);
    expect((await grid.get(`${detail}/dateien/${a.files[0]?.id}`)).statusCode).toBe(404);
    expect((await grid.get('/staff/karriere/bewerbungen')).body).not.toContain(a.reference);
    expect((await grid.post(`${detail}/notiz`, { note: 'zu spät' })).statusCode).toBe(404);
    // HR still has the case until the retention rule anonymises it
    expect((await hr.get(detail)).statusCode).toBe(200);
    // the posting takes no more applications
    expect((await apply(t, a.posting.slug)).statusCode).toBe(404);
  });

  test('[C29] the equal-treatment officer and the works council see statistics, no application and no file; no group under five', async () => {
    const officer = await signIn(t.app, await createTestStaff(t.database.db, ['equal-treatment'], t.clock.now()), t.clock);
    const council = await signIn(t.app, await createTestStaff(t.database.db, ['works-council'], t.clock.now()), t.clock);
    const posting = await makePosting(t, 'internship', 'energy-advice');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      await apply(t, posting.slug, { name: `Person ${i}`, email: `stat${i}@example.org`, period: 'Sommer', studies: 'Physik' });
      ids.push(
        (await db(t).selectFrom('careers_applications').select('id').where('email', '=', `stat${i}@example.org`).executeTakeFirstOrThrow())
          .id,
      );
    }
    for (const id of ids.slice(0, 2)) await hr.post(`/staff/karriere/bewerbungen/${id}/weiterleiten`);
    for (const agent of [officer, council]) {
      const stats = await agent.get('/staff/karriere/statistik');
      expect(stats.statusCode).toBe(200);
      const html = stats.body;
      expect(html).not.toContain('Person 0');
      expect(html).not.toContain('stat0@');
      // 7 in total, 5 received, 2 forwarded: the 2 is hidden, and so is the 5 that would give it away
      const title = (await db(t).selectFrom('careers_postings').select('title_de').where('id', '=', posting.id).executeTakeFirstOrThrow())
        .title_de;
      const line = new RegExp(`<tr><td>${title}</td>(.*?)</tr>`).exec(html)?.[1] ?? '';
      expect(line).toBe('<td>7</td><td>weniger als 5</td><td>weniger als 5</td><td>0</td><td>0</td><td>0</td>');
      expect((await agent.get('/staff/karriere/bewerbungen')).statusCode).toBe(403);
      expect((await agent.get(`/staff/karriere/bewerbungen/${ids[0]}`)).statusCode).toBe(403);
      expect((await agent.get('/staff/karriere/stellen')).statusCode).toBe(403);
    }
  });
});

describe('[C29] denial matrix: every careers route as every role and a second department', () => {
  test('[C29] each role reaches exactly what the register and the row scope grant', async () => {
    const a = await application();
    await hr.post(`/staff/karriere/bewerbungen/${a.id}/weiterleiten`);
    const detail = `/staff/karriere/bewerbungen/${a.id}`;
    const fileId = a.files[0]?.id as string;
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/staff/karriere'));
    const concrete = (url: string) =>
      url.replace(':id/auswahl', `${a.posting.id}/auswahl`).replace('bewerbungen/:id', `bewerbungen/${a.id}`).replace(':fileId', fileId);
    const statistics = t.config.organisation.careers.statisticsRoles as readonly string[];
    const expected = (role: Role, method: string, url: string): number => {
      const isHr = role === 'hr';
      const isGrid = role === 'department:grid';
      const isDept = role.startsWith('department:');
      if (url === '/staff/karriere/statistik') return statistics.includes(role) ? 200 : 403;
      if (url.startsWith('/staff/karriere/stellen')) {
        if (!isHr) return 403;
        return method === 'GET' ? 200 : url.endsWith('auswahl-beenden') ? 404 : 400;
      }
      if (!isHr && !isDept) return 403;
      // HR alone forwards, sets holds and hands over (activity careers.hr-handling): the guard
      // refuses every department before the row scope is asked, its own or another.
      if (/\/(weiterleiten|sperre|uebergabe)$/.test(url)) return isHr ? (url.endsWith('weiterleiten') ? 303 : 400) : 403;
      if (url === '/staff/karriere/bewerbungen') return 200;
      if (!isHr && !isGrid) return 404;
      if (method === 'GET') return 200;
      return 400;
    };
    const problems: string[] = [];
    // every role of the installation, each department among them
    for (const role of allRoles(t.config.organisation)) {
      const agent = await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock);
      for (const r of routes) {
        // ending the selection is checked on a posting id that does not exist (it would end this test's selection)
        const url = r.url.endsWith('auswahl-beenden') ? r.url.replace(':id', '00000000-0000-4000-8000-000000000000') : concrete(r.url);
        t.clock.advance(1000);
        const res = r.method === 'GET' ? await agent.get(url) : await agent.post(url);
        const want = expected(role, r.method, r.url);
        if (res.statusCode !== want) problems.push(`${role} ${r.method} ${r.url}: ${res.statusCode}, expected ${want}`);
      }
    }
    expect(problems).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    // nothing changed the application on the way
    expect(
      await db(t).selectFrom('careers_applications').select(['status', 'forwarded_to']).where('id', '=', a.id).executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'forwarded',
      forwarded_to: 'grid',
    });
    expect(detail).toContain(a.id);
  });
});

test('[C29] a note or status change while the applicant withdraws gets 404, not a 500, and stores nothing', async () => {
  const a = await application();
  const detail = `/staff/karriere/bewerbungen/${a.id}`;
  await hr.post(`${detail}/weiterleiten`);
  // A hook in the database, not a sleep: the withdrawal lands between the lookup and the write.
  await sql`create function careers_test_withdraw_first() returns trigger language plpgsql as $$
    begin delete from careers_applications where id = new.application_id; return new; end $$`.execute(t.database.db);
  await sql`create trigger careers_test_withdraw_first before insert on careers_events
    for each row execute function careers_test_withdraw_first()`.execute(t.database.db);
  try {
    expect((await grid.post(`${detail}/notiz`, { note: 'Gutes Gespräch.' })).statusCode).toBe(404);
    expect((await grid.post(`${detail}/status`, { status: 'interview' })).statusCode).toBe(404);
  } finally {
    await sql`drop trigger careers_test_withdraw_first on careers_events`.execute(t.database.db);
    await sql`drop function careers_test_withdraw_first()`.execute(t.database.db);
  }
  const row = await db(t).selectFrom('careers_applications').select('status').where('id', '=', a.id).executeTakeFirstOrThrow();
  expect(row.status).toBe('forwarded');
});
