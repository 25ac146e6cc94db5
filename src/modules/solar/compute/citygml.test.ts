import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BuildingIssue, CityBuilding, CityGmlSource } from './citygml.ts';
import { addressesOf, CityGmlSyntaxError, MAX_ELEMENT_DEPTH, MAX_TEXT_CHARS, readCityGml, surfacesOf } from './citygml.ts';
import { loadRoofsReference, solarDataPath, tileFile } from './test-data.ts';

const tileBytes = readFileSync(solarDataPath(tileFile));
const tileText = tileBytes.toString('utf8');

async function readAll(source: CityGmlSource): Promise<{ buildings: CityBuilding[]; issues: BuildingIssue[] }> {
  const buildings: CityBuilding[] = [];
  const issues: BuildingIssue[] = [];
  for await (const b of readCityGml(source, { onIssue: (i) => issues.push(i) })) buildings.push(b);
  return { buildings, issues };
}

function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('reading the sample tile', () => {
  let buildings: CityBuilding[] = [];
  beforeAll(async () => {
    const result = await readAll(chunks(tileBytes, 64 * 1024));
    expect(result.issues).toEqual([]);
    buildings = result.buildings;
  });

  test('[C23] counts of the README: buildings, parts, roof surfaces and polygons, walls, grounds, addresses', () => {
    const roofSurfaces = buildings.flatMap((b) => surfacesOf(b, 'roofSurfaces'));
    expect(buildings).toHaveLength(83);
    expect(buildings.filter((b) => b.parts.length > 0)).toHaveLength(20);
    expect(buildings.reduce((n, b) => n + b.parts.length, 0)).toBe(50);
    expect(roofSurfaces).toHaveLength(170);
    expect(roofSurfaces.reduce((n, s) => n + s.polygons.length, 0)).toBe(181);
    expect(
      roofSurfaces
        .filter((s) => s.polygons.length > 1)
        .map((s) => s.polygons.length)
        .sort(),
    ).toEqual([6, 7]);
    expect(buildings.flatMap((b) => surfacesOf(b, 'wallSurfaces'))).toHaveLength(708);
    expect(buildings.flatMap((b) => surfacesOf(b, 'groundSurfaces'))).toHaveLength(113);
    const polygonsOf = (kind: 'wallSurfaces' | 'groundSurfaces' | 'otherSurfaces') =>
      buildings.flatMap((b) => surfacesOf(b, kind)).reduce((n, s) => n + s.polygons.length, 0);
    // 1144 gml:Polygon in the file: 181 roof, 747 wall, 124 ground, 92 closure.
    expect([polygonsOf('wallSurfaces'), polygonsOf('groundSurfaces'), polygonsOf('otherSurfaces')]).toEqual([747, 124, 92]);
    // Not in the README's table: the virtual surfaces between parts.
    const other = buildings.flatMap((b) => surfacesOf(b, 'otherSurfaces'));
    expect(other).toHaveLength(78);
    expect(new Set(other.map((s) => s.kind))).toEqual(new Set(['ClosureSurface']));
    expect(buildings.flatMap((b) => addressesOf(b))).toHaveLength(73);
    expect(buildings.filter((b) => addressesOf(b).length > 0)).toHaveLength(69);
    expect(buildings.flatMap((b) => b.parts.flatMap((p) => p.addresses))).toHaveLength(4);
    expect(buildings.every((b) => b.unresolvedXlinks === 0 && b.parts.every((p) => p.unresolvedXlinks === 0))).toBe(true);
  });

  test('roof type distribution over buildings and parts', () => {
    const types = new Map<string, number>();
    for (const owner of buildings.flatMap((b) => [b, ...b.parts])) {
      if (owner.roofType !== null) types.set(owner.roofType, (types.get(owner.roofType) ?? 0) + 1);
    }
    expect(Object.fromEntries(types)).toEqual({ '1000': 50, '2100': 11, '3100': 43, '3200': 2, '5000': 4, '9999': 3 });
  });

  test('polygons are open rings of 3D positions inside the tile envelope, no holes', () => {
    for (const b of buildings) {
      for (const s of [...surfacesOf(b, 'roofSurfaces'), ...surfacesOf(b, 'wallSurfaces'), ...surfacesOf(b, 'groundSurfaces')]) {
        for (const p of s.polygons) {
          expect(p.interiors).toHaveLength(0);
          const r = p.exterior;
          expect(r.length % 3).toBe(0);
          expect(r.length / 3).toBeGreaterThanOrEqual(3);
          const n = r.length / 3;
          expect([r[0], r[1], r[2]]).not.toEqual([r[3 * n - 3], r[3 * n - 2], r[3 * n - 1]]);
          for (let i = 0; i < r.length; i += 3) {
            expect(r[i]).toBeGreaterThanOrEqual(279990);
            expect(r[i]).toBeLessThanOrEqual(281010);
            expect(r[i + 1]).toBeGreaterThanOrEqual(5656990);
            expect(r[i + 1]).toBeLessThanOrEqual(5658010);
            expect(r[i + 2]).toBeGreaterThanOrEqual(35.958);
            expect(r[i + 2]).toBeLessThanOrEqual(50.072);
          }
        }
      }
    }
  });

  test('ids, function, roof type, measured height, generic attributes and addresses per building match the reference', () => {
    const reference = loadRoofsReference();
    const byId = new Map(buildings.map((b) => [b.id, b]));
    expect(byId.size).toBe(reference.buildings.length);
    for (const r of reference.buildings) {
      const b = byId.get(r.building_id)!;
      expect(b, r.building_id).toBeDefined();
      expect(b.function).toBe(r.function);
      expect(b.parts.map((p) => p.id)).toEqual(r.parts);
      expect([b, ...b.parts].map((p) => p.roofType).filter((t) => t !== null)).toEqual(r.roof_types);
      expect(addressesOf(b).map((a) => ({ locality: a.town, street: a.street, number: a.number }))).toEqual(
        r.addresses.map((a) => ({ locality: a.locality, street: a.street, number: a.number })),
      );
      expect(b.attributes.Gemeindeschluessel).toBe('05370024');
    }
    expect(byId.get('DENW43AL00001j2W')!.measuredHeight).toBe(1.482);
  });

  test('the result does not depend on chunk boundaries (including split multi-byte characters)', async () => {
    const small = await readAll(chunks(tileBytes, 997));
    expect(small.buildings).toEqual(buildings);
    const strings = await readAll([tileText.slice(0, 12345), tileText.slice(12345)]);
    expect(strings.buildings).toEqual(buildings);
  });

  test('buildings are yielded while the input is still being read', async () => {
    let chunksRead = 0;
    const counting = (function* () {
      for (const c of chunks(tileBytes, 16 * 1024)) {
        chunksRead++;
        yield c;
      }
    })();
    const iterator = readCityGml(counting, { onIssue: () => {} });
    const first = await iterator.next();
    expect(first.value?.id).toBe('DENW43AL00001j2W');
    expect(chunksRead).toBeLessThan(3);
    await iterator.return();
  });
});

