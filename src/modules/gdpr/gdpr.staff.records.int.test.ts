import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { activitiesOf, type PrivacyTables } from '../../core/privacy/index.ts';

let t: TestApp;
let dpo: StaffAgent;
let admin: StaffAgent;
let service: StaffAgent;
const pdb = () => t.database.db.withTables<PrivacyTables>();

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-05T09:00:00Z');
  const now = t.clock.now();
  dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], now), t.clock);
  admin = await signIn(t.app, await createTestStaff(t.database.db, ['admin'], now), t.clock);
  service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], now), t.clock);
});
afterAll(() => t?.close());

describe('the record of processing activities (Art. 30 GDPR)', () => {
  test('[C04] JSON and PDF are generated from the register, every activity in them, each download audited; other roles are refused', async () => {
    const page = await dpo.get('/staff/datenschutz/verzeichnis');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/staff/datenschutz/verzeichnis/pdf"');
    const json = await dpo.get('/staff/datenschutz/verzeichnis/json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('verarbeitungsverzeichnis.json');
    const doc = JSON.parse(json.body);
    const register = activitiesOf(t.ctx.modules, t.config);
    expect(doc.activities.map((a: { id: string }) => a.id)).toEqual(register.map((a) => a.id));
    expect(doc.dataProtectionOfficer.email).toBe(t.config.organisation.dataProtectionOfficer.email);
    const callbacks = doc.activities.find((a: { id: string }) => a.id === 'contact.callbacks');
    expect(callbacks).toMatchObject({ name: 'Rückrufservice', recipients: { roles: ['Kundenservice'] } });
    expect(callbacks.legalBasis).toEqual(['Art. 6 Abs. 1 lit. b DSGVO', 'Art. 6 Abs. 1 lit. f DSGVO']);
    expect(callbacks.retention.map((r: { rule: string }) => r.rule)).toEqual(['done', 'lapsed']);
    // The breach register is itself an activity of the register, so it is in the record.
    expect(doc.activities.map((a: { id: string }) => a.id)).toContain('privacy.breaches');

    const pdf = await dpo.get('/staff/datenschutz/verzeichnis/pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).join('\n');
    expect(text).toContain('Verzeichnis von Verarbeitungstätigkeiten');
    for (const a of register) expect(text).toContain(a.title.de.slice(0, 30));
    expect(text).toContain('Dokumentation von Datenschutzverletzungen');

    const audit = await pdb()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('path', 'like', '/staff/datenschutz/verzeichnis/%')
      .execute();
    expect(audit.map((a) => a.path).sort()).toEqual(['/staff/datenschutz/verzeichnis/json', '/staff/datenschutz/verzeichnis/pdf']);
    // Stored as a code; the access log says it in words.
    expect(audit.map((a) => a.reason)).toEqual(['ropa', 'ropa']);
    const log = await dpo.get('/staff/datenschutz/protokoll?action=export');
    expect(log.body).toContain('Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)');
    for (const agent of [admin, service]) {
      expect((await agent.get('/staff/datenschutz/verzeichnis/json')).statusCode).toBe(403);
      expect((await agent.get('/staff/datenschutz/verzeichnis/pdf')).statusCode).toBe(403);
    }
  });
});

describe('the breach register (Art. 33 GDPR)', () => {
  const good = {
    description: 'Ein Laptop mit einer Kundenliste wurde im Zug vergessen.',
    occurredOn: '04.12.2026',
    discoveredOn: '05.12.2026',
    discoveredTime: '08:30',
    dataCategories: 'Name, Anschrift, Kundennummer',
    peopleAffected: '120',
    consequences: 'Möglicher Missbrauch der Anschriften.',
    measures: 'Gerät gesperrt, Festplatte verschlüsselt, Fundbüro informiert.',
  };

  test('a breach is recorded with its 72-hour clock shown as time left; bad input is refused field by field, nothing stored', async () => {
    const bad = await dpo.post('/staff/datenschutz/vorfaelle', {
      ...good,
      discoveredOn: '2026-12-05',
      discoveredTime: '25:00',
      peopleAffected: 'viele',
      description: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bitte füllen Sie „Was ist geschehen?“ aus.');
    expect(bad.body).toContain('Bitte ein Datum wie 05.12.2026 angeben');
    expect(bad.body).toContain('Bitte eine ganze Zahl ab 0 angeben.');
    expect(bad.body).toContain('value="viele"');
    const future = await dpo.post('/staff/datenschutz/vorfaelle', { ...good, discoveredOn: '06.12.2026' });
    expect(future.statusCode).toBe(400);
    expect(await pdb().selectFrom('breaches').select('id').execute()).toHaveLength(0);

    const created = await dpo.post('/staff/datenschutz/vorfaelle', good);
    expect(created.statusCode).toBe(303);
    const row = await pdb().selectFrom('breaches').selectAll().executeTakeFirstOrThrow();
    // 08:30 in Berlin in winter is 07:30 UTC.
    expect(row.discovered_at.toISOString()).toBe('2026-12-05T07:30:00.000Z');
    expect(row).toMatchObject({ people_affected: 120, decision: null });
    const list = await dpo.get('/staff/datenschutz/vorfaelle');
    // Discovered 1.5 hours ago at 09:00 UTC: 70 whole hours left until 08.12.2026, 08:30.
    expect(list.body).toContain('noch 70 Stunden – bis 08.12.2026, 08:30');
    expect(list.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    t.clock.set('2026-12-08T16:00:00Z');
    const late = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], t.clock.now()), t.clock);
    const detail = await late.get(`/staff/datenschutz/vorfaelle/${row.id}`);
    expect(detail.body).toContain('seit 9 Stunden abgelaufen – Frist war 08.12.2026, 08:30');

    // The decision to notify needs the date of notification; once made, it stands.
    const noDate = await late.post(`/staff/datenschutz/vorfaelle/${row.id}/entscheidung`, {
      decision: 'notify',
      reason: 'Risiko für die Betroffenen wahrscheinlich.',
    });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('Bei einer Meldung bitte das Datum der Meldung angeben.');
    const decided = await late.post(`/staff/datenschutz/vorfaelle/${row.id}/entscheidung`, {
      decision: 'notify',
      reason: 'Risiko für die Betroffenen wahrscheinlich.',
      notifiedOn: '07.12.2026',
    });
    expect(decided.statusCode).toBe(303);
    await late.post(`/staff/datenschutz/vorfaelle/${row.id}/entscheidung`, {
      decision: 'no-notification',
      reason: 'Doch kein Risiko, nachträglich.',
    });
    const after = await pdb().selectFrom('breaches').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ decision: 'notify', decision_reason: 'Risiko für die Betroffenen wahrscheinlich.' });
    expect(after.notified_at?.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    const shown = await late.get(`/staff/datenschutz/vorfaelle/${row.id}`);
    expect(shown.body).toContain('Meldung an die Aufsichtsbehörde – Risiko für die Betroffenen wahrscheinlich.');
    expect(shown.body).toContain('<dd>07.12.2026</dd>');
    expect(shown.body).not.toContain('Entscheidung speichern');
  });

  test('[C04] only the DPO reaches the breach register, every access is audited, and it is an activity of the statement', async () => {
    const now = t.clock.now();
    const others = [
      await signIn(t.app, await createTestStaff(t.database.db, ['admin'], now), t.clock),
      await signIn(t.app, await createTestStaff(t.database.db, ['customer-service', 'legal'], now), t.clock),
    ];
    for (const agent of others) {
      expect((await agent.get('/staff/datenschutz/vorfaelle')).statusCode).toBe(403);
      expect((await agent.post('/staff/datenschutz/vorfaelle', { description: 'x' })).statusCode).toBe(403);
    }
    const late = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], t.clock.now()), t.clock);
    await late.get('/staff/datenschutz/vorfaelle');
    const audit = await pdb().selectFrom('audit_log').selectAll().where('activity', '=', 'privacy.breaches').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['read', 'change']));
    const statement = await t.app.inject({ method: 'GET', url: '/datenschutz' });
    expect(statement.body).toContain('Dokumentation von Datenschutzverletzungen');
    expect(statement.body).toContain('Gelöscht 5 Jahre nach dem Bekanntwerden des Vorfalls');
  });
});
