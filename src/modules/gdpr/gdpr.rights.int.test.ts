import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, signInCustomer } from '../../../tests/support/customers.ts';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { type DsrKind, findSubject, type PrivacyTables } from '../../core/privacy/index.ts';
import type { ContactTables } from '../contact/contact.tables.ts';
import type { PortalTables } from '../portal/portal.tables.ts';
import { createSignedInRequest } from './gdpr.request.queries.ts';
import { recordVerification } from './gdpr.verification.ts';

let t: TestApp;
let service: StaffAgent;
let dpo: StaffAgent;
let marketing: StaffAgent;
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const pdb = () => t.database.db.withTables<PrivacyTables>();
const cdb = () => t.database.db.withTables<ContactTables>();
const EMAIL = 'erika.mustermann@example.org';
const PHONE = '+492111234567';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-02T09:00:00Z');
  const now = t.clock.now();
  service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], now), t.clock);
  dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], now), t.clock);
  marketing = await signIn(t.app, await createTestStaff(t.database.db, ['marketing'], now), t.clock);
});
afterAll(() => t?.close());

let counter = 0;
async function callback(name: string, phone = PHONE) {
  counter += 1;
  const now = t.clock.now();
  const { id } = await cdb()
    .insertInto('contact_callbacks')
    .values({
      reference: `R-2026-TEST${counter}`,
      name,
      phone,
      subject: 'Abschlag',
      slot_start: new Date(now.getTime() + DAY_MS),
      slot_end: new Date(now.getTime() + DAY_MS + 3_600_000),
      locale: 'de',
      created_at: now,
      assigned_to: null,
      done_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An open request whose e-mail address is proven; `phone` is proven too when given `provePhone`. */
async function request(kind: DsrKind, opts: { phone?: string; provePhone?: boolean; email?: string } = {}) {
  const db = pdb();
  const r = await createSignedInRequest(
    db,
    {
      kind,
      name: 'Erika Mustermann',
      email: opts.email ?? EMAIL,
      phone: opts.phone ?? null,
      customerNumber: null,
      message: 'Mein Name ist falsch geschrieben.',
      locale: 'de',
    },
    ['email'],
    t.clock.now(),
  );
  if (opts.provePhone)
    await recordVerification(db, { requestId: r.id, identifier: 'phone', method: 'staff-check', note: 'Rückruf', now: t.clock.now() });
  return r;
}

describe('the request form offers every right of the statement', () => {
  test('rectification, restriction and portability can be requested; a rectification must say what is wrong', async () => {
    const pre = await t.app.inject({ method: 'GET', url: '/datenschutz/anfrage?kind=portability' });
    expect(pre.body).toMatch(/value="portability"[^>]*checked/);
    for (const kind of ['rectification', 'restriction', 'portability']) expect(pre.body).toContain(`value="${kind}"`);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage',
      headers: form,
      payload: formBody({ kind: 'rectification', name: 'Erika Mustermann', email: 'neu@example.org', message: '' }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('welche Angaben falsch sind und wie sie richtig lauten');
    expect(await pdb().selectFrom('dsr_requests').select('id').where('email', '=', 'neu@example.org').execute()).toHaveLength(0);
    for (const kind of ['rectification', 'restriction', 'portability']) {
      const ok = await t.app.inject({
        method: 'POST',
        url: '/datenschutz/anfrage',
        headers: form,
        payload: formBody({ kind, name: 'Erika Mustermann', email: 'neu@example.org', message: 'Die Telefonnummer ist alt.' }),
      });
      expect(ok.statusCode).toBe(200);
    }
    const kinds = await pdb().selectFrom('dsr_requests').select('kind').where('email', '=', 'neu@example.org').execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['portability', 'rectification', 'restriction']);
  });

  test('in the portal, too: the signed-in customer asks for rectification with what is wrong, or portability', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, customer);
    const page = await agent.get('/portal/datenschutz-anfrage');
    for (const kind of ['rectification', 'restriction', 'portability']) expect(page.body).toContain(`value="${kind}"`);
    const missing = await agent.post('/portal/datenschutz-anfrage', { kind: 'rectification', message: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('welche Angaben falsch sind und wie sie richtig lauten');
    const ok = await agent.post('/portal/datenschutz-anfrage', { kind: 'portability', message: '' });
    expect(ok.statusCode).toBe(200);
    const rows = await pdb()
      .selectFrom('dsr_requests')
      .select(['kind', 'status'])
      .where('customer_number', '=', customer.customerNumber)
      .execute();
    expect(rows).toEqual([{ kind: 'portability', status: 'open' }]);
  });

  test('the statement links each right to the form with that right chosen', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/datenschutz' });
    for (const kind of ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'])
      expect(page.body).toContain(`href="/datenschutz/anfrage?kind=${kind}"`);
    const en = await t.app.inject({ method: 'GET', url: '/en/privacy' });
    expect(en.body).toContain('href="/en/privacy/request?kind=rectification"');
  });
});

describe('rectification (Art. 16 GDPR)', () => {
  test('[C04] staff of the owning activity correct a record; the audit names the changed fields, never the values', async () => {
    const id = await callback('Erika Musterman');
    const r = await request('rectification', { phone: PHONE, provePhone: true });
    const found = await service.post(`/staff/anfragen/${r.id}/suche`);
    expect(found.body).toContain('Berichtigung speichern');
    expect(found.body).toContain('value="Erika Musterman"');
    const key = `contact_callbacks/${id}`;
    const fixed = await service.post(`/staff/anfragen/${r.id}/berichtigen`, {
      record: key,
      'fix-0-name': 'Erika Mustermann',
      'fix-0-phone': '0211 1234568',
      'fix-0-subject': 'Abschlag',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.body).toContain('Berichtigt: Name, Telefonnummer');
    const row = await cdb().selectFrom('contact_callbacks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Erika Mustermann', phone: '+492111234568', subject: 'Abschlag' });
    const audit = await pdb()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', 'contact.callbacks')
      .where('action', '=', 'change')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.record_ids).toEqual([key]);
    expect(audit[0]?.reason).toContain('changed fields name, phone');
    const logged = JSON.stringify(audit);
    for (const value of ['Musterman"', 'Erika Mustermann', '1234567', '1234568']) expect(logged).not.toContain(value);
    const events = await pdb().selectFrom('dsr_events').select(['kind', 'detail']).where('request_id', '=', r.id).execute();
    expect(events.find((e) => e.kind === 'rectified')?.detail).toEqual({ record: key, fields: ['name', 'phone'] });
    expect(JSON.stringify(events)).not.toContain('1234568');
  });

  test('a value the form would refuse is refused with the field named, and nothing changes', async () => {
    const id = await callback('Max Muster', '+492111111111');
    const r = await request('rectification', { phone: '+492111111111', provePhone: true });
    const bad = await service.post(`/staff/anfragen/${r.id}/berichtigen`, {
      record: `contact_callbacks/${id}`,
      'fix-0-name': 'Max Mustermann',
      'fix-0-phone': 'bitte abends',
      'fix-0-subject': 'Abschlag',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Dieser Wert ist hier nicht gültig.');
    expect(bad.body).toContain('value="bitte abends"');
    const row = await cdb().selectFrom('contact_callbacks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Max Muster', phone: '+492111111111' });
  });

  test('[C04] only proven identifiers and only the roles the register names: others get nothing to correct', async () => {
    const id = await callback('Nur Telefon', '+492112222222');
    // The phone number was typed, not proven: the callback is not found, so it cannot be corrected.
    const unproven = await request('rectification', { phone: '+492112222222' });
    const body = { record: `contact_callbacks/${id}`, 'fix-0-name': 'Geändert' };
    expect((await service.post(`/staff/anfragen/${unproven.id}/berichtigen`, body)).statusCode).toBe(404);
    // The DPO is no recipient of the callback service: the record is withheld from her.
    const proven = await request('rectification', { phone: '+492112222222', provePhone: true });
    expect((await dpo.post(`/staff/anfragen/${proven.id}/berichtigen`, body)).statusCode).toBe(404);
    expect((await marketing.post(`/staff/anfragen/${proven.id}/berichtigen`, body)).statusCode).toBe(403);
    // Another kind of request corrects nothing.
    const access = await request('access', { phone: '+492112222222', provePhone: true });
    expect((await service.post(`/staff/anfragen/${access.id}/berichtigen`, body)).statusCode).toBe(404);
    const row = await cdb().selectFrom('contact_callbacks').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Nur Telefon');
  });
});

describe('restriction (Art. 18 GDPR)', () => {
  test('restricted records are kept, marked, refused for processing and skipped by retention until the DPO lifts it', async () => {
    const phone = '+492113333333';
    const kept = await callback('Eingeschränkt', phone);
    const r = await request('restriction', { phone, provePhone: true });
    const key = `contact_callbacks/${kept}`;
    const none = await service.post(`/staff/anfragen/${r.id}/einschraenken`, { restrictNote: 'Richtigkeit bestritten' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Bitte wählen Sie „Datensätze“ aus.');
    // Many presses at once restrict once.
    const presses = await Promise.all(
      Array.from({ length: 6 }, () =>
        service.post(`/staff/anfragen/${r.id}/einschraenken`, { restrictRecords: key, restrictNote: 'Richtigkeit bestritten' }),
      ),
    );
    expect(presses.every((p) => p.statusCode === 200)).toBe(true);
    const rows = await pdb().selectFrom('restrictions').selectAll().where('record_id', '=', kept).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ activity: 'contact.callbacks', table_name: 'contact_callbacks', lifted_at: null });
    const audit = await pdb()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', 'contact.callbacks')
      .where('action', '=', 'hold')
      .execute();
    expect(audit.map((a) => a.record_ids)).toContainEqual([kept]);

    // The owning module's list marks it, and refuses processing it.
    const list = await service.get('/staff/kontakt/rueckrufe');
    expect(list.body).toMatch(new RegExp(`${kept}">R-2026-TEST\\d+</a><strong class="status--overdue"> \\(eingeschränkt\\)`));
    const note = await service.post(`/staff/kontakt/rueckrufe/${kept}/notiz`, { note: 'angerufen' });
    expect(note.statusCode).toBe(409);
    expect(note.body).toContain('Die Verarbeitung dieses Datensatzes ist eingeschränkt');
    const done = await service.post(`/staff/kontakt/rueckrufe/${kept}/erledigt`);
    expect(done.statusCode).toBe(409);
    const events = await cdb().selectFrom('contact_events').select('id').where('callback_id', '=', kept).execute();
    expect(events).toHaveLength(0);

    // Retention keeps it like a held record; its unrestricted twin goes.
    const twin = await callback('Nicht eingeschränkt', phone);
    const past = new Date(t.clock.now().getTime() - DAY_MS);
    await cdb().updateTable('contact_callbacks').set({ done_at: past }).where('id', 'in', [kept, twin]).execute();
    await dpo.post('/staff/datenschutz/loeschlauf');
    const left = await cdb().selectFrom('contact_callbacks').select('id').where('id', 'in', [kept, twin]).execute();
    expect(left.map((x) => x.id)).toEqual([kept]);

    // An erasure keeps it too, with the reason.
    const erasure = await request('erasure', { phone, provePhone: true });
    const erased = await service.post(`/staff/anfragen/${erasure.id}/loeschen`, { confirm: 'yes' });
    expect(erased.body).toContain('Verarbeitung eingeschränkt (Art. 18 DSGVO), bis die Einschränkung aufgehoben wird');

    // Only the DPO lifts it, with a reason.
    expect((await service.get('/staff/datenschutz/einschraenkungen')).statusCode).toBe(403);
    const restriction = rows[0]?.id as string;
    expect(
      (await service.post(`/staff/datenschutz/einschraenkungen/${restriction}/aufheben`, { 'liftReason-0': 'geprüft' })).statusCode,
    ).toBe(403);
    const page = await dpo.get('/staff/datenschutz/einschraenkungen');
    // The record in words (its reference number, or its table as the register names it), never the id.
    expect(page.body).toMatch(/<td>Rückrufservice<\/td><td>[^<]+<\/td>/);
    expect(page.body).not.toContain('contact_callbacks');
    expect(page.body).not.toContain(kept);
    const noReason = await dpo.post(`/staff/datenschutz/einschraenkungen/${restriction}/aufheben`, {
      field: 'liftReason-0',
      'liftReason-0': '',
    });
    expect(noReason.statusCode).toBe(400);
    const lifted = await dpo.post(`/staff/datenschutz/einschraenkungen/${restriction}/aufheben`, {
      field: 'liftReason-0',
      'liftReason-0': 'Richtigkeit bestätigt, Person unterrichtet',
    });
    expect(lifted.statusCode).toBe(303);
    // The access log says both in words, with the notes given.
    const log = await dpo.get('/staff/datenschutz/protokoll?activity=contact.callbacks');
    expect(log.body).toMatch(/Einschränkung der Verarbeitung \(Art\. 18 DSGVO\): DS-2026-\w+: Richtigkeit bestritten/);
    expect(log.body).toContain('Einschränkung aufgehoben: Richtigkeit bestätigt, Person unterrichtet');
    expect(log.body).not.toMatch(/restriction[ -:]/);
    await dpo.post('/staff/datenschutz/loeschlauf');
    expect(await cdb().selectFrom('contact_callbacks').select('id').where('id', '=', kept).execute()).toHaveLength(0);
  });
});

describe('restriction in the customer portal', () => {
  test("a restricted portal task is marked in customer service's inbox and cannot be carried out", async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const { id: task } = await t.database.db
      .withTables<PortalTables>()
      .insertInto('portal_tasks')
      .values({
        reference: 'P-2026-EINGESCHR',
        customer_id: customer.customerId,
        contract_id: null,
        kind: 'email-change',
        payload: JSON.stringify({ email: 'neu@example.org' }),
        created_at: t.clock.now(),
        done_at: null,
        done_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await request('restriction', { email: customer.email });
    const set = await service.post(`/staff/anfragen/${r.id}/einschraenken`, {
      restrictRecords: `portal_tasks/${task}`,
      restrictNote: 'Änderung bestritten',
    });
    expect(set.body).toContain('1 Datensätze eingeschränkt.');
    const inbox = await service.get('/staff/portal/aufgaben');
    expect(inbox.body).toMatch(/P-2026-EINGESCHR<\/a><strong class="status--overdue"> \(eingeschränkt\)/);
    const done = await service.post(`/staff/portal/aufgaben/${task}/erledigt`);
    expect(done.statusCode).toBe(409);
    const row = await t.database.db
      .withTables<PortalTables>()
      .selectFrom('portal_tasks')
      .select('status')
      .where('id', '=', task)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });
});

describe('portability (Art. 20 GDPR)', () => {
  test('[C04] a JSON and a CSV export of what the person provided, audited with the reason; nothing else', async () => {
    const email = 'portabel@example.org';
    const now = t.clock.now();
    const topic = t.config.organisation.departments[0]?.id as string;
    await cdb()
      .insertInto('contact_requests')
      .values({
        reference: 'K-2026-PORTABEL',
        kind: 'general',
        topic,
        salutation: 'ms',
        name: 'Paula Portabel',
        email,
        phone: null,
        customer_number: null,
        concern: 'Frage zum Tarif',
        locale: 'de',
        created_at: now,
        assigned_to: null,
        handled_at: null,
      })
      .execute();
    const r = await request('portability', { email });
    // The contact request is the departments' to read; the DPO reads her own request records only.
    const dpoDepartment = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', `department:${topic}`], t.clock.now()), t.clock);
    const noReason = await dpoDepartment.post(`/staff/anfragen/${r.id}/uebertragbarkeit`, { portFormat: 'json', portReason: '' });
    expect(noReason.statusCode).toBe(400);
    const json = await dpoDepartment.post(`/staff/anfragen/${r.id}/uebertragbarkeit`, {
      portFormat: 'json',
      portReason: 'Antwort an die Person',
    });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const doc = JSON.parse(json.body);
    const contact = doc.records.find((x: { activity: string }) => x.activity === 'contact.requests');
    expect(contact.data).toEqual({
      salutation: 'ms',
      name: 'Paula Portabel',
      email,
      phone: null,
      customerNumber: null,
      topic,
      concern: 'Frage zum Tarif',
    });
    // Only what the person provided: no status, no reference, no staff notes, no request records of ours.
    expect(json.body).not.toContain('K-2026-PORTABEL');
    expect(json.body).not.toContain('answersAndNotes');
    expect(doc.records.some((x: { activity: string }) => x.activity === 'privacy.subject-requests')).toBe(false);
    const csv = await dpoDepartment.post(`/staff/anfragen/${r.id}/uebertragbarkeit`, {
      portFormat: 'csv',
      portReason: 'Antwort an die Person',
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('processing,activity,record,field,value');
    expect(lines).toContain(`Kontaktformular,contact.requests,${contact.record},concern,Frage zum Tarif`);
    expect(csv.body).not.toContain('K-2026-PORTABEL');
    const audit = await pdb()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('path', 'like', '%uebertragbarkeit')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ activity: 'privacy.subject-requests', reason: 'Antwort an die Person' });
    expect(audit[0]?.record_ids).toContain(contact.record);
    // Customer service may not read the department's request: it is not in their export.
    const theirs = await service.post(`/staff/anfragen/${r.id}/uebertragbarkeit`, {
      portFormat: 'json',
      portReason: 'Antwort an die Person',
    });
    expect(theirs.body).not.toContain('Paula Portabel');
    expect((await marketing.post(`/staff/anfragen/${r.id}/uebertragbarkeit`, { portFormat: 'json', portReason: 'x' })).statusCode).toBe(
      403,
    );
    const access = await request('access', { email });
    expect(
      (await dpoDepartment.post(`/staff/anfragen/${access.id}/uebertragbarkeit`, { portFormat: 'json', portReason: 'Antwort' })).statusCode,
    ).toBe(404);
  });

  test('the portal names what a customer provided: contract partner data, bank details, the online access', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const records = await findSubject(t.ctx, { customerNumber: customer.customerNumber });
    const partner = records.find((r) => r.table === 'portal_customers');
    expect(partner?.provided).toEqual(['salutation', 'firstName', 'lastName', 'street', 'postcode', 'city', 'email', 'phone']);
    expect(records.find((r) => r.table === 'portal_accounts')?.provided).toEqual(['email']);
    // Contracts, readings and invoices are the utility's records, not provided by the customer.
    expect(records.find((r) => r.table === 'portal_contracts')?.provided).toBeUndefined();
  });
});

describe('the deadline of every request (Art. 12(3) GDPR)', () => {
  const mails = (to: string) =>
    t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', to)
      .orderBy('created_at')
      .execute();

  test('shown in words and as a date, extended once by two months with a reason the person is told', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    const r = await request('access', { email: 'frist@example.org' });
    t.clock.set('2026-03-20T09:00:00Z');
    const service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    const marketing = await signIn(t.app, await createTestStaff(t.database.db, ['marketing'], t.clock.now()), t.clock);
    const page = await service.get(`/staff/anfragen/${r.id}`);
    expect(page.body).toContain('noch 13 Tage – bis Donnerstag, 2. April 2026');
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const short = await service.post(`/staff/anfragen/${r.id}/verlaengern`, { extendReason: 'kurz' });
    expect(short.statusCode).toBe(400);
    expect((await marketing.post(`/staff/anfragen/${r.id}/verlaengern`, { extendReason: 'Viele Anfragen gleichzeitig' })).statusCode).toBe(
      403,
    );
    const reason = 'Die Daten liegen in mehreren Archiven.';
    const ok = await service.post(`/staff/anfragen/${r.id}/verlaengern`, { extendReason: reason });
    expect(ok.statusCode).toBe(303);
    const row = await pdb().selectFrom('dsr_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.deadline_at?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    expect(row.extension_reason).toBe(reason);
    const [mail] = await mails('frist@example.org');
    expect(mail?.text_body).toContain('Dienstag, 2. Juni 2026');
    expect(mail?.text_body).toContain(reason);
    const again = await service.post(`/staff/anfragen/${r.id}/verlaengern`, { extendReason: 'Noch einmal verlängern bitte' });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await pdb().selectFrom('dsr_requests').select('deadline_at').where('id', '=', r.id).executeTakeFirstOrThrow()
      ).deadline_at?.toISOString(),
    ).toBe('2026-06-02T09:00:00.000Z');
    const after = await service.get(`/staff/anfragen/${r.id}`);
    expect(after.body).toContain('noch 74 Tage – bis Dienstag, 2. Juni 2026');
    expect(after.body).toContain(reason);
    t.clock.set('2026-06-05T09:00:00Z');
    const later = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    const late = await later.get('/staff/anfragen');
    expect(late.body).toContain('seit 3 Tagen überfällig – Frist war Dienstag, 2. Juni 2026');
  });

  test('the DPO is reminded by mail a week before and when overdue, once each, by the daily job', async () => {
    const dpoMail = t.config.organisation.dataProtectionOfficer.email;
    await pdb().updateTable('dsr_requests').set({ status: 'answered', closed_at: t.clock.now() }).where('status', '=', 'open').execute();
    t.clock.set('2026-09-01T08:00:00Z');
    const r = await request('erasure', { email: 'erinnerung@example.org' });
    const job = (await import('./index.ts')).gdprModule.jobs?.find((j) => j.name === 'privacy.dsr-deadlines');
    const ctx = t.ctx;
    const before = (await mails(dpoMail)).length;
    t.clock.set('2026-09-23T08:00:00Z');
    expect(await job?.run(ctx, {})).toEqual({ soon: 0, overdue: 0 });
    t.clock.set('2026-09-25T08:00:00Z');
    expect(await job?.run(ctx, {})).toEqual({ soon: 1, overdue: 0 });
    expect(await job?.run(ctx, {})).toEqual({ soon: 0, overdue: 0 });
    const soon = (await mails(dpoMail)).slice(before);
    expect(soon).toHaveLength(1);
    const reference = (await pdb().selectFrom('dsr_requests').select('reference').where('id', '=', r.id).executeTakeFirstOrThrow())
      .reference;
    expect(soon[0]?.text_body).toContain(reference);
    expect(soon[0]?.text_body).toContain('noch 6 Tage – bis Donnerstag, 1. Oktober 2026');
    expect(soon[0]?.text_body).not.toContain('erinnerung@example.org');
    t.clock.set('2026-10-01T08:00:01Z');
    expect(await job?.run(ctx, {})).toEqual({ soon: 0, overdue: 1 });
    expect(await job?.run(ctx, {})).toEqual({ soon: 0, overdue: 0 });
    const overdue = (await mails(dpoMail)).slice(before);
    expect(overdue).toHaveLength(2);
    expect(overdue[1]?.subject).toContain('1 überfällig');
  });
});