describe('broken input', () => {
  const lines = tileText.split('\n');
  const posListLine = lines.findIndex((l, i) => i > 2000 && l.includes('<gml:posList')) + 1;
  const buildingOf = (lineNumber: number) => {
    for (let i = lineNumber - 1; i >= 0; i--) {
      const m = /<bldg:Building gml:id="([^"]+)"/.exec(lines[i]!);
      if (m) return m[1]!;
    }
    throw new Error('no building');
  };
  const withLine = (lineNumber: number, edit: (l: string) => string) =>
    lines.map((l, i) => (i === lineNumber - 1 ? edit(l) : l)).join('\n');

  test('a non-numeric coordinate skips that building only, reported with element, line and id', async () => {
    const { buildings, issues } = await readAll([withLine(posListLine, (l) => l.replace(/>(\S+) /, '>12x4 '))]);
    expect(buildings).toHaveLength(82);
    expect(issues).toEqual([
      { buildingId: buildingOf(posListLine), element: 'gml:posList', line: posListLine, message: 'not a coordinate: "12x4"' },
    ]);
    expect(buildings.map((b) => b.id)).not.toContain(buildingOf(posListLine));
  });

  test('an incomplete position and a degenerate ring are reported', async () => {
    const odd = await readAll([withLine(posListLine, (l) => l.replace(/ (\S+)<\/gml:posList>/, '</gml:posList>'))]);
    expect(odd.buildings).toHaveLength(82);
    expect(odd.issues[0]).toMatchObject({
      element: 'gml:posList',
      line: posListLine,
      message: expect.stringMatching(/do not form 3D positions/),
    });

    const degenerate = await readAll([withLine(posListLine, (l) => l.replace(/>.*</, '>1 2 3 4 5 6 1 2 3<'))]);
    expect(degenerate.buildings).toHaveLength(82);
    expect(degenerate.issues[0]).toMatchObject({ element: 'gml:LinearRing', message: 'ring with 2 distinct vertices' });
  });

  test('2D coordinates are rejected for LoD2', async () => {
    const { issues } = await readAll([withLine(posListLine, (l) => l.replace('srsDimension="3"', 'srsDimension="2"'))]);
    expect(issues[0]).toMatchObject({ element: 'gml:posList', line: posListLine, message: expect.stringMatching(/srsDimension 2/) });
  });

  test('a non-numeric measured height is reported', async () => {
    const heightLine = lines.findIndex((l) => l.includes('<bldg:measuredHeight')) + 1;
    const { buildings, issues } = await readAll([withLine(heightLine, (l) => l.replace('1.482', 'high'))]);
    expect(buildings).toHaveLength(82);
    expect(issues).toEqual([
      {
        buildingId: 'DENW43AL00001j2W',
        element: 'bldg:measuredHeight',
        line: heightLine,
        message: 'measuredHeight is not a number: "high"',
      },
    ]);
  });

  test('malformed XML is fatal and reports the line', async () => {
    const badLine = lines.findIndex((l, i) => i > 5000 && l.includes('</gml:posList>')) + 1;
    const text = withLine(badLine, (l) => l.replace('</', '</oops'));
    await expect(readAll([text])).rejects.toThrow(CityGmlSyntaxError);
    const err = await readAll([text]).then(
      () => null,
      (e: unknown) => e as CityGmlSyntaxError,
    );
    expect(err?.line).toBe(badLine);
    expect(err?.message).toMatch(new RegExp(`^CityGML line ${badLine}, column \\d+: `));
  });

  test('invalid UTF-8 is fatal and reports where the parser stood', async () => {
    const cut = tileText.indexOf('Von-Byland-Stra');
    const bytes = Buffer.concat([
      Buffer.from(tileText.slice(0, cut), 'utf8'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(tileText.slice(cut), 'utf8'),
    ]);
    const err = await readAll(chunks(bytes, 4096)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CityGmlSyntaxError);
    expect((err as CityGmlSyntaxError).message).toMatch(/invalid UTF-8/);
    expect((err as CityGmlSyntaxError).line).toBeLessThanOrEqual(tileText.slice(0, cut).split('\n').length);
  });

  test('a truncated document is fatal', async () => {
    await expect(readAll([tileText.slice(0, tileText.length / 2)])).rejects.toThrow(CityGmlSyntaxError);
  });
});

