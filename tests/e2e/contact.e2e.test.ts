import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { allRoles } from '../../src/core/roles.ts';
import type { ContactDb } from '../../src/modules/contact/contact.queries.ts';
import { seedContactDemo } from '../../src/modules/contact/contact.seed.ts';
import { axeViolations, type BrowserApp, cookieFreeContext, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let everyone: TestStaff;
const db = () => t.database.db.withTables<ContactDb>();

const FORMS = [
  '/kontakt',
  '/kontakt/rueckruf',
  '/kontakt/datenschutz',
  '/kontakt/gleichstellung',
  '/en/contact',
  '/en/contact/callback',
  '/en/contact/data-protection',
  '/en/contact/equal-treatment',
];

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
  // Real time: the browser signs in against the server's clock, and the callback days follow it.
  t.clock.set(new Date());
  everyone = await createTestStaff(t.database.db, allRoles(t.config.organisation), new Date());
  // Something in every inbox, whichever test runs first.
  await seedContactDemo(t.ctx);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page): Promise<void> {
  t.clock.set(new Date());
  await page.goto(`${t.baseUrl}/staff/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(everyone.email);
  await page.getByLabel('Passwort').fill(everyone.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff\/anmelden\/code/);
  t.clock.set(new Date(Date.now() + 31_000));
  await page.getByLabel('Code').fill(currentTotp(everyone.totpSecret, t.clock.now()));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${t.baseUrl}/staff`);
}

