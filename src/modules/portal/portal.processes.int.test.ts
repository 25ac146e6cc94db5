import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CustomerAgent, createTestCustomer, formBody, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../../core/mail/index.ts';
import { storeCustomerReading } from './portal.queries.ts';
import type { PortalTables } from './portal.tables.ts';

const decodeEntities = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16))).replace(/&nbsp;/g, '\u00a0');

let t: TestApp;
let c: TestCustomer;
let agent: CustomerAgent;
const db = () => t.database.db.withTables<PortalTables & MailTables>();
const tasksOf = (customerId: string) =>
  db().selectFrom('portal_tasks').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute();
const logOf = async (accountId: string) =>
  (await db().selectFrom('portal_access_log').select('action').where('account_id', '=', accountId).orderBy('id').execute()).map(
    (r) => r.action,
  );

beforeAll(async () => {
  t = await createTestApp();
  c = await createTestCustomer(t.database.db, t.clock.now(), { seed: 21 });
  agent = await signInCustomer(t.app, c);
});
afterAll(() => t?.close());

async function electricityMeter(customerId: string) {
  return db()
    .selectFrom('portal_meters as m')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as k', 'k.id', 'p.contract_id')
    .select(['m.id', 'm.meter_number', 'k.id as contract_id', 'k.contract_number', 'k.instalment_cents', 'k.annual_estimate'])
    .where('k.customer_id', '=', customerId)
    .where('k.commodity', '=', 'electricity')
    .executeTakeFirstOrThrow();
}

