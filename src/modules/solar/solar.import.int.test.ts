import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { loadRoofsReference } from './compute/test-data.ts';
import { decodePolygons } from './solar.geometry-codec.ts';
import type { SolarTables } from './solar.tables.ts';
import { editedTile, lineOf, sampleTile, sampleTileName, solar } from './solar.test-support.ts';

let t: TestApp;
const db = () => t.database.db.withTables<SolarTables>();
const count = async (table: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]?.n;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('solar import', () => {
  test('[C23] the CLI streams a CityGML 1.0 tile into the model: buildings, parts, roofs with geometry, addresses, footprints in WGS84', async () => {
    const { code, out } = await solar(t.ctx, 'import', sampleTile);
    expect(code).toBe(0);
    expect(out).toContain(`${sampleTileName}.gml: 83 buildings (50 parts, 170 roof surfaces, 73 addresses)`);
    expect(out).toContain('0 skipped');

    const reference = loadRoofsReference();
    const tile = await db().selectFrom('solar_tiles').selectAll().executeTakeFirstOrThrow();
    expect(tile).toMatchObject({
      name: sampleTileName,
      buildings: 83,
      skipped: 0,
      file_sha256: 'd591cf1afa2041a39368dc5228dc838f640765f9bd892db5608981f315e433a6',
    });
    expect(tile.srs_name).toContain('UTM32');
    expect(await count('solar_buildings')).toBe(83);
    expect(await count('solar_roof_surfaces')).toBe(170);
    expect(await count('solar_addresses')).toBe(73);

    // Roof geometry agrees with the independently computed reference, surface by surface.
    const roofs = await db()
      .selectFrom('solar_roof_surfaces as s')
      .innerJoin('solar_buildings as b', 'b.id', 's.building_id')
      .select(['b.alkis_id', 's.gml_id', 's.part_id', 's.area_m2', 's.tilt_deg', 's.azimuth_deg', 's.polygons', 's.polygon_count'])
      .execute();
    for (const expected of reference.roof_surfaces) {
      const row = roofs.find((r) => r.gml_id === expected.roof_surface_id);
      expect(row, expected.roof_surface_id).toBeDefined();
      expect(row?.alkis_id).toBe(expected.building_id);
      expect(row?.part_id).toBe(expected.building_part_id);
      expect(row?.polygon_count).toBe(expected.polygons);
      expect(row?.area_m2).toBeCloseTo(expected.area_m2, 2);
      expect(row?.tilt_deg).toBeCloseTo(expected.tilt_deg, 2);
      expect(decodePolygons(row?.polygons as Uint8Array)).toHaveLength(expected.polygons);
    }
    const total = roofs.reduce((s, r) => s + r.area_m2, 0);
    expect(total).toBeCloseTo(reference.stats.total_roof_area_m2, 1);

    // Attributes and addresses, building by building.
    const rows = await db().selectFrom('solar_buildings').selectAll().execute();
    const allAddresses = await db()
      .selectFrom('solar_addresses')
      .select(['building_id', 'street', 'number', 'town'])
      .orderBy('id')
      .execute();
    for (const b of reference.buildings) {
      const row = rows.find((r) => r.alkis_id === b.building_id);
      if (!row) throw new Error(`${b.building_id} missing`);
      expect(row.function).toBe(b.function);
      expect(row.part_count).toBe(b.parts.length);
      expect(row.measured_height_m).toBeGreaterThan(0);
      const addresses = allAddresses.filter((a) => a.building_id === row.id);
      expect(addresses.map((a) => [a.street, a.number, a.town])).toEqual(b.addresses.map((a) => [a.street, a.number, a.locality]));
      // The footprint: a WGS84 MultiPolygon around the tile's centre (51.0271 N, 5.8697 E), closed rings.
      expect(row.footprint.type).toBe('MultiPolygon');
      for (const polygon of row.footprint.coordinates) {
        const ring = polygon[0] as [number, number][];
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring.at(-1));
        for (const [lon, lat] of ring) {
          expect(Math.abs(lon - 5.8697)).toBeLessThan(0.01);
          expect(Math.abs(lat - 51.0271)).toBeLessThan(0.01);
        }
      }
      expect(Math.abs(row.centroid_lat - 51.0271)).toBeLessThan(0.01);
    }
    const search = await db()
      .selectFrom('solar_addresses')
      .select(['street_key', 'number_key'])
      .where('street', '=', 'Von-Byland-Straße')
      .where('number', '=', '53')
      .executeTakeFirstOrThrow();
    expect(search).toEqual({ street_key: 'vonbylandstr', number_key: '53' });
  });

  test('[C23] importing the same tile again replaces it: no duplicates, same counts, new rows', async () => {
    const before = await db().selectFrom('solar_buildings').select('id').orderBy('id').execute();
    const { code, out } = await solar(t.ctx, 'import', sampleTile);
    expect(code).toBe(0);
    expect(out).toContain('replaced the 83 buildings of the previous import');
    const after = await db().selectFrom('solar_buildings').select('id').orderBy('id').execute();
    expect(after).toHaveLength(83);
    expect(after[0]?.id).toBeGreaterThan(before.at(-1)?.id as number);
    expect(await count('solar_tiles')).toBe(1);
    expect(await count('solar_roof_surfaces')).toBe(170);
  });

  test('[C23] a broken building is reported with its element and line and skipped; the rest loads', async () => {
    const gml = readFileSync(sampleTile, 'utf8');
    const start = gml.indexOf('<bldg:Building gml:id="DENW43AL00001j2W"');
    // A roof polygon's coordinates (the terrain intersection curves before it are not read).
    const roof = gml.indexOf('<bldg:RoofSurface', start);
    const posList = gml.indexOf('<gml:posList', roof);
    const brokenLine = lineOf(gml, '<gml:posList', roof);
    const file = editedTile(`${sampleTileName}.gml`, (text) => {
      const close = text.indexOf('>', posList) + 1;
      return `${text.slice(0, close)}28x0123.0 ${text.slice(close)}`;
    });
    const { code, out } = await solar(t.ctx, 'import', file);
    expect(code).toBe(0);
    expect(out).toContain(
      `skipped building DENW43AL00001j2W: ${sampleTileName}.gml line ${brokenLine}, gml:posList: not a coordinate: "28x0123.0"`,
    );
    expect(out).toContain('82 buildings');
    expect(out).toContain('1 skipped');
    expect(await count('solar_buildings')).toBe(82);
    expect(
      await db().selectFrom('solar_buildings').select('id').where('alkis_id', '=', 'DENW43AL00001j2W').executeTakeFirst(),
    ).toBeUndefined();
    expect((await db().selectFrom('solar_tiles').select('skipped').executeTakeFirstOrThrow()).skipped).toBe(1);
  });

  test('malformed XML and a foreign coordinate system reject the file with a clear message and change nothing', async () => {
    const gml = readFileSync(sampleTile, 'utf8');
    await solar(t.ctx, 'import', sampleTile);
    const broken = editedTile(`${sampleTileName}.gml`, (text) => text.replace('</bldg:Building>', '</bldg:Buildin>'));
    const line = lineOf(gml, '</bldg:Building>');
    const result = await solar(t.ctx, 'import', broken);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`${sampleTileName}\\.gml: line ${line}, column \\d+: .*nothing was imported`));
    expect(await count('solar_buildings')).toBe(83);

    const utm33 = editedTile('other.gml', (text) => text.replaceAll('urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016', 'EPSG:25833'));
    const foreign = await solar(t.ctx, 'import', utm33);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('other.gml: coordinate reference system EPSG:25833 is not supported (EPSG:25832 expected)');
    expect(await count('solar_tiles')).toBe(1);

    const missing = await solar(t.ctx, 'import', '/nonexistent/tile.gml');
    expect(missing).toMatchObject({ code: 1, err: '/nonexistent/tile.gml: no such file' });
    expect((await solar(t.ctx, 'import')).code).toBe(2);
  });

  test('[C23] CityGML 2.0 reads the same; a building in a newer tile moves there', async () => {
    const v2 = editedTile('tile-v2.gml', (text) =>
      text
        .replaceAll('http://www.opengis.net/citygml/1.0', 'http://www.opengis.net/citygml/2.0')
        .replace(/citygml\/(building|generics|appearance|cityobjectgroup)\/1\.0/g, 'citygml/$1/2.0'),
    );
    const { code, out } = await solar(t.ctx, 'import', v2);
    expect(code).toBe(0);
    expect(out).toContain('tile-v2.gml: 83 buildings (50 parts, 170 roof surfaces, 73 addresses)');
    expect(out).toContain('83 moved here from other tiles');
    expect(await count('solar_buildings')).toBe(83);
    const tiles = await db().selectFrom('solar_tiles').select(['name', 'buildings']).orderBy('name').execute();
    expect(tiles).toEqual([
      { name: sampleTileName, buildings: 0 },
      { name: 'tile-v2', buildings: 83 },
    ]);
  });
});