/** Presses Tab until the element with this id has the focus (and fails if it never does). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

describe('contact forms in Chromium', () => {
  test('[C13] [C17] [C20] all four forms, in both languages, with mistakes and after sending, pass axe', async () => {
    const page = await browser.newPage();
    const report: Record<string, unknown> = {};
    for (const path of FORMS) {
      await page.goto(`${t.baseUrl}${path}`);
      const empty = await axeViolations(page);
      if (empty.length) report[path] = empty;
      // sent empty: the page with every field's message
      await page.locator('form.form button[type=submit]').click();
      await page.waitForSelector('.error-summary');
      const errors = await axeViolations(page);
      if (errors.length) report[`${path} (errors)`] = errors;
    }
    await page.goto(`${t.baseUrl}/kontakt/datenschutz`);
    await page.getByRole('radio', { name: 'Frau' }).check();
    await page.getByLabel('Vor- und Nachname').fill('Petra Privat');
    await page.getByLabel('E-Mail-Adresse').fill('petra@example.org');
    await page.getByLabel('Ihr Anliegen').fill('Welche Daten speichern Sie?');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toMatch(/DSB-\d{4}-[0-9A-Z]{8}/);
    const sent = await axeViolations(page);
    if (sent.length) report.sent = sent;
    expect(report).toEqual({});
    await page.close();
  }, 120_000);

  test('[C13] keyboard only: the general form is filled and sent with Tab, arrow keys, typing and Enter', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/kontakt`);
    await tabTo(page, 'f-topic');
    // a closed select takes the arrow keys: the first department after "Bitte wählen"
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'f-salutation');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Erika Mustermann');
    await page.keyboard.press('Tab');
    await page.keyboard.type('erika@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wann wird mein Zähler getauscht?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0211 1234567');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    const reference = /K-\d{4}-[0-9A-Z]{8}/.exec(await page.locator('[role=status]').innerText())?.[0] as string;
    expect(reference).toBeDefined();
    const row = await db().selectFrom('contact_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      topic: t.config.organisation.departments[0]?.id,
      salutation: 'ms',
      name: 'Erika Mustermann',
      phone: '+492111234567',
    });
    await page.close();
  });

  test('[C11] [C17] with JavaScript off and cookies refused, every form is sent and confirmed; nothing leaves the origin', async () => {
    const { context, foreign, cookies: cookieHeaders } = await cookieFreeContext(browser, t.baseUrl);
    const page = await context.newPage();
    const confirmed: string[] = [];
    const person = async () => {
      await page.getByRole('radio', { name: 'Herr' }).check();
      await page.getByLabel('Vor- und Nachname').fill('Max Mustermann');
      await page.getByLabel('E-Mail-Adresse').fill('max@example.org');
      await page.getByLabel('Ihr Anliegen').fill('Eine Frage ohne JavaScript.');
    };
    for (const path of ['/kontakt', '/kontakt/datenschutz', '/kontakt/gleichstellung']) {
      await page.goto(`${t.baseUrl}${path}`);
      if (path === '/kontakt') await page.getByLabel('Thema').selectOption('billing');
      await person();
      await page.getByRole('button', { name: 'Nachricht senden' }).click();
      confirmed.push(await page.locator('[role=status]').innerText());
    }
    await page.goto(`${t.baseUrl}/kontakt/rueckruf`);
    await page.getByLabel('Vor- und Nachname').fill('Lena Weber');
    await page.getByLabel('Telefonnummer').fill('030 123456');
    await page.getByLabel('Gewünschter Tag').selectOption({ index: 1 });
    await page.getByLabel('Gewünschte Uhrzeit').selectOption('09:00');
    await page.getByRole('button', { name: 'Rückruf anfordern' }).click();
    confirmed.push(await page.locator('[role=status]').innerText());
    expect(confirmed.map((c) => /(K|DSB|GB|R)-\d{4}-[0-9A-Z]{8}/.exec(c)?.[1])).toEqual(['K', 'DSB', 'GB', 'R']);
    expect(foreign).toEqual([]);
    expect(cookieHeaders).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 60_000);

  test('[C15] [C16] [C18] [C21] staff of each inbox open, answer and close requests; every inbox page passes axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    const report: Record<string, unknown> = {};
    const check = async (name: string) => {
      const v = await axeViolations(page);
      if (v.length) report[name] = v;
    };
    for (const inbox of [
      '/staff/kontakt/anfragen',
      '/staff/kontakt/datenschutz',
      '/staff/kontakt/gleichstellung',
      '/staff/kontakt/rueckrufe',
    ]) {
      await page.goto(`${t.baseUrl}${inbox}`);
      await check(inbox);
      await page.locator('table.data-table tbody a').first().click();
      await check(`${inbox}/:id`);
      // A request shows one form, the answer by e-mail; the other steps are closed. A closed step
      // opens with the keyboard: its summary takes the focus, Enter opens it.
      const note = page.locator('details#note-action');
      if (inbox !== '/staff/kontakt/rueckrufe') {
        await expect(page.locator('main form:visible').count()).resolves.toBe(1);
        await expect(note.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
        await note.locator('summary').focus();
        await page.keyboard.press('Enter');
        await expect(note.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
      }
      // a form sent with mistakes: its messages pass axe too
      await page.getByRole('button', { name: 'Notiz speichern' }).click();
      await page.waitForSelector('.error-summary');
      await check(`${inbox}/:id (errors)`);
      await page.getByRole('textbox', { name: /^Notiz/ }).fill('Im Browser vermerkt.');
      await page.getByRole('button', { name: 'Notiz speichern' }).click();
      await expect(page.locator('.history').innerText()).resolves.toContain('Im Browser vermerkt.');
    }

    // a general request answered by e-mail and by letter, then closed: it is gone
    await page.goto(`${t.baseUrl}/staff/kontakt/anfragen`);
    const reference = await page.locator('table.data-table tbody a').first().innerText();
    await page.locator('table.data-table tbody a').first().click();
    // the answer by e-mail: preview, change, preview again, send, confirmation
    const answer = 'Wir tauschen Ihren Zähler nächste Woche.\n\nBitte sind Sie zu Hause.';
    await page.locator('#f-mailText').fill(answer);
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await expect(page.locator('.mail-card__text').innerText()).resolves.toContain(answer);
    await check('preview of the answer');
    // the mail as shown fits a phone: long addresses wrap instead of widening the page
    const fits320 = async () => {
      await page.setViewportSize({ width: 320, height: 720 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.setViewportSize({ width: 1280, height: 720 });
      return width;
    };
    await expect(fits320()).resolves.toBeLessThanOrEqual(320);
    await page.getByRole('button', { name: 'Ändern' }).click();
    await expect(page.locator('#f-mailText').inputValue()).resolves.toBe(answer);
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('button', { name: 'Senden' }).click();
    const sent = page.locator('.sent-notice');
    await expect(sent.innerText()).resolves.toContain('Antwort gesendet');
    await expect(sent.locator('.mail-card__text').innerText()).resolves.toContain(answer);
    await check('answer sent');
    await expect(fits320()).resolves.toBeLessThanOrEqual(320);
    await page.locator('#letter-action > summary').click();
    await page.getByLabel('Anschrift (Straße, PLZ und Ort, je eine Zeile)').fill('Energieweg 7\n12345 Musterstadt');
    await page.locator('#f-letterText').fill('Wir tauschen Ihren Zähler nächste Woche.');
    await page.getByRole('button', { name: 'Brief an die Druckerei geben' }).click();
    await expect(page.locator('.history').innerText()).resolves.toContain('An die Druckerei gegeben');
    await page.locator('#handle-action > summary').click();
    await page.getByRole('button', { name: 'Anfrage abschließen' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toBe(`${reference} ist abgeschlossen und gelöscht.`);
    await check('/staff/kontakt/anfragen (closed)');
    expect(await db().selectFrom('contact_requests').select('id').where('reference', '=', reference).execute()).toEqual([]);

    // the callback is done after the call
    await page.goto(`${t.baseUrl}/staff/kontakt/rueckrufe`);
    const callback = await page.locator('table.data-table tbody a').first().innerText();
    await page.locator('table.data-table tbody a').first().click();
    await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toBe(`Der Rückruf ${callback} ist erledigt und gelöscht.`);

    await page.goto(`${t.baseUrl}/staff/druckerei`);
    await check('/staff/druckerei');
    expect(report).toEqual({});
    await context.close();
  }, 120_000);
});
