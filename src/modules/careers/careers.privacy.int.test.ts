import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { eraseSubject, findSubject, type PrivacyTables, releaseHold, runRetention, setHold } from '../../core/privacy/index.ts';
import { filesOf } from '../../core/uploads/index.ts';
import { apply, apprentice, db, makePosting, pngBytes, tokenFromMail } from './careers.test-helpers.ts';

let t: TestApp;
let hr: StaffAgent;
let grid: StaffAgent;
let hrStaff: Awaited<ReturnType<typeof createTestStaff>>;
let gridStaff: Awaited<ReturnType<typeof createTestStaff>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-06-02T10:00:00Z');
  hrStaff = await createTestStaff(t.database.db, ['hr'], t.clock.now());
  gridStaff = await createTestStaff(t.database.db, ['department:grid'], t.clock.now());
});

/** The tests move the clock by months: staff sessions end on the way, so they sign in again. */
async function setClock(at: string) {
  // Signing in moves the clock past a TOTP step: done a few minutes before, so the instant holds.
  t.clock.set(new Date(new Date(at).getTime() - 5 * 60_000));
  hr = await signIn(t.app, hrStaff, t.clock);
  grid = await signIn(t.app, gridStaff, t.clock);
  t.clock.set(at);
}
afterAll(() => t?.close());

