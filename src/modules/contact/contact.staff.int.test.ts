import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestStaff, formBody, type StaffAgent, signIn, type TestStaff } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role } from '../../core/auth/index.ts';
import { ManualClock } from '../../core/clock.ts';
import { type LettersTables, mergeLettersOfDay } from '../../core/letters/index.ts';
import { CONFIDENTIAL_MAIL_ACTIVITY, deliverDueMail, type MailTables } from '../../core/mail/index.ts';
import {
  activitiesOf,
  findActivity,
  findSubject,
  type PrivacyTables,
  rowAccess,
  runRetention,
  splitByAccess,
} from '../../core/privacy/index.ts';
import type { ContactDb } from './contact.queries.ts';

let t: TestApp;
let smtp: TestSmtpServer;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<ContactDb & MailTables & LettersTables & PrivacyTables>();
/** A quoted-printable body as text (nodemailer encodes non-ASCII text that way). */
const qp = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'");
const staff: Record<string, TestStaff> = {};
const as: Record<string, StaffAgent> = {};

async function agent(key: string, roles: Role[]) {
  staff[key] = await createTestStaff(t.database.db, roles, t.clock.now());
  as[key] = await signIn(t.app, staff[key] as TestStaff, t.clock);
}

/** A request sent through the public form; returns its id and reference. */
async function send(url: string, form: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form) });
  expect(res.statusCode).toBe(200);
  const reference = /([A-Z]{1,3}-2026-[0-9A-Z]{8})/.exec(res.body)?.[1] as string;
  const table = url.includes('rueckruf') || url.includes('callback') ? 'contact_callbacks' : 'contact_requests';
  const row = await db().selectFrom(table).select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  return { id: row.id, reference };
}

