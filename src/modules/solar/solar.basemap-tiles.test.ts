import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TileType } from 'pmtiles';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { isTileAddress, openTileSet } from './solar.basemap-tiles.ts';
import { tileAt, writePmtiles } from './solar.test-support.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-tiles-'));
const tile = (colour: string, size = 256) =>
  sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .png()
    .toBuffer();
// The sample tile's village.
const here = tileAt(5.8697, 51.0271, 14);
let red: Buffer;
let blue: Buffer;

beforeAll(async () => {
  [red, blue] = await Promise.all([tile('#c04040'), tile('#4040c0')]);
});

describe('a self-hosted base map', () => {
  test('a folder of {z}/{x}/{y}.png tiles: the tiles as they are, nothing where there is none', async () => {
    const folder = path.join(dir, 'folder');
    for (const [t, bytes] of [
      [here, red],
      [{ z: 15, x: here.x * 2, y: here.y * 2 }, blue],
    ] as const) {
      mkdirSync(path.join(folder, String(t.z), String(t.x)), { recursive: true });
      writeFileSync(path.join(folder, String(t.z), String(t.x), `${t.y}.png`), bytes);
    }
    const set = await openTileSet(folder);
    try {
      expect(set).toMatchObject({ contentType: 'image/png', tileSize: 256, minZoom: 14, maxZoom: 15, bounds: null });
      expect(Buffer.from((await set.tile(here.z, here.x, here.y)) as Uint8Array).equals(red)).toBe(true);
      expect(Buffer.from((await set.tile(15, here.x * 2, here.y * 2)) as Uint8Array).equals(blue)).toBe(true);
      expect(await set.tile(15, here.x * 2 + 1, here.y * 2)).toBeNull();
    } finally {
      await set.close();
    }
  });

  test('a PMTiles archive is read in place by byte ranges, with its zoom levels and extent', async () => {
    const file = path.join(dir, 'map.pmtiles');
    writePmtiles(
      file,
      [
        { ...here, data: red },
        { z: 15, x: here.x * 2 + 1, y: here.y * 2, data: blue },
      ],
      { tileType: TileType.Png, bounds: [5.86, 51.02, 5.88, 51.04] },
    );
    const set = await openTileSet(file);
    try {
      expect(set).toMatchObject({ contentType: 'image/png', tileSize: 256, minZoom: 14, maxZoom: 15, bounds: [5.86, 51.02, 5.88, 51.04] });
      expect(Buffer.from((await set.tile(here.z, here.x, here.y)) as Uint8Array).equals(red)).toBe(true);
      expect(Buffer.from((await set.tile(15, here.x * 2 + 1, here.y * 2)) as Uint8Array).equals(blue)).toBe(true);
      expect(await set.tile(15, here.x * 2, here.y * 2)).toBeNull();
      expect(await set.tile(3, 4, 2)).toBeNull();
    } finally {
      await set.close();
    }
  });

  test('what cannot be shown is refused at start with the reason', async () => {
    const vector = path.join(dir, 'vector.pmtiles');
    writePmtiles(vector, [{ ...here, data: new Uint8Array([1, 2, 3]) }], { tileType: TileType.Mvt, bounds: [5.86, 51.02, 5.88, 51.04] });
    await expect(openTileSet(vector)).rejects.toThrow(/vector tiles need a map style of their own/);
    const junk = path.join(dir, 'junk.pmtiles');
    writeFileSync(junk, 'not an archive at all');
    await expect(openTileSet(junk)).rejects.toThrow(/not a PMTiles archive/);
    await expect(openTileSet(path.join(dir, 'missing'))).rejects.toThrow(/no such file or folder/);
    const pbf = path.join(dir, 'pbf', '14', String(here.x));
    mkdirSync(pbf, { recursive: true });
    writeFileSync(path.join(pbf, `${here.y}.pbf`), 'x');
    await expect(openTileSet(path.join(dir, 'pbf'))).rejects.toThrow(/vector tiles need a map style/);
    const oblong = path.join(dir, 'oblong', '14', String(here.x));
    mkdirSync(oblong, { recursive: true });
    writeFileSync(
      path.join(oblong, `${here.y}.png`),
      await sharp({ create: { width: 256, height: 128, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    await expect(openTileSet(path.join(dir, 'oblong'))).rejects.toThrow(/square/);
  });

  test('only tile addresses inside the grid count', () => {
    expect(isTileAddress(0, 0, 0)).toBe(true);
    expect(isTileAddress(14, 16383, 16383)).toBe(true);
    expect(isTileAddress(14, 16384, 0)).toBe(false);
    expect(isTileAddress(25, 0, 0)).toBe(false);
    expect(isTileAddress(Number.NaN, 0, 0)).toBe(false);
    expect(isTileAddress(1.5, 0, 0)).toBe(false);
  });
});
