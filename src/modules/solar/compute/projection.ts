import proj4 from 'proj4';

/** ETRS89 / UTM zone 32N, the CRS of the NRW LoD2 tiles. ETRS89 ≈ WGS84 at the metre level. */
export const EPSG_25832 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const WGS84 = 'EPSG:4326';
const UTM32_CENTRAL_MERIDIAN_DEG = 9;
/** Second eccentricity squared of GRS80. */
const GRS80_EP2 = 0.0067394967754;

const converter = proj4(EPSG_25832, WGS84);

export type LonLat = [lon: number, lat: number];

export function utm32ToLonLat(x: number, y: number): LonLat {
  const [lon, lat] = converter.forward([x, y]);
  return [lon!, lat!];
}

export function lonLatToUtm32(lon: number, lat: number): [x: number, y: number] {
  const [x, y] = converter.inverse([lon, lat]);
  return [x!, y!];
}

/** A ring of x,y(,z) values (open or closed) as a closed GeoJSON ring of [lon, lat]. */
export function ringToLonLat(ring: Float64Array, stride = 3): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i + 1 < ring.length; i += stride) out.push(utm32ToLonLat(ring[i]!, ring[i + 1]!));
  const first = out[0];
  const last = out[out.length - 1];
  if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: LonLat[][];
}

/** GeoJSON Polygon (WGS84) from an exterior ring and holes in EPSG:25832. */
export function polygonToGeoJson(exterior: Float64Array, interiors: readonly Float64Array[] = [], stride = 3): GeoJsonPolygon {
  return { type: 'Polygon', coordinates: [ringToLonLat(exterior, stride), ...interiors.map((r) => ringToLonLat(r, stride))] };
}

/**
 * Grid azimuth of geographic north at a point of UTM 32N (meridian convergence), degrees
 * clockwise from grid north; positive west of the central meridian. A true azimuth is the grid
 * azimuth minus this value. Ellipsoidal series (e.g. Snyder 1987 / Krakiwsky), accurate to ~1e-7°.
 */
export function gridAzimuthOfTrueNorthDeg(x: number, y: number): number {
  const [lon, lat] = utm32ToLonLat(x, y);
  const phi = (lat * Math.PI) / 180;
  const dl = ((lon - UTM32_CENTRAL_MERIDIAN_DEG) * Math.PI) / 180;
  const c = Math.cos(phi);
  const t2 = Math.tan(phi) ** 2;
  const eta2 = GRS80_EP2 * c * c;
  const dl2c2 = dl * dl * c * c;
  const gamma = dl * Math.sin(phi) * (1 + (dl2c2 / 3) * (1 + 3 * eta2 + 2 * eta2 * eta2) + ((dl2c2 * dl2c2) / 15) * (2 - t2));
  return (-gamma * 180) / Math.PI;
}
