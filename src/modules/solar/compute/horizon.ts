import type { Vec3 } from './geometry.ts';
import type { ObstacleIndex } from './obstacles.ts';

/**
 * Horizon profiles: for a point, the elevation angle of the highest obstacle in each azimuth
 * sector. Sector k is centred on grid azimuth k·360°/N; its value is the maximum over `subSamples`
 * evenly spaced directions inside it, each computed exactly by intersecting the vertical
 * half-plane in that direction with every candidate triangle (the highest point of that cut lies
 * on a triangle edge). 0 means no obstacle above the point's horizontal plane.
 */

export interface HorizonOptions {
  sectors: number;
  subSamples: number;
  /** Obstacles farther than this (horizontally), metres, are ignored. */
  radius: number;
}

export const defaultHorizonOptions: Readonly<HorizonOptions> = Object.freeze({ sectors: 72, subSamples: 3, radius: 100 });

/** Index plus reusable scratch memory; one per thread. */
export interface HorizonContext {
  index: ObstacleIndex;
  options: HorizonOptions;
  sampleSin: Float64Array;
  sampleCos: Float64Array;
  sampleTan: Float64Array;
  /** Scratch for a sample-index range. */
  range: Int32Array;
  /** Per cluster: last query that visited it. */
  stamp: Uint32Array;
  stampValue: number;
}

const DEG = 180 / Math.PI;

export function createHorizonContext(index: ObstacleIndex, options: HorizonOptions = defaultHorizonOptions): HorizonContext {
  const total = options.sectors * options.subSamples;
  const sampleSin = new Float64Array(total);
  const sampleCos = new Float64Array(total);
  for (let m = 0; m < total; m++) {
    const a = sampleAzimuthDeg(options, m) / DEG;
    sampleSin[m] = Math.sin(a);
    sampleCos[m] = Math.cos(a);
  }
  return {
    index,
    options,
    sampleSin,
    sampleCos,
    sampleTan: new Float64Array(total),
    range: new Int32Array(2),
    stamp: new Uint32Array(index.clusterCount),
    stampValue: 0,
  };
}

/** Grid azimuth (degrees) of sample direction m. */
export function sampleAzimuthDeg(options: HorizonOptions, m: number): number {
  return ((m + 0.5) * 360) / (options.sectors * options.subSamples) - 180 / options.sectors;
}

function wrap180(d: number): number {
  return d - 360 * Math.round(d / 360);
}

/** Raises sampleTan[m] to the tangent of the highest point where direction m cuts triangle t (coordinates relative to the point). */
function cutTriangle(
  sampleTan: Float64Array,
  ux: number,
  uy: number,
  m: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  cx: number,
  cy: number,
  cz: number,
): void {
  let best = sampleTan[m]!;
  let sa = ux * ay - uy * ax;
  let sb = ux * by - uy * bx;
  if (!((sa > 0 && sb > 0) || (sa < 0 && sb < 0)) && sa !== sb) {
    const s = sa / (sa - sb);
    const dist = (ax + s * (bx - ax)) * ux + (ay + s * (by - ay)) * uy;
    if (dist > 1e-6) {
      const tan = (az + s * (bz - az)) / dist;
      if (tan > best) best = tan;
    }
  }
  sa = sb;
  sb = ux * cy - uy * cx;
  if (!((sa > 0 && sb > 0) || (sa < 0 && sb < 0)) && sa !== sb) {
    const s = sa / (sa - sb);
    const dist = (bx + s * (cx - bx)) * ux + (by + s * (cy - by)) * uy;
    if (dist > 1e-6) {
      const tan = (bz + s * (cz - bz)) / dist;
      if (tan > best) best = tan;
    }
  }
  sa = sb;
  sb = ux * ay - uy * ax;
  if (!((sa > 0 && sb > 0) || (sa < 0 && sb < 0)) && sa !== sb) {
    const s = sa / (sa - sb);
    const dist = (cx + s * (ax - cx)) * ux + (cy + s * (ay - cy)) * uy;
    if (dist > 1e-6) {
      const tan = (cz + s * (az - cz)) / dist;
      if (tan > best) best = tan;
    }
  }
  sampleTan[m] = best;
}

/** First and last sample index (unwrapped) whose direction lies in [fromDeg, toDeg]. */
function sampleRange(fromDeg: number, toDeg: number, step: number, half: number, out: Int32Array): void {
  out[0] = Math.ceil((fromDeg + half) / step - 0.5);
  out[1] = Math.floor((toDeg + half) / step - 0.5);
}

