import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { annualIrradiation, prepareSiteYear } from './annual.ts';
import { parseEpw } from './epw.ts';
import type { Vec3 } from './geometry.ts';
import type { HorizonOptions } from './horizon.ts';
import { createHorizonContext, horizonProfile, sampleAzimuthDeg, skyViewFactor } from './horizon.ts';
import { buildObstacleIndex } from './obstacles.ts';
import { rasteriseRoof } from './roof-raster.ts';
import { beamFactorFromHorizons, prepareSunLookup, shadeSurface, shadingLoss, shadingLossPercent } from './shading.ts';
import { epwFile, solarDataPath } from './test-data.ts';

const year = prepareSiteYear(parseEpw(readFileSync(solarDataPath(epwFile), 'utf8')));
const RAD = Math.PI / 180;
const up: Vec3 = [0, 0, 1];

// A 10 m × 10 m flat roof at z = 10 and, 5 m south of its south edge, a wall 410 m long and 30 m
// high (20 m above the roof): long enough to count as infinite for all sun azimuths that matter.
const ROOF_Z = 10;
const WALL_Y = -5;
const WALL_TOP = 30;
const WALL_X0 = -200;
const WALL_X1 = 210;
const roof = { exterior: Float64Array.from([0, 0, ROOF_Z, 10, 0, ROOF_Z, 10, 10, ROOF_Z, 0, 10, ROOF_Z]), interiors: [] };
const wall = {
  exterior: Float64Array.from([WALL_X0, WALL_Y, 0, WALL_X0, WALL_Y, WALL_TOP, WALL_X1, WALL_Y, WALL_TOP, WALL_X1, WALL_Y, 0]),
  interiors: [],
};
const ROOF_OWNER = 0;

/** What the geometry says: elevation (deg) of the wall's top edge from (x, y, z) in grid azimuth φ; 0 if the ray misses the wall. */
function wallElevation(x: number, y: number, z: number, phiDeg: number): number {
  const dirX = Math.sin(phiDeg * RAD);
  const dirY = Math.cos(phiDeg * RAD);
  if (dirY >= 0) return 0;
  const distance = (WALL_Y - y) / dirY;
  const hitX = x + distance * dirX;
  if (hitX < WALL_X0 || hitX > WALL_X1) return 0;
  return Math.atan((WALL_TOP - z) / distance) / RAD;
}

/** The same, as a sector profile: the maximum over the sector's sample directions. */
function expectedProfile(x: number, y: number, z: number, options: HorizonOptions): Float64Array {
  const out = new Float64Array(options.sectors);
  for (let m = 0; m < options.sectors * options.subSamples; m++) {
    const k = Math.floor(m / options.subSamples);
    out[k] = Math.max(out[k]!, wallElevation(x, y, z, sampleAzimuthDeg(options, m)));
  }
  return out;
}

