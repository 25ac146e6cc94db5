import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { prepareSiteYear } from './annual.ts';
import { readCityGml } from './citygml.ts';
import { parseEpw } from './epw.ts';
import type { TileProgress } from './pipeline.ts';
import { computeTile } from './pipeline.ts';
import { flatBox, gableHouse } from './synthetic-city.ts';
import { epwFile, loadGolden, solarDataPath, tileFile } from './test-data.ts';

const weather = parseEpw(readFileSync(solarDataPath(epwFile), 'utf8'));
const year = prepareSiteYear(weather);
const golden = loadGolden();

describe('end to end on the sample tile', () => {
  test('[C23] every building of the streamed city model gets a class and plausible solar potential per roof', async () => {
    const progress: TileProgress[] = [];
    const issues: unknown[] = [];
    const stream = readCityGml(createReadStream(solarDataPath(tileFile)), { onIssue: (i) => issues.push(i) });
    const result = await computeTile(stream, weather, { onProgress: (p) => progress.push(p) });
    expect(issues).toEqual([]);

    expect(result.buildings).toHaveLength(83);
    expect(result.roofSurfaces).toBe(170);
    const classes = new Map<string, number>();
    for (const b of result.buildings) classes.set(b.suitability, (classes.get(b.suitability) ?? 0) + 1);
    console.info(`sample tile: ${result.seconds.toFixed(2)} s, classes ${JSON.stringify(Object.fromEntries(classes))}`);
    expect([...classes.keys()].every((c) => ['veryGood', 'good', 'suitable', 'unsuitable'].includes(c))).toBe(true);
    expect(classes.get('veryGood')).toBeGreaterThan(0);
    expect(classes.get('unsuitable')).toBeGreaterThan(0);

    // The local optimum is the golden south-35° Perez value of this weather year.
    expect(
      Math.abs(
        result.optimumKwhM2 / golden.epw_annual.poa_annual_kwh_m2.find((s) => s.tilt_deg === 35 && s.azimuth_deg === 180)!.perez - 1,
      ),
    ).toBeLessThan(1e-4);
    expect(result.gridAzimuthOfTrueNorthDeg).toBeCloseTo(2.43, 2);

    const surfaces = result.buildings.flatMap((b) => b.surfaces);
    const south35 = surfaces.filter((s) => s.azimuthDeg !== null && Math.abs(s.azimuthDeg - 180) < 10 && Math.abs(s.tiltDeg - 35) < 5);
    const flat = surfaces.filter((s) => s.tiltDeg < 1);
    expect(south35.length).toBeGreaterThan(3);
    // 64 flat polygons, 13 of them in the two multi-polygon surfaces.
    expect(flat).toHaveLength(64 - 13 + 2);
    for (const s of south35) expect(Math.abs(s.unshadedIrradiationKwhM2 - 1300)).toBeLessThan(20);
    // Tilts up to 1° in any direction move a "flat" roof by up to ~0.2 %.
    for (const s of flat)
      expect(Math.abs(s.unshadedIrradiationKwhM2 / golden.epw_annual.poa_annual_kwh_m2[0]!.perez - 1)).toBeLessThan(0.003);
    for (const s of surfaces) {
      expect(s.irradiationKwhM2).toBeLessThanOrEqual(s.unshadedIrradiationKwhM2 + 1e-9);
      expect(s.irradiationKwhM2).toBeGreaterThan(0);
      // Steep north roofs (up to 53.5°) are the lowest, at roughly 40 % of the optimum.
      expect(s.unshadedIrradiationKwhM2).toBeGreaterThan(450);
      expect(s.unshadedIrradiationKwhM2).toBeLessThan(1320);
      expect(s.shadingLossPercent).toBeGreaterThanOrEqual(0);
      expect(s.shadingLossPercent).toBeLessThan(100);
      expect(s.skyViewFactor).toBeGreaterThan(0);
      expect(s.skyViewFactor).toBeLessThanOrEqual(1);
      expect(s.usableAreaM2).toBeLessThan(s.areaM2);
      expect(s.kWp).toBeCloseTo(s.usableAreaM2 * 0.2, 9);
    }
    // Roofs next to taller parts of their building lose a lot; most others little.
    expect(surfaces.filter((s) => s.shadingLossPercent > 20).length).toBeGreaterThan(3);
    expect(surfaces.filter((s) => s.shadingLossPercent < 5).length).toBeGreaterThan(surfaces.length / 2);

    expect(progress.filter((p) => p.phase === 'reading')).toHaveLength(83);
    expect(progress.at(-1)).toEqual({ phase: 'computing', done: 83, total: 83 });
  });

  test('without shading the losses are zero and the classes only depend on orientation and area', async () => {
    const stream = readCityGml(createReadStream(solarDataPath(tileFile)), { onIssue: () => {} });
    const result = await computeTile(stream, year, { shading: false });
    for (const s of result.buildings.flatMap((b) => b.surfaces)) {
      expect(s.shadingLossPercent).toBe(0);
      expect(s.irradiationKwhM2).toBe(s.unshadedIrradiationKwhM2);
    }
  });
});

