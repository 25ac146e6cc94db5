import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { LettersTables } from '../../src/core/letters/letters.tables.ts';
import type { MailTables } from '../../src/core/mail/mail.tables.ts';
import type { PortalTables } from '../../src/modules/portal/portal.tables.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestCustomer, type TestCustomer } from '../support/customers.ts';
import { type HttpsRecorder, startHttpsRecorder } from '../support/https-recorder.ts';
import { pdfText } from '../support/pdf-text.ts';

let browser: Browser;
let t: BrowserApp;
let sms: HttpsRecorder;
const PASSWORD = 'the meter in the cellar hums softly';
const KEY = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/;
const SHOTS = process.env.PORTAL_SCREENSHOTS;
const db = () => t.database.db.withTables<PortalTables & MailTables & LettersTables>();

beforeAll(async () => {
  sms = await startHttpsRecorder();
  [browser, t] = await Promise.all([
    launchChromium(),
    startBrowserApp({ SMS_PROVIDER_URL: sms.url, SMS_PROVIDER_CA_FILE: sms.caFile, SMS_PROVIDER_TOKEN: 'e2e-token' }),
  ]);
  // The browser acts in real time against the server's clock.
  t.clock.set(new Date());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await sms?.close();
});

async function check(page: Page, name: string, report: Record<string, unknown>): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) report[name] = violations;
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name.replace(/[^\w-]+/g, '_')}.png`, fullPage: true });
}

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id}`);
}

/** Types into the focused field, then Tab to the next: the keyboard only. */
async function typeFields(page: Page, values: string[]): Promise<void> {
  for (const [i, v] of values.entries()) {
    if (v) await page.keyboard.type(v);
    if (i < values.length - 1) await page.keyboard.press('Tab');
  }
}

