import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { CLASS_STYLE, SUITABILITY_CLASSES } from './solar.classes.ts';
import { solarMessages } from './solar.messages.ts';
import type { SolarTables } from './solar.tables.ts';
import { sampleTile, solar, solarTestEnv } from './solar.test-support.ts';

let t: TestApp;
const db = () => t.database.db.withTables<SolarTables>();
const PALETTE = new Set(SUITABILITY_CLASSES.map((c) => CLASS_STYLE[c].colour));
const LABELS = new Set<string>(SUITABILITY_CLASSES.flatMap((c) => Object.values(solarMessages[`class.${c}`])));
const isModulePath = (url: string) => /^\/(en\/)?solar(\/|$)/.test(url);

beforeAll(async () => {
  t = await createTestApp({ env: solarTestEnv() });
  expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
  // Without shading: this file is about what is published, not how it is computed.
  expect((await solar(t.ctx, 'compute', '--no-shading')).code).toBe(0);
});
afterAll(() => t?.close());

/** Everything the model knows that the public must not see (C24), as it could appear in a page. */
async function privateValues(): Promise<string[]> {
  const buildings = await db().selectFrom('solar_buildings').select(['id', 'alkis_id', 'function', 'measured_height_m']).execute();
  const surfaces = await db().selectFrom('solar_roof_surfaces').select(['gml_id', 'part_id', 'area_m2']).execute();
  const results = await db()
    .selectFrom('solar_building_results')
    .select(['yield_kwh_per_year', 'kwp', 'usable_area_m2', 'co2_avoided_kg_per_year'])
    .execute();
  const surfaceResults = await db().selectFrom('solar_surface_results').select(['irradiation_kwh_m2', 'yield_kwh_per_year']).execute();
  const towns = await db().selectFrom('solar_addresses').select('town').distinct().execute();
  const figures = [
    ...results.flatMap((r) => [r.yield_kwh_per_year, r.co2_avoided_kg_per_year]),
    ...surfaceResults.flatMap((r) => [r.irradiation_kwh_m2, r.yield_kwh_per_year]),
    // (100 itself is the legend's "100 %")
  ].filter((v) => v >= 101);
  return [
    'kWh',
    'kWp',
    'DENW',
    ...buildings.map((b) => b.alkis_id),
    ...buildings.flatMap((b) => (b.function ? [b.function] : [])),
    ...surfaces.flatMap((s) => [s.gml_id, s.part_id].filter((v): v is string => v !== null)),
    ...towns.flatMap((r) => (r.town ? [r.town] : [])),
    // figures as a page would print them: 1234, 1.234 (de), 1,234 (en), and with one decimal
    ...figures.flatMap((v) => {
      const n = Math.round(v);
      return [String(n), n.toLocaleString('de-DE'), n.toLocaleString('en-GB'), v.toFixed(1), v.toFixed(1).replace('.', ',')];
    }),
    ...results
      .flatMap((r) => [r.kwp.toFixed(1), r.kwp.toFixed(2), r.kwp.toFixed(1).replace('.', ','), r.kwp.toFixed(2).replace('.', ',')])
      .filter((v) => v !== '0.0' && v !== '0,0' && v !== '0.00' && v !== '0,00'),
  ];
}

/** The page's own content: header and footer are the site's frame, not the module's data. */
function mainOf(html: string): string {
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>');
  expect(start, 'page has a <main>').toBeGreaterThan(0);
  return html.slice(start, end);
}

