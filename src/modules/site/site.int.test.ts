import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';

let t: TestApp;
let pages: string[];
beforeAll(async () => {
  t = await createTestApp();
  pages = t.app.routeTable.filter((r) => r.method === 'GET' && !/[:*]/.test(r.url) && !r.url.includes('.')).map((r) => r.url);
});
afterAll(() => t?.close());

describe('public website', () => {
  test('content pages exist in German and English and point to each other', async () => {
    for (const [de, en] of [
      ['/', '/en'],
      ['/strom', '/en/electricity'],
      ['/fernwaerme', '/en/district-heating'],
      ['/impressum', '/en/imprint'],
      ['/barrierefreiheit', '/en/accessibility'],
      ['/datenschutz', '/en/privacy'],
    ] as const) {
      const pageDe = await t.app.inject({ method: 'GET', url: de });
      const pageEn = await t.app.inject({ method: 'GET', url: en });
      expect(pageDe.statusCode, de).toBe(200);
      expect(pageEn.statusCode, en).toBe(200);
      expect(pageDe.body).toContain('<html lang="de">');
      expect(pageEn.body).toContain('<html lang="en">');
      expect(pageDe.body).toContain(`<a href="${en}" hreflang="en" lang="en">English</a>`);
      expect(pageEn.body).toContain(`<a href="${de}" hreflang="de" lang="de">Deutsch</a>`);
    }
  });

  test('the imprint and accessibility statement come from the configured organisation', async () => {
    const imprint = await t.app.inject({ method: 'GET', url: '/impressum' });
    expect(imprint.body).toContain(t.config.organisation.name);
    expect(imprint.body).toContain(t.config.organisation.commercialRegister);
    const a11y = await t.app.inject({ method: 'GET', url: '/barrierefreiheit' });
    expect(a11y.body).toContain('Bekannte Einschränkungen');
    expect(a11y.body).toContain('Feedback');
    expect(a11y.body).toContain(t.config.organisation.email);
  });

  test('[C11] no public page sets a cookie', async () => {
    expect(pages.length).toBeGreaterThan(15);
    for (const url of pages) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
  });

  test('[C12] third-party services are marked [extern], and no page loads anything from another origin', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('Verbraucherservice Energie der Bundesnetzagentur</a> <span class="extern">[extern]');
    expect(home.body).toContain('Angebot von www.bundesnetzagentur.de; es gilt dessen Datenschutzerklärung');
    for (const url of pages) {
      const { body } = await t.app.inject({ method: 'GET', url });
      const resources = [...body.matchAll(/<(?:script|img|iframe|link|source|video|audio)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      for (const r of resources) expect(r, `${url} loads ${r}`).toMatch(/^\/(?!\/)/);
      // Every link that leaves the site is marked.
      const external = [...body.matchAll(/<a href="(https?:\/\/[^"]+)"[^>]*>.*?<\/a>(.{0,40})/g)];
      for (const [, href, after] of external) expect(after, `${url}: ${href}`).toMatch(/\[(extern|external)\]/);
    }
  });

  test('sitemap, sitemap.xml and robots.txt list the pages', async () => {
    const sitemap = await t.app.inject({ method: 'GET', url: '/sitemap' });
    expect(sitemap.body).toContain('href="/wasser"');
    expect(sitemap.body).toContain('href="/impressum"');
    const xml = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain('<loc>http://localhost:3000/en/water</loc>');
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });
});
