import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CustomerAgent, createTestCustomer, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { enumValuesInSource, internalCodesIn, visibleText } from '../../../tests/support/internal-codes.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestStaff, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { allRoles, type Role } from '../../core/roles.ts';
import { seedDemo } from '../../core/seed.ts';
import { type ContactDb, insertRequest } from '../contact/contact.queries.ts';
import { addSubscribers } from '../newsletter/newsletter.testing.ts';
import { recordsElsewhere } from './gdpr.letter.testing.ts';
import { fieldsOfActivity } from './gdpr.record-fields.ts';

/**
 * The answer to an access request (Art. 15 GDPR) for a portal customer who also reported a meter
 * reading, sent a free SMS, reads the newsletter and wrote to the utility – and under the same
 * address applied for a job, asked for a picture to be changed, entered a prize draw, objected
 * to the solar map and asked for a report, registered to vote on and applied with a community
 * project, and works for the utility (a staff account): the letter says each field in words in
 * the request's language, and holds every record found, the portal log too.
 */

let t: TestApp;
let person: TestCustomer;
let customer: CustomerAgent;
let staff: StaffAgent;
const requestOf: Record<'de' | 'en', string> = { de: '', en: '' };
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z]*\b/g;
/** Units are written so: kWh is no key. */
const camelCaseIn = (text: string) => (text.match(CAMEL_CASE) ?? []).filter((w) => w !== 'kWh');
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const isEntry = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
/** Every key of a record's data, those of nested entries (a log's lines, a form's answers) too. */
const keysOf = (data: Record<string, unknown>): string[] =>
  Object.entries(data).flatMap(([key, value]) => [
    key,
    ...(isEntry(value) ? keysOf(value) : Array.isArray(value) ? value.filter(isEntry).flatMap(keysOf) : []),
  ]);

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(
    t.ctx,
    t.ctx.modules.filter((m) => m.name !== 'solar' && m.name !== 'portal'),
  );
  person = await createTestCustomer(t.database.db, t.clock.now());
  // The contract holds the address the customer signs in with, so the request proves it too.
  await sql`update portal_customers set email = ${person.email} where id = ${person.customerId}`.execute(t.database.db);
  customer = await signInCustomer(t.app, person);
  const meter = (
    await sql<{ id: string; last: string }>`
      select m.id, max(r.value)::text as last from portal_meters m
        join portal_metering_points p on p.id = m.metering_point_id join portal_contracts c on c.id = p.contract_id
        join portal_meter_readings r on r.meter_id = m.id
      where c.customer_id = ${person.customerId} and c.commodity = 'electricity' group by m.id limit 1`.execute(t.database.db)
  ).rows[0];
  // Below the last reading, confirmed despite the notice: the task holds the notice's code.
  const low = String(Math.max(0, Math.floor(Number(meter?.last) - 10)));
  expect((await customer.post('/portal/zaehlerstand', { meter: meter?.id ?? '', value: low, confirm: 'yes' })).statusCode).toBe(200);
  expect((await customer.post('/portal/sms', { recipient: '0171 1234567', text: 'Bin gleich da' })).statusCode).toBe(200);
  await sql`insert into newsletter_topics (id, name_de, name_en, created_at)
    values ('energiespartipps', 'Energiespartipps', 'Energy-saving tips', now())`.execute(t.database.db);
  await addSubscribers(t.database.db, [person.email], { topics: ['energiespartipps'] });
  await insertRequest(
    t.database.db.withTables<ContactDb>(),
    {
      kind: 'general',
      topic: 'customer-service',
      salutation: 'ms',
      name: 'Erika Richter',
      email: person.email,
      phone: null,
      customerNumber: person.customerNumber,
      concern: 'Wann kommt die Jahresabrechnung?',
      locale: 'de',
    },
    t.clock.now(),
  );
  await recordsElsewhere(t, person.email);
  const colleague = await createTestStaff(t.database.db, [], t.clock.now());
  await sql`update staff_accounts set email = ${person.email} where id = ${colleague.id}`.execute(t.database.db);
  for (const path of ['/portal/datenschutz-anfrage', '/en/portal/privacy-request'])
    expect((await customer.post(path, { kind: 'access' })).statusCode, path).toBe(200);
  const rows = await sql<{ id: string; locale: 'de' | 'en' }>`
    select id, locale from dsr_requests where customer_number = ${person.customerNumber}`.execute(t.database.db);
  for (const r of rows.rows) requestOf[r.locale] = r.id;
  // A member who reads every activity, so the letter shows each module's records in words.
  staff = await signIn(t.app, await createTestStaff(t.database.db, allRoles(t.config.organisation) as Role[], t.clock.now()), t.clock);
}, 300_000);
afterAll(() => t?.close());

const letterOf = async (locale: 'de' | 'en', by = staff) => {
  const res = await by.post(`/staff/anfragen/${requestOf[locale]}/export`, { format: 'pdf', reason: 'Antwort an die Person' });
  expect(res.statusCode).toBe(200);
  return (await pdfText(res.rawPayload)).join('\n');
};
const exportOf = async (locale: 'de' | 'en', by = staff) => {
  const res = await by.post(`/staff/anfragen/${requestOf[locale]}/export`, { format: 'json', reason: 'Antwort an die Person' });
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body) as {
    records: { activity: string; record: string; inWords: string[]; data: Record<string, unknown> }[];
    answeredSeparately: { activity: string }[];
  };
};

