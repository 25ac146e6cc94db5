import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';

let browser: Browser;
let t: BrowserApp;

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});
beforeEach(async () => {
  await sql`delete from analytics_transitions`.execute(t.database.db);
});

interface Visitor {
  context: BrowserContext;
  /** The body of every step the pages sent, in order. */
  steps: string[];
  /** Resolves when the server has answered `count` steps in all (and so has stored them). */
  answered(count: number): Promise<void>;
}

/** A browser context that records every step the page reports. */
async function visitor(options: { gpc?: boolean } = {}): Promise<Visitor> {
  const context = await browser.newContext();
  if (options.gpc) await context.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
  const steps: string[] = [];
  let answers = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const isStep = (url: string) => url.endsWith('/api/analytics/schritt');
  context.on('request', (req) => {
    if (isStep(req.url())) steps.push(req.postData() ?? '');
  });
  context.on('requestfinished', (req) => {
    if (!isStep(req.url())) return;
    answers += 1;
    for (const w of waiters.filter((w) => answers >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const answered = (count: number) =>
    answers >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  return { context, steps, answered };
}

/**
 * Every step the page has sent so far is in `steps`: the page sends one more request after
 * them, the same way (fetch with keepalive), and the browser reports requests in the order
 * they were sent. Proves that nothing was sent without waiting for a guessed time.
 */
async function sentSoFar(page: Page): Promise<void> {
  const url = `${t.baseUrl}/robots.txt?barrier=${Math.random().toString(36).slice(2)}`;
  await Promise.all([page.waitForRequest(url), page.evaluate((u) => fetch(u, { keepalive: true }).then(() => {}), url)]);
}

describe('usage analysis in Chromium', () => {
  test('[C09] nothing is recorded before consent; with consent, the order of pages is counted', async () => {
    const { context, steps, answered } = await visitor();
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    const banner = page.getByRole('region', { name: 'Einwilligung zur Nutzungsanalyse' });
    await banner.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${t.baseUrl}/strom`);
    await sentSoFar(page);
    expect(steps).toEqual([]);
    await page.getByRole('button', { name: 'Ja, anonym zählen' }).click();
    await page.getByRole('link', { name: 'Erdgas' }).first().click();
    await page.waitForURL(`${t.baseUrl}/gas`);
    await answered(2);
    expect(steps.map((s) => JSON.parse(s))).toEqual([
      { path: '/strom', previous: null },
      { path: '/gas', previous: '/strom' },
    ]);
    const rows = await sql<{
      from_path: string;
      to_path: string;
    }>`select from_path, to_path from analytics_transitions order by from_path`.execute(t.database.db);
    expect(rows.rows).toEqual([
      { from_path: '(Einstieg)', to_path: '/strom' },
      { from_path: '/strom', to_path: '/gas' },
    ]);
    // no cookie, ever
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  test('[C09] a browser with Global Privacy Control is never asked and never counted', async () => {
    const { context, steps } = await visitor({ gpc: true });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.goto(`${t.baseUrl}/wasser`);
    await sentSoFar(page);
    expect(await page.locator('.consent').count()).toBe(0);
    expect(steps).toEqual([]);
    await context.close();
  });

  test('[C10] an objection on the opt-out page stops the counting at once', async () => {
    const { context, steps, answered } = await visitor();
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('button', { name: 'Ja, anonym zählen' }).click();
    await answered(1);
    expect(steps.length).toBe(1);
    await page.getByRole('link', { name: 'Nutzungsanalyse' }).last().click();
    await page.waitForURL(`${t.baseUrl}/datenschutz/nutzungsanalyse`);
    await expect(page.locator('[data-analytics-state]').innerText()).resolves.toBe('erlaubt');
    await page.getByRole('button', { name: 'Der Nutzungsanalyse widersprechen' }).click();
    await expect(page.locator('[data-analytics-state]').innerText()).resolves.toBe('widersprochen');
    expect(await axeViolations(page)).toEqual([]);
    const before = steps.length;
    await page.goto(`${t.baseUrl}/strom`);
    await page.goto(`${t.baseUrl}/gas`);
    await sentSoFar(page);
    expect(steps.length).toBe(before);
    expect(await page.locator('.consent').count()).toBe(0);
    await context.close();
  });
});
