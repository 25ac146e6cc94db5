import type { CityPolygon } from './compute/citygml.ts';

/**
 * Polygons as bytes for a bytea column: little-endian Float64 values
 *   polygonCount, then per polygon: ringCount, then per ring: vertexCount, x, y, z, …
 * (the exterior ring first). Counts are small integers, exact in a Float64. About 24 bytes per
 * vertex, a tenth of the GML text, and decoded without parsing.
 */

export function encodePolygons(polygons: readonly CityPolygon[]): Uint8Array {
  let values = 1;
  for (const p of polygons) {
    values += 1;
    for (const ring of [p.exterior, ...p.interiors]) values += 1 + ring.length;
  }
  const bytes = new Uint8Array(values * 8);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const put = (v: number) => {
    view.setFloat64(at, v, true);
    at += 8;
  };
  put(polygons.length);
  for (const p of polygons) {
    put(1 + p.interiors.length);
    for (const ring of [p.exterior, ...p.interiors]) {
      if (ring.length % 3 !== 0) throw new RangeError('ring is not a list of x,y,z triplets');
      put(ring.length / 3);
      for (let i = 0; i < ring.length; i++) put(ring[i]!);
    }
  }
  return bytes;
}

export function decodePolygons(bytes: Uint8Array): CityPolygon[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const take = (): number => {
    if (at + 8 > view.byteLength) throw new RangeError('polygon data ends early');
    const v = view.getFloat64(at, true);
    at += 8;
    return v;
  };
  const count = take();
  const polygons: CityPolygon[] = [];
  for (let p = 0; p < count; p++) {
    const rings = take();
    const list: Float64Array[] = [];
    for (let r = 0; r < rings; r++) {
      const n = take() * 3;
      const ring = new Float64Array(n);
      for (let i = 0; i < n; i++) ring[i] = take();
      list.push(ring);
    }
    const [exterior, ...interiors] = list;
    if (exterior === undefined) throw new RangeError('polygon without rings');
    polygons.push({ id: null, exterior, interiors });
  }
  if (at !== view.byteLength) throw new RangeError('polygon data has trailing bytes');
  return polygons;
}
