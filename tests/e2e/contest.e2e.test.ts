import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { MailTables } from '../../src/core/mail/index.ts';
import { contestCommands, importFolder } from '../../src/modules/contest/contest.commands.ts';
import type { PublishedDraw } from '../../src/modules/contest/contest.draw.ts';
import { createDraw, createEvent } from '../../src/modules/contest/contest.queries.ts';
import type { ContestTables } from '../../src/modules/contest/contest.tables.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let staff: TestStaff;
let eventId: string;
let codes: string[];
const db = () => t.database.db.withTables<ContestTables>();

beforeAll(async () => {
  const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'contest-e2e-'));
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp({ UPLOAD_DIR: uploadDir })]);
  // Real time: the browser signs in against the server's clock.
  t.clock.set(new Date());
  staff = await createTestStaff(t.database.db, ['communications'], t.clock.now());
  eventId = (await createEvent(
    db(),
    { slug: 'sommerfest', title: 'Sommerfest', heldOn: '2026-06-13', consentBasis: 'a-consent', consentNote: 'Nur auf Wunsch.' },
    t.clock.now(),
  )) as string;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'contest-photos-'));
  for (const [i, colour] of ['#c33', '#3c3'].entries())
    writeFileSync(
      path.join(folder, `${i}.jpg`),
      await sharp({ create: { width: 80, height: 60, channels: 3, background: colour } })
        .jpeg()
        .toBuffer(),
    );
  const report = await importFolder(t.ctx, 'sommerfest', folder);
  if ('error' in report) throw new Error(report.error);
  codes = report.imported.map((p) => p.code);
  const now = t.clock.now().getTime();
  await createDraw(
    db(),
    eventId,
    {
      title: 'Sommerfest-Gewinnspiel',
      prizes: 'Ein E-Bike',
      winnersCount: 1,
      entriesCloseAt: new Date(now + 10 * 60_000),
      randomSource: 'drand quicknet, Runde 1234567',
      randomSourceAt: new Date(now + 15 * 60_000),
      termsDe: 'Teilnahme ab 18 Jahren.',
      termsEn: 'Entrants must be 18 or over.',
    },
    t.clock.now(),
  );
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

/** Presses Tab until a button with this text has the focus. */
async function tabToButton(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (
      (await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : null)))?.includes(
        text,
      )
    )
      return;
  }
  throw new Error(`Tab never reached the button "${text}"`);
}

