import type { PolygonRings } from './geometry.ts';
import { triangulatePolygon } from './triangulate.ts';

/**
 * Obstacle triangles for shading. Triangles are grouped into clusters (normally one building
 * each) with a bounding circle and top height, so a whole building that cannot rise above the
 * horizon found so far is skipped with one test; clusters sit in a uniform 2D grid over x/y.
 * Each triangle carries an owner key so a roof surface can ignore its own polygons (a planar
 * polygon cannot shade itself from any direction in front of it). Plain data, so the index can
 * be shared with worker threads.
 */

export interface ObstacleSource {
  /** Key of the surface the polygons belong to (e.g. the roof-surface index); −1 for plain obstacles. */
  owner: number;
  /** Consecutive sources with the same group form one cluster (e.g. one building); none = own cluster. */
  group?: number;
  polygons: readonly PolygonRings[];
}

export interface ObstacleIndex {
  /** 9 numbers (3 vertices) per triangle, ordered by cluster. */
  triangles: Float64Array;
  owner: Int32Array;
  count: number;
  /** Triangles of cluster c are clusterStart[c] … clusterStart[c + 1] − 1. */
  clusterStart: Int32Array;
  clusterCount: number;
  /** Bounding circle in x/y and top height per triangle, and per cluster a circle containing its triangles' circles. */
  clusterX: Float64Array;
  clusterY: Float64Array;
  clusterRadius: Float64Array;
  clusterZMax: Float64Array;
  centerX: Float64Array;
  centerY: Float64Array;
  radiusXY: Float64Array;
  zMax: Float64Array;
  cellSize: number;
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  /** Clusters of cell c are cellItems[cellStart[c] … cellStart[c + 1] − 1]; cell c = row · columns + column. */
  cellStart: Int32Array;
  cellItems: Int32Array;
}

/** Bounding circle (vertex mean, max distance) and top of a run of triangles. */
function bounds(triangles: Float64Array, from: number, to: number): [x: number, y: number, radius: number, zMax: number] {
  let x = 0;
  let y = 0;
  let zMax = -Infinity;
  for (let t = from; t < to; t++) {
    for (let v = 9 * t; v < 9 * t + 9; v += 3) {
      x += triangles[v]!;
      y += triangles[v + 1]!;
      zMax = Math.max(zMax, triangles[v + 2]!);
    }
  }
  const n = 3 * (to - from);
  x /= n;
  y /= n;
  let radius = 0;
  for (let t = from; t < to; t++) {
    for (let v = 9 * t; v < 9 * t + 9; v += 3) radius = Math.max(radius, Math.hypot(triangles[v]! - x, triangles[v + 1]! - y));
  }
  return [x, y, radius, zMax];
}

export function buildObstacleIndex(sources: Iterable<ObstacleSource>, cellSize = 16): ObstacleIndex {
  const chunks: Float64Array[] = [];
  const owners: number[] = [];
  const clusterStarts: number[] = [];
  let previousGroup: number | undefined;
  for (const source of sources) {
    const startsCluster = source.group === undefined || source.group !== previousGroup || clusterStarts.length === 0;
    let added = false;
    for (const polygon of source.polygons) {
      const t = triangulatePolygon(polygon);
      if (t.length === 0) continue;
      if (startsCluster && !added) clusterStarts.push(owners.length);
      added = true;
      chunks.push(t);
      for (let i = 0; i < t.length; i += 9) owners.push(source.owner);
    }
    if (added) previousGroup = source.group;
  }
  const count = owners.length;
  const triangles = new Float64Array(count * 9);
  let offset = 0;
  for (const c of chunks) {
    triangles.set(c, offset);
    offset += c.length;
  }
  const clusterCount = clusterStarts.length;
  const clusterStart = Int32Array.from([...clusterStarts, count]);

  const centerX = new Float64Array(count);
  const centerY = new Float64Array(count);
  const radiusXY = new Float64Array(count);
  const zMax = new Float64Array(count);
  for (let t = 0; t < count; t++) [centerX[t], centerY[t], radiusXY[t], zMax[t]] = bounds(triangles, t, t + 1);
  const clusterX = new Float64Array(clusterCount);
  const clusterY = new Float64Array(clusterCount);
  const clusterRadius = new Float64Array(clusterCount);
  const clusterZMax = new Float64Array(clusterCount);
  for (let c = 0; c < clusterCount; c++) {
    [clusterX[c], clusterY[c], , clusterZMax[c]] = bounds(triangles, clusterStart[c]!, clusterStart[c + 1]!);
    // The cluster circle must contain the triangles' circles, not just their vertices, so that
    // skipping a cluster never skips a triangle that its own test would keep.
    let radius = 0;
    for (let t = clusterStart[c]!; t < clusterStart[c + 1]!; t++) {
      radius = Math.max(radius, Math.hypot(centerX[t]! - clusterX[c]!, centerY[t]! - clusterY[c]!) + radiusXY[t]!);
    }
    clusterRadius[c] = radius;
  }

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let c = 0; c < clusterCount; c++) {
    minX = Math.min(minX, clusterX[c]! - clusterRadius[c]!);
    maxX = Math.max(maxX, clusterX[c]! + clusterRadius[c]!);
    minY = Math.min(minY, clusterY[c]! - clusterRadius[c]!);
    maxY = Math.max(maxY, clusterY[c]! + clusterRadius[c]!);
  }
  if (clusterCount === 0) minX = minY = maxX = maxY = 0;
  const columns = Math.max(1, Math.floor((maxX - minX) / cellSize) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cellSize) + 1);

  const cellRange = (c: number): [c0: number, c1: number, r0: number, r1: number] => [
    Math.max(0, Math.floor((clusterX[c]! - clusterRadius[c]! - minX) / cellSize)),
    Math.min(columns - 1, Math.floor((clusterX[c]! + clusterRadius[c]! - minX) / cellSize)),
    Math.max(0, Math.floor((clusterY[c]! - clusterRadius[c]! - minY) / cellSize)),
    Math.min(rows - 1, Math.floor((clusterY[c]! + clusterRadius[c]! - minY) / cellSize)),
  ];
  const cellStart = new Int32Array(columns * rows + 1);
  for (let c = 0; c < clusterCount; c++) {
    const [c0, c1, r0, r1] = cellRange(c);
    for (let r = r0; r <= r1; r++) for (let col = c0; col <= c1; col++) cellStart[r * columns + col + 1]!++;
  }
  for (let i = 0; i < columns * rows; i++) cellStart[i + 1]! += cellStart[i]!;
  const fill = cellStart.slice(0, columns * rows);
  const cellItems = new Int32Array(cellStart[columns * rows]!);
  for (let c = 0; c < clusterCount; c++) {
    const [c0, c1, r0, r1] = cellRange(c);
    for (let r = r0; r <= r1; r++) for (let col = c0; col <= c1; col++) cellItems[fill[r * columns + col]!++] = c;
  }
  return {
    triangles,
    owner: Int32Array.from(owners),
    count,
    clusterStart,
    clusterCount,
    clusterX,
    clusterY,
    clusterRadius,
    clusterZMax,
    centerX,
    centerY,
    radiusXY,
    zMax,
    cellSize,
    originX: minX,
    originY: minY,
    columns,
    rows,
    cellStart,
    cellItems,
  };
}