const privacyDb = () => t.database.db.withTables<PrivacyTables>();
const retention = () => runRetention(t.ctx, { trigger: 'test', activity: 'careers.applications' });
const rowOf = (id: string) => db(t).selectFrom('careers_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const files = (id: string) => filesOf(t.ctx, { table: 'careers_applications', id });
const notes = (id: string) => db(t).selectFrom('careers_events').select('id').where('application_id', '=', id).execute();

/** A posting of the grid department with applications by the given addresses, forwarded and decided as given. */
async function selection(applicants: { email: string; status?: 'rejected' | 'interview' | 'hired' }[]) {
  const posting = await makePosting(t, 'apprenticeship', 'grid');
  const ids: string[] = [];
  for (const a of applicants) {
    const res = await apply(t, posting.slug, { ...apprentice, email: a.email }, { certificate: await pngBytes() });
    expect(res.statusCode).toBe(200);
    const { id } = await db(t).selectFrom('careers_applications').select('id').where('email', '=', a.email).executeTakeFirstOrThrow();
    ids.push(id);
    const detail = `/staff/karriere/bewerbungen/${id}`;
    expect((await hr.post(`${detail}/weiterleiten`)).statusCode).toBe(303);
    expect((await grid.post(`${detail}/notiz`, { note: `Vermerk zu ${a.email}` })).statusCode).toBe(303);
    if (a.status === 'hired') {
      for (const s of ['interview', 'offer', 'hired']) expect((await grid.post(`${detail}/status`, { status: s })).statusCode).toBe(303);
    } else if (a.status) expect((await grid.post(`${detail}/status`, { status: a.status })).statusCode).toBe(303);
  }
  return { posting, ids };
}

describe('after the selection (C30)', () => {
  test('[C30] everyone not hired is anonymised the configured months after the selection ends, not a day before; notes and files go, statistics stay', async () => {
    await setClock('2026-06-02T10:00:00Z');
    const { posting, ids } = await selection([
      { email: 'c30-a@example.org', status: 'rejected' },
      { email: 'c30-b@example.org', status: 'interview' },
      { email: 'c30-c@example.org' },
    ]);
    // a posting whose selection still runs, however long: nothing of it is anonymised
    const running = await selection([{ email: 'c30-running@example.org', status: 'rejected' }]);
    await setClock('2026-07-01T08:00:00Z');
    expect((await hr.post(`/staff/karriere/stellen/${posting.id}/auswahl-beenden`)).statusCode).toBe(303);
    expect(t.config.organisation.careers.anonymiseAfterMonths).toBe(6);
    // one second before six months: kept
    t.clock.set('2027-01-01T07:59:59Z');
    await retention();
    for (const id of ids) {
      expect((await rowOf(id)).name).toBe('Mia Muster');
      expect(await files(id)).toHaveLength(2);
      expect(await notes(id)).not.toHaveLength(0);
    }
    // six months on: anonymised, files destroyed, notes gone
    t.clock.set('2027-01-01T08:00:01Z');
    const report = await retention();
    expect(report.rules.find((r) => r.rule === 'not-hired')?.affected).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      const row = await rowOf(id);
      expect(row).toMatchObject({
        name: null,
        email: null,
        phone: null,
        answers: null,
        message: null,
        token_hash: null,
        email_confirmed_at: null,
        posting_id: posting.id,
        category: 'apprenticeship',
      });
      expect(row.anonymised_at).not.toBeNull();
      expect(await files(id)).toHaveLength(0);
      expect(await notes(id)).toHaveLength(0);
    }
    // what stays is statistics: stage reached per application
    expect((await Promise.all(ids.map(rowOf))).map((r) => r.stage_reached).sort()).toEqual(['forwarded', 'forwarded', 'interview']);
    // a deletion record names the rule and the count, never the data
    const records = await privacyDb()
      .selectFrom('deletion_records')
      .selectAll()
      .where('activity', '=', 'careers.applications')
      .where('rule', '=', 'not-hired')
      .execute();
    expect(records.some((r) => r.action === 'anonymise' && r.affected >= 3)).toBe(true);
    const open = await rowOf(running.ids[0] as string);
    expect(open.name).toBe('Mia Muster');
    expect(await files(open.id)).toHaveLength(2);
  });

  test('[C30] a hired applicant is not anonymised by that rule; HR hands the data over as an audited export and it leaves at once', async () => {
    await setClock('2027-02-01T10:00:00Z');
    const { posting, ids } = await selection([{ email: 'hired@example.org', status: 'hired' }]);
    const id = ids[0] as string;
    await hr.post(`/staff/karriere/stellen/${posting.id}/auswahl-beenden`);
    // the not-hired rule passes a hired applicant by, also after its period
    const kept = t.clock.now();
    t.clock.set('2027-09-01T10:00:00Z');
    await retention();
    expect((await rowOf(id)).name).toBe('Mia Muster');
    t.clock.set(kept);
    // a department cannot hand over (HR's own activity: the guard refuses); a missing reason is a 400 that keeps the case
    expect((await grid.post(`/staff/karriere/bewerbungen/${id}/uebergabe`, { reason: 'Einstellung' })).statusCode).toBe(403);
    expect((await hr.post(`/staff/karriere/bewerbungen/${id}/uebergabe`, { reason: '' })).statusCode).toBe(400);
    const before = t.clock.now();
    const res = await hr.post(`/staff/karriere/bewerbungen/${id}/uebergabe`, { reason: 'Einstellung zum 1. August' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="B-\d{4}-[0-9A-Z]{8}\.json"/);
    const exported = JSON.parse(res.body);
    expect(exported).toMatchObject({ name: 'Mia Muster', email: 'hired@example.org', answers: { schoolCertificate: 'realschule' } });
    expect(exported.documents.map((d: { name: string }) => d.name).sort()).toEqual(['lebenslauf.pdf', 'zeugnis.png']);
    const entries = await privacyDb()
      .selectFrom('audit_log')
      .selectAll()
      .where('occurred_at', '>=', before)
      .where('action', '=', 'export')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ activity: 'careers.hr-handling', reason: 'Einstellung zum 1. August', record_ids: [id] });
    const row = await rowOf(id);
    expect(row).toMatchObject({ name: null, email: null, status: 'hired', stage_reached: 'hired' });
    expect(row.exported_at).not.toBeNull();
    expect(await files(id)).toHaveLength(0);
    expect(await notes(id)).toHaveLength(0);
    // a second hand-over finds nothing
    expect((await hr.post(`/staff/karriere/bewerbungen/${id}/uebergabe`, { reason: 'noch einmal' })).statusCode).toBe(404);
  });

  test('[C30] a legal hold keeps a case past the period until it is released', async () => {
    await setClock('2028-01-03T10:00:00Z');
    const { posting, ids } = await selection([
      { email: 'held@example.org', status: 'rejected' },
      { email: 'free@example.org', status: 'rejected' },
    ]);
    const [held, free] = ids as [string, string];
    const bad = await hr.post(`/staff/karriere/bewerbungen/${held}/sperre`, { until: '32.13.2028', holdNote: 'AGG-Klage' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await hr.post(`/staff/karriere/bewerbungen/${held}/sperre`, { until: '31.12.2028', holdNote: 'AGG-Klage anhängig' })).statusCode,
    ).toBe(303);
    await hr.post(`/staff/karriere/stellen/${posting.id}/auswahl-beenden`);
    t.clock.set('2028-08-01T10:00:00Z');
    await retention();
    expect((await rowOf(held)).name).toBe('Mia Muster');
    expect(await files(held)).toHaveLength(2);
    expect(await notes(held)).not.toHaveLength(0);
    expect((await rowOf(free)).name).toBeNull();
    expect(await files(free)).toHaveLength(0);
    const hold = await privacyDb().selectFrom('legal_holds').selectAll().where('record_id', '=', held).executeTakeFirstOrThrow();
    await releaseHold(privacyDb(), hold.id, hrStaff, null, t.clock.now());
    t.clock.advance(1000);
    await retention();
    expect((await rowOf(held)).name).toBeNull();
    expect(await files(held)).toHaveLength(0);
  });
});

