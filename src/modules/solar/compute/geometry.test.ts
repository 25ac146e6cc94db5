import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CityBuilding, CityPolygon } from './citygml.ts';
import type { Vec3 } from './geometry.ts';
import {
  analysePolygon,
  analyseSurface,
  gridAzimuthDeg,
  newellVector,
  planeBasis,
  polygonArea,
  ringVertexCount,
  tiltDeg,
} from './geometry.ts';
import { loadGolden, loadRoofsReference, readTile } from './test-data.ts';

const reference = loadRoofsReference();
const tol = loadGolden().tolerances.roof_geometry;

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

describe('roof geometry of the sample tile against roofs-LoD2_32_280_5657_1_NW.json', () => {
  let buildings: CityBuilding[] = [];
  const polygons = new Map<string, CityPolygon>();
  const surfaces = new Map<string, CityPolygon[]>();
  beforeAll(async () => {
    buildings = await readTile();
    for (const b of buildings) {
      for (const owner of [b, ...b.parts]) {
        for (const s of owner.roofSurfaces) {
          surfaces.set(s.id!, s.polygons);
          for (const p of s.polygons) polygons.set(p.id!, p);
        }
      }
    }
  });

  test('[C23] area, tilt, grid and true azimuth of all 181 roof polygons within the golden tolerances', () => {
    expect(reference.roofs).toHaveLength(181);
    expect(polygons.size).toBe(181);
    const worst = { area: 0, tilt: 0, azimuth: 0, azimuthTrue: 0 };
    for (const r of reference.roofs) {
      const polygon = polygons.get(r.polygon_id);
      expect(polygon, r.polygon_id).toBeDefined();
      const g = analysePolygon(polygon!);
      expect(ringVertexCount(polygon!.exterior)).toBe(r.vertices);
      const areaDiff = Math.abs(g.area - r.area_m2);
      expect(areaDiff, r.polygon_id).toBeLessThanOrEqual(Math.max(tol.area_relative * r.area_m2, tol.area_absolute_m2));
      expect(Math.abs(g.tiltDeg - r.tilt_deg), r.polygon_id).toBeLessThanOrEqual(tol.tilt_deg);
      expect(g.facingDown).toBe(r.facing_down);
      worst.area = Math.max(worst.area, areaDiff);
      worst.tilt = Math.max(worst.tilt, Math.abs(g.tiltDeg - r.tilt_deg));
      if (r.azimuth_deg === null) {
        expect(g.azimuthGridDeg, r.polygon_id).toBeNull();
        expect(g.azimuthTrueDeg, r.polygon_id).toBeNull();
      } else {
        expect(angleDiff(g.azimuthGridDeg!, r.azimuth_deg), r.polygon_id).toBeLessThanOrEqual(tol.azimuth_deg);
        expect(angleDiff(g.azimuthTrueDeg!, r.azimuth_true_deg!), r.polygon_id).toBeLessThanOrEqual(tol.azimuth_deg);
        worst.azimuth = Math.max(worst.azimuth, angleDiff(g.azimuthGridDeg!, r.azimuth_deg));
        worst.azimuthTrue = Math.max(worst.azimuthTrue, angleDiff(g.azimuthTrueDeg!, r.azimuth_true_deg!));
      }
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(g.normal[i]! - r.normal[i]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(g.centroid[i]! - r.centroid[i]!)).toBeLessThanOrEqual(0.0005 + 1e-9); // reference rounded to mm
      }
      expect(Math.abs(g.maxPlaneDeviation - r.max_plane_dev_m)).toBeLessThanOrEqual(0.00005 + 1e-9);
    }
    console.info(`roof geometry worst deviations: ${JSON.stringify(worst)}`);
  });

  test('tile statistics: total roof area, flat polygons, planarity', () => {
    const all = [...polygons.values()].map((p) => analysePolygon(p));
    const total = all.reduce((s, g) => s + g.area, 0);
    expect(Math.abs(total - reference.stats.total_roof_area_m2)).toBeLessThan(0.01);
    expect(all.filter((g) => g.tiltDeg < 1)).toHaveLength(reference.counts.polygons_tilt_lt_1_deg!);
    expect(Math.max(...all.map((g) => g.tiltDeg))).toBeCloseTo(reference.stats.tilt_deg_max, 3);
    expect(Math.max(...all.map((g) => g.maxPlaneDeviation))).toBeCloseTo(reference.stats.max_plane_dev_m, 4);
    expect(all.filter((g) => g.maxPlaneDeviation > 0.01)).toHaveLength(reference.stats.polygons_plane_dev_gt_1cm);
  });

  test('per RoofSurface aggregates (area sum, area-weighted normal) for all 170 surfaces', () => {
    expect(reference.roof_surfaces).toHaveLength(170);
    for (const r of reference.roof_surfaces) {
      const g = analyseSurface(surfaces.get(r.roof_surface_id)!);
      expect(g.polygons).toHaveLength(r.polygons);
      expect(Math.abs(g.area - r.area_m2)).toBeLessThanOrEqual(Math.max(tol.area_relative * r.area_m2, tol.area_absolute_m2));
      expect(Math.abs(g.tiltDeg - r.tilt_deg)).toBeLessThanOrEqual(tol.tilt_deg);
      if (r.azimuth_deg === null) expect(g.azimuthGridDeg).toBeNull();
      else expect(angleDiff(g.azimuthGridDeg!, r.azimuth_deg)).toBeLessThanOrEqual(tol.azimuth_deg);
    }
  });

  test('true azimuth = grid azimuth − 2.43° in this tile', () => {
    const south = reference.roofs.find((r) => r.azimuth_deg !== null)!;
    const g = analysePolygon(polygons.get(south.polygon_id)!);
    expect(angleDiff(g.azimuthGridDeg! - g.azimuthTrueDeg!, reference.grid_azimuth_of_true_north_at_center_deg)).toBeLessThan(0.01);
  });
});

