import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allRoles } from '../../src/core/roles.ts';
import { type BrowserApp, launchChromium, publicPages, startBrowserApp } from '../support/browser.ts';
import { createTestCustomer } from '../support/customers.ts';
import { signInCustomer, signInStaff } from '../support/sign-in.ts';
import { createTestStaff } from '../support/staff.ts';

/** The narrowest phone still sold (320 px) and today's most common one (390 px). */
const WIDTHS = [320, 390];

let browser: Browser;
let t: BrowserApp;
beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** GET pages of an area that need no parameter. */
function pagesUnder(prefixes: string[]): string[] {
  return t.app.routeTable
    .filter((r) => r.method === 'GET' && !/[:*]/.test(r.url) && !r.url.includes('.') && prefixes.some((p) => r.url.startsWith(p)))
    .map((r) => r.url)
    .filter((url) => !/abmelden|sign-out|export|download|csv|pdf/i.test(url));
}

/** The page is no wider than the screen; if it is, the elements that stick out, for the message. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // The innermost elements that stick out name the culprit (a table, a long word, a long line).
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 1;
    const out = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => sticksOut(el) && !Array.from(el.children).some(sticksOut))
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" to ${Math.round(el.getBoundingClientRect().right)}`,
      );
    return `${document.documentElement.scrollWidth} px wide: ${out.join(', ')}`;
  });
}

async function walk(context: BrowserContext, paths: string[]): Promise<Record<string, string>> {
  const wide: Record<string, string> = {};
  const page = await context.newPage();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      if (!res || res.status() >= 400) continue; // a page this member may not open is the guard's test
      const problem = await overflow(page);
      if (problem) wide[`${width} ${path}`] = problem;
    }
  }
  await page.close();
  return wide;
}

describe('every page fits a phone, in Chromium', () => {
  test('public pages at 320 and 390 px are no wider than the screen', async () => {
    const context = await browser.newContext();
    const paths = publicPages(t);
    expect(paths.length).toBeGreaterThan(15);
    expect(await walk(context, paths)).toEqual({});
    await context.close();
  }, 300_000);

  test('the signed-in portal at 320 and 390 px is no wider than the screen', async () => {
    t.clock.set(new Date());
    const customer = await createTestCustomer(t.database.db, new Date(), { seed: 7 });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInCustomer(page, t, customer);
    await page.close();
    const paths = pagesUnder(['/portal', '/en/portal']).filter(
      (p) => !/anmelden|registrier|sign-in|register|aktivier|activat|passwort|password/.test(p),
    );
    expect(paths.length).toBeGreaterThan(8);
    expect(await walk(context, paths)).toEqual({});
    await context.close();
  }, 300_000);

  test('the back office at 320 and 390 px is no wider than the screen', async () => {
    const member = await createTestStaff(t.database.db, allRoles(t.config.organisation), new Date());
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInStaff(page, t, member);
    await page.close();
    const paths = pagesUnder(['/staff']).filter((p) => !/anmelden|einladung/.test(p));
    expect(paths.length).toBeGreaterThan(8);
    expect(await walk(context, paths)).toEqual({});
    await context.close();
  }, 300_000);
});