describe('the answer to an access request', () => {
  test('[C04] the German letter says every field in words: labels, euros, dates, codes and yes/no', async () => {
    const letter = await letterOf('de');
    expect(camelCaseIn(letter)).toEqual([]);
    expect(letter.match(ISO_DATE) ?? []).toEqual([]);
    const rules = { ids: new Set<string>(), enums: enumValuesInSource(), words: { de: new Set<string>(), en: new Set<string>() } };
    expect(internalCodesIn(`<p>${letter}</p>`, 'de', rules)).toEqual([]);
    for (const words of [
      'Sparte: Strom',
      'Monatlicher Abschlag: 125,00 €',
      'Anliegen: Zählerstand',
      'Trotz Hinweis bestätigt: kleiner als der letzte Zählerstand',
      'Zweiter Faktor eingeschaltet: Nein',
      'Themen: Energiespartipps',
      'Stelle: Ausbildung Elektroniker/in',
      'Stand: Einladung zum Gespräch',
      'Schulabschluss (erreicht oder erwartet): Mittlerer Schulabschluss',
      'Art: Vermerk',
      'Ihr Wunsch: Mich auf dem Bild unkenntlich machen',
      'Ergebnis: Bereiche verpixelt',
      'Fassung der Teilnahmebedingungen: 1',
      'Sie sind: Mieter/in',
      'Verschickt per: Brief',
      'Anrede: Frau',
      'Beantragter Förderbetrag:',
      'Zugang angelegt am:',
    ])
      expect(letter).toContain(words);
  }, 120_000);

  test('[C04] every key of every record found has a label from its module: none reaches the letter as an English fallback', async () => {
    const doc = await exportOf('de');
    const found = new Set(doc.records.map((r) => r.activity.split('.')[0]));
    for (const module of ['careers', 'media', 'contest', 'solar', 'sponsoring', 'auth', 'portal', 'sms', 'newsletter', 'contact'])
      expect(found, module).toContain(module);
    const fieldsOf = fieldsOfActivity(t.ctx);
    const unlabelled = doc.records.flatMap((r) =>
      keysOf(r.data)
        .filter((key) => !fieldsOf(r.activity)[key])
        .map((key) => `${r.activity}: ${key}`),
    );
    expect(unlabelled).toEqual([]);
  }, 120_000);

  test('[C04] the English letter says them in English', async () => {
    const letter = await letterOf('en');
    expect(camelCaseIn(letter)).toEqual([]);
    expect(letter.match(ISO_DATE) ?? []).toEqual([]);
    for (const words of ['Supply: Electricity', 'Monthly instalment: €125.00', 'Second factor turned on: No'])
      expect(letter).toContain(words);
    for (const words of [
      'Status: invited to an interview',
      'School-leaving certificate (achieved or expected): Intermediate school certificate',
    ])
      expect(letter).toContain(words);
    expect(letter).toContain('Position: Apprenticeship as an electronics technician');
    for (const german of ['Strom', 'Zählerstand', 'Abschlag', 'Mittlerer Schulabschluss', 'Ausbildung Elektroniker/in'])
      expect(letter).not.toContain(german);
  }, 120_000);

  test('[C04] the JSON export keeps the keys for machines and says each record in words beside them', async () => {
    const doc = await exportOf('de');
    const contract = doc.records.find((r) => r.data.commodity === 'electricity');
    expect(contract?.data.instalmentCents).toBe(12500);
    expect(contract?.inWords).toContain('Monatlicher Abschlag: 125,00 €');
    const words = doc.records.flatMap((r) => r.inWords).join('\n');
    expect(camelCaseIn(words)).toEqual([]);
    expect(words.match(ISO_DATE) ?? []).toEqual([]);
  }, 120_000);
});

describe('records no staff role reads', () => {
  /** Customer service and the DPO answer the request; the register names no role for the portal log and the online access. */
  let answering: StaffAgent;
  beforeAll(async () => {
    answering = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'customer-service'], t.clock.now()), t.clock);
  });

  test('[C04] are in the export and the letter, complete: the portal log with each entry, the online access', async () => {
    const doc = await exportOf('de', answering);
    const log = doc.records.find((r) => r.activity === 'portal.access-log');
    const entries = (log?.data.entries ?? []) as { action: string }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['signed-in', 'meter-reading', 'sms-sent']));
    expect(doc.records.some((r) => r.activity === 'portal.online-access')).toBe(true);
    expect(doc.answeredSeparately.map((w) => w.activity)).not.toContain('portal.access-log');
    expect(doc.answeredSeparately.map((w) => w.activity)).not.toContain('portal.online-access');
    const letter = await letterOf('de', answering);
    expect(letter).toContain('Vorgang: Anmeldung');
    expect(letter).toContain('Zweiter Faktor eingeschaltet: Nein');
    expect(letter).not.toContain('Zu „Protokoll des Kundenportals“ erhalten Sie eine gesonderte Auskunft');
  }, 120_000);

  test('[C04] the request page names them as part of the answer, without their content and without "handled by: –"', async () => {
    const res = await answering.post(`/staff/anfragen/${requestOf.de}/suche`);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Im Schreiben an die Person enthalten');
    expect(text).toMatch(/1 Datensätze in „Protokoll des Kundenportals“/);
    expect(text).not.toContain('bearbeitet von: –');
    expect(text).not.toContain('127.0.0.1');
  }, 120_000);
});
