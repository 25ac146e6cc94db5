import { describe, expect, test } from 'vitest';
import { gridAzimuthOfTrueNorthDeg, lonLatToUtm32, polygonToGeoJson, ringToLonLat, utm32ToLonLat } from './projection.ts';
import { loadRoofsReference } from './test-data.ts';

const reference = loadRoofsReference();

describe('EPSG:25832 → WGS84', () => {
  test('the tile centre is at about 51.0271 N, 5.8697 E', () => {
    const [lon, lat] = utm32ToLonLat(280500, 5657500);
    expect(lat).toBeCloseTo(51.0271, 4);
    expect(lon).toBeCloseTo(5.8697, 4);
    expect(lon).toBeCloseTo(reference.tile_center_lonlat[0], 6);
    expect(lat).toBeCloseTo(reference.tile_center_lonlat[1], 6);
  });

  test('the central meridian 9° E maps to false easting 500 km, and the round trip is sub-millimetre', () => {
    const [x] = lonLatToUtm32(9, 51);
    expect(x).toBeCloseTo(500000, 6);
    const [lon, lat] = utm32ToLonLat(281234.567, 5657890.123);
    const [x2, y2] = lonLatToUtm32(lon, lat);
    expect(Math.abs(x2 - 281234.567)).toBeLessThan(1e-4);
    expect(Math.abs(y2 - 5657890.123)).toBeLessThan(1e-4);
  });

  test('rings become closed GeoJSON rings; holes follow the exterior', () => {
    const ring = Float64Array.from([280000, 5657000, 40, 280010, 5657000, 40, 280010, 5657010, 40]);
    const lonLat = ringToLonLat(ring);
    expect(lonLat).toHaveLength(4);
    expect(lonLat[3]).toEqual(lonLat[0]);
    const closed = Float64Array.from([...ring, 280000, 5657000, 40]);
    expect(ringToLonLat(closed)).toEqual(lonLat);
    const geo = polygonToGeoJson(ring, [ring]);
    expect(geo.type).toBe('Polygon');
    expect(geo.coordinates).toHaveLength(2);
    expect(lonLat[1]![0]).toBeGreaterThan(lonLat[0]![0]);
  });
});

describe('meridian convergence', () => {
  test('matches the reference at the tile centre (2.4346°)', () => {
    expect(gridAzimuthOfTrueNorthDeg(280500, 5657500)).toBeCloseTo(reference.grid_azimuth_of_true_north_at_center_deg, 4);
  });

  test('agrees with a numerical derivative of the projection to 1e-6°, both sides of the central meridian', () => {
    for (const [x, y] of [
      [280500, 5657500],
      [720000, 5900000],
      [500000, 5400000],
      [350000, 6000000],
    ] as const) {
      const [lon, lat] = utm32ToLonLat(x, y);
      const south = lonLatToUtm32(lon, lat - 1e-4);
      const north = lonLatToUtm32(lon, lat + 1e-4);
      const numeric = (Math.atan2(north[0] - south[0], north[1] - south[1]) * 180) / Math.PI;
      expect(Math.abs(gridAzimuthOfTrueNorthDeg(x, y) - numeric), `${x},${y}`).toBeLessThan(1e-6);
    }
    expect(gridAzimuthOfTrueNorthDeg(500000, 5600000)).toBeCloseTo(0, 9);
    expect(gridAzimuthOfTrueNorthDeg(700000, 5600000)).toBeLessThan(0);
  });
});
