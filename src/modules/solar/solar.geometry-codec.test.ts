import { describe, expect, test } from 'vitest';
import { readTile } from './compute/test-data.ts';
import { decodePolygons, encodePolygons } from './solar.geometry-codec.ts';

describe('polygon codec', () => {
  test('round-trips every roof and wall polygon of the sample tile exactly', async () => {
    const buildings = await readTile();
    const polygons = buildings.flatMap((b) =>
      [b, ...b.parts].flatMap((p) => [...p.roofSurfaces, ...p.wallSurfaces].flatMap((s) => s.polygons)),
    );
    expect(polygons.length).toBeGreaterThan(800);
    const bytes = encodePolygons(polygons);
    const back = decodePolygons(bytes);
    expect(back).toHaveLength(polygons.length);
    back.forEach((p, i) => {
      expect(p.exterior).toEqual(polygons[i]?.exterior);
      expect(p.interiors).toEqual(polygons[i]?.interiors);
    });
    // about 24 bytes per vertex: far smaller than the GML text
    const vertices = polygons.reduce((n, p) => n + p.exterior.length / 3, 0);
    expect(bytes.byteLength / vertices).toBeLessThan(30);
  });

  test('holes survive; a buffer at an offset (as pg returns them) decodes; damaged data is refused', () => {
    const square = (s: number, z = 0) => Float64Array.from([0, 0, z, s, 0, z, s, s, z, 0, s, z]);
    const input = [
      { id: null, exterior: square(10, 5), interiors: [square(2, 5), square(1, 5)] },
      { id: null, exterior: square(3), interiors: [] },
    ];
    const bytes = encodePolygons(input);
    const padded = new Uint8Array(bytes.byteLength + 3);
    padded.set(bytes, 3);
    expect(decodePolygons(padded.subarray(3))).toEqual(input);
    expect(() => decodePolygons(bytes.subarray(0, bytes.byteLength - 8))).toThrow(/ends early/);
    expect(() => decodePolygons(new Uint8Array([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/trailing/);
    expect(encodePolygons([])).toHaveLength(8);
  });
});
