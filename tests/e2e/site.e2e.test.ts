import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, type BrowserApp, cookieFreeContext, launchChromium, publicPages, startBrowserApp } from '../support/browser.ts';

let browser: Browser;
let t: BrowserApp;
beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('public website in Chromium', () => {
  test('the axe harness reports real violations (so a clean result means something)', async () => {
    const page = await browser.newPage();
    await page.setContent('<html><body><img src="x.png"><a href="/x"></a><input type="text"></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'label', 'html-has-lang']));
    await page.close();
  });

  test('[C11] every public page passes axe (WCAG 2.1 A/AA) with 0 violations', async () => {
    const page = await browser.newPage();
    const pages = publicPages(t);
    expect(pages.length).toBeGreaterThan(15);
    const report: Record<string, unknown> = {};
    for (const path of [...pages, '/diese-seite-gibt-es-nicht']) {
      await page.goto(`${t.baseUrl}${path}`);
      const violations = await axeViolations(page);
      if (violations.length) report[path] = violations;
    }
    expect(report).toEqual({});
    await page.close();
  }, 180_000);

  test('[C11] [C12] with JavaScript off and cookies refused, every page works and nothing leaves the origin', async () => {
    const { context, foreign, cookies: cookieHeaders } = await cookieFreeContext(browser, t.baseUrl);
    const page = await context.newPage();
    for (const path of publicPages(t)) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator('h1').first().innerText()).resolves.not.toBe('');
      // every stylesheet arrived
      expect(await page.locator('link[rel=stylesheet]').count()).toBeGreaterThan(0);
    }
    // Navigation works by plain links.
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Trinkwasser' }).click();
    expect(new URL(page.url()).pathname).toBe('/wasser');
    await page.getByRole('link', { name: 'English' }).click();
    expect(new URL(page.url()).pathname).toBe('/en/water');
    expect(foreign).toEqual([]);
    expect(cookieHeaders).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 120_000);

  test('keyboard only: skip link first, then through the navigation to a product page', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // the skip link becomes visible when focused
    const box = await skip.boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

    await page.goto(`${t.baseUrl}/`);
    const visited: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      visited.push(text);
      if (text === 'Erdgas') break;
    }
    expect(visited).toContain('English');
    expect(visited.at(-1)).toBe('Erdgas');
    // the focus indicator is visible (an outline is drawn)
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.baseUrl}/gas`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Erdgas');
    await page.close();
  });
});
