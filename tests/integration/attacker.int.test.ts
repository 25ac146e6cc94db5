import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LettersTables } from '../../src/core/letters/letters.tables.ts';
import type { MailTables } from '../../src/core/mail/mail.tables.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import type { PortalTables } from '../../src/modules/portal/portal.tables.ts';
import { createTestCustomer, formBody, signInCustomer } from '../support/customers.ts';
import { pdfText } from '../support/pdf-text.ts';
import { createTestStaff, signIn } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/**
 * The review's attack, walked end to end: someone holding another customer's bill (customer
 * number, surname, postcode) tries the portal registration and a data-subject request, and
 * gets nothing of the customer: no key, no access, no data, nothing erased.
 */
let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ATTACKER = 'mallory@attacker.example';
const PASSWORD = 'someone picks a long password too';
const db = () => t.database.db.withTables<PortalTables & MailTables & LettersTables & PrivacyTables>();
let ip = 0;
const post = (url: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form), remoteAddress: `192.0.2.${++ip}` });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('an attacker with another customer’s number', () => {
  test('gets nothing from the registration or a data-subject request', async () => {
    const victim = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const onFile = `victim.${victim.customerNumber}@example.org`;
    await db().updateTable('portal_customers').set({ email: onFile }).where('id', '=', victim.customerId).execute();
    const customer = await db().selectFrom('portal_customers').selectAll().where('id', '=', victim.customerId).executeTakeFirstOrThrow();
    // What the bill does not show: first name, street, the address on file (typed by the attacker on one page only as a guess).
    const secrets = [customer.first_name, customer.street];
    const seen: LightMyRequestResponse[] = [];
    const attacker = async (url: string, form: Record<string, string>) => {
      const res = await post(url, form);
      seen.push(res);
      return res;
    };
    const bill = { customerNumber: victim.customerNumber, name: victim.lastName, postcode: victim.postcode };

    // 1. Registration with the bill's details, the attacker's own address, key by e-mail.
    expect(
      (await attacker('/portal/registrieren', { ...bill, email: ATTACKER, password: PASSWORD, repeat: PASSWORD, channel: 'email' }))
        .statusCode,
    ).toBe(200);
    // …and once more with the address on file, hoping to read it somewhere.
    await attacker('/portal/registrieren', { ...bill, email: onFile, password: PASSWORD, repeat: PASSWORD, channel: 'email' });
    // No key reaches the attacker; guessing, signing in and resetting lead nowhere.
    for (let i = 0; i < 3; i++)
      expect(
        (await attacker('/portal/aktivieren', { email: ATTACKER, key: `ABCD-EFGH-JKMN-PQR${i}`, password: PASSWORD })).statusCode,
      ).toBe(400);
    expect((await attacker('/portal/anmelden', { email: ATTACKER, password: PASSWORD })).headers['set-cookie']).toBeUndefined();
    await attacker('/portal/passwort-vergessen', { email: ATTACKER });
    expect((await attacker('/portal/aktivieren', { email: onFile, key: 'ABCD-EFGH-JKMN-PQRS', password: PASSWORD })).statusCode).toBe(400);

    // 2. Data-subject requests for access and erasure, with the customer number and the attacker's own, confirmed, address.
    for (const kind of ['access', 'erasure']) {
      await attacker('/datenschutz/anfrage', { kind, name: 'Mallory', email: ATTACKER, customerNumber: victim.customerNumber });
      const { reference } = await db()
        .selectFrom('dsr_requests')
        .select('reference')
        .where('email', '=', ATTACKER)
        .where('kind', '=', kind as 'access')
        .executeTakeFirstOrThrow();
      const mail = await db().selectFrom('mail_outbox').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
      const link = /http:\/\/localhost:3000(\/datenschutz\/anfrage\/bestaetigen\/\S+)/.exec(mail.text_body)?.[1] as string;
      seen.push(await t.app.inject({ method: 'POST', url: link, headers: FORM, payload: '' }));
    }
    // Staff handle the requests as the page offers them: search, export, erase.
    const staff = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'customer-service'], t.clock.now()), t.clock);
    const requests = await db().selectFrom('dsr_requests').selectAll().where('email', '=', ATTACKER).execute();
    for (const r of requests) {
      const found = await staff.post(`/staff/anfragen/${r.id}/suche`);
      const exported = await staff.post(`/staff/anfragen/${r.id}/export`, { format: 'json', reason: 'Antwort an die anfragende Person' });
      for (const secret of [...secrets, onFile]) {
        expect(found.body).not.toContain(secret);
        expect(exported.body).not.toContain(secret);
      }
      if (r.kind === 'erasure') await staff.post(`/staff/anfragen/${r.id}/loeschen`, { confirm: 'yes' });
    }

    // The letter codes went to the customer's address; guessing them fails.
    for (const r of requests)
      expect((await attacker('/datenschutz/anfrage/code', { reference: r.reference, code: 'ABCD-EFGH' })).statusCode).toBe(400);

    // Nothing the attacker saw or was sent names the customer.
    const toAttacker = await db().selectFrom('mail_outbox').select(['subject', 'text_body']).where('recipient', '=', ATTACKER).execute();
    for (const secret of secrets) for (const res of seen) expect(res.body).not.toContain(secret);
    for (const secret of [...secrets, onFile]) expect(JSON.stringify(toAttacker)).not.toContain(secret);
    expect(JSON.stringify(toAttacker)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(
      await db()
        .selectFrom('portal_accounts')
        .select('id')
        .where('status', '=', 'active')
        .where('customer_id', '=', victim.customerId)
        .execute(),
    ).toEqual([]);
    expect(await db().selectFrom('portal_contracts').select('id').where('customer_id', '=', victim.customerId).execute()).not.toEqual([]);

    // The customer is not blocked: with the key from the letter and a password of their own, they get in.
    const own = 'the customer chose this sentence';
    await post('/portal/registrieren', {
      ...bill,
      email: `own.${victim.customerNumber}@example.org`,
      password: own,
      repeat: own,
      channel: 'post',
    });
    const letters = await db()
      .selectFrom('letters')
      .select('pdf')
      .where('kind', '=', 'portal-activation-key')
      .orderBy('created_at', 'desc')
      .execute();
    const texts = await Promise.all(letters.map(async (l) => (await pdfText(l.pdf))[0] ?? ''));
    const keys = texts.map((x) => /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(x)?.[1]).filter(Boolean) as string[];
    let activated = 0;
    for (const key of keys)
      if ((await post('/portal/aktivieren', { email: `own.${victim.customerNumber}@example.org`, key, password: own })).statusCode === 303)
        activated++;
    expect(activated).toBe(1);
    await signInCustomer(t.app, { email: `own.${victim.customerNumber}@example.org`, password: own });
  });
});