const person = (name: string, extra: Record<string, string> = {}) => ({
  salutation: 'ms',
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
  concern: `Anliegen von ${name}`,
  ...extra,
});
/** The activity's retention run at another moment, leaving the app's clock and the staff sessions alone. */
const retentionAt = (at: string, activity: string) => runRetention({ ...t.ctx, clock: new ManualClock(at) }, { trigger: 'test', activity });
const exists = async (table: 'contact_requests' | 'contact_callbacks', id: string) =>
  (await db().selectFrom(table).select('id').where('id', '=', id).execute()).length === 1;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  t.clock.set('2026-06-02T08:00:00Z');
  const all = allRoles(t.config.organisation);
  await agent('grid', ['department:grid']);
  await agent('grid2', ['department:grid']);
  await agent('billing', ['department:billing']);
  await agent('gridAndBilling', ['department:grid', 'department:billing']);
  await agent('dpo', ['dpo']);
  await agent('dpoAndGrid', ['dpo', 'department:grid']);
  await agent('equal', ['equal-treatment']);
  await agent('admin', ['admin']);
  await agent('service', ['customer-service']);
  await agent('service2', ['customer-service']);
  await agent(
    'allButOfficers',
    all.filter((r) => r !== 'dpo' && r !== 'equal-treatment'),
  );
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('routing: a request reaches only the role responsible for it', () => {
  test('[C15] a general request reaches only the department of its topic; another department cannot read it, even by id', async () => {
    const grid = await send('/kontakt', person('Gerda Netz', { topic: 'grid' }));
    const billing = await send('/kontakt', person('Berta Rechnung', { topic: 'billing' }));

    const gridList = await as.grid?.get('/staff/kontakt/anfragen');
    expect(gridList?.statusCode).toBe(200);
    expect(gridList?.body).toContain(grid.reference);
    expect(gridList?.body).not.toContain(billing.reference);
    // asking for another department's topic is ignored, not obeyed
    expect((await as.grid?.get('/staff/kontakt/anfragen?topic=billing'))?.body).not.toContain(billing.reference);
    expect((await as.billing?.get('/staff/kontakt/anfragen'))?.body).toContain(billing.reference);
    const both = (await as.gridAndBilling?.get('/staff/kontakt/anfragen'))?.body;
    expect(both).toContain(grid.reference);
    expect(both).toContain(billing.reference);

    const base = `/staff/kontakt/anfragen/${billing.id}`;
    expect((await as.grid?.get(base))?.statusCode).toBe(404);
    for (const [action, form] of [
      ['notiz', { note: 'x' }],
      ['antwort', { mailSubject: 'x', mailText: 'x' }],
      ['brief', { letterAddress: 'Weg 1\n12345 Ort', letterText: 'x' }],
      ['zuweisen', { assignee: staff.grid?.id as string }],
      ['erledigt', { keep: 'no' }],
    ] as const) {
      expect((await as.grid?.post(`${base}/${action}`, form))?.statusCode, action).toBe(404);
    }
    expect(
      await db().selectFrom('contact_requests').select(['status', 'assigned_to']).where('id', '=', billing.id).executeTakeFirst(),
    ).toEqual({ status: 'open', assigned_to: null });
    expect(await db().selectFrom('contact_events').select('id').where('request_id', '=', billing.id).execute()).toEqual([]);

    // roles that are no department's see nothing of it
    for (const key of ['admin', 'service', 'dpo', 'equal']) {
      expect((await as[key]?.get('/staff/kontakt/anfragen'))?.statusCode, key).toBe(403);
      expect((await as[key]?.get(base))?.statusCode, key).toBe(403);
    }
  });

  test('[C21] an officer’s message reaches only that officer: administrators and every other role are refused', async () => {
    const toDpo = await send('/kontakt/datenschutz', person('Petra Privat'));
    const toEqual = await send('/kontakt/gleichstellung', person('Alex Anders'));
    expect((await as.dpo?.get('/staff/kontakt/datenschutz'))?.body).toContain(toDpo.reference);
    expect((await as.dpo?.get('/staff/kontakt/datenschutz'))?.body).not.toContain(toEqual.reference);
    expect((await as.equal?.get('/staff/kontakt/gleichstellung'))?.body).toContain(toEqual.reference);
    expect((await as.equal?.get(`/staff/kontakt/gleichstellung/${toEqual.id}`))?.statusCode).toBe(200);

    const dpoPages = ['/staff/kontakt/datenschutz', `/staff/kontakt/datenschutz/${toDpo.id}`];
    const equalPages = ['/staff/kontakt/gleichstellung', `/staff/kontakt/gleichstellung/${toEqual.id}`];
    for (const key of ['admin', 'allButOfficers', 'service', 'grid']) {
      for (const path of [...dpoPages, ...equalPages]) expect((await as[key]?.get(path))?.statusCode, `${key} ${path}`).toBe(403);
      expect((await as[key]?.post(`/staff/kontakt/datenschutz/${toDpo.id}/notiz`, { note: 'x' }))?.statusCode, key).toBe(403);
    }
    for (const path of equalPages) expect((await as.dpo?.get(path))?.statusCode, path).toBe(403);
    for (const path of dpoPages) expect((await as.equal?.get(path))?.statusCode, path).toBe(403);
    // one inbox never shows another's messages, whatever id is typed
    expect((await as.dpo?.get(`/staff/kontakt/datenschutz/${toEqual.id}`))?.statusCode).toBe(404);
    expect((await as.dpoAndGrid?.get(`/staff/kontakt/anfragen/${toDpo.id}`))?.statusCode).toBe(404);
    expect((await as.dpoAndGrid?.get('/staff/kontakt/anfragen'))?.body).not.toContain(toDpo.reference);
    expect(await db().selectFrom('contact_events').select('id').where('request_id', 'in', [toDpo.id, toEqual.id]).execute()).toEqual([]);
  });

  test('[C18] a callback reaches customer service only', async () => {
    const cb = await send('/kontakt/rueckruf', { name: 'Sabine Schmidt', phone: '0211 1234567', day: '2026-06-03', slot: '10:00' });
    expect((await as.service?.get('/staff/kontakt/rueckrufe'))?.body).toContain(cb.reference);
    expect((await as.service?.get(`/staff/kontakt/rueckrufe/${cb.id}`))?.statusCode).toBe(200);
    for (const key of ['admin', 'grid', 'dpo', 'equal']) {
      expect((await as[key]?.get('/staff/kontakt/rueckrufe'))?.statusCode, key).toBe(403);
      expect((await as[key]?.get(`/staff/kontakt/rueckrufe/${cb.id}`))?.statusCode, key).toBe(403);
      expect((await as[key]?.post(`/staff/kontakt/rueckrufe/${cb.id}/erledigt`))?.statusCode, key).toBe(403);
    }
    expect(await exists('contact_callbacks', cb.id)).toBe(true);
  });
});

