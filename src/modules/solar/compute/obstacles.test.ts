import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HorizonOptions } from './horizon.ts';
import { createHorizonContext, horizonProfile, sampleAzimuthDeg } from './horizon.ts';
import type { ObstacleIndex } from './obstacles.ts';
import { buildObstacleIndex } from './obstacles.ts';
import { flatBox, gableHouse } from './synthetic-city.ts';

const square = (x: number, y: number, z: number) => ({
  exterior: Float64Array.from([x, y, z, x + 1, y, z, x + 1, y + 1, z, x, y + 1, z]),
  interiors: [],
});

describe('buildObstacleIndex', () => {
  test('consecutive sources of one group form one cluster; ungrouped sources are clusters of their own', () => {
    const index = buildObstacleIndex([
      { owner: 0, group: 7, polygons: [square(0, 0, 1)] },
      { owner: -1, group: 7, polygons: [square(2, 0, 5)] },
      { owner: 1, polygons: [square(10, 0, 1)] },
      { owner: -1, polygons: [square(20, 0, 1)] },
    ]);
    expect(index.count).toBe(8);
    expect(index.clusterCount).toBe(3);
    expect([...index.clusterStart]).toEqual([0, 4, 6, 8]);
    expect([...index.owner]).toEqual([0, 0, -1, -1, 1, 1, -1, -1]);
    expect(index.clusterZMax[0]).toBe(5);
  });

  test('cluster circles contain their triangles’ circles, and every cluster is listed in the cell of its centre', () => {
    const index = buildObstacleIndex(
      [
        gableHouse({ id: 'a', x0: 0, y0: 0, x1: 12, y1: 9, z0: 0, height: 6, tiltDeg: 40 }),
        flatBox({ id: 'b', x0: 40, y0: 30, x1: 50, y1: 45, z0: 0, height: 20 }),
      ].map((b, i) => ({ owner: -1, group: i, polygons: [...b.roofSurfaces, ...b.wallSurfaces].flatMap((s) => s.polygons) })),
    );
    expect(index.clusterCount).toBe(2);
    for (let c = 0; c < index.clusterCount; c++) {
      for (let t = index.clusterStart[c]!; t < index.clusterStart[c + 1]!; t++) {
        for (let v = 0; v < 9; v += 3) {
          const d = Math.hypot(index.triangles[9 * t + v]! - index.centerX[t]!, index.triangles[9 * t + v + 1]! - index.centerY[t]!);
          expect(d).toBeLessThanOrEqual(index.radiusXY[t]! + 1e-9);
        }
        const reach = Math.hypot(index.centerX[t]! - index.clusterX[c]!, index.centerY[t]! - index.clusterY[c]!) + index.radiusXY[t]!;
        expect(reach).toBeLessThanOrEqual(index.clusterRadius[c]! + 1e-9);
      }
      const col = Math.floor((index.clusterX[c]! - index.originX) / index.cellSize);
      const row = Math.floor((index.clusterY[c]! - index.originY) / index.cellSize);
      const cell = row * index.columns + col;
      expect([...index.cellItems.subarray(index.cellStart[cell]!, index.cellStart[cell + 1]!)]).toContain(c);
    }
  });
});

/** Every triangle against every sample direction, no index, no pruning. */
function bruteForceProfile(
  index: ObstacleIndex,
  options: HorizonOptions,
  px: number,
  py: number,
  pz: number,
  exclude: number,
): Float64Array {
  const total = options.sectors * options.subSamples;
  const out = new Float64Array(options.sectors);
  for (let m = 0; m < total; m++) {
    const a = (sampleAzimuthDeg(options, m) * Math.PI) / 180;
    const ux = Math.sin(a);
    const uy = Math.cos(a);
    let best = 0;
    for (let t = 0; t < index.count; t++) {
      if (index.owner[t] === exclude) continue;
      const v = (i: number): [number, number, number] => [
        index.triangles[9 * t + 3 * i]! - px,
        index.triangles[9 * t + 3 * i + 1]! - py,
        index.triangles[9 * t + 3 * i + 2]! - pz,
      ];
      if (Math.hypot(index.centerX[t]! - px, index.centerY[t]! - py) - index.radiusXY[t]! > options.radius) continue;
      for (const [p, q] of [
        [v(0), v(1)],
        [v(1), v(2)],
        [v(2), v(0)],
      ] as const) {
        const sp = ux * p[1] - uy * p[0];
        const sq = ux * q[1] - uy * q[0];
        if ((sp > 0 && sq > 0) || (sp < 0 && sq < 0) || sp === sq) continue;
        const s = sp / (sp - sq);
        const dist = (p[0] + s * (q[0] - p[0])) * ux + (p[1] + s * (q[1] - p[1])) * uy;
        if (dist > 1e-6) best = Math.max(best, (p[2] + s * (q[2] - p[2])) / dist);
      }
    }
    const k = Math.floor(m / options.subSamples);
    out[k] = Math.max(out[k]!, (Math.atan(best) * 180) / Math.PI);
  }
  return out;
}

describe('horizonProfile pruning', () => {
  test('gives exactly the brute-force profile for random districts and points', () => {
    const options: HorizonOptions = { sectors: 36, subSamples: 2, radius: 60 };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -60, max: 60 }),
            y: fc.integer({ min: -60, max: 60 }),
            h: fc.integer({ min: 2, max: 30 }),
            gable: fc.boolean(),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.record({
          x: fc.double({ min: -20, max: 20, noNaN: true }),
          y: fc.double({ min: -20, max: 20, noNaN: true }),
          z: fc.double({ min: 0, max: 15, noNaN: true }),
        }),
        (specs, p) => {
          const buildings = specs.map((s, i) => {
            const spec = { id: `b${i}`, x0: s.x, y0: s.y, x1: s.x + 8, y1: s.y + 7, z0: 0, height: s.h };
            return s.gable ? gableHouse({ ...spec, tiltDeg: 35 }) : flatBox(spec);
          });
          const index = buildObstacleIndex(
            buildings.flatMap((b, i) => [
              { owner: i, group: i, polygons: b.roofSurfaces.flatMap((s) => s.polygons) },
              { owner: -1, group: i, polygons: b.wallSurfaces.flatMap((s) => s.polygons) },
            ]),
            8,
          );
          const got = horizonProfile(createHorizonContext(index, options), p.x, p.y, p.z, 0, new Float64Array(options.sectors));
          const want = bruteForceProfile(index, options, p.x, p.y, p.z, 0);
          for (let k = 0; k < options.sectors; k++) expect(got[k]).toBeCloseTo(want[k]!, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
