import { describe, expect, test } from 'vitest';
import { type AddressPoint, streetLabels } from './solar.street-labels.ts';

// Near the sample tile: 1 m east ≈ 1.43e-5°, 1 m north ≈ 9.04e-6°.
const LON0 = 5.87;
const LAT0 = 51.03;
const at = (street: string, east: number, north: number): AddressPoint => ({
  street,
  lon: LON0 + east / (111_320 * Math.cos((LAT0 * Math.PI) / 180)),
  lat: LAT0 + north / 110_574,
});
const metresNorth = (lat: number) => (lat - LAT0) * 110_574;

describe('street names placed from the addresses', () => {
  test('houses on both sides of a street give one line along its middle, written left to right', () => {
    const houses = Array.from({ length: 16 }, (_, i) => at('Lindenweg', i * 20, i % 2 === 0 ? 12 : -12));
    const [label, ...rest] = streetLabels(houses);
    expect(rest).toEqual([]);
    expect(label?.properties).toEqual({ name: 'Lindenweg' });
    expect(label?.geometry.type).toBe('LineString');
    const line = label?.geometry.coordinates as [number, number][];
    // straight, so straight: a name is written only along a line that bends little
    expect(line).toHaveLength(2);
    for (const [, lat] of line) expect(Math.abs(metresNorth(lat))).toBeLessThan(4);
    // west to east, and a little beyond the first and last house
    expect(line[0]![0]).toBeLessThan(houses[0]!.lon);
    expect(line[line.length - 1]![0]).toBeGreaterThan(houses[houses.length - 1]!.lon);
  });

  test('a north–south street, stretches far apart, a single house and several streets', () => {
    const labels = streetLabels([
      ...Array.from({ length: 8 }, (_, i) => at('Hauptstraße', 0, i * 25)),
      ...Array.from({ length: 4 }, (_, i) => at('Hauptstraße', 0, 1000 + i * 25)),
      at('Zum Haus Millen', 300, 300),
      // a second number of the same building does not count twice
      at('Zum Haus Millen', 300, 300),
    ]);
    expect(labels.map((l) => [l.properties.name, l.geometry.type])).toEqual([
      ['Hauptstraße', 'LineString'],
      ['Hauptstraße', 'LineString'],
      ['Zum Haus Millen', 'Point'],
    ]);
    const north = labels[0]?.geometry.coordinates as [number, number][];
    expect(Math.abs(north[0]![0] - LON0)).toBeLessThan(1e-5);
  });

  test('a bending street: the line follows its houses round the bend', () => {
    // 200 m east, then 200 m north, houses on both sides every 15 m
    const houses = [
      ...Array.from({ length: 14 }, (_, i) => at('Winkelweg', i * 15, i % 2 === 0 ? 10 : -10)),
      ...Array.from({ length: 14 }, (_, i) => at('Winkelweg', 200 + (i % 2 === 0 ? 10 : -10), 15 + i * 15)),
    ];
    const [label] = streetLabels(houses);
    const line = label?.geometry.coordinates as [number, number][];
    expect(line.length).toBeGreaterThanOrEqual(3);
    const metres = ([lon, lat]: [number, number]) => [(lon - LON0) * 111_320 * Math.cos((LAT0 * Math.PI) / 180), metresNorth(lat)];
    // every vertex but the two ends (which run on straight) near a house
    for (const vertex of line.slice(1, -1)) {
      const [x, y] = metres(vertex) as [number, number];
      const nearest = Math.min(
        ...houses.map((h) => Math.hypot((metres([h.lon, h.lat])[0] as number) - x, (metres([h.lon, h.lat])[1] as number) - y)),
      );
      expect(nearest).toBeLessThan(45);
    }
  });

  test('nothing to place without addresses', () => {
    expect(streetLabels([])).toEqual([]);
  });
});
