import { describe, expect, test } from 'vitest';
import type { CityPolygon } from './compute/citygml.ts';
import { extrudeBuilding, ROOF_UNKNOWN, WALL_COLOUR } from './solar.extrusion.ts';

const X = 280500;
const Y = 5657500;
const poly = (...points: [number, number, number][]): CityPolygon => ({
  id: null,
  exterior: Float64Array.from(points.flatMap(([x, y, z]) => [X + x, Y + y, z])),
  interiors: [],
});
/** A 10 m × 8 m house on ground at 40 m, eaves at 46 m, the ridge along x at 49 m. */
const walls = [poly([0, 0, 40], [10, 0, 40], [10, 0, 46], [0, 0, 46])];
const south = poly([0, 0, 46], [10, 0, 46], [10, 4, 49], [0, 4, 49]);
const north = poly([0, 4, 49], [10, 4, 49], [10, 8, 46], [0, 8, 46]);

describe('the 3D view of a building', () => {
  test('walls up to the eaves, a pitched roof as bands up to the ridge, in the class colour of each surface', () => {
    const features = extrudeBuilding(walls, [
      { polygons: [south], colour: '#a63603', facingDown: false },
      { polygons: [north], colour: null, facingDown: false },
    ]);
    for (const f of features) {
      expect(Object.keys(f.properties).sort()).toEqual(['base', 'colour', 'height']);
      const ring = f.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    const wallsOut = features.filter((f) => f.properties.colour === WALL_COLOUR);
    expect(wallsOut.map((f) => [f.properties.base, f.properties.height])).toEqual([
      [0, 6],
      [0, 6],
    ]);
    const southBands = features.filter((f) => f.properties.colour === '#a63603');
    const northBands = features.filter((f) => f.properties.colour === ROOF_UNKNOWN);
    expect(southBands.length).toBeGreaterThanOrEqual(7);
    expect(northBands.length).toBe(southBands.length);
    const heights = southBands.map((f) => f.properties.height);
    // rising towards the ridge, within half a band of the measured heights
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(Math.min(...heights)).toBeGreaterThan(6);
    expect(Math.max(...heights)).toBeGreaterThan(8.6);
    expect(Math.max(...heights)).toBeLessThanOrEqual(9);
    for (const f of southBands) expect(f.properties.base).toBe(6);
  });

  test('a flat roof is one slab on its walls; a surface facing down is left out', () => {
    const flat = poly([0, 0, 46], [10, 0, 46], [10, 8, 46], [0, 8, 46]);
    const features = extrudeBuilding(walls, [
      { polygons: [flat], colour: '#fdae6b', facingDown: false },
      { polygons: [south], colour: '#e6550d', facingDown: true },
    ]);
    expect(features.map((f) => [f.properties.colour, f.properties.base, f.properties.height])).toEqual([
      [WALL_COLOUR, 0, 5.7],
      ['#fdae6b', 5.7, 6],
    ]);
  });
});
