import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { TileType } from 'pmtiles';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLASS_STYLE } from '../../src/modules/solar/solar.classes.ts';
import { sampleTile, solar, solarTestEnv, tileAt, writePmtiles } from '../../src/modules/solar/solar.test-support.ts';
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
function watch(page: Page, base = t.baseUrl): { problems: string[]; foreign: string[] } {
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  return { problems, foreign };
}

async function mapReady(page: Page): Promise<void> {
  // No timeout of its own: the test's bounds the wait, however slow the machine draws.
  await page.waitForSelector('.solar-map--ready, .solar-map--failed', { timeout: 0 });
  expect(await page.locator('.solar-map--ready').count(), 'the map initialised').toBe(1);
}

/** Ready, and everything in view loaded and drawn (the map reports it). */
async function mapSettled(page: Page): Promise<void> {
  await mapReady(page);
  await page.waitForSelector('.solar-map--idle', { timeout: 20_000 });
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

  test('[C24] the first view fits the buildings, names the streets, and turns 3D with the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, foreign } = watch(page);
    const loaded: string[] = [];
    page.on('requestfinished', (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(`${t.baseUrl}/solar`);
    await mapSettled(page);
    expect(loaded).toEqual(expect.arrayContaining(['/solar/karte.geojson', '/solar/grundkarte.geojson']));
    expect(loaded).not.toContain('/solar/karte-3d.geojson');

    // The buildings fill the view: the box around what is drawn covers a good part of the map,
    // not a thin strip in an empty box (controls in the corners left out).
    const shot = await sharp(await page.locator('#solar-map').screenshot())
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = shot.info;
    let [minX, minY, maxX, maxY] = [width, height, 0, 0];
    for (let y = 60; y < height - 40; y++)
      for (let x = 10; x < width - 60; x++) {
        const i = (y * width + x) * channels;
        const [r, g, b] = [shot.data[i] as number, shot.data[i + 1] as number, shot.data[i + 2] as number];
        // anything but the background (#f3f1ec)
        if (Math.abs(r - 0xf3) + Math.abs(g - 0xf1) + Math.abs(b - 0xec) > 40) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    const share = ((maxX - minX) * (maxY - minY)) / ((width - 70) * (height - 100));
    expect(share, `drawn ${maxX - minX}×${maxY - minY} of ${width}×${height}`).toBeGreaterThan(0.2);
    // a scale bar in metres
    await expect(page.locator('.maplibregl-ctrl-scale').innerText()).resolves.toMatch(/^\d+\s(m|km)$/);

    // 3D with the keyboard: a toggle button; the buildings rise, the map tilts, and back again.
    const button = page.locator('#solar-3d');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
    await mapSettled(page);
    expect(loaded).toContain('/solar/karte-3d.geojson');
    const tilt = () => page.locator('.maplibregl-ctrl-compass .maplibregl-ctrl-icon').evaluate((el) => (el as HTMLElement).style.transform);
    await expect(tilt()).resolves.toMatch(/rotateX\((?!0deg)[\d.]+deg\)/);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Space');
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
    await mapSettled(page);
    await expect(tilt()).resolves.toMatch(/rotateX\(0deg\)/);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  test('[C24] the search finds part of a name, marks what it found and clears the mark when nothing is found; an empty street is answered in the page', async () => {
    const page = await browser.newPage();
    const { problems } = watch(page);
    await page.goto(`${t.baseUrl}/solar`);
    await mapReady(page);
    const canvasLabel = () => page.locator('canvas.maplibregl-canvas').getAttribute('aria-label');
    const plain = await canvasLabel();

    const street = page.locator('#f-strasse');
    await street.fill('byland strasse');
    await page.locator('#f-nr').fill('53');
    await page.keyboard.press('Enter');
    const hits = page.locator('#solar-results .solar-hit');
    await hits.first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/solar');
    expect((await hits.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Von-Byland-Straße 53: (Sehr gut|Gut|Bedingt|Nicht) geeignet/),
    ]);
    await expect(canvasLabel()).resolves.toBe(`${plain} – markiert: Von-Byland-Straße 53`);

    // "straße" alone finds every street named so
    await page.locator('#f-nr').fill('');
    await street.fill('straße');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => new Set((await hits.allInnerTexts()).map((x) => x.replace(/ \S+:.*$/s, '').trim())))
      .toEqual(new Set(['Holzstraße', 'Von-Byland-Straße']));

    // Nothing found: the message, and the earlier mark is gone.
    await street.fill('Nirgendwoweg');
    await page.keyboard.press('Enter');
    await expect(page.locator('#solar-results').innerText()).resolves.toContain('Zu dieser Adresse liegt kein Ergebnis vor.');
    await expect(canvasLabel()).resolves.toBe(plain);

    // No street: the platform's form pattern, in the page: summary first and focused, a link to the field.
    await street.fill('');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary').waitFor();
    expect(new URL(page.url()).pathname).toBe('/solar');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await expect(page.locator('#error-summary a').innerText()).resolves.toBe('Straße: Bitte geben Sie eine Straße an.');
    await expect(street.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(street.getAttribute('aria-describedby')).resolves.toBe('f-strasse-hint f-strasse-error');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-strasse');
    await page.keyboard.type('Holz');
    await page.keyboard.press('Enter');
    await hits.first().waitFor();
    expect(await page.locator('#error-summary').count()).toBe(0);
    expect(await street.getAttribute('aria-invalid')).toBeNull();
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
    // its street had no other house: the base map no longer names it either
    const base = (await (await fetch(`${t.baseUrl}/solar/grundkarte.geojson`)).json()) as { features: { properties: { name?: string } }[] };
    expect(base.features.some((f) => f.properties.name === 'Holzstraße')).toBe(true);
    expect(base.features.some((f) => f.properties.name === 'Zum Haus Millen')).toBe(false);
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

  test("[C12] a third party's base map loads only after the visitor asks for it, for this page only, and the statement names its provider", async () => {
    // A stand-in tile provider on another origin (HTTPS, as the setting requires) that counts what it is asked.
    const { certFile, keyFile } = await makeLocalhostCertificate();
    const tile = greyPng(256);
    const requested: string[] = [];
    let firstTile: () => void;
    const tileRequested = new Promise<void>((resolve) => {
      firstTile = resolve;
    });
    const provider = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
      requested.push(req.url ?? '');
      if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) firstTile();
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    const port = (provider.address() as AddressInfo).port;
    const app = await startBrowserApp({
      ...solarTestEnv(),
      SOLAR_BASEMAP_URL: `https://localhost:${port}/tiles/{z}/{x}/{y}.png`,
      SOLAR_BASEMAP_ATTRIBUTION: '© Beispielkarten',
    });
    expect((await solar(app.ctx, 'import', sampleTile)).code).toBe(0);
    expect((await solar(app.ctx, 'compute', '--no-shading')).code).toBe(0);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const { problems } = watch(page, app.baseUrl);
      await page.goto(`${app.baseUrl}/solar`);
      await mapSettled(page);
      // The whole map is drawn, in 2D and in 3D, and the provider has heard nothing.
      await page.locator('#solar-3d').click();
      await mapSettled(page);
      await page.locator('#solar-3d').click();
      await mapSettled(page);
      expect(requested).toEqual([]);
      const button = page.locator('#solar-external');
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
      await expect(button.innerText()).resolves.toBe(`Hintergrundkarte von localhost:${port} [extern]`);
      await expect(page.locator('#solar-external-note').innerText()).resolves.toContain(
        `[extern] (Angebot von localhost:${port}; es gilt dessen Datenschutzerklärung)`,
      );

      // The visitor asks for it (with the keyboard): now, and only now, the tiles come from there.
      await button.focus();
      await page.keyboard.press('Enter');
      await tileRequested;
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
      await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain('© Beispielkarten [extern]');
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);

      // Remembered for this page only: nothing stored, and after a reload the base map is off again.
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
      // Settled again once every asked-for tile has arrived, so none is in flight at the reload.
      await mapSettled(page);
      const asked = requested.length;
      await page.reload();
      await mapSettled(page);
      await expect(page.locator('#solar-external').getAttribute('aria-pressed')).resolves.toBe('false');
      expect(requested.length).toBe(asked);

      // The privacy statement names the provider as a recipient.
      await page.goto(`${app.baseUrl}/datenschutz`);
      await expect(page.locator('main').innerText()).resolves.toContain(
        `© Beispielkarten (localhost:${port}) als Anbieter der Kartenkacheln`,
      );
    } finally {
      await context.close();
      await app.close();
      provider.close();
    }
  });

  test('[C12] a self-hosted base map comes from our own origin, and nothing else is loaded', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-e2e-tiles-'));
    const file = path.join(dir, 'selfkant.pmtiles');
    const tiles = [15, 16].flatMap((z) => {
      const c = tileAt(5.8697, 51.0271, z);
      return [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => ({ z, x: c.x + dx, y: c.y + dy, data: greyPng(256) })));
    });
    writePmtiles(file, tiles, { tileType: TileType.Png, bounds: [5.85, 51.0, 5.89, 51.05] });
    const app = await startBrowserApp({ ...solarTestEnv(), SOLAR_BASEMAP_TILES: file, SOLAR_BASEMAP_TILES_ATTRIBUTION: '© Testkarte' });
    expect((await solar(app.ctx, 'import', sampleTile)).code).toBe(0);
    expect((await solar(app.ctx, 'compute', '--no-shading')).code).toBe(0);
    const page = await browser.newPage();
    const { problems, foreign } = watch(page, app.baseUrl);
    const own: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${app.baseUrl}/solar/grundkarte/`)) own.push(r.url());
    });
    try {
      await page.goto(`${app.baseUrl}/solar`);
      await mapSettled(page);
      expect(own.length).toBeGreaterThan(0);
      expect(foreign).toEqual([]);
      expect(problems).toEqual([]);
      await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain('© Testkarte');
      expect(await page.locator('#solar-external').count()).toBe(0);
    } finally {
      await page.close();
      await app.close();
    }
  });
});
