import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formBody } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { eraseSubject, findSubject, keptReasonText, normaliseSubject, type PrivacyTables } from '../../core/privacy/index.ts';
import type { ContactDb } from './contact.queries.ts';
import { seedContactDemo } from './contact.seed.ts';

let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<ContactDb & PrivacyTables>();
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

async function send(url: string, form: Record<string, string>): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form) });
  expect(res.statusCode).toBe(200);
  return /[A-Z]{1,3}-2026-[0-9A-Z]{8}/.exec(res.body)?.[0] as string;
}
const idOf = async (table: 'contact_requests' | 'contact_callbacks', reference: string) =>
  (await db().selectFrom(table).select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-06-02T08:00:00Z');
});
afterAll(() => t?.close());

describe('the contact forms in the privacy register', () => {
  test('[C16] [C22] a data-subject request finds requests and callbacks by e-mail, phone or customer number; erasure deletes them unless a recorded hold keeps one', async () => {
    const general = await send('/kontakt', {
      topic: 'billing',
      salutation: 'ms',
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      concern: 'Abschlag zu hoch',
      phone: '0211 1234567',
      customerNumber: '4711-0815',
    });
    const toDpo = await send('/kontakt/datenschutz', {
      salutation: 'ms',
      name: 'Erika Mustermann',
      email: 'Erika@Example.org',
      concern: 'Was speichern Sie?',
    });
    const callback = await send('/kontakt/rueckruf', {
      name: 'Erika Mustermann',
      phone: '+49 211 123 45 67',
      day: '2026-06-03',
      slot: '10:00',
    });
    const someoneElse = await send('/kontakt', {
      topic: 'grid',
      salutation: 'mr',
      name: 'Max Muster',
      email: 'max@example.org',
      concern: 'x',
      phone: '0171 1234567',
    });
    const generalId = await idOf('contact_requests', general);
    await db()
      .insertInto('contact_events')
      .values({
        request_id: generalId,
        callback_id: null,
        occurred_at: t.clock.now(),
        staff_id: null,
        kind: 'answer-mail',
        body: 'Wir passen den Abschlag an.',
        document_id: null,
      })
      .execute();

    const contactRecords = async (q: { email?: string; phone?: string; customerNumber?: string }) =>
      (await findSubject(t.ctx, normaliseSubject(q))).filter((r) => r.activity.startsWith('contact.'));
    const byEmail = await contactRecords({ email: 'ERIKA@example.org' });
    expect(byEmail.map((r) => [r.activity, r.data.reference]).sort()).toEqual([
      ['contact.officer-dpo', toDpo],
      ['contact.requests', general],
    ]);
    expect(byEmail.find((r) => r.data.reference === general)?.data.answersAndNotes).toEqual([
      { kind: 'answer-mail', at: t.clock.now(), text: 'Wir passen den Abschlag an.' },
    ]);
    // the receipts waiting in the outbox are found too, by the mail module; the one to the
    // data-protection officer's correspondent is the officer's alone (C21)
    const mails = (await findSubject(t.ctx, normaliseSubject({ email: 'erika@example.org' }))).filter((r) => r.table === 'mail_outbox');
    expect(mails.map((r) => [r.activity, r.scope ?? null]).sort()).toEqual([
      ['mail.confidential', 'dpo'],
      ['mail.outbox', null],
    ]);

    const byPhone = await contactRecords({ phone: '0211/1234567' });
    expect(byPhone.map((r) => [r.table, r.data.reference]).sort()).toEqual([
      ['contact_callbacks', callback],
      ['contact_requests', general],
    ]);
    expect((await contactRecords({ customerNumber: '4711-0815' })).map((r) => r.data.reference)).toEqual([general]);

    const dpoId = await idOf('contact_requests', toDpo);
    await db()
      .insertInto('legal_holds')
      .values({
        activity: 'contact.officer-dpo',
        table_name: 'contact_requests',
        record_id: dpoId,
        reason: 'proof',
        note: 'Beschwerde anhängig',
        // The end of 31 December in Berlin, the day the page names.
        until: new Date('2026-12-31T22:59:59Z'),
        set_by: '00000000-0000-4000-8000-000000000000',
        set_at: t.clock.now(),
        released_at: null,
        released_by: null,
      })
      .execute();
    const outcomes = await eraseSubject(t.ctx, [...byEmail, ...byPhone.filter((r) => r.table === 'contact_callbacks')]);
    expect(outcomes.map((o) => [o.table, o.outcome, o.reason ?? null]).sort()).toEqual([
      ['contact_callbacks', 'deleted', null],
      ['contact_requests', 'deleted', null],
      ['contact_requests', 'kept', { kind: 'legal-hold', hold: 'proof', until: new Date('2026-12-31T22:59:59Z') }],
    ]);
    // The page says it in words, the date as the reader writes it.
    const kept = outcomes.find((o) => o.outcome === 'kept');
    expect(kept?.reason && keptReasonText(kept.reason, 'de')).toBe('Aufbewahrung wegen Nachweisbarkeit bis 31.12.2026');
    expect(kept?.reason && keptReasonText(kept.reason, 'en')).toBe('Kept for proof until 31 Dec 2026');
    const left = await db().selectFrom('contact_requests').select('reference').orderBy('reference').execute();
    expect(left.map((r) => r.reference).sort()).toEqual([toDpo, someoneElse].sort());
    expect(await db().selectFrom('contact_callbacks').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('contact_events').select('id').where('request_id', '=', generalId).execute()).toEqual([]);
  });

  test('[C15] [C21] the statement says who receives each form and when it is deleted, as the register does', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/datenschutz' })).body;
    const section = (id: string) => decode(new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '');
    const recipients = (id: string) => /Wer die Daten erhält (.*?) Wie lange/.exec(section(id))?.[1] ?? '';

    const general = section('contact-requests');
    expect(general).toContain('Jede Abteilung sieht nur die Nachrichten zu ihrem eigenen Thema');
    expect(general).toContain(
      'Gelöscht unmittelbar nach dem Abschluss der Bearbeitung. Erfordern Gründe der Nachweisbarkeit, der Kundenbetreuung oder gesetzliche Aufbewahrungsfristen',
    );
    expect(recipients('contact-requests')).toBe(
      `bei uns nur die zuständigen Beschäftigten: ${t.config.organisation.departments.map((d) => `Fachabteilung ${d.name.de}`).join(', ')}. Eine Übermittlung in Drittländer findet nicht statt.`,
    );
    expect(recipients('contact-officer-dpo')).toBe(
      'bei uns nur die zuständigen Beschäftigten: Datenschutzbeauftragte. Eine Übermittlung in Drittländer findet nicht statt.',
    );
    expect(recipients('contact-officer-equal-treatment')).toBe(
      'bei uns nur die zuständigen Beschäftigten: Gleichstellungsbeauftragte. Eine Übermittlung in Drittländer findet nicht statt.',
    );
    expect(recipients('contact-callbacks')).toBe(
      'bei uns nur die zuständigen Beschäftigten: Kundenservice. Eine Übermittlung in Drittländer findet nicht statt.',
    );
    expect(section('contact-callbacks')).toContain('Gelöscht unmittelbar nach dem Rückruf.');
    expect(section('mail-outbox')).toContain(`Gelöscht ${t.config.MAIL_RETENTION_DAYS} Tage nach dem Versand.`);
    expect(section('letters-print-room')).toContain(`Gelöscht ${t.config.LETTER_RETENTION_DAYS} Tage nach dem Druck.`);
  });

  test('the demo data fills every inbox, and loading it again adds nothing', async () => {
    await seedContactDemo(t.ctx);
    const counts = async () => ({
      requests: await db().selectFrom('contact_requests').select(['kind', 'topic']).where('reference', 'like', '%-DEMO%').execute(),
      callbacks: (await db().selectFrom('contact_callbacks').select('id').execute()).length,
    });
    const first = await counts();
    expect(new Set(first.requests.map((r) => r.kind))).toEqual(new Set(['general', 'dpo', 'equal-treatment']));
    expect(
      first.requests.filter((r) => r.kind === 'general').every((r) => t.config.organisation.departments.some((d) => d.id === r.topic)),
    ).toBe(true);
    expect(first.callbacks).toBeGreaterThanOrEqual(4);
    await seedContactDemo(t.ctx);
    const second = await counts();
    expect(second.requests).toHaveLength(first.requests.length);
    expect(second.callbacks).toBe(first.callbacks);
  });
});
