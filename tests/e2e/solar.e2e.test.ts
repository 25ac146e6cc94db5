import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLASS_STYLE } from '../../src/modules/solar/solar.classes.ts';
import { sampleTile, solar, solarTestEnv } from '../../src/modules/solar/solar.test-support.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { makeLocalhostCertificate } from '../support/certificate.ts';

let browser: Browser;
let t: BrowserApp;
beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp(solarTestEnv())]);
  expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
  // Without shading: these tests are about what the pages show, not about the computation.
  expect((await solar(t.ctx, 'compute', '--no-shading')).code).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A plain grey PNG tile: signature, IHDR, one IDAT (filter byte 0 per row), IEND. */
function greyPng(size: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc(size * (size + 1), 0xc8);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Console errors and CSP violations of a page; the software GL's performance notes are not errors. */
function watch(page: Page): { problems: string[]; foreign: string[] } {
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(t.baseUrl) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  return { problems, foreign };
}

async function mapReady(page: Page): Promise<void> {
  // No timeout of its own: the test's bounds the wait, however slow the machine draws.
  await page.waitForSelector('.solar-map--ready, .solar-map--failed', { timeout: 0 });
  expect(await page.locator('.solar-map--ready').count(), 'the map initialised').toBe(1);
}

describe('solar map in Chromium', () => {
  test('[C24] [C11] the map draws the classes from our own origin only, and the page passes axe in both languages', async () => {
    for (const path of ['/solar', '/en/solar']) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      const { problems, foreign } = watch(page);
      await page.goto(`${t.baseUrl}${path}`);
      await mapReady(page);
      const canvas = page.locator('canvas.maplibregl-canvas');
      expect(await canvas.getAttribute('aria-label')).toBeTruthy();
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      await page.close();
    }
  });

  test('[C24] keyboard only: find an address, see its class as colour and text, show it on the map', async () => {
    const page = await browser.newPage();
    const { problems } = watch(page);
    await page.goto(`${t.baseUrl}/solar`);
    await mapReady(page);
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'f-strasse'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('f-strasse');
    await page.keyboard.type('Holzstraße 4');
    await page.keyboard.press('Enter');
    const hits = page.locator('#solar-results .solar-hit');
    await hits.first().waitFor();
    // Without a page load: still on the map page.
    expect(new URL(page.url()).pathname).toBe('/solar');
    const texts = await hits.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts.map((x) => x.replace(/\s+/g, ' ').trim()))
      expect(text).toMatch(/^Holzstraße 4: (Sehr gut|Gut|Bedingt|Nicht) geeignet/);
    await expect(page.locator('#solar-results').getAttribute('aria-live')).resolves.toBe('polite');
    // On to the first "show on the map" button, then to the map itself.
    for (
      let i = 0;
      i < 5 &&
      !(await page.evaluate(
        () => document.activeElement?.tagName === 'BUTTON' && document.activeElement.closest('#solar-results') !== null,
      ));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('auf der Karte zeigen');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Minus');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('[C24] [C11] with JavaScript off, the search form shows each address with its class as colour and as text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/solar`);
    await expect(page.locator('.solar-map__fallback').innerText()).resolves.toContain('Adresssuche');
    await page.getByLabel('Straße').fill('Von-Byland-Straße');
    await page.getByLabel('Hausnummer').fill('53');
    await page.getByRole('button', { name: 'Suchen' }).click();
    expect(new URL(page.url()).pathname).toBe('/solar/suche');
    const hits = page.locator('.solar-hit');
    expect(await hits.count()).toBeGreaterThan(0);
    for (const li of await hits.all()) {
      const text = ((await li.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      const label = /: (.+)$/.exec(text)?.[1] as string;
      const cls = (
        { 'Sehr gut geeignet': 'veryGood', 'Gut geeignet': 'good', 'Bedingt geeignet': 'suitable', 'Nicht geeignet': 'unsuitable' } as const
      )[label];
      expect(cls, text).toBeDefined();
      // the swatch shows the colour of that very class
      const colour = await li.locator('.solar-swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
      const hex = CLASS_STYLE[cls as keyof typeof CLASS_STYLE].colour;
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      expect(colour).toBe(`rgb(${r}, ${g}, ${b})`);
    }
    const results = page.url();
    await context.close();
    // axe runs inside the page, so the same result page is checked with JavaScript on.
    const checked = await browser.newPage();
    await checked.goto(results);
    expect(await axeViolations(checked)).toEqual([]);
    await checked.close();
  });

  test('[C26] the objection form passes axe empty, with errors and when received', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/en/solar/objection`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send the objection' }).click();
    await page.locator('#error-summary').waitFor();
    // every message links to its field
    const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#f-role', '#f-street', '#f-number', '#f-name', '#f-email']);
    for (const href of links) expect(await page.locator(href as string).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${t.baseUrl}/en/solar/objection/received`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('[C26] the objection form works without JavaScript, and then the building is gone from the map data', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/solar`);
    await page.getByRole('link', { name: 'Widerspruch einlegen' }).click();
    expect(new URL(page.url()).pathname).toBe('/solar/widerspruch');
    await page.getByRole('button', { name: 'Widerspruch absenden' }).click();
    expect(await page.locator('#error-summary li').count()).toBe(5);
    await page.getByLabel('Eigentümerin oder Eigentümer').check();
    await page.getByLabel('Straße des Gebäudes').fill('Zum Haus Millen');
    await page.getByLabel('Hausnummer').fill('1');
    await page.getByLabel('Ihr Name').fill('Max Mustermann');
    await page.getByLabel('Ihre E-Mail-Adresse').fill('max@example.org');
    await page.getByRole('button', { name: 'Widerspruch absenden' }).click();
    expect(new URL(page.url()).pathname).toBe('/solar/widerspruch/eingegangen');
    const data = (await (await fetch(`${t.baseUrl}/solar/karte.geojson`)).json()) as {
      features: { properties: { street: string | null } }[];
    };
    expect(data.features.some((f) => f.properties.street === 'Zum Haus Millen')).toBe(false);
    expect(data.features.length).toBeGreaterThan(80);
    await context.close();
  });

  test('[C25] the report request works without JavaScript from the map page, and passes axe empty, with errors and when received', async () => {
    const fill = async (page: Page) => {
      await page.getByLabel(/^Straße/).fill('Holzstraße');
      await page.getByLabel(/^Hausnummer/).fill('2');
      await page.getByLabel('Mieterin oder Mieter').check();
      await page.getByLabel('Vor- und Nachname').fill('Max Mustermann');
      await page.getByLabel('Ihre Straße und Hausnummer').fill('Holzstraße 2');
      await page.getByLabel('Ihre Postleitzahl').fill('41836');
      await page.getByLabel('Ihr Ort').fill('Hückelhoven');
      await page.getByLabel('E-Mail-Adresse').fill('max@example.org');
      await page.getByLabel('per Post als Brief').check();
      await page.getByRole('button', { name: 'Auswertung anfordern' }).click();
      await page.getByRole('heading', { name: 'Anfrage eingegangen' }).waitFor();
      expect(await page.content()).toMatch(/SOL-\d{4}-[0-9A-Z]{8}/);
    };
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    noScript.setDefaultTimeout(5000);
    await noScript.goto(`${t.baseUrl}/solar`);
    await noScript.getByRole('link', { name: 'Detaillierte Auswertung anfordern' }).click();
    expect(new URL(noScript.url()).pathname).toBe('/solar/auswertung');
    await fill(noScript);
    expect(await context.cookies()).toEqual([]);
    await context.close();

    // axe runs inside the page, so the same states are checked with JavaScript on.
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/solar/auswertung`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Auswertung anfordern' }).click();
    await page.locator('#error-summary').waitFor();
    const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(7);
    for (const href of links) expect(await page.locator(href as string).count(), href as string).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await fill(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test("[C12] a configured base map loads from its provider under the page's policy and is marked [extern]", async () => {
    // A stand-in tile provider on another origin (HTTPS, as the setting requires).
    const { certFile, keyFile } = await makeLocalhostCertificate();
    const tile = greyPng(256);
    let firstTile: () => void;
    const tileRequested = new Promise<void>((resolve) => {
      firstTile = resolve;
    });
    const provider = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
      if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) firstTile();
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    const port = (provider.address() as AddressInfo).port;
    const app = await startBrowserApp({
      SOLAR_BASEMAP_URL: `https://localhost:${port}/tiles/{z}/{x}/{y}.png`,
      SOLAR_BASEMAP_ATTRIBUTION: '© Beispielkarten',
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      await page.goto(`${app.baseUrl}/solar`);
      await mapReady(page);
      await tileRequested;
      expect(problems).toEqual([]);
      await expect(page.locator('.solar-basemap').innerText()).resolves.toContain(
        `[extern] (Angebot von localhost:${port}; es gilt dessen Datenschutzerklärung)`,
      );
      await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain('© Beispielkarten [extern]');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await app.close();
      provider.close();
    }
  });
});
