import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, signInCustomer } from '../../../tests/support/customers.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { AppContext } from '../../core/module.ts';
import { readContentSources } from './site.content.ts';
import { registerSiteRoutes } from './site.routes.tsx';

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

  test('a page is sent once per version: its entity tag answers 304, per locale', async () => {
    const de = await t.app.inject({ method: 'GET', url: '/strom' });
    const en = await t.app.inject({ method: 'GET', url: '/en/electricity' });
    const etag = de.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(de.headers['cache-control']).toBe('no-cache');
    expect(en.headers.etag).not.toBe(etag);
    expect(en.body).toContain('<html lang="en">');

    const again = await t.app.inject({ method: 'GET', url: '/strom', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['content-security-policy']).toContain("default-src 'self'");
    const weak = await t.app.inject({ method: 'GET', url: '/strom', headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.statusCode).toBe(304);
    // The German tag does not stand for the English page.
    const crossed = await t.app.inject({ method: 'GET', url: '/en/electricity', headers: { 'if-none-match': etag } });
    expect(crossed.statusCode).toBe(200);
    expect(crossed.body).toBe(en.body);
  });

  test('a signed-in customer gets the same anonymous page, and the portal is never cached', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, customer);
    const anonymous = await t.app.inject({ method: 'GET', url: '/' });
    const signedIn = await agent.get('/');
    expect(signedIn.body).toBe(anonymous.body);
    expect(signedIn.body).not.toContain('_csrf');
    expect(signedIn.body).not.toContain(customer.lastName);
    const overview = await agent.get('/portal');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('_csrf');
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(overview.headers.etag).toBeUndefined();
    const revalidated = await t.app.inject({
      method: 'GET',
      url: '/portal',
      headers: { cookie: agent.cookie, 'if-none-match': '*' },
    });
    expect(revalidated.statusCode).toBe(200);
  });

  test('changed content is a new version: the old tag gets the new page', async () => {
    const sources = readContentSources();
    const changed = sources.map((s) => (s.path === '/strom' ? { ...s, markdown: `${s.markdown}\n\nNeu: Tarif Sonne.\n` } : s));
    const render = async (list: typeof sources) => {
      const app = Fastify();
      app.decorate('siteFrame', t.app.siteFrame);
      registerSiteRoutes(app, { config: t.config } as AppContext, list);
      return app;
    };
    const before = await render(sources);
    const after = await render(changed);
    const old = await before.inject({ method: 'GET', url: '/strom' });
    const fresh = await after.inject({ method: 'GET', url: '/strom', headers: { 'if-none-match': old.headers.etag as string } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toContain('Neu: Tarif Sonne.');
    expect(fresh.headers.etag).not.toBe(old.headers.etag);
    // Pages whose content did not change keep their tag.
    const water = await before.inject({ method: 'GET', url: '/wasser' });
    expect(
      (await after.inject({ method: 'GET', url: '/wasser', headers: { 'if-none-match': water.headers.etag as string } })).statusCode,
    ).toBe(304);
    await Promise.all([before.close(), after.close()]);
  });
});