describe('hostile input (security finding 12)', () => {
  const HEAD =
    '<?xml version="1.0" encoding="UTF-8"?><core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml">';

  test('a text node longer than the cap stops reading before it is held whole, even when it arrives in small chunks', async () => {
    let written = 0;
    function* source() {
      yield `${HEAD}<core:cityObjectMember><bldg:Building gml:id="b1"><gml:posList>`;
      const chunk = '1.0 2.0 3.0 '.repeat(1024);
      for (;;) {
        written += chunk.length;
        yield chunk;
      }
    }
    await expect(readAll(source())).rejects.toThrow(/text longer than \d+ characters between two tags/);
    expect(written).toBeLessThan(MAX_TEXT_CHARS + 128 * 1024);
  });

  test('elements nested deeper than the cap stop reading', async () => {
    const deep = `${HEAD}${'<x>'.repeat(MAX_ELEMENT_DEPTH + 10)}`;
    await expect(readAll([deep])).rejects.toThrow(CityGmlSyntaxError);
    await expect(readAll([deep])).rejects.toThrow(/nested deeper than 256 levels/);
    // A document within the cap reads as before.
    await expect(readAll([`${HEAD}${'<x>'.repeat(100)}${'</x>'.repeat(100)}</core:CityModel>`])).resolves.toBeDefined();
  });
});