describe('customer portal in Chromium', () => {
  let customer: TestCustomer;
  let context: BrowserContext;
  let page: Page;
  const report: Record<string, unknown> = {};

  test('[C35] [C36] registration, activation by e-mail from the outbox, sign-in: keyboard only, axe clean, no cookie before sign-in', async () => {
    customer = await createTestCustomer(t.database.db, new Date(), { account: false, seed: 31 });
    // The key goes by e-mail only to the address the billing data holds.
    await db()
      .updateTable('portal_customers')
      .set({ email: `e2e.${customer.customerNumber}@example.org` })
      .where('id', '=', customer.customerId)
      .execute();
    context = await browser.newContext({ acceptDownloads: true, locale: 'de-DE' });
    page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kundenportal' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/anmelden/);
    await check(page, 'sign-in', report);
    await page.getByRole('link', { name: 'Noch kein Zugang? Jetzt registrieren' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.baseUrl}/portal/registrieren`);
    await check(page, 'register', report);

    // A mistake first: the error summary names it, the typed values stay.
    await page.getByLabel('Kundennummer').focus();
    await typeFields(page, [
      customer.customerNumber,
      customer.lastName,
      '1',
      `e2e.${customer.customerNumber}@example.org`,
      PASSWORD,
      PASSWORD,
    ]);
    await page.keyboard.press('Enter');
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('fünfstellige Postleitzahl');
    await check(page, 'register-error', report);
    await page.locator('.error-summary a').first().focus();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('INPUT#f-postcode');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(customer.postcode);
    await page.keyboard.press('Tab'); // e-mail (kept)
    await page.keyboard.press('Tab'); // password (not kept)
    await typeFields(page, [PASSWORD, PASSWORD]);
    await page.keyboard.press('Tab'); // channel: post (pre-selected)
    expect(await focused(page)).toBe('INPUT#f-channel');
    await page.keyboard.press('ArrowDown'); // e-mail
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Vielen Dank für Ihre Registrierung');
    await check(page, 'registered', report);
    expect(await context.cookies()).toEqual([]);

    const mail = await db()
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', `e2e.${customer.customerNumber}@example.org`)
      .executeTakeFirstOrThrow();
    const link = /(http:\/\/\S+\/portal\/aktivieren\?\S+)/.exec(mail.text_body)?.[1] as string;
    expect(mail.text_body).toMatch(KEY);
    await page.goto(link.replace('http://localhost:3000', t.baseUrl));
    await check(page, 'activate', report);
    await page.getByLabel('Passwort Ihrer Registrierung').focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr Zugang ist aktiviert');
    expect(await context.cookies()).toEqual([]);
    await page.getByLabel('E-Mail-Adresse').focus();
    await typeFields(page, [`e2e.${customer.customerNumber}@example.org`, PASSWORD]);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.baseUrl}/portal`);
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([['__Host-portal', true, true, 'Lax']]);
    customer = { ...customer, email: `e2e.${customer.customerNumber}@example.org`, password: PASSWORD };
    await check(page, 'overview', report);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    expect(report).toEqual({});
  }, 120_000);

  test('[C33] every business process works by keyboard: meter reading (with a confirmation), instalment, bank details, move, invoice download', async () => {
    // meter reading: first an implausible value, then confirmed
    await page.goto(`${t.baseUrl}/portal/zaehlerstand`);
    await check(page, 'meter-reading', report);
    await page.locator('#f-meter').focus();
    await page.keyboard.press('Space');
    // the date stays empty (today); the reading's own field
    await page.getByLabel('Zählerstand', { exact: false }).last().focus();
    expect(await focused(page)).toBe('INPUT#f-value');
    await page.keyboard.type('99999999');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.notice--warning');
    await check(page, 'meter-reading-warning', report);
    await page.getByLabel('Der Zählerstand stimmt, ich habe ihn noch einmal geprüft.').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr Zählerstand');

    await page.goto(`${t.baseUrl}/portal/abschlag`);
    await check(page, 'instalment', report);
    await page.locator('#f-contract').focus();
    await page.keyboard.press('Space');
    const contractId = await page.locator('#f-contract').getAttribute('value');
    const { instalment_cents } = await db()
      .selectFrom('portal_contracts')
      .select('instalment_cents')
      .where('id', '=', contractId as string)
      .executeTakeFirstOrThrow();
    await page.getByLabel('Neuer monatlicher Abschlag in Euro').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${Math.round(instalment_cents / 100) + 5},00`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr neuer Abschlag');

    await page.goto(`${t.baseUrl}/portal/bankverbindung`);
    await check(page, 'bank-account', report);
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber').focus();
    await typeFields(page, ['Erika Mustermann', 'DE89 3704 0044 0532 0130 00']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=DE89 •••• •••• 3000');

    await page.goto(`${t.baseUrl}/portal/umzug`);
    await check(page, 'move', report);
    // A native date field is typed segment by segment in the browser's own order; it is set
    // directly here, everything else by keyboard.
    const moveOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Auszugsdatum').fill(moveOn);
    await page.getByLabel('Neue Straße und Hausnummer').focus();
    await typeFields(page, ['Am Neubau 7', '12350', 'Beispieldorf']);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr Umzug zum');

    await page.goto(`${t.baseUrl}/portal/rechnungen`);
    await check(page, 'invoices', report);
    const download = page.waitForEvent('download');
    await page
      .getByRole('link', { name: /Rechnung .* als PDF herunterladen/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect((await pdfText(new Uint8Array(Buffer.concat(chunks))))[0]).toMatch(/Rechnung R\d{4}/);

    const tasks = await db().selectFrom('portal_tasks').select('kind').where('customer_id', '=', customer.customerId).execute();
    expect(tasks.map((x) => x.kind).sort()).toEqual(['bank-mandate', 'instalment', 'meter-reading', 'move']);
    expect(report).toEqual({});
  }, 120_000);

  test('[C62] [C33] free SMS with its live counter, the account (e-mail, password, second factor) and the log', async () => {
    await page.goto(`${t.baseUrl}/portal/sms`);
    await check(page, 'sms', report);
    await page.getByLabel('Rufnummer des Empfängers').focus();
    await typeFields(page, ['0171 2345678', 'Hallo Welt 😀']);
    // An emoji takes two units and switches the message to 70 per part; the counter says so in numbers.
    await expect(page.locator('#sms-counter').innerText()).resolves.toBe('13 Zeichen · 1 SMS-Teil(e)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=ist verschickt');
    await sms.waitFor(1);
    expect(JSON.parse(sms.received[0]?.body ?? '')).toEqual({ to: '+491712345678', text: 'Hallo Welt 😀' });

    await page.goto(`${t.baseUrl}/portal/konto`);
    await check(page, 'account', report);
    await page.getByLabel('Neue E-Mail-Adresse').focus();
    await typeFields(page, [`neu.${customer.customerNumber}@example.org`, PASSWORD]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Bestätigungslink');
    const mail = await db()
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', `neu.${customer.customerNumber}@example.org`)
      .executeTakeFirstOrThrow();
    const link = /(http:\/\/\S+email-bestaetigen\?\S+)/.exec(mail.text_body)?.[1];
    expect(link).toBeDefined();
    await page.goto(link!.replace('http://localhost:3000', t.baseUrl));
    await check(page, 'confirm-email', report);
    await page.getByRole('button', { name: 'Bestätigen' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihre E-Mail-Adresse ist geändert');
    customer = { ...customer, email: `neu.${customer.customerNumber}@example.org` };

    await page.goto(`${t.baseUrl}/portal/konto`);
    await page.getByLabel('Bisheriges Passwort').focus();
    const fresh = 'a second sentence for the portal';
    await typeFields(page, [PASSWORD, fresh, fresh]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr Passwort ist geändert');
    customer = { ...customer, password: fresh };

    await page.goto(`${t.baseUrl}/portal/konto/zwei-faktor`);
    await check(page, 'two-factor', report);
    const secret = (await page.locator('code.secret').innerText()).replace(/\s+/g, '');
    t.clock.set(new Date());
    await page.getByLabel('Code aus der App').focus();
    await page.keyboard.type(currentTotp(secret, t.clock.now()));
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihre Wiederherstellungscodes');
    await check(page, 'recovery-codes', report);

    await page.goto(`${t.baseUrl}/portal/protokoll`);
    await check(page, 'log', report);
    for (const entry of [
      'Anmeldung',
      'Zählerstand gemeldet',
      'Abschlagsänderung beantragt',
      'Neue Bankverbindung mitgeteilt',
      'Umzug gemeldet',
      'Rechnung heruntergeladen',
      'SMS versendet',
      'E-Mail-Adresse geändert',
      'Passwort geändert',
      'Zweiter Faktor eingeschaltet',
    ]) {
      await expect(page.locator('main').innerText()).resolves.toContain(entry);
    }
    expect(report).toEqual({});
  }, 120_000);

  test('every portal page passes axe, in German and English, and a contract page shows the chart with its table', async () => {
    const contract = await db()
      .selectFrom('portal_contracts')
      .select('id')
      .where('customer_id', '=', customer.customerId)
      .executeTakeFirstOrThrow();
    const pages = t.app.routeTable
      .filter((r) => r.method === 'GET' && (r.url.startsWith('/portal') || r.url.startsWith('/en/portal')) && !r.url.includes(':'))
      .map((r) => r.url)
      .filter((u) => !u.includes('zwei-faktor') && !u.includes('two-factor'));
    pages.push(`/portal/vertraege/${contract.id}`, `/en/portal/contracts/${contract.id}`);
    const failed: string[] = [];
    for (const path of pages) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      if (
        (res?.status() ?? 0) >= 400 &&
        !path.includes('passwort-neu') &&
        !path.includes('new-password') &&
        !path.includes('bestaetigen') &&
        !path.includes('confirm-email')
      )
        failed.push(`${path} → ${res?.status()}`);
      await check(page, `page${path}`, report);
    }
    expect(failed).toEqual([]);
    await page.goto(`${t.baseUrl}/portal/vertraege/${contract.id}`);
    await page.locator('details.table-alternative summary').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('details.table-alternative table').first().isVisible()).resolves.toBe(true);
    await check(page, 'contract-table-open', report);
    expect(report).toEqual({});
  }, 180_000);

  test('[C39] deleting the online access by keyboard; afterwards the page names post, phone, e-mail and a visit', async () => {
    await page.goto(`${t.baseUrl}/portal/zugang-loeschen`);
    await check(page, 'delete-access', report);
    await page.getByLabel('Ihr Passwort (zur Bestätigung)').focus();
    await page.keyboard.type(customer.password);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Ihr Online-Zugang ist gelöscht');
    await check(page, 'deleted', report);
    const text = await page.locator('main').innerText();
    for (const way of ['per Post', 'per Telefon', 'per E-Mail', 'persönlich']) expect(text).toContain(way);
    expect(await context.cookies()).toEqual([]);
    expect(report).toEqual({});
    await context.close();
  }, 60_000);

  test("[C36] activation by letter: the key printed in the print room's PDF activates the access", async () => {
    const other = await createTestCustomer(t.database.db, new Date(), { account: false, seed: 32 });
    const p = await browser.newPage();
    await p.goto(`${t.baseUrl}/en/portal/register`);
    await p.getByLabel('Customer number').fill(other.customerNumber);
    await p.getByLabel('Last name').fill(other.lastName);
    await p.getByLabel('Postcode of where you live').fill(other.postcode);
    await p.getByLabel('E-mail address').fill(`letter.${other.customerNumber}@example.org`);
    await p.getByLabel(/^Password/).fill(PASSWORD);
    await p.getByLabel('Repeat the password').fill(PASSWORD);
    await p.getByLabel(/by post to my contract address/).check();
    await p.getByRole('button', { name: 'Register' }).click();
    await p.waitForSelector('text=Thank you for registering');
    const letter = await db()
      .selectFrom('letters')
      .select('pdf')
      .where('kind', '=', 'portal-activation-key')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const key = KEY.exec((await pdfText(letter.pdf))[0] ?? '')?.[1] as string;
    await p.goto(`${t.baseUrl}/en/portal/activate`);
    await p.getByLabel('E-mail address').fill(`letter.${other.customerNumber}@example.org`);
    await p.getByLabel('Activation key').fill(key);
    await p.getByLabel('Password you registered with').fill(PASSWORD);
    await p.getByRole('button', { name: 'Activate' }).click();
    await p.waitForSelector('text=Your access is activated');
    await p.getByLabel('E-mail address').fill(`letter.${other.customerNumber}@example.org`);
    await p.getByLabel(/^Password/).fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${t.baseUrl}/en/portal`);
    await expect(p.locator('h1').innerText()).resolves.toContain('Hello');
    await p.close();
  }, 60_000);
});
