import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles } from '../../core/auth/index.ts';
import { ManualClock } from '../../core/clock.ts';
import type { LettersTables } from '../../core/letters/index.ts';
import { deliverDueMail, type MailTables } from '../../core/mail/index.ts';
import { type PrivacyTables, runRetention } from '../../core/privacy/index.ts';
import { STAFF_PATH } from './solar.paths.ts';
import { SOLAR_ACTIVITY } from './solar.privacy.ts';
import type { RequestsDb } from './solar.requests.queries.ts';
import { sampleTile, solar, solarTestEnv } from './solar.test-support.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let advice: StaffAgent;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<RequestsDb & MailTables & LettersTables & PrivacyTables>();

// Holzstraße 2 is in the reference tile: a house with its outbuildings under one address.
const valid = {
  street: 'Holzstraße',
  number: '2',
  postcode: '',
  town: '',
  role: 'owner',
  name: 'Erika Mustermann',
  postalStreet: 'Am Hang 5',
  postalPostcode: '50667',
  postalTown: 'Köln',
  postalCountry: '',
  email: 'erika@example.org',
  delivery: 'email',
};

async function requestReport(fields: Record<string, string>, path = '/solar/auswertung') {
  return t.app.inject({ method: 'POST', url: path, headers: FORM, payload: formBody(fields) });
}
async function sentRequest(fields: Record<string, string> = valid) {
  const res = await requestReport(fields);
  expect(res.statusCode).toBe(200);
  const reference = /SOL-\d{4}-[0-9A-Z]{8}/.exec(res.body)?.[0] as string;
  expect(reference).toBeTruthy();
  return db().selectFrom('solar_report_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
}
const retentionAt = (at: string) =>
  runRetention({ ...t.ctx, clock: new ManualClock(at) }, { trigger: 'test', activity: SOLAR_ACTIVITY.reports });
const stillThere = async (id: string) =>
  (await db().selectFrom('solar_report_requests').select('id').where('id', '=', id).execute()).length === 1;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { ...solarTestEnv(), SMTP_URL: smtp.url } });
  t.clock.set('2026-06-02T08:00:00Z');
  expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
  expect((await solar(t.ctx, 'compute', '--no-shading')).code).toBe(0);
  advice = await signIn(t.app, await createTestStaff(t.database.db, ['energy-advice'], t.clock.now()), t.clock);
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('[C25] detailed figures on request, for owners and tenants only', () => {
  test('[C25] a form with mistakes gets field messages and 400, keeps what was typed, and stores nothing', async () => {
    const res = await requestReport({ ...valid, role: 'landlord', name: '', email: 'erika@', postalPostcode: '!' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bitte füllen Sie');
    expect(res.body).toContain('gültige E-Mail-Adresse');
    expect(res.body).toContain('value="erika@"');
    expect(res.body).toContain('value="Am Hang 5"');
    const unknown = await requestReport({ ...valid, street: 'Nirgendwo-Gasse' });
    expect(unknown.statusCode).toBe(400);
    const en = await requestReport({ ...valid, email: 'nope' }, '/en/solar/report');
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Please enter a valid e-mail address');
    expect(await db().selectFrom('solar_report_requests').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('mail_outbox').select('id').execute()).toEqual([]);
  });

  test('[C25] the receipt mail holds the reference, never the figures; the public answer shows none either', async () => {
    const res = await requestReport(valid);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/kWh|kWp/);
    const reference = /SOL-\d{4}-[0-9A-Z]{8}/.exec(res.body)?.[0] as string;
    const mail = await db().selectFrom('mail_outbox').selectAll().where('recipient', '=', valid.email).executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(reference);
    expect(mail.text_body).not.toMatch(/kWh|kWp/);
    expect(await db().selectFrom('mail_attachments').select('mail_id').where('mail_id', '=', mail.id).execute()).toEqual([]);
  });

  test('[C25] energy advice verifies and sends the report as a PDF by e-mail; once closed, the retention run deletes the request', async () => {
    const row = await sentRequest({ ...valid, email: 'owner@example.org' });
    const detail = await advice.get(`${STAFF_PATH}/${row.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Erika Mustermann');
    // Not before it is verified: sending an unverified request is refused.
    expect((await advice.post(`${STAFF_PATH}/${row.id}/senden`, { via: 'email' })).statusCode).toBe(409);
    const reads = async () =>
      (await db().selectFrom('audit_log').select('record_ids').where('action', '=', 'read').execute()).filter((a) =>
        (a.record_ids as string[]).includes(row.id),
      ).length;
    const readsBefore = await reads();
    expect((await advice.post(`${STAFF_PATH}/${row.id}/pruefen`, { note: '' })).statusCode).toBe(400);
    // The form sent back with its message shows the request again: that is a read, audited.
    expect(await reads()).toBe(readsBefore + 1);
    expect((await advice.post(`${STAFF_PATH}/${row.id}/pruefen`, { note: 'Grundbuchauszug vorgelegt' })).statusCode).toBe(303);
    expect((await advice.post(`${STAFF_PATH}/${row.id}/senden`, { via: 'email' })).statusCode).toBe(303);

    await deliverDueMail(t.ctx);
    const delivered = smtp.received.filter((m) => m.to.includes('owner@example.org'));
    const withReport = delivered.find((m) => m.raw.includes('application/pdf'));
    expect(withReport, 'the report mail carries a PDF').toBeDefined();
    const attachment = /Content-Type: application\/pdf[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(withReport?.raw ?? '')?.[1] as string;
    const pdf = Buffer.from(attachment.replace(/\r\n/g, ''), 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).join('\n');
    expect(text).toContain(row.reference);
    expect(text).toMatch(/kWh/);

    expect((await advice.post(`${STAFF_PATH}/${row.id}/erledigt`, {})).statusCode).toBe(303);
    const handled = await db()
      .selectFrom('solar_report_requests')
      .select(['status', 'handled_at'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(handled.status).toBe('handled');
    await retentionAt('2026-06-03T00:00:00Z');
    expect(await stillThere(row.id)).toBe(false);
    // The deletion is recorded, without the data.
    const runs = await db().selectFrom('deletion_records').selectAll().where('activity', '=', SOLAR_ACTIVITY.reports).execute();
    expect(runs.some((r) => r.rule === 'handled' && Number(r.affected) >= 1)).toBe(true);
    expect(JSON.stringify(runs)).not.toContain('Erika');
  });

  test('[C25] by letter the report goes to the print room; a declined request is answered and deleted like a handled one', async () => {
    const byPost = await sentRequest({ ...valid, role: 'tenant', delivery: 'letter', email: 'tenant@example.org' });
    await advice.post(`${STAFF_PATH}/${byPost.id}/pruefen`, { note: 'Mietvertrag gesehen' });
    expect((await advice.post(`${STAFF_PATH}/${byPost.id}/senden`, { via: 'letter' })).statusCode).toBe(303);
    const letter = await db().selectFrom('letters').selectAll().where('reference', '=', byPost.reference).executeTakeFirstOrThrow();
    expect(letter.recipient_name).toBe('Erika Mustermann');
    const letterText = (await pdfText(letter.pdf)).join('\n');
    expect(letterText).toContain('Am Hang 5');
    expect(letterText).toMatch(/kWh/);

    const doubtful = await sentRequest({ ...valid, email: 'doubt@example.org' });
    expect((await advice.post(`${STAFF_PATH}/${doubtful.id}/ablehnen`, { reason: 'Kein Nachweis' })).statusCode).toBe(303);
    expect((await advice.post(`${STAFF_PATH}/${doubtful.id}/senden`, { via: 'email' })).statusCode).toBe(409);
    await retentionAt('2026-06-03T00:00:00Z');
    expect(await stillThere(doubtful.id)).toBe(false);
    // Sent but never closed: deleted 30 days after sending, not before.
    expect(await stillThere(byPost.id)).toBe(true);
    await retentionAt('2026-07-03T00:00:00Z');
    expect(await stillThere(byPost.id)).toBe(false);
  });

  test('[C25] a request no one answers is deleted after six months unless a legal hold keeps it', async () => {
    const forgotten = await sentRequest({ ...valid, email: 'late@example.org' });
    const held = await sentRequest({ ...valid, email: 'held@example.org' });
    await db()
      .insertInto('legal_holds')
      .values({
        activity: SOLAR_ACTIVITY.reports,
        table_name: 'solar_report_requests',
        record_id: held.id,
        reason: 'proof',
        note: 'Beschwerde',
        until: new Date('2027-06-01T00:00:00Z'),
        set_by: '00000000-0000-4000-8000-000000000000',
        set_at: t.clock.now(),
        released_at: null,
        released_by: null,
      })
      .execute();
    await retentionAt('2026-11-01T00:00:00Z');
    expect(await stillThere(forgotten.id)).toBe(true);
    await retentionAt('2026-12-03T00:00:00Z');
    expect(await stillThere(forgotten.id)).toBe(false);
    expect(await stillThere(held.id)).toBe(true);
  });

  test('[C25] only energy advice reads the requests; every other role is refused, and reads are audited', async () => {
    const row = await sentRequest({ ...valid, email: 'audit@example.org' });
    for (const role of allRoles(t.config.organisation).filter((r) => r !== 'energy-advice')) {
      const other = await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock);
      expect((await other.get(STAFF_PATH)).statusCode, role).toBe(403);
      expect((await other.get(`${STAFF_PATH}/${row.id}`)).statusCode, role).toBe(403);
      expect((await other.post(`${STAFF_PATH}/${row.id}/pruefen`, { note: 'geprüft von Fremden' })).statusCode, role).toBe(403);
    }
    expect(
      (await db().selectFrom('solar_report_requests').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status,
    ).toBe('received');
    await advice.get(`${STAFF_PATH}/${row.id}`);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', SOLAR_ACTIVITY.reports)
      .where('action', '=', 'read')
      .execute();
    expect(audit.some((a) => (a.record_ids as string[]).includes(row.id))).toBe(true);
  });
});