/** A number counts only as a whole token ("6.1" is not in "maplibre-6.17.0"); words anywhere. */
function shows(html: string, value: string): boolean {
  if (!/^[\d.,]+$/.test(value)) return html.includes(value);
  return new RegExp(`(?<![\\d.,])${value.replace(/[.]/g, '\\.')}(?![\\d]|[.,]\\d)`).test(html);
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

describe('[C24] the public sees street, house number and a colour, nothing else', () => {
  test('[C24] the map data carries per feature only street, house number and the colour of the class', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/solar/karte.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const data = res.json() as {
      type: string;
      features: { type: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
    };
    expect(Object.keys(data).sort()).toEqual(['features', 'type']);
    const addresses = await db()
      .selectFrom('solar_addresses as a')
      .innerJoin('solar_building_results as r', 'r.building_id', 'a.building_id')
      .select(['a.building_id', 'a.street', 'a.number', 'r.suitability'])
      .execute();
    const addressed = new Set(addresses.map((a) => a.building_id));
    const computed = await db().selectFrom('solar_building_results').select('building_id').execute();
    const expected =
      new Set(addresses.map((a) => `${a.building_id}|${a.street}|${a.number}`)).size +
      computed.filter((c) => !addressed.has(c.building_id)).length;
    expect(data.features).toHaveLength(expected);
    expect(expected).toBeGreaterThan(80);
    for (const f of data.features) {
      expect(Object.keys(f).sort()).toEqual(['geometry', 'properties', 'type']);
      expect(Object.keys(f.properties).sort()).toEqual(['colour', 'number', 'street']);
      expect(PALETTE.has(f.properties.colour as string)).toBe(true);
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(JSON.stringify(f.geometry.coordinates)).toMatch(/^[[\]\d.,-]+$/);
      if (f.properties.street === null) {
        expect(f.properties.number).toBeNull();
        continue;
      }
      // the colour is the class of a building at exactly this address
      const here = addresses.filter((a) => a.street === f.properties.street && a.number === f.properties.number);
      expect(here.length, `${f.properties.street} ${f.properties.number}`).toBeGreaterThan(0);
      expect(here.map((a) => CLASS_STYLE[a.suitability].colour)).toContain(f.properties.colour);
    }
    const secret = await privateValues();
    const props = JSON.stringify(data.features.map((f) => f.properties));
    for (const s of secret) expect(props, s).not.toContain(s);
  });

  test('[C24] every public page of the module, in both languages and for every address, shows nothing else', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && isModulePath(r.url)).map((r) => r.url);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/solar',
        '/en/solar',
        '/solar/suche',
        '/en/solar/search',
        '/solar/widerspruch',
        '/en/solar/objection',
        '/solar/karte.geojson',
      ]),
    );
    const addresses = await db().selectFrom('solar_addresses').select(['street', 'number']).distinct().execute();
    const streets = [...new Set(addresses.map((a) => a.street as string))];
    const urls = [
      ...routes.filter((u) => !u.endsWith('.geojson')),
      ...['/solar/suche', '/en/solar/search'].flatMap((p) => [
        ...streets.map((s) => `${p}?strasse=${encodeURIComponent(s)}&nr=`),
        ...addresses.map((a) => `${p}?strasse=${encodeURIComponent(a.street as string)}&nr=${encodeURIComponent(a.number ?? '')}`),
        `${p}?strasse=v&nr=`,
        `${p}?strasse=${encodeURIComponent('Holzstraße 4')}`,
      ]),
    ];
    const secret = await privateValues();
    const allowedData = new Set([
      'data-geojson',
      'data-maplibre',
      'data-label',
      'data-locale',
      'data-attribution',
      'data-msg-found',
      'data-msg-none',
      'data-msg-show',
      'data-colour',
      'data-pattern',
    ]);
    const known = new Set(addresses.map((a) => `${a.street} ${a.number}`));
    let hits = 0;
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const main = mainOf(res.body);
      for (const s of secret) expect(shows(main, s), `${url} shows ${s}`).toBe(false);
      for (const [attr] of main.matchAll(/\bdata-[a-z-]+(?==)/g)) expect(allowedData.has(attr), `${url}: ${attr}`).toBe(true);
      // Links lead only within the module, to the page itself or to the statement's section on
      // the module: nothing addresses a building.
      for (const [, href] of main.matchAll(/href="([^"]*)"/g)) {
        expect(href, url).toMatch(
          /^(#f-[a-z]+|\/(en\/)?solar(\/(suche|search|widerspruch|objection|auswertung|report))?|\/(datenschutz|en\/privacy)#solar-[a-z-]+)$/,
        );
      }
      // Each hit is "street number: class", where the class is the text of its colour.
      for (const [li] of main.matchAll(/<li class="solar-hit">.*?<\/li>/g)) {
        hits += 1;
        const m = /^(.+): (.+)$/.exec(text(li));
        expect(m, li).not.toBeNull();
        expect(known.has(m?.[1] as string), li).toBe(true);
        expect(LABELS.has(m?.[2] as string), li).toBe(true);
        const swatch = /solar-swatch--(\w+)/.exec(li)?.[1] as keyof typeof CLASS_STYLE;
        expect(solarMessages[`class.${swatch}`]).toBeDefined();
        expect(Object.values(solarMessages[`class.${swatch}`])).toContain(m?.[2]);
      }
    }
    expect(hits).toBeGreaterThan(2 * addresses.length);
  });

  test('the search without JavaScript: colour and text per address, a clear message for unknown ones, 400 for an empty street', async () => {
    const found = await t.app.inject({ method: 'GET', url: `/solar/suche?strasse=${encodeURIComponent('von byland str 53')}` });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Ergebnisse für „von byland str 53“');
    expect(text(mainOf(found.body))).toMatch(/Von-Byland-Straße 53: (Sehr gut|Gut|Bedingt|Nicht) geeignet/);
    const unknown = await t.app.inject({ method: 'GET', url: '/en/solar/search?strasse=Nowhere+Lane&nr=1' });
    expect(unknown.body).toContain('There is no result for this address.');
    const empty = await t.app.inject({ method: 'GET', url: '/solar/suche?strasse=&nr=4' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Bitte geben Sie eine Straße an.');
    expect(empty.body).toContain('value="4"');
    expect(empty.body).toContain('<title>Fehler: ');
  });
});

describe('[C12] a configured base map', () => {
  test('is marked [extern] with whose terms apply, and only the map page may load from its origin', async () => {
    const app = await createTestApp({
      env: { SOLAR_BASEMAP_URL: 'https://tiles.example.net/osm/{z}/{x}/{y}.png', SOLAR_BASEMAP_ATTRIBUTION: '© Example Maps' },
    });
    try {
      const page = await app.app.inject({ method: 'GET', url: '/en/solar' });
      expect(page.body).toContain('Base map by tiles.example.net.');
      expect(page.body).toContain(
        '<span class="extern">[external] <span class="extern__terms">(Service of tiles.example.net; its own privacy terms apply)</span></span>',
      );
      expect(page.body).toContain('data-basemap="https://tiles.example.net/osm/{z}/{x}/{y}.png"');
      expect(page.body).toContain('data-basemap-attribution="© Example Maps [external]"');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.example\.net/);
      expect(csp).toMatch(/connect-src [^;]*https:\/\/tiles\.example\.net/);
      expect(csp).toMatch(/script-src 'self';/);
      const other = await app.app.inject({ method: 'GET', url: '/solar/suche' });
      expect(String(other.headers['content-security-policy'])).not.toContain('example.net');
      // without one, nothing is loaded from elsewhere and the page says so
      const plain = await t.app.inject({ method: 'GET', url: '/solar' });
      expect(plain.body).toContain('ohne Hintergrundkarte');
      expect(plain.body).not.toContain('data-basemap');
      expect(String(plain.headers['content-security-policy'])).toContain("connect-src 'self';");
    } finally {
      await app.close();
    }
  });
});
