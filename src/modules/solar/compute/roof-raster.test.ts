import { describe, expect, test } from 'vitest';
import type { PolygonRings, Vec3 } from './geometry.ts';
import { polygonNormal } from './geometry.ts';
import { defaultRoofRasterOptions, rasteriseRoof } from './roof-raster.ts';

const up: Vec3 = [0, 0, 1];
const rect = (x0: number, y0: number, x1: number, y1: number, z = 0): PolygonRings => ({
  exterior: Float64Array.from([x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z]),
  interiors: [],
});

describe('rasteriseRoof', () => {
  test('a 10 m × 8 m roof with 0.5 m setback keeps 9 m × 7 m', () => {
    const r = rasteriseRoof([rect(0, 0, 10, 8)], up);
    expect(r.area).toBe(80);
    expect(r.usableArea).toBeCloseTo(63, 9);
  });

  test('the setback is measured in the roof plane: a 40° roof keeps (L − 2s)(W − 2s) of its true area', () => {
    const t = Math.tan((40 * Math.PI) / 180);
    // 12 m along the eaves, 6 m horizontal depth, rising to the north.
    const polygon = {
      exterior: Float64Array.from([280000, 5657000, 40, 280012, 5657000, 40, 280012, 5657006, 40 + 6 * t, 280000, 5657006, 40 + 6 * t]),
      interiors: [],
    };
    const slope = 6 / Math.cos((40 * Math.PI) / 180);
    const r = rasteriseRoof([polygon], polygonNormal(polygon));
    expect(r.area).toBeCloseTo(12 * slope, 9);
    // The raster resolves the slope length to one cell.
    expect(Math.abs(r.usableArea - 11 * (slope - 1))).toBeLessThan(11 * defaultRoofRasterOptions.cellSize);
    for (let i = 0; i < r.samples.length; i += 3) {
      const x = r.samples[i]! - 280000;
      const y = r.samples[i + 1]! - 5657000;
      expect(r.samples[i + 2]).toBeCloseTo(40 + y * t, 9);
      expect(x).toBeGreaterThanOrEqual(0.5);
      expect(x).toBeLessThanOrEqual(11.5);
    }
  });

  test('edges shared by polygons of the same surface are not edges: two halves give the same as the whole', () => {
    const whole = rasteriseRoof([rect(0, 0, 10, 8)], up);
    const halves = rasteriseRoof([rect(0, 0, 5, 8), rect(5, 0, 10, 8)], up);
    expect(halves.area).toBe(80);
    expect(halves.usableArea).toBeCloseTo(whole.usableArea, 9);
  });

  test('holes are excluded together with a setback around them', () => {
    const withHole: PolygonRings = { ...rect(0, 0, 10, 10), interiors: [Float64Array.from([4, 4, 0, 4, 6, 0, 6, 6, 0, 6, 4, 0])] };
    const r = rasteriseRoof([withHole], up);
    expect(r.area).toBe(96);
    // 9×9 minus the hole grown by 0.5 m (3×3 with rounded corners: 9 − (4 − π)·0.25).
    expect(r.usableArea).toBeCloseTo(81 - (9 - (4 - Math.PI) * 0.25), 0);
  });

  test('sample points lie in the usable part, at most maxSamples of them', () => {
    const r = rasteriseRoof([rect(0, 0, 40, 30)], up);
    const n = r.samples.length / 3;
    expect(n).toBeGreaterThan(8);
    expect(n).toBeLessThanOrEqual(defaultRoofRasterOptions.maxSamples);
    for (let i = 0; i < r.samples.length; i += 3) {
      expect(r.samples[i]).toBeGreaterThanOrEqual(0.5);
      expect(r.samples[i]).toBeLessThanOrEqual(39.5);
      expect(r.samples[i + 1]).toBeGreaterThanOrEqual(0.5);
      expect(r.samples[i + 1]).toBeLessThanOrEqual(29.5);
    }
  });

  test('a strip narrower than twice the setback has no usable area but still one sample at its middle', () => {
    const r = rasteriseRoof([rect(0, 0, 10, 0.8)], up);
    expect(r.usableArea).toBe(0);
    expect(r.samples.length).toBe(3);
    expect(r.samples[1]).toBeCloseTo(0.4, 1);
  });

  test('very large roofs coarsen the raster instead of exploding', () => {
    const r = rasteriseRoof([rect(0, 0, 200, 150)], up);
    expect(r.cellSize).toBeGreaterThan(defaultRoofRasterOptions.cellSize);
    expect(Math.abs(r.usableArea - 199 * 149) / (199 * 149)).toBeLessThan(0.01);
  });
});