describe('handling a request in the inbox', () => {
  test('[C15] [C16] assign within the department, note, answer by e-mail and by letter, close: the request is deleted at once; every read is audited', async () => {
    const req = await send('/kontakt', person('Erika Mustermann', { topic: 'grid', phone: '0211 1234567' }));
    const base = `/staff/kontakt/anfragen/${req.id}`;
    const grid = as.grid as StaffAgent;

    // only colleagues who may see the request can get it
    const page = await grid.get(base);
    expect(page.body).toContain(`<option value="${staff.grid2?.id}">`);
    expect(page.body).not.toContain(`<option value="${staff.billing?.id}">`);
    const wrong = await grid.post(`${base}/zuweisen`, { assignee: staff.billing?.id as string });
    expect(wrong.statusCode).toBe(400);
    expect(decode(wrong.body)).toContain('Bitte wählen Sie eine Person aus der Liste.');
    expect((await grid.post(`${base}/zuweisen`, { assignee: staff.grid2?.id as string })).statusCode).toBe(303);
    expect(
      (await db().selectFrom('contact_requests').select('assigned_to').where('id', '=', req.id).executeTakeFirstOrThrow()).assigned_to,
    ).toBe(staff.grid2?.id);
    expect((await grid.get('/staff/kontakt/anfragen?assigned=none')).body).not.toContain(req.reference);
    expect((await grid.get('/staff/kontakt/anfragen')).body).toContain(req.reference);

    expect((await grid.post(`${base}/notiz`, { note: '' })).statusCode).toBe(400);
    expect((await grid.post(`${base}/notiz`, { note: 'Rückfrage beim Netzbetrieb gestellt.' })).statusCode).toBe(303);

    // answer by e-mail, through the outbox, to the test SMTP server
    expect((await grid.post(`${base}/antwort`, { mailSubject: 'Zeile\neins', mailText: 'x' })).statusCode).toBe(400);
    expect(
      (
        await grid.post(`${base}/antwort`, {
          mailSubject: `Ihre Anfrage ${req.reference}`,
          mailText: 'Ihr Hausanschluss wird am 15. Juni gelegt.',
        })
      ).statusCode,
    ).toBe(303);
    const before = smtp.received.length;
    const report = await deliverDueMail(t.ctx);
    expect(report.failed).toBe(0);
    const arrived = (await smtp.waitForMessages(before + report.sent)).slice(before).filter((m) => m.to.includes('erika@example.org'));
    expect(arrived).toHaveLength(2);
    // delivered, the outbox keeps only the facts of delivery: the request holds the text (C16)
    const outbox = await db()
      .selectFrom('mail_outbox')
      .select(['status', 'activity', 'recipient', 'subject', 'text_body'])
      .where(
        'message_id',
        'in',
        arrived.map((m) => m.header('message-id') as string),
      )
      .execute();
    expect(outbox.map((m) => [m.activity, m.status, m.recipient, m.subject, m.text_body])).toEqual([
      ['contact.requests', 'sent', '', '', ''],
      ['contact.requests', 'sent', '', '', ''],
    ]);
    const answered = arrived.find((m) => m.header('subject')?.startsWith('Ihre Anfrage'));
    const receipt = qp(arrived.find((m) => m !== answered)?.body ?? '');
    const answer = qp(answered?.body ?? '');
    expect(receipt).toContain(req.reference);
    expect(receipt).not.toMatch(/Erika|Anliegen von|1234567/);
    expect(answer).toContain('Sehr geehrte Frau Mustermann,');
    expect(answer).toContain('Ihr Hausanschluss wird am 15. Juni gelegt.');
    expect(answer).toContain(`Aktenzeichen: ${req.reference}`);

    // answer by letter, into the print room's run of the day
    expect((await grid.post(`${base}/brief`, { letterAddress: 'a\nb\nc\nd\ne\nf', letterText: 'x' })).statusCode).toBe(400);
    expect(
      (
        await grid.post(`${base}/brief`, {
          letterAddress: 'Energieweg 7\n12345 Musterstadt',
          letterText: 'Ihr Hausanschluss wird am 15. Juni gelegt.\n\nBitte halten Sie den Keller zugänglich.',
        })
      ).statusCode,
    ).toBe(303);
    const letter = await db().selectFrom('letters').selectAll().where('reference', '=', req.reference).executeTakeFirstOrThrow();
    expect(letter).toMatchObject({
      kind: 'written-answer',
      activity: 'contact.requests',
      recipient_name: 'Frau Erika Mustermann',
      printed_at: null,
    });

    const history = decode((await grid.get(base)).body);
    for (const line of [
      'Zugewiesen an',
      'Rückfrage beim Netzbetrieb gestellt.',
      'Antwort per E-Mail',
      'Antwort per Brief',
      'An die Druckerei gegeben',
    ])
      expect(history).toContain(line);

    // close without a reason to keep it: gone at once, with its answers and notes, and a deletion record
    const closed = await grid.post(`${base}/erledigt`, { keep: 'no' });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(`/staff/kontakt/anfragen?abgeschlossen=${req.reference}`);
    expect(await exists('contact_requests', req.id)).toBe(false);
    expect(await db().selectFrom('contact_events').select('id').where('request_id', '=', req.id).execute()).toEqual([]);
    const record = await db()
      .selectFrom('deletion_records')
      .selectAll()
      .where('activity', '=', 'contact.requests')
      .where('rule', '=', 'handled')
      .execute();
    expect(record.reduce((n, r) => n + r.affected, 0)).toBeGreaterThanOrEqual(1);
    expect(decode((await grid.get(closed.headers.location as string)).body)).toContain(`${req.reference} ist abgeschlossen und gelöscht.`);
    expect((await grid.get(base)).statusCode).toBe(404);

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('staff_id', '=', staff.grid?.id as string)
      .where('activity', '=', 'contact.requests')
      .execute();
    const reads = audit.filter((a) => a.action === 'read');
    expect(reads.some((a) => a.path === base && a.record_ids.includes(req.id))).toBe(true);
    expect(reads.some((a) => a.path === '/staff/kontakt/anfragen' && a.record_ids.includes(req.id))).toBe(true);
    expect(audit.filter((a) => a.action === 'change' && a.record_ids.includes(req.id)).length).toBeGreaterThanOrEqual(5);
  });

  test('the print room prints the day’s letters as one PDF, marks them printed, and audits which letters left', async () => {
    // a letter of a request still open: it can be printed again; one of a closed request cannot (C16)
    const open = await send('/kontakt', person('Olga Offen', { topic: 'grid' }));
    const letter = { letterAddress: 'Offenweg 1\n12345 Musterstadt', letterText: 'Wir melden uns.' };
    expect((await as.grid?.post(`/staff/kontakt/anfragen/${open.id}/brief`, letter))?.statusCode).toBe(303);
    const day = (await db().selectFrom('letters').select('day').executeTakeFirstOrThrow()).day;
    const list = await as.service?.get('/staff/druckerei');
    expect(list?.statusCode).toBe(200);
    expect(list?.body).toContain(`action="/staff/druckerei/${day}"`);
    for (const key of ['grid', 'admin', 'dpo']) expect((await as[key]?.get('/staff/druckerei'))?.statusCode, key).toBe(403);
    expect((await as.service?.post('/staff/druckerei/2026-13-45'))?.statusCode).toBe(404);

    const run = await as.service?.post(`/staff/druckerei/${day}`);
    expect(run?.statusCode).toBe(200);
    expect(run?.headers['content-type']).toBe('application/pdf');
    expect(run?.headers['content-disposition']).toContain(`briefe-${day}.pdf`);
    expect(run?.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const letters = await db().selectFrom('letters').select(['id', 'printed_at']).execute();
    expect(letters.every((l) => l.printed_at !== null)).toBe(true);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', 'letters.print-room')
      .where('action', '=', 'export')
      .executeTakeFirstOrThrow();
    expect(audit.record_ids.sort()).toEqual(letters.map((l) => l.id).sort());
    expect(audit.reason).toBe(`Druck der Briefe vom ${day}`);
    // nothing left to print; a reprint brings the day again
    expect(decode((await as.service?.post(`/staff/druckerei/${day}`))?.body ?? '')).toContain('wartet kein Brief');
    const reprint = await as.service?.post(`/staff/druckerei/${day}`, { reprint: 'yes' });
    expect(reprint?.headers['content-type']).toBe('application/pdf');
    const reprinted = (await pdfText(reprint?.rawPayload as Buffer)).join('\n');
    expect(reprinted).toContain('Olga Offen');
    expect(reprinted).not.toContain('Frau Erika Mustermann');
  });

  test('[C16] a recorded reason (proof, customer care, statutory period) keeps a handled request until it lapses, then it is deleted', async () => {
    const req = await send('/kontakt', person('Hans Meier', { topic: 'grid' }));
    const base = `/staff/kontakt/anfragen/${req.id}`;
    const grid = as.grid as StaffAgent;
    const missing = await grid.post(`${base}/erledigt`, { keep: 'yes' });
    expect(missing.statusCode).toBe(400);
    expect(decode(missing.body)).toContain('Bitte wählen Sie „Grund der Aufbewahrung“ aus.');
    expect(
      (await grid.post(`${base}/erledigt`, { keep: 'yes', reason: 'statutory', until: '2026-01-01', holdNote: 'HGB § 257' })).statusCode,
    ).toBe(400);
    expect((await db().selectFrom('contact_requests').select('status').where('id', '=', req.id).executeTakeFirstOrThrow()).status).toBe(
      'open',
    );

    const kept = await grid.post(`${base}/erledigt`, {
      keep: 'yes',
      reason: 'statutory',
      until: '2026-09-30',
      holdNote: 'Handelsbrief, HGB § 257',
    });
    expect(kept.statusCode).toBe(303);
    expect(decode((await grid.get(kept.headers.location as string)).body)).toContain(
      `${req.reference} ist abgeschlossen und wird bis zum 30.09.2026 aufbewahrt.`,
    );
    expect(await db().selectFrom('contact_requests').select(['status']).where('id', '=', req.id).executeTakeFirst()).toEqual({
      status: 'handled',
    });
    const hold = await db().selectFrom('legal_holds').selectAll().where('record_id', '=', req.id).executeTakeFirstOrThrow();
    expect(hold).toMatchObject({
      activity: 'contact.requests',
      table_name: 'contact_requests',
      reason: 'statutory',
      set_by: staff.grid?.id,
    });
    expect(hold.note).toContain(req.reference);
    expect((await grid.get('/staff/kontakt/anfragen?status=handled')).body).toContain(req.reference);
    expect(decode((await grid.get(base)).body)).toContain('Wird aufbewahrt bis zum 30.09.2026 (Gesetzliche Aufbewahrungsfrist).');

    // the nightly run, on the last day of the hold and on the day after
    await retentionAt('2026-09-30T12:00:00Z', 'contact.requests');
    expect(await exists('contact_requests', req.id)).toBe(true);
    await retentionAt('2026-10-01T00:30:00Z', 'contact.requests');
    expect(await exists('contact_requests', req.id)).toBe(false);
  });

  test('[C22] an officer’s message is deleted once finally handled unless a recorded reason applies; the officer’s letter never reaches the print room', async () => {
    const first = await send('/kontakt/datenschutz', person('Otto Offen'));
    const second = await send('/kontakt/gleichstellung', person('Gerda Gleich'));
    const dpo = as.dpo as StaffAgent;
    const letter = await dpo.post(`/staff/kontakt/datenschutz/${first.id}/brief`, {
      letterAddress: 'Postweg 2\n12345 Musterstadt',
      letterText: 'Wir speichern über Sie nur Ihre Nachricht.',
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toContain(`antwort-${first.reference}.pdf`);
    expect(await db().selectFrom('letters').select('id').where('reference', '=', first.reference).execute()).toEqual([]);

    expect((await dpo.post(`/staff/kontakt/datenschutz/${first.id}/erledigt`, { keep: 'no' })).statusCode).toBe(303);
    expect(await exists('contact_requests', first.id)).toBe(false);

    const eq = as.equal as StaffAgent;
    expect(
      (
        await eq.post(`/staff/kontakt/gleichstellung/${second.id}/erledigt`, {
          keep: 'yes',
          reason: 'proof',
          until: '2026-12-31',
          holdNote: 'Beschwerdeverfahren',
        })
      ).statusCode,
    ).toBe(303);
    expect(await exists('contact_requests', second.id)).toBe(true);
    const holds = await db().selectFrom('legal_holds').select(['activity', 'reason']).where('record_id', '=', second.id).execute();
    expect(holds).toEqual([{ activity: 'contact.officer-equal-treatment', reason: 'proof' }]);
  });

  test('[C19] a callback is deleted once done; one never done lapses 30 days after its time', async () => {
    const a = await send('/kontakt/rueckruf', { name: 'Ahmet Yılmaz', phone: '0171 1234567', day: '2026-06-03', slot: '11:00' });
    const b = await send('/kontakt/rueckruf', { name: 'Lena Weber', phone: '030 123456', day: '2026-06-05', slot: '08:00' });
    const service = as.service as StaffAgent;
    expect((await service.post(`/staff/kontakt/rueckrufe/${a.id}/zuweisen`, { assignee: staff.service2?.id as string })).statusCode).toBe(
      303,
    );
    expect((await service.post(`/staff/kontakt/rueckrufe/${a.id}/zuweisen`, { assignee: staff.grid?.id as string })).statusCode).toBe(400);
    expect(
      (await service.post(`/staff/kontakt/rueckrufe/${a.id}/notiz`, { note: 'Nicht erreicht, 11:20 erneut versuchen.' })).statusCode,
    ).toBe(303);
    expect((await service.get(`/staff/kontakt/rueckrufe?assigned=me`)).body).not.toContain(a.reference);
    expect(decode((await service.get(`/staff/kontakt/rueckrufe/${a.id}`)).body)).toContain('Nicht erreicht, 11:20 erneut versuchen.');

    const done = await service.post(`/staff/kontakt/rueckrufe/${a.id}/erledigt`);
    expect(done.statusCode).toBe(303);
    expect(await exists('contact_callbacks', a.id)).toBe(false);
    expect(await db().selectFrom('contact_events').select('id').where('callback_id', '=', a.id).execute()).toEqual([]);
    expect(decode((await service.get(done.headers.location as string)).body)).toContain(
      `Der Rückruf ${a.reference} ist erledigt und gelöscht.`,
    );

    // b's slot ends 5 June, 09:00 in Berlin (07:00 UTC)
    await retentionAt('2026-07-05T06:59:00Z', 'contact.callbacks');
    expect(await exists('contact_callbacks', b.id)).toBe(true);
    await retentionAt('2026-07-05T07:01:00Z', 'contact.callbacks');
    expect(await exists('contact_callbacks', b.id)).toBe(false);
  });

  /** Rows of the outbox and the print queue that still name the person, as text. */
  const traces = async (needle: string) => {
    const mail = await sql<{ row: string }>`select m::text as row from mail_outbox m`.execute(t.database.db);
    const files = await sql<{ row: string }>`select a.filename as row from mail_attachments a`.execute(t.database.db);
    const letters = await sql<{ row: string }>`select l.recipient_name || ' ' || coalesce(l.reference, '') as row from letters l`.execute(
      t.database.db,
    );
    return [...mail.rows, ...files.rows, ...letters.rows].map((r) => r.row).filter((r) => r.includes(needle));
  };

  test('[C16] closing a request leaves no copy of the answer behind: the delivered mail keeps only the facts of delivery, the printed letter only kind, day and pages, a waiting letter is reduced once printed', async () => {
    const req = await send('/kontakt', person('Paula Postmeier', { topic: 'billing' }));
    const base = `/staff/kontakt/anfragen/${req.id}`;
    const billing = as.billing as StaffAgent;
    expect(
      (await billing.post(`${base}/antwort`, { mailSubject: `Ihre Rechnung ${req.reference}`, mailText: 'Die Gutschrift folgt.' }))
        .statusCode,
    ).toBe(303);
    const letter = { letterAddress: 'Postmeierweg 3\n12345 Musterstadt', letterText: 'Die Gutschrift folgt mit der nächsten Rechnung.' };
    expect((await billing.post(`${base}/brief`, letter)).statusCode).toBe(303);
    const day = (await db().selectFrom('letters').select('day').where('reference', '=', req.reference).executeTakeFirstOrThrow()).day;
    expect((await mergeLettersOfDay(t.database.db, day, { now: t.clock.now() }))?.letters).toBeGreaterThanOrEqual(1);
    // a second letter, still waiting for the print room when the request is closed
    expect((await billing.post(`${base}/brief`, letter)).statusCode).toBe(303);
    const before = smtp.received.length;
    const report = await deliverDueMail(t.ctx);
    const arrived = (await smtp.waitForMessages(before + report.sent)).slice(before).filter((m) => m.to.includes('paula@example.org'));
    expect(arrived).toHaveLength(2);
    expect(qp(arrived.map((m) => m.body).join('\n'))).toContain('Sehr geehrte Frau Postmeier,');
    const ids = (await db().selectFrom('letters').select('id').where('reference', '=', req.reference).orderBy('created_at').execute()).map(
      (l) => l.id,
    );
    expect(ids).toHaveLength(2);

    expect((await billing.post(`${base}/erledigt`, { keep: 'no' })).statusCode).toBe(303);
    expect(await exists('contact_requests', req.id)).toBe(false);

    // mail: the delivery facts stay (when, whether), nothing that names the person or the matter
    const mails = await db()
      .selectFrom('mail_outbox')
      .selectAll()
      .where(
        'message_id',
        'in',
        arrived.map((m) => m.header('message-id') as string),
      )
      .execute();
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m).toMatchObject({ activity: 'contact.requests', status: 'sent', recipient: '', subject: '', text_body: '', html_body: null });
      expect(m.reference).toBeNull();
      expect(m.sent_at).not.toBeNull();
    }
    // letters: the printed one at once, the waiting one right after its print run
    const lettersNow = await db().selectFrom('letters').selectAll().where('id', 'in', ids).orderBy('created_at').execute();
    expect(lettersNow.map((l) => [l.recipient_name, l.reference, l.pdf.byteLength, l.printed_at !== null])).toEqual([
      ['', null, 0, true],
      ['Frau Paula Postmeier', req.reference, lettersNow[1]?.pdf.byteLength, false],
    ]);
    expect(lettersNow[1]?.pdf.byteLength).toBeGreaterThan(1000);
    const run = await mergeLettersOfDay(t.database.db, day, { now: t.clock.now() });
    expect(run?.letters).toBeGreaterThanOrEqual(1);
    const printed = await db()
      .selectFrom('letters')
      .selectAll()
      .where('id', '=', ids[1] as string)
      .executeTakeFirstOrThrow();
    expect([printed.recipient_name, printed.reference, printed.pdf.byteLength, printed.pages, printed.printed_at !== null]).toEqual([
      '',
      null,
      0,
      lettersNow[1]?.pages,
      true,
    ]);
    expect(await traces('Postmeier')).toEqual([]);
    expect(await traces(req.reference)).toEqual([]);
  });

  test('[C21] [C22] an officer’s answer mail is readable only by that officer, not by the administrators who run the outbox; delivered and closed, nothing of it is left', async () => {
    const req = await send('/kontakt/gleichstellung', person('Greta Geheim'));
    const eq = as.equal as StaffAgent;
    expect(
      (
        await eq.post(`/staff/kontakt/gleichstellung/${req.id}/antwort`, {
          mailSubject: 'Ihre Beschwerde über Ihren Vorgesetzten',
          mailText: 'Wir gehen Ihrer Beschwerde vertraulich nach.',
        })
      ).statusCode,
    ).toBe(303);

    // waiting in the outbox: the register opens it to the equal-treatment officer alone
    const activities = activitiesOf(t.ctx.modules, t.config);
    const confidential = findActivity(t.ctx.modules, t.config, CONFIDENTIAL_MAIL_ACTIVITY);
    expect(confidential?.recipients.roles).toEqual(['dpo', 'equal-treatment']);
    const found = (await findSubject(t.ctx, { email: 'greta@example.org' })).filter((r) => r.table === 'mail_outbox');
    expect(found).toHaveLength(2);
    expect(found.every((r) => r.activity === CONFIDENTIAL_MAIL_ACTIVITY && r.scope === 'equal-treatment')).toBe(true);
    for (const roles of [
      ['admin'],
      ['customer-service'],
      ['dpo'],
      allRoles(t.config.organisation).filter((r) => r !== 'equal-treatment'),
    ] as Role[][]) {
      const { readable, withheld } = splitByAccess(activities, found, roles);
      expect(readable, roles.join(',')).toEqual([]);
      expect(withheld.map((w) => [w.count, w.roles])).toEqual([[2, ['equal-treatment']]]);
      expect(rowAccess(confidential as NonNullable<typeof confidential>, roles).kind === 'all').toBe(false);
    }
    expect(splitByAccess(activities, found, ['equal-treatment']).readable).toHaveLength(2);

    // delivered: the person has the answer, the outbox only the fact of delivery
    const before = smtp.received.length;
    const report = await deliverDueMail(t.ctx);
    const arrived = (await smtp.waitForMessages(before + report.sent)).slice(before).filter((m) => m.to.includes('greta@example.org'));
    expect(arrived).toHaveLength(2);
    expect(qp(arrived.map((m) => m.body).join('\n'))).toContain('Wir gehen Ihrer Beschwerde vertraulich nach.');
    const rows = await db()
      .selectFrom('mail_outbox')
      .select(['activity', 'status', 'recipient', 'subject', 'text_body', 'confidential_to'])
      .where(
        'message_id',
        'in',
        arrived.map((m) => m.header('message-id') as string),
      )
      .execute();
    expect(rows).toEqual([
      {
        activity: 'contact.officer-equal-treatment',
        status: 'sent',
        recipient: '',
        subject: '',
        text_body: '',
        confidential_to: 'equal-treatment',
      },
      {
        activity: 'contact.officer-equal-treatment',
        status: 'sent',
        recipient: '',
        subject: '',
        text_body: '',
        confidential_to: 'equal-treatment',
      },
    ]);
    expect(await findSubject(t.ctx, { email: 'greta@example.org' })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ table: 'mail_outbox' })]),
    );

    expect((await eq.post(`/staff/kontakt/gleichstellung/${req.id}/erledigt`, { keep: 'no' })).statusCode).toBe(303);
    expect(await exists('contact_requests', req.id)).toBe(false);
    expect(await traces('Geheim')).toEqual([]);
    expect(await traces('Vorgesetzten')).toEqual([]);
    expect(await traces('greta@example.org')).toEqual([]);
  });
});