/** Whether some sample direction in [mLo, mHi] still has a horizon below `bound` (a tangent). */
function anyBelow(sampleTan: Float64Array, mLo: number, mHi: number, total: number, bound: number): boolean {
  for (let m = mLo; m <= mHi; m++) if (sampleTan[((m % total) + total) % total]! < bound) return true;
  return false;
}

/**
 * Writes the horizon elevation (degrees, ≥ 0) per sector into `out` for the point (px, py, pz),
 * ignoring triangles whose owner is `excludeOwner`.
 *
 * Cells are visited in rings around the point, nearest first, so the horizon rises early, and a
 * cluster or triangle is dismissed when even its nearest, highest point (an upper bound of its
 * elevation) stays below the horizon already found over its angular span.
 */
export function horizonProfile(
  ctx: HorizonContext,
  px: number,
  py: number,
  pz: number,
  excludeOwner: number,
  out: Float64Array,
): Float64Array {
  const { index, sampleSin, sampleCos, sampleTan, range } = ctx;
  const { sectors, subSamples, radius } = ctx.options;
  const total = sectors * subSamples;
  const step = 360 / total;
  const half = 180 / sectors;
  sampleTan.fill(0);
  if (++ctx.stampValue === 0xffffffff) {
    ctx.stamp.fill(0);
    ctx.stampValue = 1;
  }
  const stampValue = ctx.stampValue;
  const stamp = ctx.stamp;
  const { triangles: tri, zMax, centerX, centerY, radiusXY, owner, cellStart, cellItems, columns, rows, cellSize } = index;
  const { clusterStart, clusterX, clusterY, clusterRadius, clusterZMax } = index;
  const pc = Math.floor((px - index.originX) / cellSize);
  const pr = Math.floor((py - index.originY) / cellSize);
  const rings = Math.ceil(radius / cellSize) + 1;

  for (let ring = 0; ring <= rings; ring++) {
    const rLo = pr - ring;
    const rHi = pr + ring;
    for (let r = Math.max(0, rLo); r <= Math.min(rows - 1, rHi); r++) {
      // Inner rows of a ring only contribute its two end cells.
      const cStep = r === rLo || r === rHi || ring === 0 ? 1 : 2 * ring;
      for (let c = pc - ring; c <= pc + ring; c += cStep) {
        if (c < 0 || c >= columns) continue;
        const cell = r * columns + c;
        for (let j = cellStart[cell]!, end = cellStart[cell + 1]!; j < end; j++) {
          const k = cellItems[j]!;
          if (stamp[k] === stampValue) continue;
          stamp[k] = stampValue;
          const clusterRise = clusterZMax[k]! - pz;
          if (clusterRise <= 0) continue;
          const kx = clusterX[k]! - px;
          const ky = clusterY[k]! - py;
          const kd = Math.sqrt(kx * kx + ky * ky);
          const kGap = kd - clusterRadius[k]!;
          if (kGap > radius) continue;
          if (kGap > 0.5) {
            const centre = Math.atan2(kx, ky) * DEG;
            const width = Math.asin(clusterRadius[k]! / kd) * DEG;
            sampleRange(centre - width, centre + width, step, half, range);
            if (!anyBelow(sampleTan, range[0]!, range[1]!, total, clusterRise / kGap)) continue;
          }

          for (let t = clusterStart[k]!, tEnd = clusterStart[k + 1]!; t < tEnd; t++) {
            const rise = zMax[t]! - pz;
            if (rise <= 0 || owner[t] === excludeOwner) continue;
            const dx = centerX[t]! - px;
            const dy = centerY[t]! - py;
            const dc = Math.sqrt(dx * dx + dy * dy);
            const rad = radiusXY[t]!;
            const gap = dc - rad;
            if (gap > radius) continue;
            const o = 9 * t;
            const ax = tri[o]! - px;
            const ay = tri[o + 1]! - py;
            const bx = tri[o + 3]! - px;
            const by = tri[o + 4]! - py;
            const cx = tri[o + 6]! - px;
            const cy = tri[o + 7]! - py;
            if (gap > 0.5) {
              // Far enough: the bounding circle gives a slightly wider span from one atan2.
              const centre = Math.atan2(dx, dy) * DEG;
              const width = Math.asin(rad / dc) * DEG;
              sampleRange(centre - width, centre + width, step, half, range);
              if (!anyBelow(sampleTan, range[0]!, range[1]!, total, rise / gap)) continue;
            } else {
              const ab = ax * by - ay * bx;
              const bc = bx * cy - by * cx;
              const ca = cx * ay - cy * ax;
              const area2 = ab + bc + ca;
              if (area2 !== 0 && ((ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0))) {
                range[0] = 0;
                range[1] = total - 1;
              } else {
                // A triangle beside the point subtends less than 180°, so unwrapping around vertex a is safe.
                const angA = Math.atan2(ax, ay) * DEG;
                const dB = wrap180(Math.atan2(bx, by) * DEG - angA);
                const dC = wrap180(Math.atan2(cx, cy) * DEG - angA);
                sampleRange(angA + Math.min(0, dB, dC), angA + Math.max(0, dB, dC), step, half, range);
              }
            }
            const az = tri[o + 2]! - pz;
            const bz = tri[o + 5]! - pz;
            const cz = tri[o + 8]! - pz;
            for (let m = range[0]!, mEnd = range[1]!; m <= mEnd; m++) {
              const mm = ((m % total) + total) % total;
              cutTriangle(sampleTan, sampleSin[mm]!, sampleCos[mm]!, mm, ax, ay, az, bx, by, bz, cx, cy, cz);
            }
          }
        }
      }
    }
  }
  for (let k = 0; k < sectors; k++) {
    let max = 0;
    for (let j = 0; j < subSamples; j++) {
      const v = sampleTan[k * subSamples + j]!;
      if (v > max) max = v;
    }
    out[k] = Math.atan(max) * DEG;
  }
  return out;
}

