import type { CityPolygon } from './compute/citygml.ts';
import { utm32ToLonLat } from './compute/projection.ts';

/**
 * The 3D view as prisms MapLibre can extrude (fill-extrusion has flat tops only): under each roof
 * polygon a wall prism from the ground to the roof's lowest point, and on it the roof in
 * horizontal bands a few decimetres high, each extruded to its middle height, so a pitched roof
 * shows as a fine staircase along its slope and keeps its class colour. Heights are metres above
 * the building's ground (the lowest point of its walls), as the model measured them.
 */

export interface ExtrusionFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  /** Only the colour and the two heights in metres: nothing that names or measures the building (C24). */
  properties: { colour: string; base: number; height: number };
}

export interface RoofForExtrusion {
  polygons: readonly CityPolygon[];
  /** Class colour of this roof surface; null when it has no result (drawn in ROOF_UNKNOWN). */
  colour: string | null;
  facingDown: boolean;
}

/** Cool and darker than the grey of "not suited", so walls never pass for roofs. */
export const WALL_COLOUR = '#aab0b8';
export const ROOF_UNKNOWN = '#9a958c';
/** Height of one band of a pitched roof. */
const BAND_M = 0.4;
const MAX_BANDS = 24;
/** A roof flatter than this is one slab, as thick as this. */
const FLAT_M = 0.3;

type Point3 = [number, number, number];

function points(ring: Float64Array): Point3[] {
  const out: Point3[] = [];
  for (let i = 0; i + 2 < ring.length; i += 3) out.push([ring[i]!, ring[i + 1]!, ring[i + 2]!]);
  return out;
}

/** Sutherland–Hodgman against one horizontal plane: keeps the part with z ≥ level (above) or ≤ level. */
function clipAt(ring: Point3[], level: number, above: boolean): Point3[] {
  const inside = (p: Point3) => (above ? p[2] >= level : p[2] <= level);
  const out: Point3[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) {
      const t = (level - a[2]) / (b[2] - a[2]);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), level]);
    }
  }
  return out;
}

function area2d(ring: readonly Point3[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Counter-clockwise (RFC 7946), closed, in lon/lat. */
function lonLatRing(ring: readonly Point3[]): [number, number][] {
  const ordered = area2d(ring) >= 0 ? ring : [...ring].reverse();
  const out = ordered.map(([x, y]) => {
    const [lon, lat] = utm32ToLonLat(x, y);
    return [round7(lon), round7(lat)] as [number, number];
  });
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

function prism(ring: readonly Point3[], colour: string, base: number, height: number): ExtrusionFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [lonLatRing(ring)] },
    properties: { colour, base: round1(Math.max(0, base)), height: round1(Math.max(height, base + 0.1, 0.1)) },
  };
}

/** The building's ground: the lowest point of its walls, else of its roofs. */
export function groundOf(walls: readonly CityPolygon[], roofs: readonly RoofForExtrusion[]): number {
  let ground = Number.POSITIVE_INFINITY;
  for (const p of walls) for (const [, , z] of points(p.exterior)) ground = Math.min(ground, z);
  if (Number.isFinite(ground)) return ground;
  for (const r of roofs) for (const p of r.polygons) for (const [, , z] of points(p.exterior)) ground = Math.min(ground, z);
  return Number.isFinite(ground) ? ground : 0;
}

export function extrudeBuilding(walls: readonly CityPolygon[], roofs: readonly RoofForExtrusion[]): ExtrusionFeature[] {
  const ground = groundOf(walls, roofs);
  const out: ExtrusionFeature[] = [];
  for (const roof of roofs) {
    if (roof.facingDown) continue;
    const colour = roof.colour ?? ROOF_UNKNOWN;
    for (const polygon of roof.polygons) {
      const ring = points(polygon.exterior);
      // A vertical or degenerate polygon has no plan to extrude.
      if (ring.length < 3 || Math.abs(area2d(ring)) < 0.05) continue;
      const zs = ring.map((p) => p[2]);
      const low = Math.min(...zs);
      const high = Math.max(...zs);
      if (high - low < FLAT_M) {
        // Wall and slab meet without overlapping: coplanar sides of two colours would flicker.
        out.push(prism(ring, WALL_COLOUR, 0, low - ground - FLAT_M));
        out.push(prism(ring, colour, low - ground - FLAT_M, high - ground));
        continue;
      }
      out.push(prism(ring, WALL_COLOUR, 0, low - ground));
      const bands = Math.min(MAX_BANDS, Math.ceil((high - low) / BAND_M));
      const step = (high - low) / bands;
      for (let k = 0; k < bands; k++) {
        const from = low + k * step;
        const band = clipAt(clipAt(ring, from, true), from + step, false);
        if (band.length < 3 || Math.abs(area2d(band)) < 0.01) continue;
        out.push(prism(band, colour, low - ground, from + step / 2 - ground));
      }
    }
  }
  return out;
}
