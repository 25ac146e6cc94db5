import type { Shading, SiteYear } from './annual.ts';
import { annualIrradiation } from './annual.ts';
import type { Vec3 } from './geometry.ts';
import type { HorizonContext } from './horizon.ts';
import { horizonProfile, skyViewFactorWith, skyWeights } from './horizon.ts';
import type { SkyModel } from './irradiance.ts';

/**
 * Shading of a roof surface by its surroundings (neighbours and its own building), from horizon
 * profiles at sample points on the surface:
 * - beam: in each hour, the share of sample points for which the sun stands above the horizon
 *   profile in the sun's sector (a table lookup per point and hour);
 * - diffuse: the mean sky-view factor of the points, weighted with the plane's cosine response.
 * The result is the `Shading` input of `annualIrradiation`.
 */

/** Sun sector and elevation per active hour of a site-year, in the obstacles' grid frame. */
export interface SunLookup {
  hours: number;
  sectors: number;
  hourIndex: Uint16Array;
  sector: Uint16Array;
  elevationDeg: Float64Array;
}

/**
 * `gridAzimuthOfTrueNorthDeg` converts the sun's true azimuth to the grid azimuth the obstacles are
 * in (meridian convergence; constant enough over a tile).
 */
export function prepareSunLookup(year: SiteYear, sectors: number, gridAzimuthOfTrueNorthDeg: number): SunLookup {
  const sector = new Uint16Array(year.count);
  const width = 360 / sectors;
  for (let k = 0; k < year.count; k++) {
    const grid = year.sunAzimuthDeg[k]! + gridAzimuthOfTrueNorthDeg;
    sector[k] = ((Math.round(grid / width) % sectors) + sectors) % sectors;
  }
  return { hours: year.hours, sectors, hourIndex: year.hourIndex, sector, elevationDeg: year.sunElevationDeg };
}

/**
 * Unshaded beam fraction per weather row. A point is shaded in an hour when the sun is lower than
 * a positive horizon in its sector; a horizon of 0 means "no obstacle", so the model's own
 * treatment of a sun just below the horizon is left alone.
 */
export function beamFactorFromHorizons(
  horizons: Float64Array,
  pointCount: number,
  sun: SunLookup,
  out = new Float32Array(sun.hours),
): Float32Array {
  out.fill(1);
  if (pointCount === 0) return out;
  const { sectors, sector, elevationDeg, hourIndex } = sun;
  for (let k = 0; k < sector.length; k++) {
    const s = sector[k]!;
    const e = elevationDeg[k]!;
    let lit = 0;
    for (let p = 0, o = s; p < pointCount; p++, o += sectors) {
      const h = horizons[o]!;
      if (!(h > 0 && e < h)) lit++;
    }
    out[hourIndex[k]!] = lit / pointCount;
  }
  return out;
}

export interface SurfaceShading extends Required<Shading> {
  beamFactor: Float32Array;
  pointCount: number;
  /** Horizon elevation per point and sector (point-major), degrees, grid azimuths. */
  horizons: Float64Array;
}

/**
 * Shading of one surface. `samples` are x,y,z points on it (see roof-raster.ts); they are lifted by
 * `normalOffset` metres along the normal so that adjoining surfaces do not graze them. Triangles of
 * `owner` (the surface itself) are ignored.
 */
export function shadeSurface(
  ctx: HorizonContext,
  sun: SunLookup,
  samples: Float64Array,
  normal: Vec3,
  owner: number,
  normalOffset = 0.05,
): SurfaceShading {
  const sectors = ctx.options.sectors;
  if (sun.sectors !== sectors) throw new RangeError(`sun lookup has ${sun.sectors} sectors, horizon options ${sectors}`);
  const pointCount = samples.length / 3;
  const horizons = new Float64Array(pointCount * sectors);
  const weights = skyWeights(normal, sectors);
  let svf = 0;
  for (let p = 0; p < pointCount; p++) {
    const profile = horizons.subarray(p * sectors, (p + 1) * sectors);
    horizonProfile(
      ctx,
      samples[3 * p]! + normal[0] * normalOffset,
      samples[3 * p + 1]! + normal[1] * normalOffset,
      samples[3 * p + 2]! + normal[2] * normalOffset,
      owner,
      profile,
    );
    svf += skyViewFactorWith(weights, profile);
  }
  return {
    pointCount,
    horizons,
    beamFactor: beamFactorFromHorizons(horizons, pointCount, sun),
    skyViewFactor: pointCount > 0 ? svf / pointCount : 1,
  };
}

/** Loss of in-plane irradiation through shading, percent. */
export function shadingLossPercent(unshadedKwh: number, shadedKwh: number): number {
  return unshadedKwh > 0 ? (1 - shadedKwh / unshadedKwh) * 100 : 0;
}

export interface ShadingLoss {
  unshadedKwhM2: number;
  shadedKwhM2: number;
  lossPercent: number;
}

/** Annual in-plane irradiation of a plane with and without its shading (true azimuth). */
export function shadingLoss(year: SiteYear, tiltDeg: number, azimuthDeg: number, shading: Shading, model: SkyModel = 'perez'): ShadingLoss {
  const unshadedKwhM2 = annualIrradiation(year, tiltDeg, azimuthDeg, { model }).global;
  const shadedKwhM2 = annualIrradiation(year, tiltDeg, azimuthDeg, { model, shading }).global;
  return { unshadedKwhM2, shadedKwhM2, lossPercent: shadingLossPercent(unshadedKwhM2, shadedKwhM2) };
}
