import type { PolygonRings, Vec3 } from './geometry.ts';
import { planeBasis, polygonArea, ringVertexCount } from './geometry.ts';

/**
 * Rasterises a roof surface in its own plane to find the part at least `setback` metres from
 * every outer edge: that gives the usable area and the shading sample points. Edges shared by two
 * polygons of the same surface (e.g. the triangles of a flat roof) are interior, not edges.
 */

export interface RoofRasterOptions {
  /** Distance kept free along the surface's edges, metres. */
  setback: number;
  /** Raster cell size, metres; enlarged automatically above `maxCells`. */
  cellSize: number;
  maxCells: number;
  /** Spacing of the shading sample points, metres; enlarged automatically above `maxSamples`. */
  sampleSpacing: number;
  maxSamples: number;
}

export const defaultRoofRasterOptions: Readonly<RoofRasterOptions> = Object.freeze({
  setback: 0.5,
  cellSize: 0.25,
  maxCells: 40000,
  sampleSpacing: 1.5,
  maxSamples: 32,
});

export interface RoofRaster {
  /** Sum of the polygon areas, m². */
  area: number;
  /** Area at least `setback` from the edges, m² (raster share × exact area). */
  usableArea: number;
  /** x,y,z of the sample points, on the plane, inside the usable area (or the most interior point if there is none). */
  samples: Float64Array;
  cellSize: number;
}

interface Edge2 {
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

function edgeKey(ring: Float64Array, i: number, j: number): string {
  const p = (k: number) =>
    `${Math.round(ring[3 * k]! * 1000)},${Math.round(ring[3 * k + 1]! * 1000)},${Math.round(ring[3 * k + 2]! * 1000)}`;
  const a = p(i);
  const b = p(j);
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function distanceToSegmentSq(px: number, py: number, e: Edge2): number {
  const dx = e.bx - e.ax;
  const dy = e.by - e.ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - e.ax) * dx + (py - e.ay) * dy) / len2 : 0;
  t = Math.min(Math.max(t, 0), 1);
  const x = e.ax + t * dx - px;
  const y = e.ay + t * dy - py;
  return x * x + y * y;
}

export function rasteriseRoof(
  polygons: readonly PolygonRings[],
  normal: Vec3,
  options: RoofRasterOptions = defaultRoofRasterOptions,
): RoofRaster {
  const area = polygons.reduce((s, p) => s + polygonArea(p), 0);
  const rings = polygons.flatMap((p) => [p.exterior, ...p.interiors]);
  const first = polygons[0]?.exterior;
  if (first === undefined || first.length < 9) return { area, usableArea: 0, samples: new Float64Array(0), cellSize: options.cellSize };

  // Plane through the vertex mean of all rings.
  let ox = 0;
  let oy = 0;
  let oz = 0;
  let count = 0;
  for (const r of rings) {
    const n = ringVertexCount(r);
    for (let i = 0; i < n; i++) {
      ox += r[3 * i]!;
      oy += r[3 * i + 1]!;
      oz += r[3 * i + 2]!;
    }
    count += n;
  }
  ox /= count;
  oy /= count;
  oz /= count;
  const { u, v } = planeBasis(normal);
  const toU = (r: Float64Array, i: number) => (r[3 * i]! - ox) * u[0] + (r[3 * i + 1]! - oy) * u[1] + (r[3 * i + 2]! - oz) * u[2];
  const toV = (r: Float64Array, i: number) => (r[3 * i]! - ox) * v[0] + (r[3 * i + 1]! - oy) * v[1] + (r[3 * i + 2]! - oz) * v[2];

  const edgeUse = new Map<string, number>();
  for (const r of rings) {
    const n = ringVertexCount(r);
    for (let i = 0; i < n; i++) {
      const key = edgeKey(r, i, (i + 1) % n);
      edgeUse.set(key, (edgeUse.get(key) ?? 0) + 1);
    }
  }
  const all: Edge2[] = [];
  const outline: Edge2[] = [];
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const r of rings) {
    const n = ringVertexCount(r);
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const e = { ax: toU(r, i), ay: toV(r, i), bx: toU(r, j), by: toV(r, j) };
      all.push(e);
      if (edgeUse.get(edgeKey(r, i, j)) === 1) outline.push(e);
      minU = Math.min(minU, e.ax);
      maxU = Math.max(maxU, e.ax);
      minV = Math.min(minV, e.ay);
      maxV = Math.max(maxV, e.ay);
    }
  }

  let cell = options.cellSize;
  while (((maxU - minU) / cell + 1) * ((maxV - minV) / cell + 1) > options.maxCells) cell *= 1.25;
  const nu = Math.max(1, Math.ceil((maxU - minU) / cell));
  const nv = Math.max(1, Math.ceil((maxV - minV) / cell));
  const setbackSq = options.setback * options.setback;

  // Per cell: −1 outside, otherwise the squared distance to the outline.
  const clearance = new Float64Array(nu * nv).fill(-1);
  let inside = 0;
  let usable = 0;
  for (let j = 0; j < nv; j++) {
    const py = minV + (j + 0.5) * cell;
    for (let i = 0; i < nu; i++) {
      const px = minU + (i + 0.5) * cell;
      // Even-odd over all rings of all polygons: holes and the surface's separate polygons just work.
      let odd = false;
      for (const e of all) {
        if (e.ay > py !== e.by > py && px < e.ax + ((py - e.ay) * (e.bx - e.ax)) / (e.by - e.ay)) odd = !odd;
      }
      if (!odd) continue;
      inside++;
      let d = Infinity;
      for (const e of outline) {
        const dd = distanceToSegmentSq(px, py, e);
        if (dd < d) d = dd;
      }
      clearance[j * nu + i] = d;
      if (d >= setbackSq) usable++;
    }
  }

  const usableArea = inside > 0 ? (usable / inside) * area : 0;
  const toWorld = (i: number, j: number): [number, number, number] => {
    const su = minU + (i + 0.5) * cell;
    const sv = minV + (j + 0.5) * cell;
    return [ox + su * u[0] + sv * v[0], oy + su * u[1] + sv * v[1], oz + su * u[2] + sv * v[2]];
  };

  const samples: number[] = [];
  if (usable > 0) {
    let stride = Math.max(1, Math.round(options.sampleSpacing / cell));
    for (;;) {
      samples.length = 0;
      const offset = Math.floor(stride / 2);
      for (let j = offset; j < nv; j += stride) {
        for (let i = offset; i < nu; i += stride) {
          if (clearance[j * nu + i]! >= setbackSq) samples.push(...toWorld(i, j));
        }
      }
      if (samples.length / 3 <= options.maxSamples) break;
      stride = Math.ceil(stride * 1.25);
    }
    if (samples.length === 0) {
      // The sparse grid missed a narrow usable strip: take its first cell.
      const c = clearance.findIndex((d) => d >= setbackSq);
      samples.push(...toWorld(c % nu, Math.floor(c / nu)));
    }
  } else {
    let best = -1;
    let bestD = -1;
    clearance.forEach((d, c) => {
      if (d > bestD) {
        bestD = d;
        best = c;
      }
    });
    if (best >= 0) samples.push(...toWorld(best % nu, Math.floor(best / nu)));
    else samples.push(ox, oy, oz);
  }
  return { area, usableArea, samples: Float64Array.from(samples), cellSize: cell };
}
