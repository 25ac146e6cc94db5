import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { cameraJpeg } from '../../src/modules/media/media.test-support.ts';
import { axeViolations, type BrowserApp, cookieFreeContext, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let editor: TestStaff;
const dir = mkdtempSync(path.join(os.tmpdir(), 'media-e2e-'));

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp({ UPLOAD_DIR: dir })]);
  // The test's clock follows real time: the browser signs in against the server's clock.
  editor = await createTestStaff(t.database.db, ['editor'], new Date());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signInByKeyboard(page: Page, member: TestStaff): Promise<void> {
  t.clock.set(new Date());
  await page.goto(`${t.baseUrl}/staff`);
  await page.focus('#f-email');
  await page.keyboard.type(member.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(member.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff\/anmelden\/code/);
  await page.getByLabel('Code').focus();
  t.clock.set(new Date(Date.now() + 31_000));
  await page.keyboard.type(currentTotp(member.totpSecret, t.clock.now()));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${t.baseUrl}/staff`);
}

/** Focus by keyboard-reachable control, then act with keys only. */
async function typeInto(page: Page, selector: string, text: string) {
  await page.focus(selector);
  await page.keyboard.type(text);
}
async function toggle(page: Page, selector: string) {
  await page.focus(selector);
  await page.keyboard.press('Space');
}

const hashes = async (itemId: string) =>
  (
    await sql<{ name: string; sha256: string }>`select r.name, r.sha256 from file_renditions r join files f on f.id = r.file_id
      where f.owner_table = 'media_items' and f.owner_id = ${itemId} order by r.name`.execute(t.database.db)
  ).rows;

test('[C31][C32] upload with consent → published → takedown by pixelation → every size changed; keyboard only, axe clean', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInByKeyboard(page, editor);

  // Upload: the file is chosen (a file picker is the system's), everything else by keyboard.
  await page.goto(`${t.baseUrl}/staff/medien/neu`);
  expect(await axeViolations(page)).toEqual([]);
  await page.setInputFiles('#f-photo', { name: 'sommerfest.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(1400, 800, 11) });
  await typeInto(page, '#f-title', 'Sommerfest am Stand');
  await typeInto(page, '#f-alt', 'Eine Person am Stand der Stadtwerke');
  await toggle(page, '#f-basis');
  await typeInto(page, '#f-people', '1');
  await toggle(page, '#f-publish');
  await Promise.all([page.waitForURL(/\/staff\/medien\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  const itemId = page.url().split('/').pop() as string;
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.textContent('#main')).toContain('Website: nein');

  // The depicted person's consent, given to the photographer, for the website and the gallery.
  await typeInto(page, '#f-personName', 'Erika Muster');
  await toggle(page, '#f-scopes');
  await toggle(page, '#f-scopes-2');
  const today = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', month: '2-digit', day: '2-digit', year: 'numeric' })
    .format(new Date())
    .replace(/\D/g, '');
  await typeInto(page, '#f-givenOn', today);
  await toggle(page, '#f-method-1');
  await page.focus('form[action$="/einwilligung"] button[type=submit]');
  // The page posts to itself and comes back to the same address: wait for the answer, not the URL.
  const saved = page.waitForResponse((r) => r.url().endsWith('/einwilligung') && r.request().method() === 'POST');
  await page.keyboard.press('Enter');
  expect((await saved).status()).toBe(303);
  await page.waitForURL(`${t.baseUrl}/staff/medien/${itemId}`);
  await page.waitForLoadState('load');
  expect(await page.textContent('#main')).toContain('Website: ja');
  expect(await axeViolations(page)).toEqual([]);

  // Published: a visitor sees it on its page and in the gallery (axe needs JavaScript for itself).
  const anon = await browser.newContext();
  const view = await anon.newPage();
  await view.goto(`${t.baseUrl}/medien/${itemId}`);
  expect(await view.textContent('h1')).toBe('Sommerfest am Stand');
  expect(await view.$eval('main img', (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await axeViolations(view)).toEqual([]);
  await view.goto(`${t.baseUrl}/mediathek`);
  expect(await view.$eval('.media-gallery img', (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await axeViolations(view)).toEqual([]);
  await view.goto(`${t.baseUrl}/mediathek/entfernen?bild=${itemId}`);
  expect(await axeViolations(view)).toEqual([]);

  // The person asks for it to be made unrecognisable, from the picture's own page, by keyboard,
  // without JavaScript and without cookies.
  const visitor = await cookieFreeContext(browser, t.baseUrl);
  const pub = await visitor.context.newPage();
  await pub.goto(`${t.baseUrl}/medien/${itemId}`);
  await pub.focus('main a[href*="entfernen"]');
  await Promise.all([pub.waitForURL(/\/mediathek\/entfernen\?bild=/), pub.keyboard.press('Enter')]);
  await toggle(pub, '#f-wish-1');
  await typeInto(pub, '#f-details', 'oben links');
  await typeInto(pub, '#f-email', 'erika@example.org');
  await Promise.all([pub.waitForLoadState('load'), pub.keyboard.press('Enter')]);
  await expect.poll(() => pub.textContent('h1')).toBe('Ihr Antrag ist eingegangen');
  expect(visitor.cookies).toEqual([]);
  expect(visitor.foreign).toEqual([]);
  // Withheld at once.
  expect((await pub.goto(`${t.baseUrl}/medien/${itemId}`))?.status()).toBe(404);

  // Staff act on the request: pixelate the top left quarter.
  const before = await hashes(itemId);
  expect(before.map((r) => r.name)).toEqual(['original', 'w1280', 'w320', 'w640']);
  await page.goto(`${t.baseUrl}/staff/medien-entfernen`);
  expect(await axeViolations(page)).toEqual([]);
  await page.focus('main table a');
  await Promise.all([page.waitForURL(/\/staff\/medien-entfernen\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  expect(await axeViolations(page)).toEqual([]);
  await page.focus(`a[href^="/staff/medien/${itemId}?antrag="]`);
  await Promise.all([page.waitForURL(/antrag=/), page.keyboard.press('Enter')]);
  for (const [field, value] of [
    ['#f-r1x', '0'],
    ['#f-r1y', '0'],
    ['#f-r1w', '50'],
    ['#f-r1h', '50'],
  ] as const)
    await typeInto(page, field, value);
  await Promise.all([page.waitForURL(`${t.baseUrl}/staff/medien/${itemId}`), page.keyboard.press('Enter')]);
  expect(await page.textContent('#main')).toContain('teilweise unkenntlich gemacht');
  expect(await axeViolations(page)).toEqual([]);

  // With JavaScript, a region can also be dragged on the picture: it fills the form's fields.
  const box = (await page.locator('[data-media-regions] img').boundingBox()) as { x: number; y: number; width: number; height: number };
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.up();
  expect(Math.round(Number(await page.inputValue('#f-r1x')))).toBe(10);
  expect(Math.round(Number(await page.inputValue('#f-r1w')))).toBe(20);
  expect(Math.round(Number(await page.inputValue('#f-r1h')))).toBe(30);

  // Every size changed; the picture is back online, pixelated.
  const after = await hashes(itemId);
  expect(after.map((r) => r.name)).toEqual(before.map((r) => r.name));
  for (const [i, r] of after.entries()) expect(r.sha256, r.name).not.toBe(before[i]?.sha256);
  const shown = await pub.goto(`${t.baseUrl}/medien/${itemId}/bild/w640`);
  expect(shown?.status()).toBe(200);
  expect(after.find((r) => r.name === 'w640')?.sha256).toBe(
    (await import('node:crypto'))
      .createHash('sha256')
      .update(await (shown as NonNullable<typeof shown>).body())
      .digest('hex'),
  );
  const mail = await sql<{ n: number }>`select count(*)::int as n from mail_outbox where recipient = 'erika@example.org'`.execute(
    t.database.db,
  );
  expect(mail.rows[0]?.n).toBe(1);
  await visitor.context.close();
  await anon.close();
  await context.close();
}, 180_000);