describe('known case: flat roof with a tall wall directly south', () => {
  const options: HorizonOptions = { sectors: 72, subSamples: 3, radius: 300 };
  const index = buildObstacleIndex([
    { owner: ROOF_OWNER, polygons: [roof] },
    { owner: 1, polygons: [wall] },
  ]);
  const ctx = createHorizonContext(index, options);

  test('the horizon profile equals the wall-top elevation in every sampled direction', () => {
    for (const [x, y] of [
      [5, 5],
      [0.7, 9.1],
      [9.5, 0.5],
    ] as const) {
      const z = ROOF_Z + 0.05;
      const got = horizonProfile(ctx, x, y, z, ROOF_OWNER, new Float64Array(options.sectors));
      const want = expectedProfile(x, y, z, options);
      for (let k = 0; k < options.sectors; k++) expect(got[k], `point ${x},${y} sector ${k}`).toBeCloseTo(want[k]!, 9);
      // Due south the wall rises atan(H / D) above the point.
      expect(got[36]).toBeCloseTo(Math.atan((WALL_TOP - z) / (y - WALL_Y)) / RAD, 1);
      // Nothing to the north.
      expect(got[0]).toBe(0);
    }
  });

  test('hourly beam fraction and annual loss equal the hand computation from the wall geometry', () => {
    const raster = rasteriseRoof([roof], up);
    const sun = prepareSunLookup(year, options.sectors, 0);
    const shading = shadeSurface(ctx, sun, raster.samples, up, ROOF_OWNER);
    const points = raster.samples.length / 3;
    expect(points).toBeGreaterThan(10);

    // By hand: a point is in the wall's shadow when the sun is lower than the wall top seen in the sun's sector.
    const profiles = Array.from({ length: points }, (_, p) =>
      expectedProfile(raster.samples[3 * p]!, raster.samples[3 * p + 1]!, raster.samples[3 * p + 2]! + 0.05, options),
    );
    let handBeam = 0;
    let shadedHours = 0;
    for (let k = 0; k < year.count; k++) {
      const h = year.hourIndex[k]!;
      const lit = profiles.filter((prof) => !(year.sunElevationDeg[k]! < prof[sun.sector[k]!]!)).length / points;
      expect(shading.beamFactor[h], `hour ${h}`).toBeCloseTo(lit, 6);
      if (lit < 1) shadedHours++;
      handBeam += year.dni[k]! * Math.max(year.sunZ[k]!, 0) * lit;
    }
    expect(shadedHours).toBeGreaterThan(500);

    const shaded = annualIrradiation(year, 0, 180, { model: 'isotropic', shading: { beamFactor: shading.beamFactor } });
    expect(shaded.beam).toBeCloseTo(handBeam / 1000, 4); // the mask is Float32
    const unshaded = annualIrradiation(year, 0, 180, { model: 'isotropic' });
    const loss = shadingLossPercent(unshaded.beam, shaded.beam);
    console.info(`wall south of a flat roof: beam loss ${loss.toFixed(2)} %, sky-view factor ${shading.skyViewFactor.toFixed(4)}`);
    expect(loss).toBeGreaterThan(20);
    expect(loss).toBeLessThan(80);
    // With the sky-view factor and the Perez circumsolar part the global loss is smaller than the beam loss, but substantial.
    const perez = shadingLoss(year, 0, 180, shading);
    expect(perez.lossPercent).toBeGreaterThan(15);
    expect(perez.lossPercent).toBeLessThan(loss);
  });

  test('with fine sectors the loss converges to the continuous geometry (sun azimuth not binned)', () => {
    const fine: HorizonOptions = { sectors: 360, subSamples: 1, radius: 300 };
    const fineCtx = createHorizonContext(index, fine);
    const point = new Float64Array([5, 5, ROOF_Z]);
    const shading = shadeSurface(fineCtx, prepareSunLookup(year, 360, 0), point, up, ROOF_OWNER);
    let exact = 0;
    let open = 0;
    for (let k = 0; k < year.count; k++) {
      const beam = year.dni[k]! * Math.max(year.sunZ[k]!, 0);
      open += beam;
      if (!(year.sunElevationDeg[k]! < wallElevation(5, 5, ROOF_Z + 0.05, year.sunAzimuthDeg[k]!))) exact += beam;
    }
    const binned = annualIrradiation(year, 0, 180, { model: 'isotropic', shading: { beamFactor: shading.beamFactor } }).beam * 1000;
    const exactLoss = 1 - exact / open;
    const binnedLoss = 1 - binned / open;
    expect(Math.abs(binnedLoss - exactLoss)).toBeLessThan(0.01);
  });

  test('the sky-view factor next to the wall matches the infinite-wall formula (1 + cos θ)/2', () => {
    const fine: HorizonOptions = { sectors: 360, subSamples: 1, radius: 300 };
    const z = ROOF_Z + 0.05;
    const profile = horizonProfile(createHorizonContext(index, fine), 5, 5, z, ROOF_OWNER, new Float64Array(360));
    const theta = Math.atan((WALL_TOP - z) / (5 - WALL_Y));
    expect(skyViewFactor(profile, up)).toBeCloseTo((1 + Math.cos(theta)) / 2, 2);
  });

  test('the roof does not shade itself, and an unobstructed roof has 0 % loss and SVF 1', () => {
    const alone = createHorizonContext(buildObstacleIndex([{ owner: ROOF_OWNER, polygons: [roof] }]), options);
    const raster = rasteriseRoof([roof], up);
    const shading = shadeSurface(alone, prepareSunLookup(year, options.sectors, 0), raster.samples, up, ROOF_OWNER);
    expect(shading.skyViewFactor).toBeCloseTo(1, 12);
    expect(shading.beamFactor.every((f) => f === 1)).toBe(true);
    const loss = shadingLoss(year, 0, 180, shading);
    expect(loss.lossPercent).toBeCloseTo(0, 12);
    expect(loss.shadedKwhM2).toBeCloseTo(loss.unshadedKwhM2, 9);
    // Counted as an obstacle (owner not excluded), the flat roof is below the lifted points: still no shade.
    const selfAsObstacle = shadeSurface(alone, prepareSunLookup(year, options.sectors, 0), raster.samples, up, -1);
    expect(selfAsObstacle.skyViewFactor).toBeCloseTo(1, 12);
  });
});

