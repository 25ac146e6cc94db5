import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CityBuilding } from './citygml.ts';
import { surfacesOf } from './citygml.ts';
import { polygonArea } from './geometry.ts';
import { readTile } from './test-data.ts';
import { triangulatePolygon } from './triangulate.ts';

function trianglesArea(t: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < t.length; i += 9) {
    const ux = t[i + 3]! - t[i]!;
    const uy = t[i + 4]! - t[i + 1]!;
    const uz = t[i + 5]! - t[i + 2]!;
    const vx = t[i + 6]! - t[i]!;
    const vy = t[i + 7]! - t[i + 1]!;
    const vz = t[i + 8]! - t[i + 2]!;
    sum += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  return sum;
}

const ring = (...xyz: number[]) => Float64Array.from(xyz);

describe('triangulatePolygon', () => {
  test('a convex quad gives 2 triangles of the same total area', () => {
    const t = triangulatePolygon({ exterior: ring(0, 0, 0, 4, 0, 0, 4, 3, 0, 0, 3, 0), interiors: [] });
    expect(t.length / 9).toBe(2);
    expect(trianglesArea(t)).toBeCloseTo(12, 12);
  });

  test('a concave L-shape gives n − 2 triangles covering exactly the polygon', () => {
    const l = ring(0, 0, 5, 6, 0, 5, 6, 2, 5, 2, 2, 5, 2, 6, 5, 0, 6, 5);
    const t = triangulatePolygon({ exterior: l, interiors: [] });
    expect(t.length / 9).toBe(4);
    expect(trianglesArea(t)).toBeCloseTo(6 * 2 + 2 * 4, 12);
  });

  test('holes are cut out; clockwise input and vertical walls work too', () => {
    const withHole = triangulatePolygon({
      exterior: ring(0, 0, 0, 0, 10, 0, 10, 10, 0, 10, 0, 0), // clockwise seen from above
      interiors: [ring(2, 2, 0, 4, 2, 0, 4, 4, 0, 2, 4, 0), ring(6, 6, 0, 8, 6, 0, 8, 8, 0, 6, 8, 0)],
    });
    expect(trianglesArea(withHole)).toBeCloseTo(100 - 8, 9);
    // n − 2 + 2h: every bridge adds two vertices.
    expect(withHole.length / 9).toBe(12 - 2 + 2 * 2);
    const wall = triangulatePolygon({ exterior: ring(0, 0, 0, 5, 0, 0, 5, 0, 3, 0, 0, 3), interiors: [] });
    expect(trianglesArea(wall)).toBeCloseTo(15, 12);
  });

  test('collinear vertices produce no zero-area triangles', () => {
    const t = triangulatePolygon({ exterior: ring(0, 0, 0, 1, 0, 0, 2, 0, 0, 2, 2, 0, 0, 2, 0), interiors: [] });
    expect(trianglesArea(t)).toBeCloseTo(4, 12);
    for (let i = 0; i < t.length; i += 9) expect(trianglesArea(t.subarray(i, i + 9))).toBeGreaterThan(0);
  });

  test('random star-shaped polygons in arbitrary orientation keep their area', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 3, maxLength: 24 }),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        (radii, tilt) => {
          const n = radii.length;
          const pts: number[] = [];
          for (let i = 0; i < n; i++) {
            const a = (2 * Math.PI * i) / n;
            const x = radii[i]! * Math.cos(a);
            const y = radii[i]! * Math.sin(a);
            pts.push(x, y * Math.cos(tilt), y * Math.sin(tilt));
          }
          const polygon = { exterior: Float64Array.from(pts), interiors: [] };
          expect(trianglesArea(triangulatePolygon(polygon))).toBeCloseTo(polygonArea(polygon), 6);
        },
      ),
    );
  });

  describe('every polygon of the sample tile', () => {
    let buildings: CityBuilding[] = [];
    beforeAll(async () => {
      buildings = await readTile();
    });

    // Some roof quads are folded by up to 8 cm, so their triangles are slightly larger than the Newell area.
    test('at most n − 2 triangles per polygon, whose area equals the polygon area within 0.25 %', () => {
      let polygons = 0;
      for (const b of buildings) {
        for (const s of [...surfacesOf(b, 'roofSurfaces'), ...surfacesOf(b, 'wallSurfaces'), ...surfacesOf(b, 'groundSurfaces')]) {
          for (const p of s.polygons) {
            const area = polygonArea(p);
            const triangles = triangulatePolygon(p);
            // Fewer only where collinear vertices were dropped; the area check proves full coverage.
            expect(triangles.length / 9).toBeLessThanOrEqual(p.exterior.length / 3 - 2);
            expect(Math.abs(trianglesArea(triangles) - area)).toBeLessThanOrEqual(2.5e-3 * area + 1e-6);
            polygons++;
          }
        }
      }
      // 181 roof, 747 wall and 124 ground polygons (of 1144; the other 92 are closure surfaces).
      expect(polygons).toBe(181 + 747 + 124);
    });
  });
});
