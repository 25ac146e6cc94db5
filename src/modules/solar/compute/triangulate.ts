import type { PolygonRings } from './geometry.ts';
import { newellVector, ringVertexCount } from './geometry.ts';

/**
 * Ear-clipping triangulation of a (near-)planar 3D polygon with holes. The polygon is projected
 * onto the coordinate plane its normal is most aligned with; holes are joined to the outer ring
 * by bridge edges first. Output: 9 numbers (three x,y,z vertices) per triangle, in the input's
 * coordinates. O(n²), which is fine for building polygons (tens of vertices).
 */

interface Ring2 {
  /** 2D projected coordinates, interleaved. */
  xy: number[];
  /** Index of each vertex into the 3D vertex list. */
  index: number[];
}

function signedArea2(xy: number[]): number {
  let a = 0;
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) a += (xy[2 * j]! - xy[2 * i]!) * (xy[2 * j + 1]! + xy[2 * i + 1]!);
  return a / 2;
}

function reverse(ring: Ring2): Ring2 {
  const n = ring.index.length;
  const xy: number[] = [];
  const index: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    xy.push(ring.xy[2 * i]!, ring.xy[2 * i + 1]!);
    index.push(ring.index[i]!);
  }
  return { xy, index };
}

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Proper or touching intersection of segments p1p2 and p3p4, excluding shared endpoints. */
function segmentsCross(p1x: number, p1y: number, p2x: number, p2y: number, p3x: number, p3y: number, p4x: number, p4y: number): boolean {
  const same = (ax: number, ay: number, bx: number, by: number) => ax === bx && ay === by;
  if (same(p1x, p1y, p3x, p3y) || same(p1x, p1y, p4x, p4y) || same(p2x, p2y, p3x, p3y) || same(p2x, p2y, p4x, p4y)) return false;
  const d1 = cross(p3x, p3y, p4x, p4y, p1x, p1y);
  const d2 = cross(p3x, p3y, p4x, p4y, p2x, p2y);
  const d3 = cross(p1x, p1y, p2x, p2y, p3x, p3y);
  const d4 = cross(p1x, p1y, p2x, p2y, p4x, p4y);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function visible(mx: number, my: number, vx: number, vy: number, rings: Ring2[]): boolean {
  for (const r of rings) {
    const n = r.index.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      if (segmentsCross(mx, my, vx, vy, r.xy[2 * j]!, r.xy[2 * j + 1]!, r.xy[2 * i]!, r.xy[2 * i + 1]!)) return false;
    }
  }
  return true;
}

/** Joins each hole (clockwise) into the outer ring (counter-clockwise) through a visible vertex. */
function eliminateHoles(outer: Ring2, holes: Ring2[]): Ring2 {
  const pending = holes
    .map((h) => {
      let best = 0;
      for (let i = 1; i < h.index.length; i++) if (h.xy[2 * i]! > h.xy[2 * best]!) best = i;
      return { ring: h, start: best };
    })
    .sort((a, b) => b.ring.xy[2 * b.start]! - a.ring.xy[2 * a.start]!);
  let merged = outer;
  for (let p = 0; p < pending.length; p++) {
    const { ring: hole, start } = pending[p]!;
    const mx = hole.xy[2 * start]!;
    const my = hole.xy[2 * start + 1]!;
    const others = [merged, ...pending.slice(p).map((q) => q.ring)];
    const order = merged.index
      .map((_, i) => i)
      .sort((a, b) => {
        const da = (merged.xy[2 * a]! - mx) ** 2 + (merged.xy[2 * a + 1]! - my) ** 2;
        const db = (merged.xy[2 * b]! - mx) ** 2 + (merged.xy[2 * b + 1]! - my) ** 2;
        return da - db;
      });
    const bridge = order.find((i) => visible(mx, my, merged.xy[2 * i]!, merged.xy[2 * i + 1]!, others)) ?? order[0]!;
    const xy: number[] = [];
    const index: number[] = [];
    const push = (r: Ring2, i: number) => {
      xy.push(r.xy[2 * i]!, r.xy[2 * i + 1]!);
      index.push(r.index[i]!);
    };
    for (let i = 0; i <= bridge; i++) push(merged, i);
    const hn = hole.index.length;
    for (let k = 0; k <= hn; k++) push(hole, (start + k) % hn);
    for (let i = bridge; i < merged.index.length; i++) push(merged, i);
    merged = { xy, index };
  }
  return merged;
}

