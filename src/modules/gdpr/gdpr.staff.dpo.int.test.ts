import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';

let t: TestApp;
let dpo: StaffAgent;
const pdb = () => t.database.db.withTables<PrivacyTables>();

beforeAll(async () => {
  t = await createTestApp();
  dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'legal'], t.clock.now()), t.clock);
});
afterAll(() => t?.close());

describe("the data-protection officer's view", () => {
  test('[C04] lists every activity with recipients and rules; a run from the page writes deletion records shown per activity', async () => {
    const now = t.clock.now();
    await sql`insert into accesslog_entries (occurred_at, client_ip, method, path, status, bytes_sent, aggregated)
      select ${new Date(now.getTime() - 100 * DAY_MS).toISOString()}::timestamptz, '192.0.2.1', 'GET', '/x', 200, 1, true from generate_series(1, 7)`.execute(
      t.database.db,
    );
    const overview = await dpo.get('/staff/datenschutz');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Nutzung der Website');
    expect(overview.body).toContain('Gelöscht 90 Tage nach dem Zugriff.');
    const run = await dpo.post('/staff/datenschutz/loeschlauf');
    expect(run.body).toContain('Nutzung der Website (Frist ab dem Zugriff): 7 gelöscht');
    expect(run.body).not.toContain('accesslog.website-use/expire');
    const detail = await dpo.get('/staff/datenschutz/taetigkeiten/accesslog.website-use');
    expect(detail.body).toContain('<svg class="chart"');
    expect(detail.body).toMatch(/<th scope="row">\d{2}-\d{2}<\/th><td>7<\/td>/);
    expect((await dpo.get('/staff/datenschutz/taetigkeiten/nope')).statusCode).toBe(404);
  });

  test('holds are set with reason and date, validated, audited and lifted', async () => {
    const bad = await dpo.post('/staff/datenschutz/sperren', {
      activity: 'accesslog.website-use',
      table: 'dsr_requests',
      recordId: '1',
      reason: 'proof',
      until: '2001-01-01',
      note: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gehört nicht zu der gewählten Verarbeitung');
    const ok = await dpo.post('/staff/datenschutz/sperren', {
      activity: 'accesslog.website-use',
      table: 'accesslog_entries',
      recordId: '42',
      reason: 'statutory',
      until: '2031-12-31',
      note: 'Strafanzeige Az. 123/26',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Strafanzeige Az. 123/26');
    const hold = await pdb().selectFrom('legal_holds').selectAll().where('record_id', '=', '42').executeTakeFirstOrThrow();
    const audit = await pdb().selectFrom('audit_log').selectAll().where('action', '=', 'hold').execute();
    expect(audit.map((a) => a.record_ids)).toContainEqual(['42']);
    const lifted = await dpo.post(`/staff/datenschutz/sperren/${hold.id}/aufheben`);
    expect(lifted.statusCode).toBe(303);
    expect(
      (await pdb().selectFrom('legal_holds').select('released_at').where('id', '=', hold.id).executeTakeFirstOrThrow()).released_at,
    ).not.toBeNull();
    expect((await dpo.post(`/staff/datenschutz/sperren/${hold.id}/aufheben`)).statusCode).toBe(404);
  });

  test('[C04] the audit search finds who accessed which record, in words', async () => {
    const admin = await signIn(t.app, await createTestStaff(t.database.db, ['admin'], t.clock.now()), t.clock);
    await admin.get('/staff/mitarbeitende');
    const res = await dpo.get('/staff/datenschutz/protokoll?activity=auth.staff-accounts&action=read');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Zugänge unserer Beschäftigten<\/td><td>gelesen<\/td><td>Datensätze: \d+<\/td>/);
    expect(res.body).toContain('<h2>Gefundene Einträge</h2>');
    const nothing = await dpo.get('/staff/datenschutz/protokoll?staff=niemand');
    expect(nothing.body).toContain('Keine Einträge.');
  });

  test('[C04] the audit log opens on its latest entries, newest first, a page at a time', async () => {
    // 60 reads by one member, a minute apart: more than a page of 50.
    const reader = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const start = t.clock.now().getTime() + 60_000;
    await pdb()
      .insertInto('audit_log')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          occurred_at: new Date(start + i * 60_000),
          staff_id: reader.id,
          staff_email: reader.email,
          activity: 'auth.staff-accounts',
          action: 'read' as const,
          record_ids: [`entry-${i}`],
          path: '/staff/mitarbeitende',
          ip: '127.0.0.1',
          reason: `Lesung ${i}`,
        })),
      )
      .execute();
    const first = await dpo.get('/staff/datenschutz/protokoll');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h2>Neueste Einträge</h2>');
    const reasons = (body: string) => [...body.matchAll(/Lesung (\d+)/g)].map((m) => Number(m[1]));
    // newest first, 50 on the page: readings 59 down to 10
    expect(reasons(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => 59 - i));
    expect(first.body).toContain('Einträge 1 bis 50, die neuesten zuerst.');
    expect(first.body).toContain('href="/staff/datenschutz/protokoll?seite=2"');
    expect(first.body).not.toContain('Neuere Einträge');
    const second = await dpo.get('/staff/datenschutz/protokoll?seite=2');
    expect(reasons(second.body).slice(0, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(second.body).toContain('Einträge 51 bis');
    expect(second.body).toContain('Neuere Einträge');
    // a search keeps its filter across pages
    const searched = await dpo.get(`/staff/datenschutz/protokoll?staff=${encodeURIComponent(reader.email)}`);
    expect(reasons(searched.body)).toHaveLength(50);
    expect(searched.body).toContain(`href="/staff/datenschutz/protokoll?staff=${encodeURIComponent(reader.email)}&amp;seite=2"`);
    expect((await dpo.get('/staff/datenschutz/protokoll?seite=abc')).statusCode).toBe(200);
  });

  test('[C04] the audit log names records by their reference numbers, never by their ids', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/kontakt',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ salutation: 'ms', name: 'Erika Muster', email: 'erika@example.org', concern: 'Eine Frage', topic: 'grid' }),
    });
    expect(sent.statusCode).toBe(200);
    const reference = /([A-Z]{1,3}-2026-[0-9A-Z]{8})/.exec(sent.body)?.[1] as string;
    const { id } = await t.database.db
      .withTables<{ contact_requests: { id: string; reference: string } }>()
      .selectFrom('contact_requests')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const dpoRow = await pdb().selectFrom('audit_log').select(['staff_id', 'staff_email']).limit(1).executeTakeFirstOrThrow();
    await pdb()
      .insertInto('audit_log')
      .values({
        occurred_at: new Date(t.clock.now().getTime() + 365 * DAY_MS),
        staff_id: dpoRow.staff_id,
        staff_email: dpoRow.staff_email,
        activity: 'contact.requests',
        action: 'read',
        record_ids: [id, 'staff_accounts/0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f'],
        path: '/staff/anfragen',
        ip: '127.0.0.1',
        reason: null,
      })
      .execute();
    const page = await dpo.get('/staff/datenschutz/protokoll');
    expect(page.body).toContain(`${reference} und 1 weitere`);
    expect(page.body).not.toContain(id);
    expect(page.body).not.toContain('0b7c1e4e');
  });
});