describe('data-subject requests', () => {
  test('an application is found by e-mail only once the applicant proved the address through the mailed link; erasure deletes it with its files', async () => {
    await setClock('2028-09-01T10:00:00Z');
    const posting = await makePosting(t);
    await apply(t, posting.slug, { ...apprentice, email: 'dsr@example.org' }, { certificate: await pngBytes() });
    const { id } = await db(t)
      .selectFrom('careers_applications')
      .select('id')
      .where('email', '=', 'dsr@example.org')
      .executeTakeFirstOrThrow();
    // typed into the form, never confirmed: a request by that address finds nothing
    expect((await findSubject(t.ctx, { email: 'dsr@example.org' })).filter((r) => r.activity === 'careers.applications')).toEqual([]);
    const token = await tokenFromMail(t, 'dsr@example.org');
    expect((await t.app.inject({ method: 'GET', url: `/karriere/bewerbung/${token}` })).statusCode).toBe(200);
    const found = (await findSubject(t.ctx, { email: 'dsr@example.org' })).filter((r) => r.activity === 'careers.applications');
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({
      name: 'Mia Muster',
      email: 'dsr@example.org',
      attachments: expect.arrayContaining(['lebenslauf.pdf', 'zeugnis.png']),
    });
    expect(found[0]?.scope).toBeNull();
    // a held case is kept
    await setHold(privacyDb(), {
      activity: 'careers.applications',
      table: 'careers_applications',
      recordId: id,
      reason: 'proof',
      note: 'AGG',
      until: new Date('2028-12-01T00:00:00Z'),
      staff: hrStaff,
      ip: null,
      now: t.clock.now(),
    });
    expect((await eraseSubject(t.ctx, found))[0]?.outcome).toBe('kept');
    expect(await files(id)).toHaveLength(2);
    t.clock.set('2028-12-02T10:00:00Z');
    expect((await eraseSubject(t.ctx, found))[0]?.outcome).toBe('deleted');
    expect(await db(t).selectFrom('careers_applications').select('id').where('id', '=', id).execute()).toHaveLength(0);
    expect(await files(id)).toHaveLength(0);
  });
});