function pointInTriangle(px: number, py: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return cross(ax, ay, bx, by, px, py) >= 0 && cross(bx, by, cx, cy, px, py) >= 0 && cross(cx, cy, ax, ay, px, py) >= 0;
}

/** Triangles of a simple counter-clockwise polygon, as index triples into `ring.index`'s targets. */
function earClip(ring: Ring2): number[] {
  const xy = ring.xy;
  const n = ring.index.length;
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = (i + 1) % n;
    prev[i] = (i + n - 1) % n;
  }
  const out: number[] = [];
  let remaining = n;
  let i = 0;
  let sinceLastEar = 0;
  while (remaining > 3) {
    const a = prev[i]!;
    const c = next[i]!;
    const ax = xy[2 * a]!;
    const ay = xy[2 * a + 1]!;
    const bx = xy[2 * i]!;
    const by = xy[2 * i + 1]!;
    const cx = xy[2 * c]!;
    const cy = xy[2 * c + 1]!;
    const turn = cross(ax, ay, bx, by, cx, cy);
    let ear = turn > 0;
    if (ear) {
      for (let p = next[c]!; p !== a; p = next[p]!) {
        const px = xy[2 * p]!;
        const py = xy[2 * p + 1]!;
        // Bridge edges repeat vertices; a coincident vertex does not block the ear.
        if ((px === ax && py === ay) || (px === bx && py === by) || (px === cx && py === cy)) continue;
        if (pointInTriangle(px, py, ax, ay, bx, by, cx, cy)) {
          ear = false;
          break;
        }
      }
    }
    // Degenerate (collinear) vertices are dropped without a triangle; when no ear is found in a
    // full round (numerical trouble on a self-touching ring), clip anyway rather than loop.
    const stuck = sinceLastEar > remaining;
    if (ear || turn === 0 || stuck) {
      if (turn !== 0) out.push(ring.index[a]!, ring.index[i]!, ring.index[c]!);
      next[a] = c;
      prev[c] = a;
      remaining--;
      sinceLastEar = 0;
      i = c;
    } else {
      sinceLastEar++;
      i = next[i]!;
    }
  }
  const a = prev[i]!;
  const c = next[i]!;
  if (cross(xy[2 * a]!, xy[2 * a + 1]!, xy[2 * i]!, xy[2 * i + 1]!, xy[2 * c]!, xy[2 * c + 1]!) !== 0) {
    out.push(ring.index[a]!, ring.index[i]!, ring.index[c]!);
  }
  return out;
}

export function triangulatePolygon(polygon: PolygonRings): Float64Array {
  const [nx, ny, nz] = newellVector(polygon.exterior);
  const ax = Math.abs(nx);
  const ay = Math.abs(ny);
  const az = Math.abs(nz);
  // Drop the dominant axis; flip one axis when that component is negative so the outward side stays counter-clockwise.
  const [i0, i1, flip] = az >= ax && az >= ay ? [0, 1, nz < 0] : ax >= ay ? [1, 2, nx < 0] : [2, 0, ny < 0];
  const vertices: number[] = [];
  const project = (ring: Float64Array): Ring2 => {
    const n = ringVertexCount(ring);
    const xy: number[] = [];
    const index: number[] = [];
    for (let k = 0; k < n; k++) {
      const u = ring[3 * k + i0]!;
      const v = ring[3 * k + i1]!;
      xy.push(flip ? -u : u, v);
      index.push(vertices.length / 3);
      vertices.push(ring[3 * k]!, ring[3 * k + 1]!, ring[3 * k + 2]!);
    }
    return { xy, index };
  };
  let outer = project(polygon.exterior);
  if (outer.index.length < 3) return new Float64Array(0);
  if (signedArea2(outer.xy) < 0) outer = reverse(outer);
  const holes = polygon.interiors
    .map(project)
    .filter((h) => h.index.length >= 3)
    .map((h) => (signedArea2(h.xy) > 0 ? reverse(h) : h));
  const ring = holes.length > 0 ? eliminateHoles(outer, holes) : outer;
  const triangles = earClip(ring);
  const out = new Float64Array(triangles.length * 3);
  for (let t = 0; t < triangles.length; t++) {
    const v = triangles[t]!;
    out[3 * t] = vertices[3 * v]!;
    out[3 * t + 1] = vertices[3 * v + 1]!;
    out[3 * t + 2] = vertices[3 * v + 2]!;
  }
  return out;
}