describe('CityGML 2.0', () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" xmlns:b="http://www.opengis.net/citygml/building/2.0"
  xmlns:g="http://www.opengis.net/gml" xmlns:xAL="urn:oasis:names:tc:ciq:xsdschema:xAL:2.0" xmlns:xlink="http://www.w3.org/1999/xlink">
  <core:cityObjectMember>
    <b:Building g:id="B1">
      <b:roofType>3100</b:roofType>
      <b:lod2Solid><g:Solid><g:exterior><g:CompositeSurface>
        <g:surfaceMember xlink:href="#P1"/>
      </g:CompositeSurface></g:exterior></g:Solid></b:lod2Solid>
      <b:boundedBy>
        <b:RoofSurface g:id="R1">
          <b:lod2MultiSurface><g:MultiSurface><g:surfaceMember>
            <g:Polygon g:id="P1">
              <g:exterior><g:LinearRing>
                <g:pos>0 0 10</g:pos><g:pos>10 0 10</g:pos><g:pos>10 10 10</g:pos><g:pos>0 10 10</g:pos><g:pos>0 0 10</g:pos>
              </g:LinearRing></g:exterior>
              <g:interior><g:LinearRing><g:posList>2 2 10 2 4 10 4 4 10 4 2 10 2 2 10</g:posList></g:LinearRing></g:interior>
            </g:Polygon>
          </g:surfaceMember>
          <g:surfaceMember xlink:href="#elsewhere"/>
          </g:MultiSurface></b:lod2MultiSurface>
        </b:RoofSurface>
      </b:boundedBy>
      <b:boundedBy>
        <b:ClosureSurface g:id="C1"><b:lod2MultiSurface><g:MultiSurface><g:surfaceMember><g:Polygon>
          <g:exterior><g:LinearRing><g:posList>0 0 0 0 1 0 0 1 1</g:posList></g:LinearRing></g:exterior>
        </g:Polygon></g:surfaceMember></g:MultiSurface></b:lod2MultiSurface></b:ClosureSurface>
      </b:boundedBy>
      <b:address><core:Address><core:xalAddress><xAL:AddressDetails><xAL:Country><xAL:Locality>
        <xAL:LocalityName>Bochum</xAL:LocalityName>
        <xAL:Thoroughfare><xAL:ThoroughfareNumber>7a</xAL:ThoroughfareNumber><xAL:ThoroughfareName>Hauptstraße</xAL:ThoroughfareName></xAL:Thoroughfare>
        <xAL:PostalCode><xAL:PostalCodeNumber>44787</xAL:PostalCodeNumber></xAL:PostalCode>
      </xAL:Locality></xAL:Country></xAL:AddressDetails></core:xalAddress></core:Address></b:address>
    </b:Building>
  </core:cityObjectMember>
</core:CityModel>`;

  test('reads 2.0 namespaces under any prefix, gml:pos rings, holes, postcode, closure surfaces and counts xlinks', async () => {
    const { buildings, issues } = await readAll([doc]);
    expect(issues).toEqual([]);
    expect(buildings).toHaveLength(1);
    const b = buildings[0]!;
    expect(b.id).toBe('B1');
    expect(b.roofType).toBe('3100');
    expect(b.addresses).toEqual([{ street: 'Hauptstraße', number: '7a', postcode: '44787', town: 'Bochum' }]);
    expect(b.roofSurfaces).toHaveLength(1);
    const polygon = b.roofSurfaces[0]!.polygons[0]!;
    expect(polygon.id).toBe('P1');
    expect([...polygon.exterior]).toEqual([0, 0, 10, 10, 0, 10, 10, 10, 10, 0, 10, 10]);
    expect([...polygon.interiors[0]!]).toEqual([2, 2, 10, 2, 4, 10, 4, 4, 10, 4, 2, 10]);
    expect(b.otherSurfaces.map((s) => s.kind)).toEqual(['ClosureSurface']);
    expect(b.unresolvedXlinks).toBe(1);
  });

  test('a building without gml:id is reported and skipped', async () => {
    const { buildings, issues } = await readAll([doc.replace(' g:id="B1"', '')]);
    expect(buildings).toEqual([]);
    expect(issues).toMatchObject([{ buildingId: null, element: 'bldg:Building', line: 5, message: 'missing gml:id' }]);
  });
});
