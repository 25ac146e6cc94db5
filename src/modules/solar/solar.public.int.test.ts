import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TileType } from 'pmtiles';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { CLASS_STYLE, SUITABILITY_CLASSES } from './solar.classes.ts';
import { ROOF_UNKNOWN, WALL_COLOUR } from './solar.extrusion.ts';
import { solarMessages } from './solar.messages.ts';
import type { SolarTables } from './solar.tables.ts';
import { sampleTile, solar, solarTestEnv, tileAt, writePmtiles } from './solar.test-support.ts';

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

  test('[C24] the base map and the 3D view carry geometry with only street names, colours and heights', async () => {
    const secret = await privateValues();
    const buildings = await db().selectFrom('solar_buildings').select(['measured_height_m']).execute();
    const streets = new Set((await db().selectFrom('solar_addresses').select('street').execute()).map((a) => a.street));

    const base = await t.app.inject({ method: 'GET', url: '/solar/grundkarte.geojson' });
    expect(base.statusCode).toBe(200);
    expect(base.headers['content-type']).toContain('application/geo+json');
    const baseData = base.json() as { features: { geometry: { type: string }; properties: Record<string, unknown> }[] };
    const plans = baseData.features.filter((f) => f.geometry.type === 'MultiPolygon');
    const names = baseData.features.filter((f) => f.geometry.type !== 'MultiPolygon');
    // every building of the model, computed or not: the base map is the model itself
    expect(plans).toHaveLength(buildings.length);
    for (const f of plans) expect(f.properties).toEqual({});
    expect(new Set(names.map((f) => f.properties.name))).toEqual(streets);
    for (const f of names) {
      expect(Object.keys(f.properties)).toEqual(['name']);
      expect(['LineString', 'Point']).toContain(f.geometry.type);
    }

    const model = await t.app.inject({ method: 'GET', url: '/solar/karte-3d.geojson' });
    expect(model.statusCode).toBe(200);
    const prisms = (model.json() as { features: { geometry: { type: string }; properties: Record<string, number | string> }[] }).features;
    expect(prisms.length).toBeGreaterThan(buildings.length);
    const tallest = Math.max(...buildings.map((b) => b.measured_height_m ?? 0));
    const colours = new Set([...PALETTE, WALL_COLOUR, ROOF_UNKNOWN]);
    for (const f of prisms) {
      expect(f.geometry.type).toBe('Polygon');
      expect(Object.keys(f.properties).sort()).toEqual(['base', 'colour', 'height']);
      expect(colours.has(f.properties.colour as string)).toBe(true);
      const { base: from, height } = f.properties as { base: number; height: number };
      expect(from).toBeGreaterThanOrEqual(0);
      expect(height).toBeGreaterThan(from);
      // the measured heights, not more
      expect(height).toBeLessThanOrEqual(tallest + 0.5);
    }
    // every class shows on the roofs, and the walls are there
    expect(new Set(prisms.map((f) => f.properties.colour))).toEqual(new Set([...PALETTE, WALL_COLOUR]));
    for (const body of [base.body, model.body]) {
      for (const s of secret.filter((v) => !/^[\d.,]+$/.test(v))) expect(body, s).not.toContain(s);
    }
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
        '/solar/grundkarte.geojson',
        '/solar/karte-3d.geojson',
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
      'data-basemap-geojson',
      'data-model3d',
      'data-maplibre',
      'data-label',
      'data-locale',
      'data-attribution',
      'data-msg-found',
      'data-msg-none',
      'data-msg-show',
      'data-msg-marked',
      'data-msg-error-title',
      'data-msg-street-required',
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

describe('the address search', () => {
  const addressesFound = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/solar/suche?${query}` });
    expect(res.statusCode).toBe(200);
    return [...mainOf(res.body).matchAll(/<span class="solar-hit__address">([^<]+)<\/span>/g)].map((m) => m[1] as string);
  };

  test('a part of the name anywhere in it finds the street; "Str.", "Strasse", "ae" for "ä" count the same', async () => {
    for (const typed of ['Byland', 'byland str', 'Von Byland Strasse', 'VON-BYLAND-STR.', 'bylandstraße']) {
      const hits = await addressesFound(`strasse=${encodeURIComponent(typed)}&nr=53`);
      expect(hits, typed).toEqual(['Von-Byland-Straße 53']);
    }
    // "straße" alone: every street named so, those starting with it first (none here), then by name
    const all = await addressesFound(`strasse=${encodeURIComponent('straße')}`);
    expect(new Set(all.map((a) => a.replace(/ \S+$/, '')))).toEqual(new Set(['Holzstraße', 'Von-Byland-Straße']));
    expect(await addressesFound(`strasse=${encodeURIComponent('holzstrasse')}&nr=4`)).toEqual(['Holzstraße 4']);
    expect(await addressesFound(`strasse=${encodeURIComponent('Haus Millen')}`)).toEqual(['Zum Haus Millen 1']);
    // a street that starts with the text comes before one that only contains it
    const z = await addressesFound('strasse=z');
    expect(z[0]).toBe('Zum Haus Millen 1');
    expect(z.length).toBeGreaterThan(1);
  });

  test('bad input: 400 with the summary first, the field marked invalid and described by its message, in both languages', async () => {
    for (const [url, message] of [
      ['/solar/suche?strasse=&nr=4', 'Bitte geben Sie eine Straße an.'],
      ['/en/solar/search?strasse=%20%20&nr=', 'Please enter a street.'],
      [`/solar/suche?strasse=${'x'.repeat(101)}`, '100'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      const main = mainOf(res.body);
      const summary = main.indexOf('id="error-summary"');
      expect(summary, url).toBeGreaterThan(0);
      expect(summary).toBeLessThan(main.indexOf('<form'));
      expect(main).toMatch(/<a href="#f-strasse">[^<]*<\/a>/);
      expect(main).toContain(message);
      expect(main).toMatch(/<input id="f-strasse"[^>]*aria-invalid="true"[^>]*aria-describedby="f-strasse-hint f-strasse-error"/);
      expect(main).not.toMatch(/<input id="f-nr"[^>]*aria-invalid/);
    }
  });
});

describe('[C12] a configured base map of a third party', () => {
  test('[C12] is offered behind a button marked [extern], only the map page may load from its origin, and the statement names the provider', async () => {
    const app = await createTestApp({
      env: { SOLAR_BASEMAP_URL: 'https://tiles.example.net/osm/{z}/{x}/{y}.png', SOLAR_BASEMAP_ATTRIBUTION: '© Example Maps' },
    });
    try {
      const page = await app.app.inject({ method: 'GET', url: '/en/solar' });
      expect(page.body).toContain('On request we show a base map by tiles.example.net. Only once you switch it on');
      expect(page.body).toContain(
        '<span class="extern">[external] <span class="extern__terms">(Service of tiles.example.net; its own privacy terms apply)</span></span>',
      );
      // the button that asks for it (the script shows it), described by the note above
      expect(page.body).toMatch(
        /<button type="button" id="solar-external" class="[^"]*" aria-pressed="false" aria-describedby="solar-external-note">Base map by tiles\.example\.net \[external\]<\/button>/,
      );
      expect(page.body).toContain('data-external="https://tiles.example.net/osm/{z}/{x}/{y}.png"');
      expect(page.body).toContain('data-external-attribution="© Example Maps [external]"');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.example\.net/);
      expect(csp).toMatch(/connect-src [^;]*https:\/\/tiles\.example\.net/);
      expect(csp).toMatch(/script-src 'self';/);
      const other = await app.app.inject({ method: 'GET', url: '/solar/suche' });
      expect(String(other.headers['content-security-policy'])).not.toContain('example.net');

      // The register names the provider as a recipient, so the statement does, in both languages.
      const de = text((await app.app.inject({ method: 'GET', url: '/datenschutz' })).body);
      expect(de).toContain('Hintergrundkarte eines Drittanbieters im Solarkataster');
      expect(de).toContain('© Example Maps (tiles.example.net) als Anbieter der Kartenkacheln');
      const en = text((await app.app.inject({ method: 'GET', url: '/en/privacy' })).body);
      expect(en).toContain('© Example Maps (tiles.example.net) as the provider of the map tiles');

      // without one, nothing is offered or allowed from elsewhere, and the page and statement say so
      const plain = await t.app.inject({ method: 'GET', url: '/solar' });
      expect(plain.body).toContain('alles von unserem eigenen Server: Beim Ansehen werden keine Daten an Dritte übertragen.');
      expect(plain.body).not.toContain('data-external');
      expect(plain.body).not.toContain('solar-external');
      expect(String(plain.headers['content-security-policy'])).toContain("connect-src 'self';");
      // MapLibre's workers come from its own file: the map page needs no blob: workers
      expect(String(plain.headers['content-security-policy'])).toContain("worker-src 'self';");
      expect(text((await t.app.inject({ method: 'GET', url: '/datenschutz' })).body)).not.toContain('Drittanbieters im Solarkataster');
    } finally {
      await app.close();
    }
  });
});

describe('[C12] a self-hosted base map', () => {
  test('[C12] tiles of the operator are served from this origin: the page uses them, and nothing is allowed from elsewhere', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-own-tiles-'));
    const file = path.join(dir, 'selfkant.pmtiles');
    const png = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#d0d0c8' } })
      .png()
      .toBuffer();
    const here = tileAt(5.8697, 51.0271, 14);
    writePmtiles(file, [{ ...here, data: png }], { tileType: TileType.Png, bounds: [5.8597, 51.0171, 5.8797, 51.0371] });
    const app = await createTestApp({ env: { SOLAR_BASEMAP_TILES: file, SOLAR_BASEMAP_TILES_ATTRIBUTION: '© Kreis Heinsberg' } });
    try {
      const tileRes = await app.app.inject({ method: 'GET', url: `/solar/grundkarte/${here.z}/${here.x}/${here.y}` });
      expect(tileRes.statusCode).toBe(200);
      expect(tileRes.headers['content-type']).toBe('image/png');
      expect(tileRes.rawPayload.equals(png)).toBe(true);
      const none = await app.app.inject({ method: 'GET', url: `/solar/grundkarte/${here.z}/${here.x + 1}/${here.y}` });
      expect(none.statusCode).toBe(204);
      for (const bad of ['14/99999/1', '14/1/x', '..%2F..%2Fetc/1/1', '40/1/1', '14/-1/1'])
        expect((await app.app.inject({ method: 'GET', url: `/solar/grundkarte/${bad}` })).statusCode, bad).toBe(404);

      const page = await app.app.inject({ method: 'GET', url: '/solar' });
      expect(page.body).toContain('data-tiles="/solar/grundkarte/{z}/{x}/{y}"');
      expect(page.body).toContain('data-tiles-size="512"');
      expect(page.body).toContain('data-tiles-zoom="14,14"');
      expect(page.body).toContain('data-tiles-bounds="5.8597,51.0171,5.8797,51.0371"');
      expect(page.body).toContain('data-tiles-attribution="© Kreis Heinsberg"');
      expect(page.body).toContain('eine Hintergrundkarte (© Kreis Heinsberg), alles von unserem eigenen Server');
      expect(page.body).not.toContain('[extern]');
      expect(String(page.headers['content-security-policy'])).toContain("connect-src 'self';");
      expect(String(page.headers['content-security-policy'])).toMatch(/img-src 'self' data: blob:;/);
    } finally {
      await app.close();
    }
  });

  test('a setting that names no usable tile set stops the start with the reason', async () => {
    await expect(createTestApp({ env: { SOLAR_BASEMAP_TILES: '/nonexistent/tiles.pmtiles' } })).rejects.toThrow(
      'SOLAR_BASEMAP_TILES (/nonexistent/tiles.pmtiles): no such file or folder',
    );
  });
});
