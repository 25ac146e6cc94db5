import { gridAzimuthOfTrueNorthDeg } from './projection.ts';

/**
 * Planar-polygon geometry for roof surfaces. Rings are flat x,y,z lists in EPSG:25832 metres; a
 * repeated closing vertex is ignored. The exterior ring runs counter-clockwise seen from outside
 * (GML), so the Newell vector points outwards; nothing is re-oriented.
 */

export type Vec3 = [x: number, y: number, z: number];

export interface PolygonRings {
  exterior: Float64Array;
  interiors: readonly Float64Array[];
}

/** Azimuths of (nearly) horizontal or vertical-down planes are meaningless below this tilt. */
export const MIN_TILT_FOR_AZIMUTH_DEG = 1;

/** Vertices of a ring without the closing duplicate. */
export function ringVertexCount(ring: Float64Array): number {
  let n = Math.floor(ring.length / 3);
  if (n > 1 && ring[0] === ring[3 * n - 3] && ring[1] === ring[3 * n - 2] && ring[2] === ring[3 * n - 1]) n--;
  return n;
}

/**
 * Newell's method relative to the first vertex (raw UTM values would cost ~7 digits): twice the
 * area vector of the ring.
 */
export function newellVector(ring: Float64Array): Vec3 {
  const n = ringVertexCount(ring);
  const x0 = ring[0]!;
  const y0 = ring[1]!;
  const z0 = ring[2]!;
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    const xi = ring[3 * i]! - x0;
    const yi = ring[3 * i + 1]! - y0;
    const zi = ring[3 * i + 2]! - z0;
    const xj = ring[3 * j]! - x0;
    const yj = ring[3 * j + 1]! - y0;
    const zj = ring[3 * j + 2]! - z0;
    nx += (yi - yj) * (zi + zj);
    ny += (zi - zj) * (xi + xj);
    nz += (xi - xj) * (yi + yj);
  }
  return [nx, ny, nz];
}

function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function normalize(v: Vec3): Vec3 {
  const l = length(v);
  return l > 0 ? [v[0] / l, v[1] / l, v[2] / l] : [0, 0, 0];
}

/** 3D area: exterior minus holes. */
export function polygonArea(polygon: PolygonRings): number {
  let area = length(newellVector(polygon.exterior)) / 2;
  for (const hole of polygon.interiors) area -= length(newellVector(hole)) / 2;
  return area;
}

/** Outward unit normal from the exterior ring. */
export function polygonNormal(polygon: PolygonRings): Vec3 {
  return normalize(newellVector(polygon.exterior));
}

/** 0 = horizontal facing up, 90 = vertical, > 90 = facing down. */
export function tiltDeg(normal: Vec3): number {
  return (Math.acos(Math.min(1, Math.max(-1, normal[2]))) * 180) / Math.PI;
}

/** Direction the plane faces, clockwise from grid north, [0, 360); null for (nearly) horizontal planes. */
export function gridAzimuthDeg(normal: Vec3): number | null {
  const tilt = tiltDeg(normal);
  if (tilt < MIN_TILT_FOR_AZIMUTH_DEG || tilt > 180 - MIN_TILT_FOR_AZIMUTH_DEG) return null;
  const az = (Math.atan2(normal[0], normal[1]) * 180) / Math.PI;
  return az < 0 ? az + 360 : az;
}

export function wrap360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/** Mean of the ring's vertices (closing duplicate excluded). */
export function vertexMean(ring: Float64Array): Vec3 {
  const n = ringVertexCount(ring);
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < n; i++) {
    x += ring[3 * i]!;
    y += ring[3 * i + 1]!;
    z += ring[3 * i + 2]!;
  }
  return [x / n, y / n, z / n];
}

