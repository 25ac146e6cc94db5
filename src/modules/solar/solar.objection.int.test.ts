import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { SolarTables } from './solar.tables.ts';
import { editedTile, sampleTile, sampleTileName, solar, solarTestEnv } from './solar.test-support.ts';

let t: TestApp;
const db = () => t.database.db.withTables<SolarTables>();
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

// Holzstraße 2: a house and its outbuildings, several buildings under one address.
const STREET = 'Holzstraße';
const NUMBER = '2';
let alkisIds: string[];

async function mapFeatures(): Promise<{ properties: { street: string | null; number: string | null; colour: string } }[]> {
  const res = await t.app.inject({ method: 'GET', url: '/solar/karte.geojson' });
  expect(res.statusCode).toBe(200);
  return res.json().features;
}
const shownAt = async (street: string, number: string) =>
  (await mapFeatures()).filter((f) => f.properties.street === street && f.properties.number === number).length;
async function searchHits(street: string, number: string): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/solar/suche?strasse=${encodeURIComponent(street)}&nr=${encodeURIComponent(number)}`,
  });
  const section = /<section aria-labelledby="solar-hits-heading"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
  return section.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}
type Ring = [number, number][];
interface Layers {
  plans: string[];
  streets: string[];
  prisms: Ring[];
}
/** The base map's ground plans and street names, and the 3D view's prisms, as the browser gets them. */
async function layers(): Promise<Layers> {
  const base = (await t.app.inject({ method: 'GET', url: '/solar/grundkarte.geojson' })).json() as {
    features: { geometry: { type: string; coordinates: unknown }; properties: { name?: string } }[];
  };
  const model = (await t.app.inject({ method: 'GET', url: '/solar/karte-3d.geojson' })).json() as {
    features: { geometry: { coordinates: Ring[] } }[];
  };
  return {
    plans: base.features.filter((f) => f.geometry.type === 'MultiPolygon').map((f) => JSON.stringify(f.geometry.coordinates)),
    streets: base.features.flatMap((f) => (f.properties.name ? [f.properties.name] : [])),
    prisms: model.features.map((f) => f.geometry.coordinates[0] as Ring),
  };
}
/** Whether a point lies inside a ring (even–odd rule). */
function inside([x, y]: [number, number], ring: Ring): boolean {
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}
const centre = (ring: Ring): [number, number] => {
  const open = ring.slice(0, -1);
  return [open.reduce((s, p) => s + p[0], 0) / open.length, open.reduce((s, p) => s + p[1], 0) / open.length];
};

async function objectTo(fields: Record<string, string>, path = '/solar/widerspruch') {
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });
}
const valid = {
  role: 'owner',
  street: 'holzstr.',
  number: NUMBER,
  postcode: '',
  town: '',
  name: 'Erika Mustermann',
  email: 'erika@example.org',
};

beforeAll(async () => {
  t = await createTestApp({ env: solarTestEnv() });
  expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
  expect((await solar(t.ctx, 'compute', '--no-shading')).code).toBe(0);
  const rows = await db()
    .selectFrom('solar_addresses as a')
    .innerJoin('solar_buildings as b', 'b.id', 'a.building_id')
    .select('b.alkis_id')
    .where('a.street', '=', STREET)
    .where('a.number', '=', NUMBER)
    .execute();
  expect(rows.length).toBeGreaterThan(1);
  alkisIds = rows.map((r) => r.alkis_id).sort();
});
afterAll(() => t?.close());

describe('[C26] objections black a building out of the public view', () => {
  test('a form with mistakes is answered with 400, field messages and the values kept; nothing is stored', async () => {
    const res = await objectTo({ role: 'landlord', street: STREET, number: 'zwei', postcode: '123', town: '', name: '', email: 'erika@' });
    expect(res.statusCode).toBe(400);
    for (const message of [
      'Bitte wählen Sie eine der angebotenen Möglichkeiten für „Sie sind“',
      'Eine Hausnummer beginnt mit einer Ziffer',
      'Eine Postleitzahl hat fünf Ziffern',
      'Bitte füllen Sie „Ihr Name“ aus',
      'gültige E-Mail-Adresse',
    ]) {
      expect(res.body).toContain(message);
    }
    expect(res.body).toContain(`value="${STREET}"`);
    expect(res.body).toContain('value="erika@"');
    const unknown = await objectTo({ ...valid, street: 'Nirgendwo-Gasse' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Zu dieser Adresse finden wir kein Gebäude im Solarkataster.');
    const en = await objectTo({ ...valid, email: 'nope' }, '/en/solar/objection');
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Please enter a valid e-mail address');
    expect(await db().selectFrom('solar_objections').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('solar_blackouts').select('id').execute()).toEqual([]);
    expect(await shownAt(STREET, NUMBER)).toBe(alkisIds.length);
  });

  test('[C26] on submit the building leaves the map data, the search and the pages at once', async () => {
    const before = await mapFeatures();
    const layersBefore = await layers();
    expect(await shownAt(STREET, NUMBER)).toBe(alkisIds.length);
    expect(await searchHits(STREET, NUMBER)).toContain(`${STREET} ${NUMBER}:`);

    const res = await objectTo(valid);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/solar/widerspruch/eingegangen');
    const received = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(received.body).toContain('Das Gebäude wird ab sofort nicht mehr in der Karte');
    expect(received.body).not.toContain('Erika');

    // At once: the very next requests no longer show it, and nothing else went missing.
    expect(await shownAt(STREET, NUMBER)).toBe(0);
    expect((await mapFeatures()).length).toBe(before.length - alkisIds.length);
    const hidden = await searchHits(STREET, NUMBER);
    expect(hidden).not.toContain(`${STREET} ${NUMBER}:`);
    // A blacked-out address reads exactly like one the cadastre never had.
    const never = await searchHits(STREET, '999');
    expect(hidden.replace(`${STREET} ${NUMBER}`, '…')).toBe(never.replace(`${STREET} 999`, '…'));
    expect(await searchHits(STREET, '')).not.toContain(`${STREET} ${NUMBER}:`);

    // Out of every layer: the base map's ground plans and the 3D view lose exactly these buildings.
    const footprints = await db().selectFrom('solar_buildings').select('footprint').where('alkis_id', 'in', alkisIds).execute();
    const plans = footprints.map((f) => JSON.stringify(f.footprint.coordinates));
    const outer = footprints.flatMap((f) => f.footprint.coordinates.map((polygon) => polygon[0] as Ring));
    const onThem = (ring: Ring) => outer.some((o) => inside(centre(ring), o));
    const after = await layers();
    for (const plan of plans) {
      expect(layersBefore.plans).toContain(plan);
      expect(after.plans).not.toContain(plan);
    }
    expect(after.plans).toHaveLength(layersBefore.plans.length - alkisIds.length);
    const prismsOnThem = layersBefore.prisms.filter(onThem).length;
    expect(prismsOnThem).toBeGreaterThan(alkisIds.length);
    expect(after.prisms.filter(onThem)).toEqual([]);
    expect(after.prisms).toHaveLength(layersBefore.prisms.length - prismsOnThem);
    // The street keeps its name while other houses carry it.
    expect(after.streets).toContain(STREET);

    // Who objected is kept apart from the blackout, which names only the building.
    const blackouts = await db().selectFrom('solar_blackouts').selectAll().orderBy('alkis_id').execute();
    expect(blackouts.map((b) => b.alkis_id)).toEqual(alkisIds);
    for (const b of blackouts) expect(b.address_key).toBe('selfkant|holzstr|2');
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'solar_blackouts' and table_schema = current_schema() order by ordinal_position`.execute(
      t.database.db,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual(['id', 'alkis_id', 'address_key', 'created_at', 'objection_id']);
    const objection = await db().selectFrom('solar_objections').selectAll().executeTakeFirstOrThrow();
    expect(objection).toMatchObject({
      role: 'owner',
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      street: 'holzstr.',
      number: NUMBER,
      locale: 'de',
    });
    for (const b of blackouts) expect(b.objection_id).toBe(objection.id);
    expect((await solar(t.ctx, 'status')).out).toContain(`blacked out (objections): ${alkisIds.length}`);
  });

  test('[C26] the blackout survives every re-import, even one that gives the building a new ALKIS id', async () => {
    expect((await solar(t.ctx, 'import', sampleTile)).code).toBe(0);
    expect((await solar(t.ctx, 'compute', '--no-shading')).out).toContain('computed 83 buildings');
    expect(await shownAt(STREET, NUMBER)).toBe(0);
    expect(await shownAt(STREET, '4')).toBeGreaterThan(0);

    // The next model update renames the building: the address still identifies it.
    const renamed = editedTile(`${sampleTileName}.gml`, (gml) => gml.replaceAll(alkisIds[0] as string, 'DENW43AL0000NEW1'));
    expect((await solar(t.ctx, 'import', renamed)).code).toBe(0);
    expect((await solar(t.ctx, 'compute', '--no-shading')).code).toBe(0);
    const renamedRow = await db().selectFrom('solar_buildings').select('id').where('alkis_id', '=', 'DENW43AL0000NEW1').executeTakeFirst();
    expect(renamedRow).toBeDefined();
    expect(
      await db()
        .selectFrom('solar_building_results')
        .select('building_id')
        .where('building_id', '=', renamedRow?.id as number)
        .executeTakeFirst(),
    ).toBeDefined();
    expect(await shownAt(STREET, NUMBER)).toBe(0);
    expect(await searchHits(STREET, NUMBER)).not.toContain(`${STREET} ${NUMBER}:`);
    expect(await db().selectFrom('solar_blackouts').select('id').execute()).toHaveLength(alkisIds.length);
  });
});
