import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestStaff, formBody, type StaffAgent, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { LettersTables } from '../../core/letters/index.ts';
import type { MailTables } from '../../core/mail/index.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import type { PortalTables } from '../portal/portal.tables.ts';

/** The contract partner's record as the search lists it: `customer number: name, postcode town` (the page names no table). */
const CONTRACT_PARTNER = /<td>[^<:]+: [^<]+, \d{5} [^<]+<\/td>/;

/**
 * Finding 1 of the security review: a data-subject request releases or erases data only for
 * identifiers that were proven. A customer number someone typed opens nothing by itself.
 */
let t: TestApp;
let dpo: StaffAgent;
let victim: TestCustomer;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const db = () => t.database.db.withTables<PrivacyTables & MailTables & LettersTables & PortalTables>();
const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/;

beforeAll(async () => {
  t = await createTestApp();
  victim = await createTestCustomer(t.database.db, t.clock.now());
  dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'customer-service'], t.clock.now()), t.clock);
});
afterAll(() => t?.close());

/** Files a request on the public form and confirms it through the link in the mail, as anyone can. */
async function fileAndConfirm(fields: Record<string, string>) {
  const sent = await t.app.inject({ method: 'POST', url: '/datenschutz/anfrage', headers: FORM, payload: formBody(fields) });
  expect(sent.statusCode).toBe(200);
  const mail = await db()
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', fields.email as string)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const link = /http:\/\/localhost:3000(\/datenschutz\/anfrage\/bestaetigen\/\S+)/.exec(mail.text_body)?.[1] as string;
  const confirmed = await t.app.inject({ method: 'POST', url: link, headers: FORM, payload: '' });
  expect(confirmed.statusCode).toBe(200);
  const row = await db()
    .selectFrom('dsr_requests')
    .selectAll()
    .where('email', '=', fields.email as string)
    .executeTakeFirstOrThrow();
  return { row, confirmed, mail };
}

const lettersTo = async (reference: string) =>
  db().selectFrom('letters').selectAll().where('kind', '=', 'dsr-verification-code').where('reference', '=', reference).execute();