describe('the portal (C33)', () => {
  test('[C33] the overview shows contracts, metering points and meters, and consumption per month against the previous year as SVG with a table', async () => {
    const res = await agent.get('/portal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const contracts = await db()
      .selectFrom('portal_contracts')
      .select(['contract_number'])
      .where('customer_id', '=', c.customerId)
      .execute();
    for (const k of contracts) expect(res.body).toContain(k.contract_number);
    const meter = await electricityMeter(c.customerId);
    expect(res.body).toContain(meter.meter_number);
    expect(res.body).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(res.body).toContain('chart__bar chart__bar--alt');
    expect(res.body).toContain('Verbrauch 2026 je Monat im Vergleich zu 2025');
    // the table alternative lists the months with both years
    expect(res.body).toMatch(/<th scope="row">Jan<\/th><td>[\d.]+<\/td><td>[\d.]+<\/td>/);
  });

  test('[C33] a contract page shows readings, instalments, invoices and the consumption of a chosen year', async () => {
    const meter = await electricityMeter(c.customerId);
    const page = await agent.get(`/portal/vertraege/${meter.contract_id}?jahr=2024`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Verbrauch 2024 je Monat im Vergleich zu 2023');
    expect(page.body).toContain('Verbrauch je Jahr');
    expect(page.body).toContain('<h2>Verbrauch</h2>');
    expect(page.body).toContain('Nächste Abschläge');
    expect(page.body).toContain(`R2025${meter.contract_number}`);
    const en = await agent.get(`/en/portal/contracts/${meter.contract_id}`);
    expect(en.body).toContain('Consumption per month in 2026 compared with 2025');
  });

  test('[C33] meter reading: a plausible one is taken, an implausible one needs confirming; each lands as a task', async () => {
    const meter = await electricityMeter(c.customerId);
    const last = await db()
      .selectFrom('portal_meter_readings')
      .select((eb) => eb.fn.max('value').as('v'))
      .where('meter_id', '=', meter.id)
      .executeTakeFirstOrThrow();
    const lastValue = Number(last.v);
    // the clock stands on 2026-06-15; the last reading is of 2026-06-01: two weeks of consumption
    const plausible = Math.round(lastValue + (Number(meter.annual_estimate) / 365) * 14);
    const ok = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: String(plausible) });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/Aktenzeichen P-2026-[0-9A-Z]{8}/);

    const wild = String(Math.round(lastValue + Number(meter.annual_estimate)));
    const warned = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: wild });
    expect(warned.statusCode).toBe(400);
    expect(warned.body).toContain('deutlich höher als erwartet');
    expect(warned.body).toContain('name="confirm"');
    const lower = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: String(lastValue - 100) });
    expect(lower.body).toContain('niedriger als der letzte bekannte');
    const confirmed = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: wild, confirm: 'yes' });
    expect(confirmed.statusCode).toBe(200);

    const bad = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: 'zwölf' });
    expect(bad.statusCode).toBe(400);
    const future = await agent.post('/portal/zaehlerstand', { meter: meter.id, value: String(plausible), readOn: '2026-07-01' });
    expect(future.body).toContain('nicht in der Zukunft');

    const tasks = (await tasksOf(c.customerId)).filter((x) => x.kind === 'meter-reading');
    expect(tasks.map((x) => x.payload)).toEqual([
      expect.objectContaining({ meterNumber: meter.meter_number, value: String(plausible), readOn: '2026-06-15', plausible: true }),
      expect.objectContaining({ value: wild, plausible: false, confirmedDespite: 'too-high' }),
    ]);
    const stored = await db()
      .selectFrom('portal_meter_readings')
      .select(['value', 'source'])
      .where('meter_id', '=', meter.id)
      .where('source', '=', 'customer')
      .execute();
    expect(stored.map((r) => Number(r.value))).toEqual([Number(wild)]);
  });

  test('[C33] a reading confirmed despite the warning waits for customer service: not the last reading, correctable, withdrawable, accepted when the task is done', async () => {
    const other = await createTestCustomer(t.database.db, t.clock.now(), { seed: 22 });
    const me = await signInCustomer(t.app, other);
    const meter = await electricityMeter(other.customerId);
    const lastBefore = await db()
      .selectFrom('portal_meter_readings')
      .select((eb) => eb.fn.max('value').as('v'))
      .where('meter_id', '=', meter.id)
      .executeTakeFirstOrThrow();
    const accepted = Number(lastBefore.v);
    const perDay = Number(meter.annual_estimate) / 365;
    const wild = String(Math.round(accepted + Number(meter.annual_estimate)));
    expect((await me.post('/portal/zaehlerstand', { meter: meter.id, value: wild, confirm: 'yes' })).statusCode).toBe(200);

    // Shown as waiting, and the last reading is still the accepted one.
    const page = await me.get('/portal/zaehlerstand');
    expect(page.body).toContain('prüft der Kundenservice noch');
    const overview = await me.get('/portal');
    expect(overview.body).not.toContain(Number(wild).toLocaleString('de-DE'));

    // A corrected, plausible reading is measured against the accepted one, not the wild one.
    const corrected = String(Math.round(accepted + perDay * 13));
    const fix = await me.post('/portal/zaehlerstand', { meter: meter.id, value: corrected, readOn: '2026-06-14' });
    expect(fix.statusCode).toBe(200);
    const readings = () =>
      db()
        .selectFrom('portal_meter_readings')
        .select(['value', 'awaiting_check'])
        .where('meter_id', '=', meter.id)
        .where('source', '=', 'customer')
        .execute();
    expect((await readings()).map((r) => [Number(r.value), r.awaiting_check])).toEqual([[Number(corrected), false]]);
    // The superseded task went with the wild reading.
    expect((await tasksOf(other.customerId)).map((x) => (x.payload as { value: string }).value)).toEqual([corrected]);

    // Withdrawing: the waiting reading and its task are gone, the log says so.
    expect((await me.post('/portal/zaehlerstand', { meter: meter.id, value: wild, confirm: 'yes' })).statusCode).toBe(200);
    expect((await me.post('/portal/zaehlerstand/zurueckziehen', { meter: meter.id })).statusCode).toBe(303);
    expect((await readings()).map((r) => r.awaiting_check)).toEqual([false]);
    expect(await tasksOf(other.customerId)).toHaveLength(1);
    expect(await logOf(other.accountId as string)).toContain('meter-reading-withdrawn');
    // Another customer's meter cannot be withdrawn.
    expect((await agent.post('/portal/zaehlerstand/zurueckziehen', { meter: meter.id })).statusCode).toBe(404);

    // Customer service marks the task done: the reading is accepted and becomes the last one.
    expect((await me.post('/portal/zaehlerstand', { meter: meter.id, value: wild, confirm: 'yes' })).statusCode).toBe(200);
    const service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    const task = (await tasksOf(other.customerId)).find((x) => (x.payload as { awaitingCheck?: boolean }).awaitingCheck);
    const detail = await service.get(`/staff/portal/aufgaben/${task?.id}`);
    expect(detail.body).toContain('viel höherer Verbrauch als erwartet');
    expect(detail.body).not.toContain('too-high');
    expect((await service.post(`/staff/portal/aufgaben/${task?.id}/erledigt`)).statusCode).toBe(303);
    expect((await readings()).every((r) => !r.awaiting_check)).toBe(true);
    expect((await me.get('/portal/zaehlerstand')).body).not.toContain('prüft der Kundenservice noch');
  });

  test('a reading saved while none awaits the check costs one delete and one insert, no extra delete of a task', async () => {
    // A customer of its own: no reading of an earlier test awaits the check on this meter.
    const fresh = await createTestCustomer(t.database.db, t.clock.now(), { seed: 22, account: false });
    const meter = await electricityMeter(fresh.customerId);
    const statements: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: ({ node }) => {
        statements.push(node.kind);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const before = await db().selectFrom('portal_tasks').select('id').execute();
    await storeCustomerReading(
      t.database.db.withTables<PortalTables>().withPlugin(counting),
      meter.id,
      '2026-06-01',
      '123.0',
      t.clock.now(),
    );
    expect(statements).toEqual(['DeleteQueryNode', 'InsertQueryNode']);
    expect(await db().selectFrom('portal_tasks').select('id').execute()).toEqual(before);
    const stored = await db()
      .selectFrom('portal_meter_readings')
      .select(['value', 'awaiting_check'])
      .where('meter_id', '=', meter.id)
      .where('read_on', '=', '2026-06-01')
      .where('source', '=', 'customer')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: '123.000', awaiting_check: false });
    // One awaiting the check is still replaced by the next reading (the customer corrected it).
    await storeCustomerReading(t.database.db.withTables<PortalTables>(), meter.id, '2026-06-02', '999.0', t.clock.now(), true);
    statements.length = 0;
    await storeCustomerReading(
      t.database.db.withTables<PortalTables>().withPlugin(counting),
      meter.id,
      '2026-06-03',
      '124.0',
      t.clock.now(),
    );
    expect(statements).toEqual(['DeleteQueryNode', 'DeleteQueryNode', 'InsertQueryNode']);
    const left = await db()
      .selectFrom('portal_meter_readings')
      .select('read_on')
      .where('meter_id', '=', meter.id)
      .where('source', '=', 'customer')
      .execute();
    expect(left.map((r) => r.read_on).sort()).toEqual(['2026-06-01', '2026-06-03']);
  });

  test('[C33] each request is confirmed by mail; customer service answers or declines it with a message the customer reads in the portal and by mail', async () => {
    const other = await createTestCustomer(t.database.db, t.clock.now(), { seed: 23 });
    const me = await signInCustomer(t.app, other);
    const meter = await electricityMeter(other.customerId);
    const mails = () =>
      db().selectFrom('mail_outbox').select(['subject', 'text_body']).where('recipient', '=', other.email).orderBy('created_at').execute();
    const reading = String(
      Math.round(
        Number(
          (
            await db()
              .selectFrom('portal_meter_readings')
              .select((eb) => eb.fn.max('value').as('v'))
              .where('meter_id', '=', meter.id)
              .executeTakeFirstOrThrow()
          ).v,
        ) + 5,
      ),
    );
    expect((await me.post('/portal/zaehlerstand', { meter: meter.id, value: reading })).statusCode).toBe(200);
    const [task] = await tasksOf(other.customerId);
    expect((await mails()).map((m) => m.subject)).toEqual([`Ihr Anliegen ${task?.reference} ist eingegangen`]);

    const service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    const url = `/staff/portal/aufgaben/${task?.id}/erledigt`;
    // Declining needs a reason; nothing changes without one.
    const bare = await service.post(url, { outcome: 'declined', message: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Bitte nennen Sie den Grund der Ablehnung.');
    expect((await service.post(url, { outcome: 'maybe' })).statusCode).toBe(400);
    expect((await tasksOf(other.customerId))[0]?.status).toBe('open');

    const reason = 'Der Zähler wurde gestern getauscht; bitte lesen Sie den neuen Zähler ab.';
    expect((await service.post(url, { outcome: 'declined', message: reason })).statusCode).toBe(303);
    const answered = await mails();
    expect(answered.map((m) => m.subject)).toContain(`Antwort auf Ihr Anliegen ${task?.reference}`);
    expect(answered.at(-1)?.text_body).toContain(reason);
    const overview = await me.get('/portal');
    expect(overview.body).toContain('Antworten des Kundenservice');
    expect(overview.body).toContain(`(${task?.reference}) abgelehnt am`);
    expect(overview.body).toContain('Der Zähler wurde gestern getauscht');
    // Answered once: a second answer changes nothing and sends nothing.
    expect((await service.post(url, { outcome: 'done', message: 'doch' })).statusCode).toBe(303);
    expect(await mails()).toHaveLength(answered.length);
  });

  test('[C33] instalment: only within the configured limits', async () => {
    const k = await electricityMeter(c.customerId);
    const min = Math.max(500, Math.ceil((k.instalment_cents * 0.7) / 100) * 100);
    const tooLow = await agent.post('/portal/abschlag', { contract: k.contract_id, amount: String((min - 100) / 100) });
    expect(tooLow.statusCode).toBe(400);
    expect(tooLow.body).toContain('Bitte wählen Sie einen Betrag zwischen');
    const tooHigh = await agent.post('/portal/abschlag', { contract: k.contract_id, amount: String((k.instalment_cents * 3) / 100) });
    expect(tooHigh.statusCode).toBe(400);
    expect((await agent.post('/portal/abschlag', { contract: k.contract_id, amount: '12,345' })).statusCode).toBe(400);
    const ok = await agent.post('/portal/abschlag', { contract: k.contract_id, amount: `${min / 100},00` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('gilt ab 01.07.2026');
    const task = (await tasksOf(c.customerId)).find((x) => x.kind === 'instalment');
    expect(task?.payload).toEqual({
      contractNumber: k.contract_number,
      currentCents: k.instalment_cents,
      newCents: min,
      from: '2026-07-01',
    });
  });

  test('[C33] bank details: the IBAN is checked (ibantools), only SEPA accounts, and the mandate text must be agreed', async () => {
    const badDigits = await agent.post('/portal/bankverbindung', {
      holder: 'Erika Mustermann',
      iban: 'DE89 3704 0044 0532 0130 01',
      consent: 'yes',
    });
    expect(badDigits.statusCode).toBe(400);
    expect(badDigits.body).toContain('Diese IBAN ist nicht gültig');
    const brazil = await agent.post('/portal/bankverbindung', {
      holder: 'Erika Mustermann',
      iban: 'BR1800360305000010009795493C1',
      consent: 'yes',
    });
    expect(brazil.body).toContain('nur von Konten im SEPA-Raum');
    const noConsent = await agent.post('/portal/bankverbindung', { holder: 'Erika Mustermann', iban: 'DE89 3704 0044 0532 0130 00' });
    expect(noConsent.statusCode).toBe(400);
    const ok = await agent.post('/portal/bankverbindung', {
      holder: 'Erika Mustermann',
      iban: 'de89 3704 0044 0532 0130 00',
      consent: 'yes',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('DE89 •••• •••• 3000');
    expect(ok.body).not.toContain('370400440532013000');
    const task = (await tasksOf(c.customerId)).find((x) => x.kind === 'bank-mandate');
    expect(task?.payload).toMatchObject({ accountHolder: 'Erika Mustermann', iban: 'DE89370400440532013000' });
  });

  test('[C33] moving: the new address lands as a task', async () => {
    const ok = await agent.post('/portal/umzug', {
      moveOn: '2026-08-31',
      street: 'Am Neubau 7',
      postcode: '12350',
      city: 'Beispieldorf',
      continueSupply: 'yes',
    });
    expect(ok.statusCode).toBe(200);
    const tooFar = await agent.post('/portal/umzug', {
      moveOn: '2028-01-01',
      street: 'Am Neubau 7',
      postcode: '12350',
      city: 'Beispieldorf',
    });
    expect(tooFar.statusCode).toBe(400);
    const task = (await tasksOf(c.customerId)).find((x) => x.kind === 'move');
    expect(task?.payload).toMatchObject({
      moveOn: '2026-08-31',
      street: 'Am Neubau 7',
      postcode: '12350',
      city: 'Beispieldorf',
      continueSupply: true,
    });
  });

  test('[C33] the invoice list says "Nachzahlung" or "Guthaben" in words, never a negative sum; the SMS counter names no encoding', async () => {
    const [credit, due] = await db()
      .selectFrom('portal_invoices as i')
      .innerJoin('portal_contracts as k', 'k.id', 'i.contract_id')
      .select(['i.id', 'i.gross_cents'])
      .where('k.customer_id', '=', c.customerId)
      .orderBy('i.issued_on', 'desc')
      .limit(2)
      .execute();
    await db()
      .updateTable('portal_invoices')
      .set({ instalments_paid_cents: (credit?.gross_cents ?? 0) + 362 })
      .where('id', '=', credit?.id as string)
      .execute();
    await db()
      .updateTable('portal_invoices')
      .set({ instalments_paid_cents: (due?.gross_cents ?? 0) - 477 })
      .where('id', '=', due?.id as string)
      .execute();
    const page = decodeEntities((await agent.get('/portal/rechnungen')).body);
    expect(page).toContain('Guthaben 3,62\u00a0€');
    expect(page).toContain('Nachzahlung 4,77\u00a0€');
    expect(page).not.toMatch(/-\d+,\d\d\u00a0€/);
    const sms = (await agent.get('/portal/sms')).body;
    expect(sms).not.toContain('GSM-7');
    expect(sms).not.toContain('UCS-2');
  });

  test('[C33] invoices download as PDF, rendered from the stored figures, the same bytes every time', async () => {
    const list = await agent.get('/portal/rechnungen');
    const ids = [...list.body.matchAll(/href="\/portal\/rechnungen\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const invoice = await db()
      .selectFrom('portal_invoices')
      .selectAll()
      .where('id', '=', ids[0] as string)
      .executeTakeFirstOrThrow();
    const first = await agent.get(`/portal/rechnungen/${invoice.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toContain(`${invoice.invoice_number}.pdf`);
    const second = await agent.get(`/portal/rechnungen/${invoice.id}`);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const [text] = await pdfText(new Uint8Array(first.rawPayload));
    expect(text).toContain(`Rechnung ${invoice.invoice_number}`);
    const euro = (cents: number) =>
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\u00a0/g, ' ');
    expect(text).toContain(`Rechnungsbetrag: ${euro(invoice.gross_cents)}`);
    expect(text).toContain(`Geleistete Abschläge: ${euro(invoice.instalments_paid_cents)}`);
    const en = await agent.get(`/en/portal/invoices/${invoice.id}`);
    expect((await pdfText(new Uint8Array(en.rawPayload)))[0]).toContain(`Invoice ${invoice.invoice_number}`);
  });

  test('[C33] changing the e-mail address: password first, then the new address confirms itself; the old one is told', async () => {
    const other = await createTestCustomer(t.database.db, t.clock.now(), { seed: 22 });
    const me = await signInCustomer(t.app, other);
    expect((await me.post('/portal/konto/email', { email: 'new.home@example.org', password: 'wrong wrong wrong' })).statusCode).toBe(400);
    const asked = await me.post('/portal/konto/email', { email: 'new.home@example.org', password: other.password });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Bestätigungslink an new.home@example.org');
    const notice = await db().selectFrom('mail_outbox').select('subject').where('recipient', '=', other.email).execute();
    expect(notice.map((n) => n.subject)).toContain('Ihre E-Mail-Adresse im Kundenportal soll geändert werden');
    const mail = await db()
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', 'new.home@example.org')
      .executeTakeFirstOrThrow();
    const key = /email-bestaetigen\?key=([\w-]+)/.exec(mail.text_body)?.[1] as string;
    // Still the old address until confirmed.
    expect(
      (
        await db()
          .selectFrom('portal_accounts')
          .select('email')
          .where('id', '=', other.accountId as string)
          .executeTakeFirstOrThrow()
      ).email,
    ).toBe(other.email);
    expect((await t.app.inject({ method: 'GET', url: `/portal/email-bestaetigen?key=${key}` })).body).toContain('new.home@example.org');
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/portal/email-bestaetigen',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ key }),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Sie melden sich ab jetzt mit new.home@example.org an');
    await signInCustomer(t.app, { email: 'new.home@example.org', password: other.password });
    expect((await tasksOf(other.customerId)).map((x) => x.kind)).toContain('email-change');
    // An address another access holds cannot be confirmed.
    await me.post('/portal/konto/email', { email: c.email, password: other.password });
    expect(
      await db()
        .selectFrom('mail_outbox')
        .select('id')
        .where('recipient', '=', c.email)
        .where('subject', '=', 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse')
        .execute(),
    ).toEqual([]);
  });

  test('[C33] changing the password ends the other sessions', async () => {
    const other = await createTestCustomer(t.database.db, t.clock.now(), { seed: 23 });
    const here = await signInCustomer(t.app, other);
    const there = await signInCustomer(t.app, other);
    expect((await here.post('/portal/konto/passwort', { current: 'not it at all', password: 'x'.repeat(5), repeat: 'x' })).statusCode).toBe(
      400,
    );
    const fresh = 'another fairly long sentence to remember';
    expect((await here.post('/portal/konto/passwort', { current: other.password, password: fresh, repeat: fresh })).statusCode).toBe(200);
    expect((await here.get('/portal')).statusCode).toBe(200);
    expect((await there.get('/portal')).statusCode).toBe(303);
  });

  test("[C33] [C38] every process lands as a task in customer service's inbox and in the customer's log", async () => {
    const staff = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    const inbox = await staff.get('/staff/portal/aufgaben');
    expect(inbox.statusCode).toBe(200);
    const tasks = await tasksOf(c.customerId);
    expect(new Set(tasks.map((x) => x.kind))).toEqual(new Set(['meter-reading', 'instalment', 'bank-mandate', 'move']));
    for (const task of tasks) expect(inbox.body).toContain(task.reference);
    const mandate = tasks.find((x) => x.kind === 'bank-mandate') as (typeof tasks)[number];
    const detail = await staff.get(`/staff/portal/aufgaben/${mandate.id}`);
    expect(detail.body).toContain('DE89370400440532013000');
    expect((await staff.post(`/staff/portal/aufgaben/${mandate.id}/erledigt`)).statusCode).toBe(303);
    expect((await db().selectFrom('portal_tasks').select('status').where('id', '=', mandate.id).executeTakeFirstOrThrow()).status).toBe(
      'done',
    );
    const log = await logOf(c.accountId as string);
    expect(log).toEqual(expect.arrayContaining(['signed-in', 'meter-reading', 'instalment', 'bank-mandate', 'move', 'invoice-downloaded']));
    const page = await agent.get('/portal/protokoll');
    expect(page.body).toContain('Zählerstand gemeldet');
    expect(page.body).toContain(tasks[0]?.reference as string);
    // The customer sees their requests being handled on the overview; a done one moves to the answers.
    const overview = await agent.get('/portal');
    const inHand = /<section aria-labelledby="tasks">[\s\S]*?<\/section>/.exec(overview.body)?.[0] ?? '';
    expect(inHand).toContain((tasks.find((x) => x.kind === 'move') as (typeof tasks)[number]).reference);
    expect(inHand).not.toContain(mandate.reference);
    expect(overview.body).toContain(`(${mandate.reference}) erledigt am`);
  });
  test('[C33] the answer is previewed as the exact mail, "Ändern" keeps the text, "Senden" sends that mail and confirms it once', async () => {
    const other = await createTestCustomer(t.database.db, t.clock.now(), { seed: 25 });
    const me = await signInCustomer(t.app, other);
    const moved = await me.post('/portal/umzug', { moveOn: '2026-07-31', street: 'Vorschauweg 2', postcode: '12345', city: 'Musterstadt' });
    expect(moved.statusCode).toBe(200);
    const [task] = await tasksOf(other.customerId);
    const base = `/staff/portal/aufgaben/${task?.id}`;
    const staffRow = await createTestStaff(t.database.db, ['customer-service'], t.clock.now());
    const service = await signIn(t.app, staffRow, t.clock);
    const mails = () =>
      db().selectFrom('mail_outbox').select(['subject', 'text_body']).where('recipient', '=', other.email).orderBy('created_at').execute();
    const before = await mails();
    expect((await service.get(base)).body).toContain(`action="${base}/pruefen#answer-title"`);

    const typed = { outcome: 'declined', message: 'Für diese Anschrift können wir Sie nicht beliefern.\nBitte rufen Sie uns an.' };
    // mistakes: the task page with the message, nothing previewed
    const bare = await service.post(`${base}/pruefen`, { outcome: 'declined', message: ' ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Bitte nennen Sie den Grund der Ablehnung.');

    const preview = await service.post(`${base}/pruefen`, typed);
    expect(preview.statusCode).toBe(200);
    const shown = decodeEntities(preview.body);
    const text = /<p class="typed mail-card__text">([^<]*)<\/p>/.exec(shown)?.[1];
    const subject = /<dt>Betreff<\/dt><dd>([^<]*)<\/dd>/.exec(shown)?.[1];
    expect(text).toContain(typed.message);
    expect(shown).toContain(`<dd>${other.email}</dd>`);
    expect(shown).toContain(`<form method="post" action="${base}/erledigt" class="form">`);
    expect(shown).toContain(`name="_csrf" value="${service.csrf}"`);
    expect(shown).toContain('name="outcome" value="declined"');
    expect(shown).toMatch(new RegExp(`name="step" value="edit" formaction="${base}/pruefen#answer-title">Ändern</button>`));
    expect(await mails()).toEqual(before);
    expect((await tasksOf(other.customerId))[0]?.status).toBe('open');

    // "Ändern": the task page, the form holding what was typed
    const edit = await service.post(`${base}/pruefen`, { ...typed, step: 'edit' });
    expect(edit.statusCode).toBe(200);
    expect(decodeEntities(edit.body)).toContain(`>${typed.message}</textarea>`);

    // without the CSRF token nothing is previewed or sent; a role without the activity is refused
    for (const path of ['pruefen', 'erledigt']) {
      const forged = await t.app.inject({
        method: 'POST',
        url: `${base}/${path}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: service.cookie },
        payload: formBody(typed),
      });
      expect(forged.statusCode, path).toBe(403);
    }
    const legal = await signIn(t.app, await createTestStaff(t.database.db, ['legal'], t.clock.now()), t.clock);
    expect((await legal.post(`${base}/pruefen`, typed)).statusCode).toBe(403);
    expect((await legal.post(`${base}/erledigt`, typed)).statusCode).toBe(403);
    expect(await mails()).toEqual(before);

    // "Senden": the fields the preview carried; the outbox holds exactly the previewed mail
    const sent = await service.post(`${base}/erledigt`, typed);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/staff/portal/aufgaben?gesendet=${task?.id}`);
    expect(await mails()).toEqual([...before, { subject, text_body: text }]);
    const confirmation = decodeEntities((await service.get(sent.headers.location as string)).body);
    expect(confirmation).toContain(
      `<p class="notice sent-notice" role="status">Aufgabe ${task?.reference} abgelehnt, Antwort gesendet.</p>`,
    );
    // once: the plain list has no confirmation
    expect((await service.get('/staff/portal/aufgaben')).body).not.toContain('sent-notice');

    // audited: preview and "Ändern" as reads, the sending as a change
    const audit = await t.database.db
      .withTables<{ audit_log: { staff_id: string; action: string; path: string } }>()
      .selectFrom('audit_log')
      .select(['action', 'path'])
      .where('staff_id', '=', staffRow.id)
      .where('path', 'like', `${base}/%`)
      .execute();
    expect(audit.map((a) => `${a.action} ${a.path}`).sort()).toEqual(
      [`change ${base}/erledigt`, `read ${base}/pruefen`, `read ${base}/pruefen`, `read ${base}/pruefen`].sort(),
    );
  });
});
