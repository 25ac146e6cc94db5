import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { MailTables } from '../../src/core/mail/index.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import type { ContactTables } from '../../src/modules/contact/contact.tables.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let member: TestStaff;
let topic: string;
const pdb = () => t.database.db.withTables<PrivacyTables>();

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
  // Real time: the browser signs in against the server's clock.
  t.clock.set(new Date());
  topic = t.config.organisation.departments[0]?.id as string;
  // Handles the requests, reads the department's contact messages, and is the DPO.
  member = await createTestStaff(t.database.db, ['customer-service', 'dpo', `department:${topic}`], new Date());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Presses Tab until the element with this id has the focus (and fails if it never does). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Presses Tab until the focused element is a button with this text. */
async function tabToButton(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el && (el.tagName === 'BUTTON' || el.tagName === 'A') ? (el.textContent ?? '').trim() : null;
    });
    if (focused === text) return;
  }
  throw new Error(`Tab never reached the button “${text}”`);
}

let signIns = 0;
async function signInByKeyboard(page: Page): Promise<void> {
  // A TOTP code counts once: each sign-in moves the server's clock to a later 30-second step.
  signIns += 1;
  t.clock.set(new Date(Date.now() + 31_000 * (signIns - 1)));
  await page.goto(`${t.baseUrl}/staff/anmelden`);
  await tabTo(page, 'f-email');
  await page.keyboard.type(member.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(member.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff\/anmelden\/code/);
  t.clock.set(new Date(Date.now() + 31_000 * signIns));
  await tabTo(page, 'f-code');
  await page.keyboard.type(currentTotp(member.totpSecret, t.clock.now()));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${t.baseUrl}/staff`);
}

/**
 * Makes a request through the public form with the keyboard only – the right chosen with the
 * arrow keys – and confirms it through the link in the mail. Returns the request's id.
 */
async function requestByKeyboard(page: Page, arrows: number, email: string, message: string): Promise<string> {
  await page.goto(`${t.baseUrl}/datenschutz/anfrage`);
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, 'f-kind');
  await page.keyboard.press('Space');
  for (let i = 0; i < arrows; i++) await page.keyboard.press('ArrowDown');
  await tabTo(page, 'f-name');
  await page.keyboard.type('Erika Mustermann');
  await tabTo(page, 'f-email');
  await page.keyboard.type(email);
  await tabTo(page, 'f-message');
  await page.keyboard.type(message);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihre Anfrage' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  const mail = await t.database.db
    .withTables<MailTables>()
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('recipient', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const link = /http:\/\/localhost:3000(\/datenschutz\/anfrage\/bestaetigen\/\S+)/.exec(mail.text_body)?.[1] as string;
  await page.goto(`${t.baseUrl}${link}`);
  await tabToButton(page, 'Jetzt bestätigen');
  await page.keyboard.press('Enter');
  await page.getByText('ist bestätigt').waitFor();
  const row = await pdb()
    .selectFrom('dsr_requests')
    .select(['id', 'status'])
    .where('email', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('open');
  return row.id;
}

async function contactMessage(email: string, name: string) {
  await t.database.db
    .withTables<ContactTables>()
    .insertInto('contact_requests')
    .values({
      reference: `K-2026-${email.slice(0, 6).toUpperCase()}`,
      kind: 'general',
      topic,
      salutation: 'ms',
      name,
      email,
      phone: null,
      customer_number: null,
      concern: 'Frage zum Tarif',
      locale: 'de',
      created_at: new Date(),
      assigned_to: null,
      handled_at: null,
    })
    .execute();
}

async function searchByKeyboard(page: Page, id: string) {
  await page.goto(`${t.baseUrl}/staff/anfragen/${id}`);
  expect(await axeViolations(page)).toEqual([]);
  await tabToButton(page, 'In allen Modulen suchen');
  await page.keyboard.press('Enter');
  await page.getByText(/Datensätze gefunden/).waitFor();
}

describe('the rights of Art. 16, 18 and 20 GDPR in Chromium, keyboard only', () => {
  test('rectification: requested by the person, corrected by staff', async () => {
    const page = await browser.newPage();
    await contactMessage('berichtigung@example.org', 'Erika Musterman');
    const id = await requestByKeyboard(page, 1, 'berichtigung@example.org', 'Mein Nachname wird mit zwei n geschrieben.');
    expect((await pdb().selectFrom('dsr_requests').select('kind').where('id', '=', id).executeTakeFirstOrThrow()).kind).toBe(
      'rectification',
    );
    await signInByKeyboard(page);
    await searchByKeyboard(page, id);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'f-fix-0-name');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Erika Mustermann');
    await page.keyboard.press('Enter');
    await page.getByText('Berichtigt: Name').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const row = await t.database.db
      .withTables<ContactTables>()
      .selectFrom('contact_requests')
      .select('name')
      .where('email', '=', 'berichtigung@example.org')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Erika Mustermann');
    await page.close();
  }, 120_000);

  test('restriction: requested, set by staff, shown to the DPO and lifted there', async () => {
    const page = await browser.newPage();
    await contactMessage('einschraenkung@example.org', 'Erika Einschränkung');
    const id = await requestByKeyboard(page, 3, 'einschraenkung@example.org', 'Bitte nichts weiter damit tun, bis die Frage geklärt ist.');
    await signInByKeyboard(page);
    await searchByKeyboard(page, id);
    await tabTo(page, 'f-restrictRecords');
    await page.keyboard.press('Space');
    await tabTo(page, 'f-restrictNote');
    await page.keyboard.type('Richtigkeit bestritten');
    await page.keyboard.press('Enter');
    await page.getByText('1 Datensätze eingeschränkt.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${t.baseUrl}/staff/datenschutz/einschraenkungen`);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'f-liftReason-0');
    await page.keyboard.type('Frage geklärt, Person unterrichtet');
    await page.keyboard.press('Enter');
    await page.getByText('Keine Einschränkungen.').waitFor();
    const live = await pdb().selectFrom('restrictions').select('id').where('lifted_at', 'is', null).execute();
    expect(live).toHaveLength(0);
    await page.close();
  }, 120_000);

  test('portability: requested, exported as JSON by staff', async () => {
    const page = await browser.newPage();
    await contactMessage('portabel@example.org', 'Paula Portabel');
    const id = await requestByKeyboard(page, 4, 'portabel@example.org', 'Bitte als Datei.');
    await signInByKeyboard(page);
    await page.goto(`${t.baseUrl}/staff/anfragen/${id}`);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'f-portReason');
    await page.keyboard.type('Antwort an die Person');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const body = JSON.parse(await streamText(await download.createReadStream()));
    expect(body.records.map((r: { data: { name: string } }) => r.data.name)).toEqual(['Paula Portabel']);
    await page.close();
  }, 120_000);

  test('the DPO: record of processing activities and the breach register', async () => {
    const page = await browser.newPage();
    await signInByKeyboard(page);
    await page.goto(`${t.baseUrl}/staff/datenschutz/verzeichnis`);
    expect(await axeViolations(page)).toEqual([]);
    await tabToButton(page, 'Als PDF herunterladen');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pdf.suggestedFilename()).toBe('verarbeitungsverzeichnis.pdf');

    await page.goto(`${t.baseUrl}/staff/datenschutz/vorfaelle`);
    expect(await axeViolations(page)).toEqual([]);
    const today = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
      new Date(),
    );
    // A mistake first: the summary names it, and the typed text stays.
    await tabTo(page, 'f-description');
    await page.keyboard.type('Fehlversand einer Rechnung an eine falsche Adresse.');
    await tabTo(page, 'f-discoveredOn');
    await page.keyboard.type(today);
    await tabTo(page, 'f-discoveredTime');
    await page.keyboard.type('00:00');
    await tabTo(page, 'f-dataCategories');
    await page.keyboard.type('Name, Anschrift, Rechnungsbetrag');
    await tabTo(page, 'f-peopleAffected');
    await page.keyboard.type('eins');
    await tabTo(page, 'f-consequences');
    await page.keyboard.type('Gering.');
    await tabTo(page, 'f-measures');
    await page.keyboard.type('Empfänger um Vernichtung gebeten.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Bitte eine ganze Zahl ab 0 angeben.');
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.getByLabel('Zahl der betroffenen Personen (ungefähr)').inputValue()).resolves.toBe('eins');
    await tabTo(page, 'f-peopleAffected');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/datenschutz\/vorfaelle\/[0-9a-f-]{36}$/);
    await page
      .getByText(/noch \d+ Stunden – bis/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'f-decision');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'f-reason');
    await page.keyboard.type('Ein Empfänger, Vernichtung bestätigt: voraussichtlich kein Risiko.');
    // Enter in the text area is a line break: on to the date field, where Enter sends.
    await tabTo(page, 'f-notifiedOn');
    await page.keyboard.press('Enter');
    await page.getByText(/Keine Meldung \(voraussichtlich kein Risiko\) – Ein Empfänger/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
