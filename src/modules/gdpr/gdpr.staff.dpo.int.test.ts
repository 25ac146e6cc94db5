import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
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
    expect(run.body).toContain('accesslog.website-use/expire: 7');
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

  test('[C04] the audit search finds who accessed which record', async () => {
    const admin = await signIn(t.app, await createTestStaff(t.database.db, ['admin'], t.clock.now()), t.clock);
    await admin.get('/staff/mitarbeitende');
    const res = await dpo.get('/staff/datenschutz/protokoll?activity=auth.staff-accounts&action=read');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/auth\.staff-accounts<\/td><td>read<\/td>/);
    expect(res.body).toMatch(/Einträge \(höchstens 500\)/);
    const nothing = await dpo.get('/staff/datenschutz/protokoll?staff=niemand');
    expect(nothing.body).toContain('0 Einträge');
  });
});