describe('geometry primitives', () => {
  const square = (z: number, ccw = true): Float64Array =>
    Float64Array.from(ccw ? [0, 0, z, 4, 0, z, 4, 4, z, 0, 4, z] : [0, 0, z, 0, 4, z, 4, 4, z, 4, 0, z]);

  test('Newell: counter-clockwise square seen from above faces up, area 16; reversed faces down', () => {
    expect(newellVector(square(10))).toEqual([0, 0, 32]);
    expect(polygonArea({ exterior: square(10), interiors: [] })).toBe(16);
    const down = analysePolygon({ exterior: square(10, false), interiors: [] }, () => 0);
    expect(down.facingDown).toBe(true);
    expect(down.tiltDeg).toBe(180);
    expect(down.azimuthGridDeg).toBeNull();
  });

  test('a closing duplicate vertex changes nothing', () => {
    const open = square(3);
    const closed = Float64Array.from([...open, 0, 0, 3]);
    expect(ringVertexCount(closed)).toBe(4);
    expect(newellVector(closed)).toEqual(newellVector(open));
  });

  test('holes are subtracted', () => {
    const hole = Float64Array.from([1, 1, 0, 1, 2, 0, 2, 2, 0, 2, 1, 0]);
    expect(polygonArea({ exterior: square(0), interiors: [hole] })).toBe(15);
  });

  test('a roof rising to the north faces south at its slope angle', () => {
    // 30° slope: z rises by tan 30° per metre northwards.
    const t = Math.tan(Math.PI / 6);
    const ring = Float64Array.from([0, 0, 0, 10, 0, 0, 10, 5, 5 * t, 0, 5, 5 * t]);
    const g = analysePolygon({ exterior: ring, interiors: [] }, () => 2);
    expect(g.tiltDeg).toBeCloseTo(30, 10);
    expect(g.azimuthGridDeg).toBeCloseTo(180, 10);
    expect(g.azimuthTrueDeg).toBeCloseTo(178, 10);
    expect(g.area).toBeCloseTo((10 * 5) / Math.cos(Math.PI / 6), 10);
  });

  test('Newell is exact far from the origin (UTM magnitudes)', () => {
    const ring = square(40).map((v, i) => (i % 3 === 0 ? v + 280000.123 : i % 3 === 1 ? v + 5657000.456 : v));
    expect(polygonArea({ exterior: ring, interiors: [] })).toBeCloseTo(16, 9);
  });

  test('tilt and azimuth recover any unit normal; the plane basis is orthonormal and right-handed', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 89, noNaN: true }), fc.double({ min: 0, max: 359.999, noNaN: true }), (tilt, azimuth) => {
        const t = (tilt * Math.PI) / 180;
        const a = (azimuth * Math.PI) / 180;
        const n: Vec3 = [Math.sin(t) * Math.sin(a), Math.sin(t) * Math.cos(a), Math.cos(t)];
        expect(tiltDeg(n)).toBeCloseTo(tilt, 6);
        if (tilt >= 1) expect(angleDiff(gridAzimuthDeg(n)!, azimuth)).toBeLessThan(1e-6);
        const { u, v } = planeBasis(n);
        const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
        expect(dot(u, u)).toBeCloseTo(1, 9);
        expect(dot(v, v)).toBeCloseTo(1, 9);
        expect(dot(u, v)).toBeCloseTo(0, 9);
        expect(dot(u, n)).toBeCloseTo(0, 9);
        expect(u[2]).toBe(0);
        expect(v[2]).toBeGreaterThanOrEqual(-1e-9);
        const cross: Vec3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
        for (let i = 0; i < 3; i++) expect(cross[i]).toBeCloseTo(n[i]!, 9);
      }),
    );
  });
});
