import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { MailTables } from '../../src/core/mail/index.ts';
import type { SponsoringTables } from '../../src/modules/sponsoring/sponsoring.tables.ts';
import { axeViolations, type BrowserApp, cookieFreeContext, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let board: TestStaff;
const DAY = 86_400_000;
let start: number;
const db = () => t.database.db.withTables<SponsoringTables & MailTables>();
const report: Record<string, unknown> = {};

async function axe(page: Page, name: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) report[name] = found;
}

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp({ UPLOAD_STORE: 'database' })]);
  // Real time: the browser keeps the staff cookie by the server's dates. A cycle around today.
  start = Date.now();
  t.clock.set(new Date(start));
  const at = (d: number) => new Date(start + d * DAY);
  await db()
    .insertInto('sponsoring_cycles')
    .values({
      id: 'e2e',
      application_from: at(-0.5),
      review_from: at(1),
      voting_from: at(2),
      result_from: at(3),
      sponsoring_from: at(4),
      completed_at: at(30),
      budget_cents: 1_000_000,
      closed_at: null,
      created_at: at(0),
    })
    .execute();
  board = await createTestStaff(t.database.db, ['advisory-board'], new Date(start));
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${t.baseUrl}/staff/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(board.email);
  await page.getByLabel('Passwort').fill(board.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff\/anmelden\/code/);
  t.clock.advance(31_000);
  await page.getByLabel('Code').fill(currentTotp(board.totpSecret, t.clock.now()));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${t.baseUrl}/staff`);
}

/** Presses Tab until the element with this id has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function apply(page: Page, title: string, email: string): Promise<void> {
  await page.goto(`${t.baseUrl}/buergerprojekte/bewerbung`);
  await page.locator('#f-title').fill(title);
  await page.locator('#f-description').fill('Ein Projekt für alle in Musterstadt, das ohne Förderung nicht zustande kommt.');
  await page.locator('#f-budget').fill('2.000');
  await page.locator('#f-sponsorName').fill(`Verein für ${title}`);
  await page.locator('#f-sponsorStreet').fill('Vereinsweg 1');
  await page.locator('#f-sponsorPostcode').fill('12345');
  await page.locator('#f-sponsorCity').fill('Musterstadt');
  await page.locator('#f-contactName').fill('Paula Projekt');
  await page.locator('#f-contactEmail').fill(email);
  await page.locator('#f-contactPhone').fill('0123 456789');
  await page.locator('#f-terms').check();
  await page.getByRole('button', { name: 'Bewerbung absenden' }).click();
  await page.waitForSelector('text=Danke für Ihre Bewerbung');
}

async function confirmationLink(email: string): Promise<string> {
  const mail = await db()
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('recipient', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const path = /http:\/\/localhost:3000(\S+)/.exec(mail.text_body)?.[1];
  if (!path) throw new Error('no link');
  return `${t.baseUrl}${path}`;
}

describe('a whole cycle of the sponsoring vote in Chromium', () => {
  test('[C40] [C41] [C42] [C45] [C46] [C50] apply, review, vote with and without JavaScript by keyboard, the result; axe clean', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    // application phase
    await page.goto(`${t.baseUrl}/buergerprojekte`);
    await axe(page, 'overview (application)');
    await page.goto(`${t.baseUrl}/buergerprojekte/bewerbung`);
    await axe(page, 'application form');
    await page.getByRole('button', { name: 'Bewerbung absenden' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName)).toBeDefined();
    await axe(page, 'application form (errors)');
    await apply(page, 'Bänke für den Stadtpark', 'parkbank@example.org');
    await axe(page, 'application sent');
    await apply(page, 'Theater-AG der Realschule', 'theater@example.org');
    await page.goto(`${t.baseUrl}/buergerprojekte/teilnahmebedingungen/projekte`);
    await axe(page, 'terms');

    // review phase: the board admits both
    t.clock.set(new Date(start + 1 * DAY + 60_000));
    await signIn(page);
    await page.goto(`${t.baseUrl}/staff/sponsoring/bewerbungen`);
    await axe(page, 'staff list');
    for (const title of ['Bänke für den Stadtpark', 'Theater-AG der Realschule']) {
      await page.goto(`${t.baseUrl}/staff/sponsoring/bewerbungen`);
      await page.getByRole('link', { name: title }).click();
      await axe(page, `staff detail ${title}`);
      for (const box of await page.locator('input[name=criteria]').all()) await box.check();
      await page.getByRole('radio', { name: 'Zulassen' }).check();
      await page.getByRole('button', { name: 'Entscheidung speichern' }).click();
      await page.waitForSelector('text=Entschieden: zugelassen');
    }

    // voting, without JavaScript and cookies, by keyboard only
    t.clock.set(new Date(start + 2 * DAY + 60_000));
    const { context: plain, cookies } = await cookieFreeContext(browser, t.baseUrl);
    const noJs = await plain.newPage();
    noJs.setDefaultTimeout(10_000);
    await noJs.goto(`${t.baseUrl}/buergerprojekte/abstimmung/anmelden`);
    await tabTo(noJs, '#f-email');
    await noJs.keyboard.type('ohne.js@example.org');
    await noJs.keyboard.press('Tab');
    await noJs.keyboard.press('Space');
    await tabTo(noJs, '#f-firstName');
    await noJs.keyboard.type('Karl');
    await noJs.keyboard.press('Tab');
    await noJs.keyboard.type('Keyboard');
    await noJs.keyboard.press('Enter');
    await noJs.waitForSelector('text=Bitte bestätigen Sie Ihre Anmeldung');
    await noJs.goto(await confirmationLink('ohne.js@example.org'));
    await tabTo(noJs, 'button[type=submit]');
    await noJs.keyboard.press('Enter');
    // The cookie-free context fetches on the page's behalf and follows the redirect itself.
    await noJs.waitForSelector('h1:text("Ihr Stimmzettel")');
    await tabTo(noJs, '#f-p1');
    await noJs.keyboard.press('Control+A');
    await noJs.keyboard.type('3');
    await noJs.keyboard.press('Tab');
    await noJs.keyboard.press('Control+A');
    await noJs.keyboard.type('2');
    await noJs.keyboard.press('Enter');
    await noJs.waitForSelector('text=Ihre Stimmen sind gespeichert.');
    expect(await noJs.locator('#votes-left').innerText()).toBe('Noch 0 von 5 Stimmen frei.');
    await noJs.getByRole('button', { name: 'Stimmzettel abschließen' }).focus();
    await noJs.keyboard.press('Enter');
    await noJs.waitForSelector('text=Ihr Stimmzettel ist abgeschlossen');
    expect(cookies).toEqual([]);
    await plain.close();

    // with JavaScript: the live region follows the typing
    const js = await browser.newPage();
    js.setDefaultTimeout(10_000);
    await js.goto(`${t.baseUrl}/buergerprojekte/abstimmung/anmelden`);
    await axe(js, 'register');
    await js.locator('#f-email').fill('mit.js@example.org');
    await js.getByRole('radio', { name: 'Herr' }).check();
    await js.locator('#f-firstName').fill('Jana');
    await js.locator('#f-lastName').fill('Skript');
    await js.keyboard.press('Enter');
    await js.waitForSelector('text=Bitte bestätigen Sie Ihre Anmeldung');
    await js.goto(await confirmationLink('mit.js@example.org'));
    await axe(js, 'confirm');
    await js.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
    await js.waitForURL(/stimmzettel/);
    await axe(js, 'ballot');
    await js.locator('#f-p2').focus();
    await js.keyboard.press('Control+A');
    await js.keyboard.type('4');
    await js.waitForFunction(() => document.getElementById('votes-left')?.textContent === 'Noch 1 von 5 Stimmen frei.');
    await js.keyboard.press('Enter');
    await js.waitForSelector('text=Ihre Stimmen sind gespeichert.');
    await axe(js, 'ballot with JavaScript');
    await js.close();

    // the result
    t.clock.set(new Date(start + 3 * DAY + 60_000));
    await page.goto(`${t.baseUrl}/buergerprojekte/ergebnis`);
    await axe(page, 'result');
    const rows = await page.locator('table.data-table tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/Theater-AG der Realschule\s+6/);
    expect(rows[1]).toMatch(/Bänke für den Stadtpark\s+3/);
    expect(await page.locator('.ballot-list li').count()).toBe(2);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(report).toEqual({});
    await page.close();
  }, 240_000);
});