describe('data-subject requests need proven identifiers (security finding 1)', () => {
  test("an attacker with another customer's number and their own confirmed address gets nothing: no search hit, no export, no erasure", async () => {
    t.clock.advance(60_000);
    const { row, confirmed } = await fileAndConfirm({
      kind: 'erasure',
      name: 'Mallory Angreifer',
      email: 'mallory@example.org',
      customerNumber: victim.customerNumber,
      phone: '0171 2345678',
    });
    expect(confirmed.body).toContain('Code aus dem Brief eingeben');

    // The staff page names each identifier and whether it was proven.
    const page = await dpo.get(`/staff/anfragen/${row.id}`);
    expect(page.body).toContain('Bestätigungslink per E-Mail');
    expect(page.body.match(/nicht geprüft – wird nicht verwendet/g)).toHaveLength(2);

    const found = await dpo.post(`/staff/anfragen/${row.id}/suche`);
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain(victim.lastName);
    expect(found.body).not.toMatch(CONTRACT_PARTNER);
    const json = await dpo.post(`/staff/anfragen/${row.id}/export`, { format: 'json', reason: 'Antwort an die Person' });
    const doc = JSON.parse(json.body) as { records: { record: string }[] };
    expect(doc.records.map((r) => r.record.split('/')[0])).toEqual(['dsr_requests']);
    expect(json.body).not.toContain(victim.lastName);
    expect(json.body).not.toContain(victim.email);

    await dpo.post(`/staff/anfragen/${row.id}/loeschen`, { confirm: 'yes' });
    const account = await db().selectFrom('portal_accounts').select('id').where('customer_id', '=', victim.customerId).execute();
    expect(account).toHaveLength(1);
    await signInCustomer(t.app, victim);

    // The code went by letter to the victim's address; guessing it fails, and five wrong tries void it.
    const [letter] = await lettersTo(row.reference);
    const customer = await db().selectFrom('portal_customers').selectAll().where('id', '=', victim.customerId).executeTakeFirstOrThrow();
    const text = (await pdfText(letter?.pdf as Uint8Array))[0] as string;
    expect(text).toContain(customer.street);
    expect(text).not.toContain('Mallory');
    const code = CODE.exec(text.split(row.reference).join(''))?.[1] as string;
    for (let i = 0; i < 5; i++) {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/datenschutz/anfrage/code',
        headers: FORM,
        payload: formBody({ reference: row.reference, code: `ZZZZ-ZZZ${i}` }),
      });
      expect(wrong.statusCode).toBe(400);
    }
    const late = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage/code',
      headers: FORM,
      payload: formBody({ reference: row.reference, code }),
    });
    expect(late.statusCode).toBe(400);
    expect(await db().selectFrom('dsr_verifications').select('identifier').where('request_id', '=', row.id).execute()).toEqual([
      { identifier: 'email' },
    ]);
  });

  test('the code from the letter proves the customer number: then the search finds the contract data', async () => {
    const owner = await createTestCustomer(t.database.db, t.clock.now());
    t.clock.advance(60_000);
    const { row } = await fileAndConfirm({
      kind: 'access',
      name: 'Inhaberin',
      email: `owner.${owner.customerNumber}@example.net`,
      customerNumber: owner.customerNumber,
    });
    const [letter] = await lettersTo(row.reference);
    const text = (await pdfText(letter?.pdf as Uint8Array))[0] as string;
    const code = CODE.exec(text.split(row.reference).join(''))?.[1] as string;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/datenschutz/anfrage/code',
      headers: FORM,
      payload: formBody({ reference: row.reference, code: code.toLowerCase() }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('der Code ist bestätigt');
    const page = await dpo.get(`/staff/anfragen/${row.id}`);
    expect(page.body).toContain('Code per Brief an die hinterlegte Anschrift');
    const found = await dpo.post(`/staff/anfragen/${row.id}/suche`);
    expect(found.body).toMatch(CONTRACT_PARTNER);
    expect(found.body).toContain(owner.customerNumber);
  });

  test('an unknown customer number gets no letter, and the answer is the same', async () => {
    t.clock.advance(60_000);
    const { row, confirmed } = await fileAndConfirm({
      kind: 'access',
      name: 'Niemand',
      email: 'nobody.dsr@example.org',
      customerNumber: '99999999',
    });
    expect(confirmed.body).toContain('Code aus dem Brief eingeben');
    expect(await lettersTo(row.reference)).toEqual([]);
  });

  test('a staff check, recorded with what was checked and by whom, proves an identifier', async () => {
    t.clock.advance(60_000);
    const { row } = await fileAndConfirm({
      kind: 'access',
      name: 'Am Schalter',
      email: 'counter@example.org',
      customerNumber: victim.customerNumber,
    });
    const empty = await dpo.post(`/staff/anfragen/${row.id}/pruefung`, { identifier: 'customer-number', note: '' });
    expect(empty.statusCode).toBe(400);
    const notNamed = await dpo.post(`/staff/anfragen/${row.id}/pruefung`, {
      identifier: 'phone',
      note: 'Rückruf unter hinterlegter Nummer',
    });
    expect(notNamed.statusCode).toBe(400);
    const checked = await dpo.post(`/staff/anfragen/${row.id}/pruefung`, {
      identifier: 'customer-number',
      note: 'Personalausweis am Schalter vorgelegt',
    });
    expect(checked.statusCode).toBe(303);
    const page = await dpo.get(`/staff/anfragen/${row.id}`);
    expect(page.body).toContain('Prüfung durch Mitarbeitende am');
    expect(page.body).toContain('Personalausweis am Schalter vorgelegt');
    const found = await dpo.post(`/staff/anfragen/${row.id}/suche`);
    expect(found.body).toMatch(CONTRACT_PARTNER);
  });

  test('a signed-in customer starts a request in the portal, already verified by the session', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, c);
    const form = await agent.get('/portal/datenschutz-anfrage');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(c.customerNumber);
    expect((await agent.post('/portal/datenschutz-anfrage', { kind: 'nonsense' })).statusCode).toBe(400);
    const done = await agent.post('/portal/datenschutz-anfrage', { kind: 'access', message: 'Bitte alles' });
    expect(done.statusCode).toBe(200);
    const reference = /(DS-\d{4}-[0-9A-Z]+)/.exec(done.body)?.[1] as string;
    const row = await db().selectFrom('dsr_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'open', customer_number: c.customerNumber, email: c.email });
    const proofs = await db().selectFrom('dsr_verifications').select(['identifier', 'method']).where('request_id', '=', row.id).execute();
    // The account's address is not the one on the contract: only the customer number is proven.
    expect(proofs).toEqual([{ identifier: 'customer-number', method: 'portal-session' }]);
    const found = await dpo.post(`/staff/anfragen/${row.id}/suche`);
    expect(found.body).toMatch(CONTRACT_PARTNER);
    // Without a session the page is not there.
    expect((await t.app.inject({ method: 'GET', url: '/portal/datenschutz-anfrage' })).statusCode).toBe(303);
  });
});
