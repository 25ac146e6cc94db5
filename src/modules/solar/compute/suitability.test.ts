import { describe, expect, test } from 'vitest';
import type { SurfaceAssessmentInput } from './suitability.ts';
import { assessBuilding, assessSurface, classify, defaultSuitabilityConfig } from './suitability.ts';

const surface = (over: Partial<SurfaceAssessmentInput> = {}): SurfaceAssessmentInput => ({
  surfaceId: 'R1',
  buildingPartId: null,
  areaM2: 60,
  usableAreaM2: 50,
  tiltDeg: 35,
  azimuthDeg: 180,
  facingDown: false,
  irradiationKwhM2: 1200,
  unshadedIrradiationKwhM2: 1250,
  skyViewFactor: 0.97,
  ...over,
});

describe('class boundaries', () => {
  test.each([
    [100, 'veryGood'],
    [95, 'veryGood'],
    [94.99, 'good'],
    [80, 'good'],
    [79.99, 'suitable'],
    [75, 'suitable'],
    [74.99, 'unsuitable'],
    [10, 'unsuitable'],
  ] as const)('%s %% of the optimum, unshaded, 50 m² → %s', (percent, expected) => {
    expect(classify(percent, 0, 50)).toBe(expected);
  });

  test('shading loss above 20 % makes any surface unsuitable; exactly 20 % does not', () => {
    expect(classify(99, 20, 50)).toBe('veryGood');
    expect(classify(99, 20.01, 50)).toBe('unsuitable');
  });

  test('usable area below 10 m² makes any surface unsuitable; exactly 10 m² does not', () => {
    expect(classify(99, 0, 10)).toBe('veryGood');
    expect(classify(99, 0, 9.99)).toBe('unsuitable');
    expect(classify(99, 0, Number.NaN)).toBe('unsuitable');
  });

  test('thresholds come from the config', () => {
    const strict = { ...defaultSuitabilityConfig, veryGoodMinPercent: 98, minUsableAreaM2: 20, maxShadingLossPercent: 10 };
    expect(classify(96, 0, 50, strict)).toBe('good');
    expect(classify(99, 0, 15, strict)).toBe('unsuitable');
    expect(classify(99, 15, 50, strict)).toBe('unsuitable');
  });
});

describe('assessSurface', () => {
  test('power, yield and CO₂ follow from usable area and the configured factors', () => {
    const a = assessSurface(surface(), 1300);
    expect(a.kWp).toBeCloseTo(50 * 0.2, 12);
    expect(a.specificYield).toBeCloseTo(1200 * 0.8, 12);
    expect(a.yieldKwhPerYear).toBeCloseTo(10 * 1200 * 0.8, 9);
    expect(a.co2AvoidedKgPerYear).toBeCloseTo(10 * 1200 * 0.8 * 0.38, 9);
    expect(a.shadingLossPercent).toBeCloseTo(4, 12);
    expect(a.percentOfOptimum).toBeCloseTo((1200 / 1300) * 100, 12);
    expect(a.suitability).toBe('good');
  });

  test('the class uses the shaded irradiation relative to the unshaded optimum', () => {
    expect(assessSurface(surface({ irradiationKwhM2: 1240, unshadedIrradiationKwhM2: 1250 }), 1300).suitability).toBe('veryGood');
    expect(assessSurface(surface({ irradiationKwhM2: 950, unshadedIrradiationKwhM2: 1250 }), 1300).suitability).toBe('unsuitable');
  });

  test('roof undersides are never suitable', () => {
    expect(assessSurface(surface({ facingDown: true }), 1300).suitability).toBe('unsuitable');
  });
});

describe('assessBuilding', () => {
  test('takes the best class, ranks suitable surfaces and sums only those', () => {
    const south = assessSurface(surface({ surfaceId: 'S' }), 1250);
    const east = assessSurface(surface({ surfaceId: 'E', irradiationKwhM2: 1050, unshadedIrradiationKwhM2: 1050 }), 1250);
    const north = assessSurface(surface({ surfaceId: 'N', irradiationKwhM2: 700, unshadedIrradiationKwhM2: 700 }), 1250);
    const bigEast = assessSurface(
      surface({ surfaceId: 'E2', usableAreaM2: 90, irradiationKwhM2: 1050, unshadedIrradiationKwhM2: 1050 }),
      1250,
    );
    const b = assessBuilding('B', [north, east, south, bigEast]);
    expect(south.suitability).toBe('veryGood');
    expect(east.suitability).toBe('good');
    expect(north.suitability).toBe('unsuitable');
    expect(b.suitability).toBe('veryGood');
    expect(b.bestSurfaceIds).toEqual(['S', 'E2', 'E']);
    expect(b.kWp).toBeCloseTo(south.kWp + east.kWp + bigEast.kWp, 12);
    expect(b.yieldKwhPerYear).toBeCloseTo(south.yieldKwhPerYear + east.yieldKwhPerYear + bigEast.yieldKwhPerYear, 9);
  });

  test('a building without suitable roofs is unsuitable with zero totals', () => {
    const b = assessBuilding('B', [assessSurface(surface({ usableAreaM2: 5 }), 1250)]);
    expect(b.suitability).toBe('unsuitable');
    expect(b.bestSurfaceIds).toEqual([]);
    expect(b.kWp).toBe(0);
    expect(assessBuilding('empty', []).suitability).toBe('unsuitable');
  });
});