async function submitWithEnter(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('event photos and the prize draw in Chromium', () => {
  test('[C56] [C57] [C58] [C59] [C60] [C61] code → gallery choice → entry → commitment → draw → verify → consent → hand-over → deletion, keyboard only, axe clean', async () => {
    const page = await browser.newPage();
    const report: Record<string, unknown> = {};
    const axe = async (name: string) => {
      const v = await axeViolations(page);
      if (v.length) report[name] = v;
    };

    // The code, typed as it is read off the print.
    await page.goto(`${t.baseUrl}/fotocode`);
    await axe('code');
    await tabTo(page, 'f-code');
    await page.keyboard.type((codes[0] as string).toLowerCase());
    await submitWithEnter(page);
    await expect(page.locator('h1').innerText()).resolves.toContain('Sommerfest');
    expect(await page.locator('figure img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(80);
    await axe('photo');

    // The gallery choice: Tab reaches the checked "no", the arrow key moves to "yes".
    await tabTo(page, 'f-gallery-1');
    await page.keyboard.press('ArrowUp');
    await tabToButton(page, 'Wahl speichern');
    await submitWithEnter(page);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('erscheint in der Galerie');
    await axe('saved');

    // The entry.
    await tabTo(page, 'f-firstName');
    for (const value of ['Erika', 'Mustermann', 'Hauptstraße 1', '12345', 'Musterstadt', 'erika@example.org']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    await submitWithEnter(page);
    await expect(page.locator('h1').innerText()).resolves.toBe('Sie nehmen teil');
    const entryHash = (await page.locator('.secret').innerText()).trim();
    expect(entryHash).toMatch(/^[0-9a-f]{64}$/);
    await axe('entered');

    await page.goto(`${t.baseUrl}/galerie/sommerfest`);
    expect(await page.locator('.contest-gallery img').count()).toBe(1);
    await axe('gallery');

    // Staff freeze the list, then enter the random value and draw.
    await page.goto(`${t.baseUrl}/staff/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(staff.email);
    await page.getByLabel('Passwort').fill(staff.password);
    await submitWithEnter(page);
    t.clock.advance(31_000);
    await page.getByLabel('Code').fill(currentTotp(staff.totpSecret, t.clock.now()));
    await submitWithEnter(page);
    await page.goto(`${t.baseUrl}/staff/fotoaktion/${eventId}`);
    await axe('staff event');
    await tabToButton(page, 'Liste einfrieren');
    await submitWithEnter(page);
    await expect(page.locator('.facts').last().innerText()).resolves.toContain('Liste eingefroren');

    const drawPage = await browser.newPage();
    await drawPage.goto(`${t.baseUrl}/gewinnspiel/sommerfest`);
    const commitment = (await drawPage.locator('.secret').first().innerText()).trim();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await drawPage.locator('.contest-hashes').last().innerText()).toContain(entryHash);

    t.clock.advance(16 * 60_000);
    await page.reload();
    await tabTo(page, 'f-seed');
    await page.keyboard.type('9f3a1c 0042 drand');
    await submitWithEnter(page);
    await expect(page.locator('.facts').last().innerText()).resolves.toContain('Ausgelost');
    await axe('staff drawn');
    await page.goto(`${t.baseUrl}/staff/fotoaktion/${eventId}/teilnahmen`);
    await expect(page.locator('main').innerText()).resolves.toContain('Erika Mustermann');
    await axe('staff entries');

    await drawPage.reload();
    await expect(drawPage.locator('main').innerText()).resolves.toContain('9f3a1c 0042 drand');
    // A winner is not named without consent.
    await expect(drawPage.locator('main').innerText()).resolves.not.toContain('Mustermann');
    const before = page;
    await drawPage.bringToFront();
    await axeViolations(drawPage).then((v) => {
      if (v.length) report.draw = v;
    });
    await before.bringToFront();

    // Anyone can recompute: the published file, checked offline.
    const published = (await (await drawPage.request.get(`${t.baseUrl}/gewinnspiel/sommerfest/auslosung.json`)).json()) as PublishedDraw;
    expect(published.commitment).toBe(commitment);
    expect(published.winners).toEqual([entryHash]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'verify-')), 'auslosung.json');
    writeFileSync(file, JSON.stringify(published));
    const log = console.log;
    console.log = () => {};
    try {
      expect(await contestCommands.find((c) => c.name === 'contest draw verify')?.run([file], t.ctx)).toBe(0);
    } finally {
      console.log = log;
    }

    // The winner is told by mail and consents through the signed link; then the draw page names them.
    await page.goto(`${t.baseUrl}/staff/fotoaktion/${eventId}/teilnahmen`);
    await tabToButton(page, 'benachrichtigen');
    await submitWithEnter(page);
    const mail = await t.database.db
      .withTables<MailTables>()
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('recipient', '=', 'erika@example.org')
      .executeTakeFirstOrThrow();
    const link = /http\S+/.exec(mail.text_body)?.[0] as string;
    await drawPage.goto(`${t.baseUrl}${new URL(link).pathname}`);
    await axeViolations(drawPage).then((v) => {
      if (v.length) report.consent = v;
    });
    await drawPage.bringToFront();
    await tabToButton(drawPage, 'Ja, ich willige ein');
    await submitWithEnter(drawPage);
    await expect(drawPage.locator('[role=status]').innerText()).resolves.toContain('eingewilligt');
    await drawPage.goto(`${t.baseUrl}/gewinnspiel/sommerfest`);
    await expect(drawPage.locator('main').innerText()).resolves.toContain('Erika Mustermann');
    expect(await drawPage.locator('main img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(80);
    await axeViolations(drawPage).then((v) => {
      if (v.length) report.winners = v;
    });

    // Hand-over recorded, the draw closed: every entry is gone, the list of hashes stays.
    await page.bringToFront();
    await page.goto(`${t.baseUrl}/staff/fotoaktion/${eventId}/teilnahmen`);
    await tabToButton(page, 'Übergabe eintragen');
    await submitWithEnter(page);
    await tabToButton(page, 'Abschließen');
    await submitWithEnter(page);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Teilnahmedaten sind gelöscht');
    await axe('staff settled');
    expect(await db().selectFrom('contest_entries').select('id').execute()).toEqual([]);
    await drawPage.goto(`${t.baseUrl}/gewinnspiel/sommerfest`);
    const after = await drawPage.locator('main').innerText();
    expect(after).not.toContain('Mustermann');
    expect(after).toContain(entryHash);

    expect(report).toEqual({});
    await drawPage.close();
    await page.close();
  }, 240_000);
});
