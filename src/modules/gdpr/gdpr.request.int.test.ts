import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestStaff, formBody, signIn } from '../../../tests/support/staff.ts';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { defineModule } from '../../core/module.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { modules } from '../../modules.ts';

/**
 * A module of the test: it holds records about a person in two activities – letters that the
 * DPO and customer service may read, and cases only the equal-treatment officer may read – and
 * erases what is not held.
 */
const probe = defineModule({
  name: 'probe',
  privacy: {
    activities: [
      {
        id: 'probe.letters',
        title: { de: 'Probe-Briefe', en: 'Probe letters' },
        purpose: { de: 'x', en: 'x' },
        legalBasis: ['b-contract'],
        dataSubjects: { de: 'x', en: 'x' },
        dataCategories: [],
        personalColumns: ['dsr_probe.email', 'dsr_probe.note'],
        recipients: { roles: ['customer-service', 'dpo'] },
        source: { de: 'x', en: 'x' },
        retention: [],
        claims: [],
      },
      {
        id: 'probe.cases',
        title: { de: 'Probe-Fälle', en: 'Probe cases' },
        purpose: { de: 'x', en: 'x' },
        legalBasis: ['c-legal-obligation'],
        dataSubjects: { de: 'x', en: 'x' },
        dataCategories: [],
        personalColumns: ['dsr_probe.email', 'dsr_probe.note'],
        recipients: { roles: ['equal-treatment'] },
        source: { de: 'x', en: 'x' },
        retention: [],
        claims: [],
      },
    ],
    personalTables: { dsr_probe: { nonPersonal: ['id', 'kind'] } },
    subjects: {
      async find(db, subject) {
        const rows = await (db as Kysely<{ dsr_probe: { id: number; email: string; note: string; kind: string } }>)
          .selectFrom('dsr_probe')
          .selectAll()
          .where('email', '=', subject.email ?? '')
          .execute();
        return rows.map((r) => ({
          activity: `probe.${r.kind}`,
          table: 'dsr_probe',
          recordId: String(r.id),
          summary: { de: r.note, en: r.note },
          data: { note: r.note },
        }));
      },
      async erase(db, records) {
        const ids = records.map((r) => Number(r.recordId));
        if (ids.length) await sql`delete from dsr_probe where id = any(${ids}::int[])`.execute(db);
        return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
      },
    },
  },
});

let t: TestApp;
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const EMAIL = 'erika.mustermann@example.org';

beforeAll(async () => {
  const database = await createTestDatabase();
  await sql`create table dsr_probe (id integer primary key, email text not null, note text not null, kind text not null default 'letters')`.execute(
    database.db,
  );
  await sql`insert into dsr_probe values (1, ${EMAIL}, 'Brief vom 3. Mai', 'letters'), (2, ${EMAIL}, 'Brief vom 9. Juni', 'letters'), (3, 'jemand@example.org', 'anderer Brief', 'letters'), (4, ${EMAIL}, 'Vertraulicher Fall', 'cases')`.execute(
    database.db,
  );
  t = await createTestApp({ database, modules: [...modules, probe] });
});
afterAll(() => t?.close());

const requests = () => t.database.db.withTables<PrivacyTables>().selectFrom('dsr_requests').selectAll().execute();

