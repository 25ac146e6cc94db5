import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { deliverDueMail } from '../../src/core/mail/index.ts';
import { dispatchCampaigns } from '../../src/modules/newsletter/newsletter.send.ts';
import type { NewsletterTables } from '../../src/modules/newsletter/newsletter.tables.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let smtp: TestSmtpServer;
let t: BrowserApp;
let marketing: TestStaff;
const db = () => t.database.db.withTables<NewsletterTables>();
const violations: Record<string, unknown> = {};

/** The mail's text as sent (quoted-printable undone), its links pointing at the test server. */
function mailText(raw: string, baseUrl: string): string {
  const bytes = Buffer.from(
    raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  );
  return bytes.toString('utf8').replaceAll('http://localhost:3000', baseUrl);
}

async function checkAxe(page: Page, name: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) violations[name] = found;
}

/** Presses Tab until the focused element matches, and fails if it never does. */
async function tabTo(page: Page, test: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, test);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${test}`);
}

/** Presses Enter on a focused submit button and waits for the page the POST answers with. */
async function submit(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp({ SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '1000' })]);
  t.clock.set(new Date());
  marketing = await createTestStaff(t.database.db, ['marketing'], new Date());
  await db()
    .insertInto('newsletter_topics')
    .values({ id: 'energie', name_de: 'Energie sparen', name_en: 'Saving energy', created_at: new Date() })
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.stop();
});

describe('the newsletter in Chromium, keyboard only', () => {
  test('[C51] [C53] [C55] subscribe, confirm, a campaign from the back office, open and click, unsubscribe with one click; every page passes axe', async () => {
    const page = await browser.newPage();

    // Subscribe: the address and a topic, nothing else.
    await page.goto(`${t.baseUrl}/newsletter`);
    await checkAxe(page, 'subscribe');
    await tabTo(page, '#f-email');
    await page.keyboard.type('erika@example.org');
    await tabTo(page, '#f-topics');
    await page.keyboard.press('Space');
    await tabTo(page, 'form.form button[type=submit]');
    await submit(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Bitte bestätigen Sie Ihre Anmeldung');
    await checkAxe(page, 'check mailbox');

    // Confirm from the mail.
    await deliverDueMail(t.ctx);
    const [confirmation] = await smtp.waitForMessages(1);
    const confirmUrl = /(http:\/\/127\.0\.0\.1:\d+\/newsletter\/bestaetigen\/\S+)/.exec(
      mailText(confirmation?.raw ?? '', t.baseUrl),
    )?.[1] as string;
    await page.goto(confirmUrl);
    await checkAxe(page, 'confirm');
    await tabTo(page, 'main form button[type=submit]');
    await submit(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Vielen Dank, Sie sind angemeldet');
    expect(await db().selectFrom('newsletter_subscribers').select(['status', 'topics']).executeTakeFirstOrThrow()).toEqual({
      status: 'active',
      topics: ['energie'],
    });

    // Marketing writes and sends a campaign.
    await page.goto(`${t.baseUrl}/staff/anmelden`);
    await tabTo(page, '#f-email');
    await page.keyboard.type(marketing.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(marketing.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/anmelden\/code/);
    t.clock.set(new Date(Date.now() + 31_000));
    await tabTo(page, '#f-code');
    await page.keyboard.type(currentTotp(marketing.totpSecret, t.clock.now()));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.baseUrl}/staff`);
    await page.goto(`${t.baseUrl}/staff/newsletter/aussendungen/neu`);
    await checkAxe(page, 'new campaign');
    await tabTo(page, '#f-subject');
    await page.keyboard.type('Energie sparen im Winter');
    await tabTo(page, '#f-markdown');
    await page.keyboard.type('## Tipps\n\nUnsere [Energieberatung](https://www.example.org/beratung) hilft.');
    await tabTo(page, 'form.form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/newsletter\/aussendungen\/[0-9a-f-]{36}$/);
    await checkAxe(page, 'campaign');
    await tabTo(page, 'form[action$="/jetzt"] button');
    await submit(page);
    expect((await dispatchCampaigns(t.ctx)).sent).toBe(1);
    await page.reload();
    await expect(page.locator('#progress').locator('..').textContent()).resolves.toContain('1 von 1 versendet');

    // The subscriber opens the mail (its images load) and follows the link by keyboard.
    const [, issue] = await smtp.waitForMessages(2);
    expect(issue?.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const text = mailText(issue?.raw ?? '', t.baseUrl);
    const html = text.slice(text.indexOf('<!doctype html>'), text.indexOf('</html>') + 7);
    const reader = await browser.newPage();
    // The mail shown as a web mail program shows it: on a page of its own origin (the test server's here).
    await reader.goto(`${t.baseUrl}/newsletter`);
    const pixel = reader.waitForResponse((r) => r.url().includes('/newsletter/o/'));
    await reader.setContent(html, { waitUntil: 'load' });
    expect((await pixel).status()).toBe(200);
    await tabTo(reader, 'a[href*="/newsletter/c/"]');
    // The redirect leads off the site (which this machine cannot reach): its answer is what counts.
    const [click] = await Promise.all([reader.waitForResponse((r) => r.url().includes('/newsletter/c/')), reader.keyboard.press('Enter')]);
    expect(click.status()).toBe(302);
    expect(click.headers().location).toBe('https://www.example.org/beratung');
    const counts = await db().selectFrom('newsletter_counts').select(['link', 'count']).orderBy('link').execute();
    expect(counts).toEqual([
      { link: -1, count: 1 },
      { link: 0, count: 1 },
    ]);
    await page.reload();
    await checkAxe(page, 'campaign report');

    // One click on the visible unsubscribe link, one button.
    await reader.goto(`${t.baseUrl}/newsletter`);
    await reader.setContent(html.replace(/<img[^>]*>/, ''), { waitUntil: 'load' });
    await tabTo(reader, 'a[href*="/newsletter/abmelden/"]');
    await Promise.all([reader.waitForURL(/\/newsletter\/abmelden\//), reader.keyboard.press('Enter')]);
    await checkAxe(reader, 'unsubscribe');
    await tabTo(reader, 'main form button[type=submit]');
    await submit(reader);
    await expect(reader.locator('h1').textContent()).resolves.toBe('Sie sind abgemeldet');
    await checkAxe(reader, 'unsubscribed');
    expect(await db().selectFrom('newsletter_subscribers').select('id').execute()).toEqual([]);

    expect(violations).toEqual({});
    await reader.close();
    await page.close();
  }, 180_000);
});