describe('answering by e-mail: preview, then send, then a confirmation', () => {
  /** The HTML of a page with entities decoded, for comparing text. */
  const text = (html: string) => decode(html).replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  /** Mail to the person apart from the receipt the form sent at once. */
  const answersTo = (email: string) =>
    db()
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('recipient', '=', email)
      .where('subject', 'not like', 'Eingangsbestätigung%')
      .execute();
  const eventsOf = (id: string) => db().selectFrom('contact_events').select('kind').where('request_id', '=', id).execute();

  test('the request page shows the facts first, the answer form open and every other step closed behind a summary', async () => {
    const req = await send('/kontakt', person('Nora Netz', { topic: 'grid' }));
    const base = `/staff/kontakt/anfragen/${req.id}`;
    // the list counts in words that fit: one entry, not "1 Einträge"
    expect((await as.grid?.get(`/staff/kontakt/anfragen?q=${req.reference}`))?.body).toContain('<p>1 Eintrag</p>');
    const html = (await as.grid?.get(base))?.body as string;
    const posts = [...html.matchAll(/<form method="post" action="([^"]+)"/g)]
      .map((m) => [m[1], m.index ?? 0] as const)
      .filter(([action]) => action !== '/staff/abmelden');
    const details = [...html.matchAll(/<details class="action"[^>]*>[\s\S]*?<\/details>/g)].map((m) => [
      m.index ?? 0,
      (m.index ?? 0) + m[0].length,
    ]);
    const inDetails = (at: number) => details.some(([from, to]) => at > (from as number) && at < (to as number));
    // one form outside a closed section: the answer by e-mail; letter, assignment, note and closing are closed
    expect(posts.filter(([, at]) => !inDetails(at)).map(([action]) => action)).toEqual([`${base}/antwort/pruefen`]);
    expect(posts.filter(([, at]) => inDetails(at)).map(([action]) => action)).toEqual(
      ['brief', 'zuweisen', 'notiz', 'erledigt'].map((a) => `${base}/${a}`),
    );
    expect(html.match(/<details class="action"[^>]*>/g)?.every((tag) => !/\sopen/.test(tag))).toBe(true);
    expect(decode(html)).toContain('<summary class="action__summary">Zuweisen (derzeit: niemand)</summary>');
    // the record's facts come before any form
    expect(html.indexOf('<dl class="facts">')).toBeLessThan(posts[0]?.[1] as number);
    // a closed step sent with mistakes comes back open, the others stay closed
    const failed = await as.grid?.post(`${base}/notiz`, { note: '' });
    expect(failed?.statusCode).toBe(400);
    expect(failed?.body.match(/<details class="action"[^>]*\sopen[^>]*>/g)).toEqual(['<details class="action" id="note-action" open>']);
  });

  test('"Vorschau anzeigen" shows the exact mail and stores nothing; "Ändern" returns to the filled form; "Senden" sends it and confirms what went to whom', async () => {
    const req = await send('/kontakt', person('Jonas Weber', { topic: 'grid', salutation: 'mr' }));
    const base = `/staff/kontakt/anfragen/${req.id}`;
    const grid = as.grid as StaffAgent;
    const typed = {
      mailSubject: `Ihre Anfrage ${req.reference}`,
      mailText: 'Ihr Zähler wird am 3. Juli getauscht.\n\nBitte sind Sie zu Hause.',
    };

    // mistakes: the request page with the messages, nothing stored
    const bad = await grid.post(`${base}/antwort/pruefen`, { mailSubject: typed.mailSubject, mailText: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');

    const preview = await grid.post(`${base}/antwort/pruefen`, typed);
    expect(preview.statusCode).toBe(200);
    const shown = text(preview.body);
    const expected = [
      'Sehr geehrter Herr Weber,',
      typed.mailText,
      `Mit freundlichen Grüßen\nTest Person ${/\d+/.exec(staff.grid?.email ?? '')?.[0]}\n${t.config.organisation.departments.find((d) => d.id === 'grid')?.name.de}\n${t.config.organisation.name}`,
      `Aktenzeichen: ${req.reference}`,
    ].join('\n\n');
    expect(shown).toContain(`<p class="typed mail-card__text">${expected}</p>`);
    expect(shown).toContain('Jonas Weber <jonas@example.org>');
    expect(shown).toContain(`<dd>${typed.mailSubject}</dd>`);
    expect(shown).toContain(`<form method="post" action="${base}/antwort" class="form">`);
    expect(preview.body).toContain(`name="_csrf" value="${grid.csrf}"`);
    expect(shown).toMatch(/<button type="submit" class="button">Senden<\/button>/);
    expect(shown).toMatch(new RegExp(`name="step" value="edit" formaction="${base}/antwort/pruefen#mail-title">Ändern</button>`));
    expect(await answersTo('jonas@example.org')).toEqual([]);
    expect(await eventsOf(req.id)).toEqual([]);

    // "Ändern": the request page, the form holding what was typed
    const edit = await grid.post(`${base}/antwort/pruefen`, { ...typed, step: 'edit' });
    expect(edit.statusCode).toBe(200);
    expect(text(edit.body)).toContain(`>${typed.mailText}</textarea>`);
    expect(text(edit.body)).toContain(`value="${typed.mailSubject}"`);
    expect(await eventsOf(req.id)).toEqual([]);

    // without the CSRF token nothing is previewed or sent
    for (const path of ['antwort/pruefen', 'antwort']) {
      const forged = await t.app.inject({
        method: 'POST',
        url: `${base}/${path}`,
        headers: { ...FORM, cookie: grid.cookie },
        payload: formBody(typed),
      });
      expect(forged.statusCode, path).toBe(403);
    }
    // another department cannot preview it, nor can roles outside the departments
    expect((await as.billing?.post(`${base}/antwort/pruefen`, typed))?.statusCode).toBe(404);
    expect((await as.admin?.post(`${base}/antwort/pruefen`, typed))?.statusCode).toBe(403);

    // "Senden": the same fields the preview carried
    const sent = await grid.post(`${base}/antwort`, typed);
    expect(sent.statusCode).toBe(303);
    const location = sent.headers.location as string;
    expect(location).toMatch(new RegExp(`^${base}\\?gesendet=\\d+#sent-title$`));
    const outbox = await answersTo('jonas@example.org');
    expect(outbox).toEqual([{ subject: typed.mailSubject, text_body: expected }]);
    const confirmation = text((await grid.get(location.split('#')[0] as string)).body);
    expect(confirmation).toMatch(
      /<section class="notice sent-notice" role="status" aria-labelledby="sent-title"><h2 id="sent-title">Antwort gesendet<\/h2>/,
    );
    expect(confirmation).toContain(`<dt>Aktenzeichen</dt><dd>${req.reference}</dd>`);
    expect(confirmation).toContain(`<dt>Gesendet am</dt><dd>02.06.2026`);
    expect(confirmation).toContain('Jonas Weber <jonas@example.org>');
    expect(confirmation).toContain(`<p class="typed mail-card__text">${expected}</p>`);
    // once: the plain request page has no confirmation
    expect((await grid.get(base)).body).not.toContain('sent-notice');

    // audited: the preview with mistakes, the preview and "Ändern" as reads, the sending as a change
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'path'])
      .where('staff_id', '=', staff.grid?.id as string)
      .where('path', 'like', `${base}/antwort%`)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.path])).toEqual([
      ['read', `${base}/antwort/pruefen`],
      ['read', `${base}/antwort/pruefen`],
      ['read', `${base}/antwort/pruefen`],
      ['change', `${base}/antwort`],
    ]);
  });
});