/** Largest distance of a vertex from the plane through `origin` with unit normal `normal`. */
export function maxPlaneDeviation(ring: Float64Array, normal: Vec3, origin: Vec3): number {
  const n = ringVertexCount(ring);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(
      (ring[3 * i]! - origin[0]) * normal[0] + (ring[3 * i + 1]! - origin[1]) * normal[1] + (ring[3 * i + 2]! - origin[2]) * normal[2],
    );
    if (d > max) max = d;
  }
  return max;
}

export interface PlaneOrientation {
  /** Outward unit normal, EPSG:25832 grid axes. */
  normal: Vec3;
  tiltDeg: number;
  azimuthGridDeg: number | null;
  /** Facing direction clockwise from geographic north: use this for the sun. */
  azimuthTrueDeg: number | null;
  facingDown: boolean;
}

export interface PolygonGeometry extends PlaneOrientation {
  area: number;
  /** Vertex mean of the exterior ring. */
  centroid: Vec3;
  maxPlaneDeviation: number;
}

/** Converts grid to true azimuth at (x, y); replaceable for CRSs other than UTM 32N. */
export type Convergence = (x: number, y: number) => number;

export function orientation(normal: Vec3, at: Vec3, convergence: Convergence = gridAzimuthOfTrueNorthDeg): PlaneOrientation {
  const azimuthGridDeg = gridAzimuthDeg(normal);
  return {
    normal,
    tiltDeg: tiltDeg(normal),
    azimuthGridDeg,
    azimuthTrueDeg: azimuthGridDeg === null ? null : wrap360(azimuthGridDeg - convergence(at[0], at[1])),
    facingDown: normal[2] < 0,
  };
}

export function analysePolygon(polygon: PolygonRings, convergence?: Convergence): PolygonGeometry {
  const normal = polygonNormal(polygon);
  const centroid = vertexMean(polygon.exterior);
  return {
    ...orientation(normal, centroid, convergence),
    area: polygonArea(polygon),
    centroid,
    maxPlaneDeviation: maxPlaneDeviation(polygon.exterior, normal, centroid),
  };
}

export interface SurfaceGeometry extends PlaneOrientation {
  /** Sum of the polygon areas. */
  area: number;
  /** Area-weighted mean of the polygons' vertex means. */
  centroid: Vec3;
  polygons: PolygonGeometry[];
}

/** A thematic surface made of several polygons: normal = normalised Σ area × unit normal. */
export function analyseSurface(polygons: readonly PolygonRings[], convergence?: Convergence): SurfaceGeometry {
  const parts = polygons.map((p) => analysePolygon(p, convergence));
  const sum: Vec3 = [0, 0, 0];
  const centroid: Vec3 = [0, 0, 0];
  let area = 0;
  for (const p of parts) {
    area += p.area;
    for (let i = 0; i < 3; i++) {
      sum[i] = sum[i]! + p.area * p.normal[i]!;
      centroid[i] = centroid[i]! + p.area * p.centroid[i]!;
    }
  }
  if (area > 0) for (let i = 0; i < 3; i++) centroid[i] = centroid[i]! / area;
  else if (parts[0] !== undefined) centroid.splice(0, 3, ...parts[0].centroid);
  return { ...orientation(normalize(sum), centroid, convergence), area, centroid, polygons: parts };
}

/**
 * Orthonormal in-plane axes (u, v) with u × v = normal: u is horizontal along the plane (the
 * contour direction), v points up the slope; for horizontal planes u = east, v = north.
 */
export function planeBasis(normal: Vec3): { u: Vec3; v: Vec3 } {
  const horizontal = Math.hypot(normal[0], normal[1]);
  const u: Vec3 = horizontal < 1e-9 ? [1, 0, 0] : [-normal[1] / horizontal, normal[0] / horizontal, 0];
  if (horizontal < 1e-9 && normal[2] < 0) u[0] = -1;
  const v: Vec3 = [normal[1] * u[2] - normal[2] * u[1], normal[2] * u[0] - normal[0] * u[2], normal[0] * u[1] - normal[1] * u[0]];
  return { u, v };
}