describe('horizon geometry', () => {
  test('an obstacle overhead covers every direction; a point under a roof sees no sky', () => {
    const canopy = { exterior: Float64Array.from([-5, -5, 3, 5, -5, 3, 5, 5, 3, -5, 5, 3]), interiors: [] };
    const ctx = createHorizonContext(buildObstacleIndex([{ owner: 1, polygons: [canopy] }]));
    const profile = horizonProfile(ctx, 0, 0, 0, -1, new Float64Array(72));
    // Edge at 5 m (sides) to 7.07 m (corners), 3 m up.
    for (let k = 0; k < 72; k++) {
      expect(profile[k]).toBeGreaterThanOrEqual(Math.atan(3 / Math.SQRT2 / 5) / RAD - 1e-9);
      expect(profile[k]).toBeLessThanOrEqual(Math.atan(3 / 5) / RAD + 1e-9);
    }
    expect(profile[0]).toBeCloseTo(Math.atan(3 / 5) / RAD, 1);
  });

  test('obstacles beyond the radius and below the point are ignored', () => {
    const far = { exterior: Float64Array.from([500, 0, 0, 500, 0, 100, 500, 10, 100, 500, 10, 0]), interiors: [] };
    const low = { exterior: Float64Array.from([-3, -3, 0, 3, -3, 0, 3, -3, 4.9, -3, -3, 4.9]), interiors: [] };
    const ctx = createHorizonContext(buildObstacleIndex([{ owner: 1, polygons: [far, low] }]), { sectors: 36, subSamples: 1, radius: 100 });
    expect(horizonProfile(ctx, 0, 0, 5, -1, new Float64Array(36)).every((h) => h === 0)).toBe(true);
  });

  test('sky-view factor of tilted planes: open sky gives 1; a uniform horizon θ gives the closed-form value for a flat plane', () => {
    const tilted: Vec3 = [0, -Math.sin(40 * RAD), Math.cos(40 * RAD)];
    expect(skyViewFactor(new Float64Array(72), tilted)).toBeCloseTo(1, 12);
    const uniform = new Float64Array(72).fill(20);
    expect(skyViewFactor(uniform, up)).toBeCloseTo(Math.cos(20 * RAD) ** 2, 9);
    // A horizon below the plane's own back side does not reduce the steep plane's view.
    const vertical: Vec3 = [0, -1, 0];
    const behind = new Float64Array(72);
    for (let k = 0; k < 72; k++) if (k < 18 || k > 54) behind[k] = 60;
    expect(skyViewFactor(behind, vertical)).toBeCloseTo(1, 9);
  });

  test('beam fraction: a point is shaded only when the sun is below a positive horizon', () => {
    const sun = {
      hours: 3,
      sectors: 4,
      hourIndex: Uint16Array.from([0, 1, 2]),
      sector: Uint16Array.from([0, 2, 2]),
      elevationDeg: Float64Array.from([10, 5, -1]),
    };
    const horizons = Float64Array.from([20, 0, 0, 0, 0, 0, 4, 0]); // point 0 blocked north up to 20°, point 1 south up to 4°
    expect([...beamFactorFromHorizons(horizons, 2, sun)]).toEqual([0.5, 1, 0.5]);
  });
});