/**
 * Per-azimuth constants of the sky-view integral for one plane: the plane's cosine response
 * towards azimuth φ and elevation e is A(φ)·cos e + nz·sin e = R·cos(e − ψ(φ)).
 */
export interface SkyWeights {
  sectors: number;
  subSteps: number;
  a: Float64Array;
  nz: number;
  /** Lower and upper elevation (radians) where the response is positive, clipped to the sky. */
  lo: Float64Array;
  hi: Float64Array;
  /** Unobstructed contribution per sector and in total. */
  openSector: Float64Array;
  open: number;
}

/** ∫ (A·cos e + nz·sin e)·cos e de */
function bandIntegral(a: number, nz: number, e: number): number {
  const s = Math.sin(e);
  return a * (e / 2 + Math.sin(2 * e) / 4) + (nz * s * s) / 2;
}

export function skyWeights(normal: Vec3, sectors: number, subSteps = 8): SkyWeights {
  const n = sectors * subSteps;
  const width = (2 * Math.PI) / sectors;
  const w: SkyWeights = {
    sectors,
    subSteps,
    a: new Float64Array(n),
    nz: normal[2],
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    openSector: new Float64Array(sectors),
    open: 0,
  };
  for (let k = 0; k < sectors; k++) {
    for (let j = 0; j < subSteps; j++) {
      const i = k * subSteps + j;
      const phi = k * width - width / 2 + ((j + 0.5) * width) / subSteps;
      const a = normal[0] * Math.sin(phi) + normal[1] * Math.cos(phi);
      const psi = Math.atan2(normal[2], a);
      w.a[i] = a;
      w.lo[i] = Math.max(0, psi - Math.PI / 2);
      w.hi[i] = Math.min(Math.PI / 2, psi + Math.PI / 2);
      const open = w.hi[i]! > w.lo[i]! ? bandIntegral(a, normal[2], w.hi[i]!) - bandIntegral(a, normal[2], w.lo[i]!) : 0;
      w.openSector[k]! += open;
      w.open += open;
    }
  }
  return w;
}

/**
 * Share of a plane's isotropic sky diffuse that the horizon profile leaves visible (1 = open
 * sky), by integrating the cosine-weighted sky above the profile. Profile and weights in the same
 * (grid) frame.
 */
export function skyViewFactorWith(weights: SkyWeights, horizonDeg: ArrayLike<number>): number {
  if (!(weights.open > 0)) return 0;
  const { sectors, subSteps, a, nz, lo, hi, openSector } = weights;
  let seen = 0;
  for (let k = 0; k < sectors; k++) {
    const h = horizonDeg[k]! / DEG;
    if (h <= 0) {
      seen += openSector[k]!;
      continue;
    }
    for (let j = 0; j < subSteps; j++) {
      const i = k * subSteps + j;
      const from = Math.max(h, lo[i]!);
      if (hi[i]! > from) seen += bandIntegral(a[i]!, nz, hi[i]!) - bandIntegral(a[i]!, nz, from);
    }
  }
  return seen / weights.open;
}

export function skyViewFactor(horizonDeg: ArrayLike<number>, normal: Vec3, subSteps = 8): number {
  return skyViewFactorWith(skyWeights(normal, horizonDeg.length, subSteps), horizonDeg);
}
