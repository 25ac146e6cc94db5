import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BrowserApp, launchChromium, publicPages, startBrowserApp } from '../support/browser.ts';

let browser: Browser;
let t: BrowserApp;
beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface SentBack {
  focused: string;
  summary: { field: string; text: string }[];
  /** The fields marked invalid, in the order the page shows them. */
  invalid: { id: string; tag: string; type: string; border: string }[];
  errorColour: string;
}

/** What a form sent back with errors shows: where focus is, the summary, the marked fields. */
async function readSentBack(page: Page): Promise<SentBack> {
  return page.evaluate(() => {
    const errorColour = getComputedStyle(document.querySelector('.field__error') ?? document.body).color;
    const summary = Array.from(document.querySelectorAll<HTMLAnchorElement>('.error-summary a')).map((a) => ({
      field: a.getAttribute('href')?.slice(1) ?? '',
      text: a.textContent ?? '',
    }));
    const invalid = Array.from(document.querySelectorAll<HTMLElement>('[aria-invalid="true"]')).map((el) => ({
      id: el.id,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      border: getComputedStyle(el).borderTopColor,
    }));
    return { focused: document.activeElement?.id ?? '', summary, invalid, errorColour };
  });
}

/** Public pages with a form that posts (search forms get, and need no summary). */
async function postForms(page: Page): Promise<{ path: string; index: number }[]> {
  const found: { path: string; index: number }[] = [];
  for (const path of publicPages(t)) {
    await page.goto(`${t.baseUrl}${path}`);
    const count = await page.locator('main form[method="post"]').count();
    for (let index = 0; index < count; index++) found.push({ path, index });
  }
  return found;
}

describe('forms sent back with errors, in Chromium', () => {
  test('every public form: the summary comes first, has focus, lists the fields in page order; each marked field shows the error border; a choice asks to choose', async () => {
    const page = await browser.newPage();
    const forms = await postForms(page);
    const problems: Record<string, string[]> = {};
    let checked = 0;
    for (const { path, index } of forms) {
      await page.goto(`${t.baseUrl}${path}`);
      const form = page.locator('main form[method="post"]').nth(index);
      // The page the form's answer navigates to, loaded (waitForNavigation returns its response).
      const [response] = await Promise.all([page.waitForNavigation(), form.evaluate((f) => (f as HTMLFormElement).requestSubmit())]);
      if (!response) throw new Error(`${path}: the form did not navigate`);
      if (response.status() !== 400) continue; // a form with nothing required (a toggle) goes through
      checked++;
      // The browser moves focus to an autofocus element in a rendering step after load: wait for
      // the page to report where focus is, and read it then (a missing move fails below).
      await page
        .waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body, null, { timeout: 10_000 })
        .catch(() => undefined);
      const got = await readSentBack(page);
      const key = `${path} #${index}`;
      const say = (problem: string) => {
        problems[key] = [...(problems[key] ?? []), problem];
      };
      if (got.focused !== 'error-summary') say(`focus on "${got.focused}", not on the summary`);
      if (got.summary.length === 0) say('no error summary');
      const order = got.invalid.map((f) => f.id);
      const listed = got.summary.map((s) => s.field).filter((id) => order.includes(id));
      const pageOrder = [...listed].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      if (listed.join() !== pageOrder.join()) say(`summary order ${listed.join(', ')}; page order ${pageOrder.join(', ')}`);
      for (const field of got.invalid) {
        if (['radio', 'checkbox'].includes(field.type)) continue;
        if (field.border !== got.errorColour) say(`${field.id} has border ${field.border}, not the error colour ${got.errorColour}`);
      }
      for (const entry of got.summary) {
        const field = got.invalid.find((f) => f.id === entry.field);
        const isChoice = field && (field.tag === 'select' || field.type === 'radio' || field.type === 'checkbox');
        if (isChoice && /füllen Sie|fill in/.test(entry.text)) say(`${entry.field} is a choice but says "${entry.text}"`);
      }
    }
    expect(problems).toEqual({});
    // The contact, callback, officers', data-subject, solar and portal forms at least.
    expect(checked).toBeGreaterThan(8);
    await page.close();
  }, 300_000);
});