describe('shading between buildings', () => {
  const low = flatBox({ id: 'LOW', x0: 280000, y0: 5657000, x1: 280012, y1: 5657010, z0: 40, height: 4 });
  const tower = flatBox({ id: 'TOWER', x0: 279990, y0: 5656980, x1: 280022, y1: 5656997, z0: 40, height: 25 });

  test('a tower just south makes a flat roof unsuitable; alone the same roof is good', async () => {
    const alone = await computeTile([low], year);
    expect(alone.buildings[0]!.surfaces[0]!.shadingLossPercent).toBe(0);
    expect(alone.buildings[0]!.suitability).toBe('good');
    const shaded = await computeTile([low, tower], year);
    const roof = shaded.buildings[0]!.surfaces[0]!;
    expect(roof.shadingLossPercent).toBeGreaterThan(20);
    expect(roof.skyViewFactor).toBeLessThan(0.9);
    expect(shaded.buildings[0]!.suitability).toBe('unsuitable');
    // The tower's own roof is higher than everything: unshaded.
    expect(shaded.buildings[1]!.surfaces[0]!.shadingLossPercent).toBe(0);
  });

  test('neighbours outside the tile cast the same shadow but are not assessed', async () => {
    const inTile = await computeTile([low, tower], year);
    const outside = await computeTile([low], year, { neighbours: [tower] });
    expect(outside.buildings).toHaveLength(1);
    expect(outside.buildings[0]!.surfaces[0]!.irradiationKwhM2).toBeCloseTo(inTile.buildings[0]!.surfaces[0]!.irradiationKwhM2, 9);
  });

  test('a lone gable house does not shade its own roof halves; south half ≈ optimum, north half unsuitable', async () => {
    const house = gableHouse({ id: 'H', x0: 280000, y0: 5657000, x1: 280012, y1: 5657009, z0: 40, height: 6, tiltDeg: 35 });
    const result = await computeTile([house], year);
    const [south, north] = result.buildings[0]!.surfaces;
    expect(south!.shadingLossPercent).toBeLessThan(0.5);
    expect(south!.skyViewFactor).toBeGreaterThan(0.99);
    expect(north!.shadingLossPercent).toBeLessThan(0.5);
    // Grid south is 2.43° east of true south here.
    expect(south!.azimuthDeg).toBeCloseTo(180 - 2.43, 1);
    expect(south!.percentOfOptimum).toBeGreaterThan(99);
    expect(south!.suitability).toBe('veryGood');
    expect(north!.suitability).toBe('unsuitable');
    expect(result.buildings[0]!.bestSurfaceIds).toEqual(['H-roof-s']);
  });
});
