import type { BoundaryKind, BoundarySurface, CityBuilding } from './citygml.ts';

/**
 * Hand-built LoD2 buildings for tests and benchmarks: exact, known geometry with outward
 * (counter-clockwise seen from outside) rings, in the shape citygml.ts produces.
 */

type Point = [number, number, number];

function surface(kind: BoundaryKind, id: string, ...rings: Point[][]): BoundarySurface {
  return { id, kind, polygons: rings.map((r, i) => ({ id: `${id}-${i}`, exterior: Float64Array.from(r.flat()), interiors: [] })) };
}

function building(id: string, roofs: BoundarySurface[], walls: BoundarySurface[], ground: BoundarySurface): CityBuilding {
  return {
    id,
    function: '31001_1000',
    roofType: null,
    measuredHeight: null,
    addresses: [],
    roofSurfaces: roofs,
    wallSurfaces: walls,
    groundSurfaces: [ground],
    otherSurfaces: [],
    attributes: {},
    unresolvedXlinks: 0,
    parts: [],
    line: 0,
  };
}

export interface BoxSpec {
  id: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Ground and roof heights. */
  z0: number;
  height: number;
}

/** A flat-roofed box, axis-aligned in grid coordinates. */
export function flatBox({ id, x0, y0, x1, y1, z0, height }: BoxSpec): CityBuilding {
  const z1 = z0 + height;
  return building(
    id,
    [
      surface('RoofSurface', `${id}-roof`, [
        [x0, y0, z1],
        [x1, y0, z1],
        [x1, y1, z1],
        [x0, y1, z1],
      ]),
    ],
    [
      surface('WallSurface', `${id}-s`, [
        [x0, y0, z0],
        [x1, y0, z0],
        [x1, y0, z1],
        [x0, y0, z1],
      ]),
      surface('WallSurface', `${id}-e`, [
        [x1, y0, z0],
        [x1, y1, z0],
        [x1, y1, z1],
        [x1, y0, z1],
      ]),
      surface('WallSurface', `${id}-n`, [
        [x1, y1, z0],
        [x0, y1, z0],
        [x0, y1, z1],
        [x1, y1, z1],
      ]),
      surface('WallSurface', `${id}-w`, [
        [x0, y1, z0],
        [x0, y0, z0],
        [x0, y0, z1],
        [x0, y1, z1],
      ]),
    ],
    surface('GroundSurface', `${id}-ground`, [
      [x0, y0, z0],
      [x0, y1, z0],
      [x1, y1, z0],
      [x1, y0, z0],
    ]),
  );
}

export interface GableSpec extends BoxSpec {
  /** Roof pitch; the ridge runs along x, so the roof halves face grid south and north. */
  tiltDeg: number;
}

/** A gable-roofed house, `height` = eaves height above z0. */
export function gableHouse({ id, x0, y0, x1, y1, z0, height, tiltDeg }: GableSpec): CityBuilding {
  const ze = z0 + height;
  const ym = (y0 + y1) / 2;
  const zr = ze + ((y1 - y0) / 2) * Math.tan((tiltDeg * Math.PI) / 180);
  return building(
    id,
    [
      surface('RoofSurface', `${id}-roof-s`, [
        [x0, y0, ze],
        [x1, y0, ze],
        [x1, ym, zr],
        [x0, ym, zr],
      ]),
      surface('RoofSurface', `${id}-roof-n`, [
        [x1, y1, ze],
        [x0, y1, ze],
        [x0, ym, zr],
        [x1, ym, zr],
      ]),
    ],
    [
      surface('WallSurface', `${id}-s`, [
        [x0, y0, z0],
        [x1, y0, z0],
        [x1, y0, ze],
        [x0, y0, ze],
      ]),
      surface('WallSurface', `${id}-e`, [
        [x1, y0, z0],
        [x1, y1, z0],
        [x1, y1, ze],
        [x1, ym, zr],
        [x1, y0, ze],
      ]),
      surface('WallSurface', `${id}-n`, [
        [x1, y1, z0],
        [x0, y1, z0],
        [x0, y1, ze],
        [x1, y1, ze],
      ]),
      surface('WallSurface', `${id}-w`, [
        [x0, y1, z0],
        [x0, y0, z0],
        [x0, y0, ze],
        [x0, ym, zr],
        [x0, y1, ze],
      ]),
    ],
    surface('GroundSurface', `${id}-ground`, [
      [x0, y0, z0],
      [x0, y1, z0],
      [x1, y1, z0],
      [x1, y0, z0],
    ]),
  );
}

/**
 * A dense grid of gable houses and flat-roofed blocks with varied heights, for speed tests:
 * `columns × rows` buildings on a 16 m × 14 m pitch (deterministic).
 */
export function syntheticCity(columns: number, rows: number, originX = 280000, originY = 5657000): CityBuilding[] {
  const out: CityBuilding[] = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x0 = originX + c * 16;
      const y0 = originY + r * 14;
      const spec = { id: `SYN_${r}_${c}`, x0, y0, x1: x0 + 10 + 3 * random(), y1: y0 + 8 + 3 * random(), z0: 40, height: 3 + 9 * random() };
      out.push(random() < 0.7 ? gableHouse({ ...spec, tiltDeg: 25 + 25 * random() }) : flatBox(spec));
    }
  }
  return out;
}
