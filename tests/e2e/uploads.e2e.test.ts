import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { modules } from '../../src/modules.ts';
import { axeViolations, cookieFreeContext, launchChromium } from '../support/browser.ts';
import { createTestDatabase } from '../support/test-db.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';
import { TABLE, uploadFixtureModule } from '../support/upload-fixture/index.tsx';

let browser: Browser;
let t: TestApp;
let base: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'uploads-e2e-'));

beforeAll(async () => {
  const all = [...modules, uploadFixtureModule];
  const database = await createTestDatabase();
  await migrateToLatest(database, all);
  [browser, t] = await Promise.all([launchChromium(), createTestApp({ database, modules: all, env: { UPLOAD_DIR: dir } })]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 30, height: 20, channels: 3, background: '#06c' } })
    .jpeg()
    .toBuffer();
}

test('a form with files is accessible on a phone and, sent back, keeps the text and asks for the file again', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${base}/upload-test`);
  expect(await axeViolations(page)).toEqual([]);
  await page.setInputFiles('#f-photo', { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: await photo() });
  await page.fill('#f-email', 'erika@example.org');
  await page.click('button[type=submit]');
  await page.waitForSelector('#error-summary');
  expect(await page.inputValue('#f-email')).toBe('erika@example.org');
  expect(await page.textContent('#f-photo-again')).toContain('Bitte wählen Sie die Datei erneut aus.');
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await context.close();
});

test('a form with files works without JavaScript and without cookies', async () => {
  const { context, cookies } = await cookieFreeContext(browser, base);
  const page = await context.newPage();
  await page.goto(`${base}/upload-test`);
  await page.fill('#f-name', 'Erika Muster');
  await page.setInputFiles('#f-photo', { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: await photo() });
  // The context's own fetch follows the redirect: the page shows where it led.
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  await expect.poll(() => page.textContent('body')).toBe('ok');
  const stored = await sql<{ n: number }>`select count(*)::int as n from files where owner_table = ${TABLE}`.execute(t.ctx.db);
  expect(stored.rows[0]?.n).toBe(1);
  expect(cookies).toEqual([]);
  await context.close();
});