describe('data-subject requests', () => {
  test('bad input gets field messages and a 400, bots get a polite answer; neither is stored', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: form,
      payload: formBody({ kind: 'everything', name: '', email: 'not-an-address' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bitte wählen Sie eine der angebotenen Möglichkeiten für „Ihr Anliegen“');
    expect(bad.body).toContain('Bitte füllen Sie „Vor- und Nachname“ aus.');
    expect(bad.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(bad.body).toContain('value="not-an-address"');
    const bot = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: form,
      payload: formBody({ kind: 'access', name: 'Bot', email: 'bot@example.org', website: 'http://spam.example' }),
    });
    expect(bot.statusCode).toBe(200);
    expect(await requests()).toHaveLength(0);
  });

  test('request, e-mail confirmation, search across modules, export, erasure with legal hold, close', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    const sent = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: form,
      payload: formBody({ kind: 'erasure', name: 'Erika Mustermann', email: EMAIL, message: 'Bitte alles löschen' }),
    });
    expect(sent.statusCode).toBe(200);
    const [req] = await requests();
    expect(req).toMatchObject({ status: 'unconfirmed', kind: 'erasure', email: EMAIL });
    const mail = await t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', EMAIL)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(req?.reference);
    const link = /http:\/\/localhost:3000(\/datenschutz\/anfrage\/bestaetigen\/\S+)/.exec(mail.text_body)?.[1] as string;
    // Following the link does not confirm (mail scanners follow links); the button does.
    expect((await t.app.inject({ method: 'GET', url: link })).body).toContain('Jetzt bestätigen');
    expect((await requests())[0]?.status).toBe('unconfirmed');
    const confirmed = await t.app.inject({ method: 'POST', url: link, headers: form, payload: '' });
    expect(confirmed.body).toContain('bis zum 02.04.2026');
    expect((await requests())[0]?.status).toBe('open');
    expect((await t.app.inject({ method: 'POST', url: link, headers: form, payload: '' })).statusCode).toBe(404);

    const dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], t.clock.now()), t.clock);
    const id = req?.id as string;
    const list = await dpo.get('/staff/anfragen');
    expect(list.body).toContain(req?.reference);
    const found = await dpo.post(`/staff/anfragen/${id}/suche`);
    expect(found.body).toMatch(/\d+ Datensätze gefunden/);
    // The record by its reference number, never by table name and id.
    expect(found.body).toContain(`<td>${req?.reference}</td>`);
    expect(found.body).not.toContain('dsr_requests');
    expect(found.body).toContain('Brief vom 3. Mai');
    expect(found.body).not.toContain('anderer Brief');
    // [C21] The officer's case is counted and named, never shown to the DPO.
    expect(found.body).not.toContain('Vertraulicher Fall');
    expect(found.body).toContain('1 Datensätze in „Probe-Fälle“ – bearbeitet von: Gleichstellungsbeauftragte');

    // Export needs a reason, which goes into the audit log.
    expect((await dpo.post(`/staff/anfragen/${id}/export`, { format: 'json', reason: '' })).statusCode).toBe(400);
    const json = await dpo.post(`/staff/anfragen/${id}/export`, { format: 'json', reason: 'Antwort an die Person' });
    expect(json.headers['content-disposition']).toContain(`auskunft-${req?.reference}.json`);
    const doc = JSON.parse(json.body);
    const exported = doc.records.map((r: { record: string }) => r.record);
    // The probe's two letters and the request itself.
    expect(exported).toEqual(expect.arrayContaining(['dsr_probe/1', 'dsr_probe/2', `dsr_requests/${id}`]));
    expect(exported).not.toContain('dsr_probe/3');
    expect(exported).not.toContain('dsr_probe/4');
    expect(json.body).not.toContain('Vertraulicher Fall');
    // The officer's case, and the confirmation mail in the outbox, which only the administrators read.
    expect(doc.answeredSeparately).toEqual([
      { processing: 'Versand von E-Mails', activity: 'mail.outbox', records: 1, by: 'Administration' },
      { processing: 'Probe-Fälle', activity: 'probe.cases', records: 1, by: 'Gleichstellungsbeauftragte' },
    ]);
    const pdf = await dpo.post(`/staff/anfragen/${id}/export`, { format: 'pdf', reason: 'Antwort an die Person' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.database.db
      .withTables<PrivacyTables>()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ activity: 'privacy.subject-requests', reason: 'Antwort an die Person' });
    expect(audit[0]?.record_ids).toContain('dsr_probe/1');

    // A legal hold keeps one record; erasure takes the rest.
    await t.database.db
      .withTables<PrivacyTables>()
      .insertInto('legal_holds')
      .values({
        activity: 'probe.letters',
        table_name: 'dsr_probe',
        record_id: '2',
        reason: 'statutory',
        note: 'Handelsrecht',
        until: new Date('2030-01-01'),
        set_by: '00000000-0000-0000-0000-000000000000',
        set_at: t.clock.now(),
      })
      .execute();
    expect((await dpo.post(`/staff/anfragen/${id}/loeschen`, {})).statusCode).toBe(400);
    const erased = await dpo.post(`/staff/anfragen/${id}/loeschen`, { confirm: 'yes' });
    // The probe table has neither a reference nor a retention rule: its records are "further data".
    expect(erased.body).toMatch(/Probe-Briefe<\/td><td>weitere Daten<\/td><td>gelöscht/);
    expect(erased.body).toMatch(
      /Probe-Briefe<\/td><td>weitere Daten<\/td><td>aufbewahrt – Aufbewahrung wegen gesetzlicher Aufbewahrungsfrist bis 01.01.2030/,
    );
    const left = await sql<{ id: number }>`select id from dsr_probe order by id`.execute(t.database.db);
    // The held letter stays, and so does the officer's case: erasing it is the officer's part.
    expect(left.rows.map((r) => r.id)).toEqual([2, 3, 4]);
    expect(erased.body).not.toMatch(/<td>Probe-Fälle<\/td>/);

    await dpo.post(`/staff/anfragen/${id}/abschliessen`, { status: 'answered' });
    const closed = (await requests())[0];
    expect(closed?.status).toBe('answered');
    const events = await t.database.db
      .withTables<PrivacyTables>()
      .selectFrom('dsr_events')
      .select('kind')
      .where('request_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['confirmed', 'searched', 'exported-json', 'exported-pdf', 'erased', 'closed']);
  });

  test('only the roles the register names see the requests', async () => {
    const marketing = await signIn(t.app, await createTestStaff(t.database.db, ['marketing'], t.clock.now()), t.clock);
    expect((await marketing.get('/staff/anfragen')).statusCode).toBe(403);
    const service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    expect((await service.get('/staff/anfragen')).statusCode).toBe(200);
  });
});
