import type { CityBuilding, CityPolygon } from './compute/citygml.ts';
import { surfacesOf } from './compute/citygml.ts';
import { utm32ToLonLat } from './compute/projection.ts';
import type { GeoJsonMultiPolygon } from './solar.tables.ts';

/**
 * What the map draws of a building: its ground plan as a WGS84 GeoJSON MultiPolygon, its centre
 * and its extent in EPSG:25832. The ground surfaces of the building and its parts are the
 * footprint; a building without any gets the convex hull of its roofs.
 */

export interface Footprint {
  geometry: GeoJsonMultiPolygon;
  centroidLon: number;
  centroidLat: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}

/** 1e-7° ≈ 1 cm: enough for a map, and the JSON stays small. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

type Ring2 = [number, number][];

function ring2d(ring: Float64Array): Ring2 {
  const out: Ring2 = [];
  for (let i = 0; i + 2 < ring.length; i += 3) out.push([ring[i]!, ring[i + 1]!]);
  return out;
}

/** Twice the signed area; positive = counter-clockwise seen from above. */
function signedArea2(ring: Ring2): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

function convexHull(points: Ring2): Ring2 {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Ring2 = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Ring2 = [];
  for (const q of p.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** RFC 7946 orientation (exterior counter-clockwise, holes clockwise), closed, in lon/lat. */
function toLonLat(ring: Ring2, counterClockwise: boolean): [number, number][] {
  const oriented = signedArea2(ring) > 0 === counterClockwise ? ring : [...ring].reverse();
  const out = oriented.map(([x, y]) => {
    const [lon, lat] = utm32ToLonLat(x, y);
    return [round7(lon), round7(lat)] as [number, number];
  });
  if (out.length > 0) out.push([out[0]![0], out[0]![1]]);
  return out;
}

export function buildingFootprint(building: CityBuilding): Footprint {
  const all = [building, ...building.parts].flatMap((p) => [...p.roofSurfaces, ...p.wallSurfaces, ...p.groundSurfaces, ...p.otherSurfaces]);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const s of all) {
    for (const p of s.polygons) {
      for (let i = 0; i + 2 < p.exterior.length; i += 3) {
        const x = p.exterior[i]!;
        const y = p.exterior[i + 1]!;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (!Number.isFinite(minX)) throw new RangeError('building without geometry');

  const ground: CityPolygon[] = surfacesOf(building, 'groundSurfaces').flatMap((s) => s.polygons);
  const plans: { exterior: Ring2; interiors: Ring2[] }[] =
    ground.length > 0
      ? ground.map((p) => ({ exterior: ring2d(p.exterior), interiors: p.interiors.map(ring2d) }))
      : [
          {
            exterior: convexHull(surfacesOf(building, 'roofSurfaces').flatMap((s) => s.polygons.flatMap((p) => ring2d(p.exterior)))),
            interiors: [],
          },
        ];
  const usable = plans.filter((p) => p.exterior.length >= 3 && Math.abs(signedArea2(p.exterior)) > 1e-6);
  if (usable.length === 0) {
    // Degenerate plans (e.g. only vertical walls): the bounding box still places it on the map.
    usable.push({
      exterior: [
        [minX, minY],
        [maxX, minY],
        [maxX, maxY],
        [minX, maxY],
      ],
      interiors: [],
    });
  }

  // Area-weighted centre of the plan, in metres, then projected.
  let cx = 0;
  let cy = 0;
  let area = 0;
  for (const { exterior } of usable) {
    const a = Math.abs(signedArea2(exterior)) / 2;
    let sx = 0;
    let sy = 0;
    for (const [x, y] of exterior) {
      sx += x;
      sy += y;
    }
    cx += (sx / exterior.length) * a;
    cy += (sy / exterior.length) * a;
    area += a;
  }
  const [lon, lat] = utm32ToLonLat(cx / area, cy / area);

  return {
    geometry: {
      type: 'MultiPolygon',
      coordinates: usable.map((p) => [toLonLat(p.exterior, true), ...p.interiors.map((h) => toLonLat(h, false))]),
    },
    centroidLon: round7(lon),
    centroidLat: round7(lat),
    bbox: { minX, minY, maxX, maxY },
  };
}
