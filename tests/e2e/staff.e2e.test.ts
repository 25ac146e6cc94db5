import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuthTables } from '../../src/core/auth/auth.tables.ts';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import { allRoles } from '../../src/core/roles.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestStaff, type TestStaff } from '../support/staff.ts';

let browser: Browser;
let t: BrowserApp;
let everyone: TestStaff;

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
  // The test's clock follows real time here: the browser signs in against the server's clock.
  everyone = await createTestStaff(t.database.db, allRoles(t.config.organisation), new Date());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Signs in with the keyboard only: type, Tab, Enter. */
async function signInByKeyboard(page: Page, member: TestStaff): Promise<void> {
  t.clock.set(new Date());
  await page.goto(`${t.baseUrl}/staff`);
  expect(new URL(page.url()).pathname).toBe('/staff/anmelden');
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // logo
  await page.keyboard.press('Tab'); // e-mail
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

describe('back office in Chromium', () => {
  test('[C04] keyboard-only sign-in with password and second factor; every back-office page passes axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const signInPage = await axeViolations(
      await (async () => {
        await page.goto(`${t.baseUrl}/staff/anmelden`);
        return page;
      })(),
    );
    expect(signInPage).toEqual([]);
    await signInByKeyboard(page, everyone);
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([['__Host-staff', true, true, 'Lax']]);

    const pages = t.app.routeTable
      .filter((r) => r.method === 'GET' && r.url.startsWith('/staff') && !r.url.includes(':') && r.config.staff !== 'sign-in')
      .map((r) => r.url)
      // Downloads (CSV, JSON, PDF) are files, not pages: their own tests check them.
      .filter((url) => !/\.(csv|json|pdf)$/.test(url));
    // A request with an unverified customer number (the identifiers and the staff check form) and
    // an officer role waiting for approval (the approve and reject buttons).
    const { id: requestId } = await t.database.db
      .withTables<PrivacyTables>()
      .insertInto('dsr_requests')
      .values({
        reference: 'DS-2026-AXE001',
        kind: 'erasure',
        name: 'Erika Mustermann',
        email: 'erika.axe@example.org',
        phone: '0171 2345678',
        customer_number: '7000001',
        message: null,
        locale: 'de',
        token_hash: null,
        created_at: new Date(),
        confirmed_at: new Date(),
        deadline_at: new Date(Date.now() + 30 * 86_400_000),
        status: 'open',
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const officer = await createTestStaff(t.database.db, ['admin'], new Date());
    await t.database.db
      .withTables<AuthTables>()
      .insertInto('staff_role_grants')
      .values({
        staff_id: officer.id,
        role: 'dpo',
        requested_by: officer.id,
        requested_at: new Date(),
        decided_by: null,
        decided_at: null,
        status: 'pending',
      })
      .execute();
    pages.push(
      `/staff/anfragen/${requestId}`,
      `/staff/mitarbeitende/${officer.id}`,
      '/datenschutz/anfrage/code',
      '/en/privacy/request/code',
      '/staff/datenschutz/taetigkeiten/accesslog.website-use',
      `/staff/mitarbeitende/${everyone.id}`,
      '/staff/datenschutz/protokoll?action=read',
    );
    expect(pages.length).toBeGreaterThan(8);
    const report: Record<string, unknown> = {};
    for (const path of pages) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      const violations = await axeViolations(page);
      if (violations.length) report[path] = violations;
    }
    expect(report).toEqual({});
    await context.close();
  }, 180_000);

  test('a form with mistakes shows an error summary that links to the fields, and keeps what was typed', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/datenschutz/anfrage`);
    await page.getByLabel('Vor- und Nachname').fill('Erika Mustermann');
    await page.getByLabel('E-Mail-Adresse').fill('erika@');
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary.getAttribute('role')).resolves.toBe('alert');
    await expect(summary.innerText()).resolves.toContain('Bitte geben Sie eine gültige E-Mail-Adresse an');
    await expect(page.getByLabel('Vor- und Nachname').inputValue()).resolves.toBe('Erika Mustermann');
    await summary.getByRole('link', { name: /E-Mail-Adresse/ }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-email');
    await expect(page.getByLabel('E-Mail-Adresse').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
