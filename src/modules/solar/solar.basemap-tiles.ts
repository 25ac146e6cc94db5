import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PMTiles, type Source, TileType } from 'pmtiles';
import sharp from 'sharp';

/**
 * A base map the operator hosts themselves (SOLAR_BASEMAP_TILES): raster tiles in a folder
 * `{z}/{x}/{y}.png|jpg|jpeg|webp`, or one PMTiles archive read in place by byte ranges. Either is
 * served from this origin under one z/x/y path, so viewing the map sends nothing to anyone else
 * (C12). Vector tiles would need a map style of their own: they are refused with a clear message.
 */

export interface TileSet {
  contentType: string;
  /** Pixels per tile side, read from a sample tile (MapLibre must know it for raster tiles). */
  tileSize: number;
  minZoom: number;
  maxZoom: number;
  /** Extent in degrees [west, south, east, north], when the set says. */
  bounds: [number, number, number, number] | null;
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export class TileSetError extends Error {
  constructor(location: string, message: string) {
    super(`SOLAR_BASEMAP_TILES (${location}): ${message}`);
    this.name = 'TileSetError';
  }
}

const RASTER: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };
const PMTILES_RASTER: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
};

export async function openTileSet(location: string): Promise<TileSet> {
  const info = await stat(location).catch(() => null);
  if (!info) throw new TileSetError(location, 'no such file or folder');
  const opened = info.isDirectory() ? await openFolder(location) : await openPmtiles(location);
  const { sample: _, ...set } = opened;
  return { ...set, tileSize: await sampleSize(location, opened) };
}

/** A valid tile address: integers, x and y within the zoom level's grid. */
export function isTileAddress(z: number, x: number, y: number): boolean {
  return (
    Number.isInteger(z) && z >= 0 && z <= 24 && Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z
  );
}

type Opened = Omit<TileSet, 'tileSize'> & { sample(): Promise<Uint8Array | null> };

async function openFolder(folder: string): Promise<Opened> {
  const zooms = (await readdir(folder)).filter((d) => /^\d+$/.test(d)).map(Number);
  if (zooms.length === 0) throw new TileSetError(folder, 'expected a folder of {z}/{x}/{y} tiles, found no zoom level folders');
  const minZoom = Math.min(...zooms);
  const maxZoom = Math.max(...zooms);
  // The first tile found tells the format; all tiles of a set share it.
  let sample: string | null = null;
  for (const x of (await readdir(path.join(folder, String(minZoom)))).filter((d) => /^\d+$/.test(d))) {
    const file = (await readdir(path.join(folder, String(minZoom), x))).find((f) => /^\d+\.\w+$/.test(f));
    if (file) {
      sample = path.join(folder, String(minZoom), x, file);
      break;
    }
  }
  const ext = sample ? path.extname(sample).slice(1).toLowerCase() : '';
  const contentType = RASTER[ext];
  if (!sample || !contentType) {
    throw new TileSetError(
      folder,
      ext === 'pbf' || ext === 'mvt'
        ? 'vector tiles need a map style of their own; give raster tiles (PNG, JPEG or WebP)'
        : 'expected raster tiles named {z}/{x}/{y}.png, .jpg or .webp',
    );
  }
  const read = async (file: string) => {
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  return {
    contentType,
    minZoom,
    maxZoom,
    bounds: null,
    tile: (z, x, y) => read(path.join(folder, String(z), String(x), `${y}.${ext}`)),
    sample: () => read(sample),
    close: async () => {},
  };
}

/** Byte ranges of a local file, as the PMTiles reader asks for them. */
async function fileSource(file: string): Promise<Source & { close(): Promise<void> }> {
  const handle = await open(file, 'r');
  return {
    getKey: () => file,
    getBytes: async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
      return { data };
    },
    close: () => handle.close(),
  };
}

async function openPmtiles(file: string): Promise<Opened> {
  const source = await fileSource(file);
  const archive = new PMTiles(source);
  let header: Awaited<ReturnType<PMTiles['getHeader']>>;
  try {
    header = await archive.getHeader();
  } catch (err) {
    await source.close();
    throw new TileSetError(file, `not a PMTiles archive (${(err as Error).message})`);
  }
  const contentType = PMTILES_RASTER[header.tileType];
  if (!contentType) {
    await source.close();
    throw new TileSetError(
      file,
      header.tileType === TileType.Mvt || header.tileType === TileType.Mlt
        ? 'vector tiles need a map style of their own; give a raster archive (PNG, JPEG or WebP)'
        : `tile type ${header.tileType} is not supported; give PNG, JPEG or WebP tiles`,
    );
  }
  const tile = async (z: number, x: number, y: number) => {
    const found = await archive.getZxy(z, x, y);
    return found ? new Uint8Array(found.data) : null;
  };
  const bounds: TileSet['bounds'] =
    header.minLon < header.maxLon && header.minLat < header.maxLat ? [header.minLon, header.minLat, header.maxLon, header.maxLat] : null;
  return {
    contentType,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds,
    tile,
    sample: async () => {
      // The tile under the archive's centre, at the lowest zoom levels that have it.
      const lat = (header.centerLat * Math.PI) / 180;
      for (let z = header.minZoom; z <= Math.min(header.maxZoom, header.minZoom + 4); z++) {
        const n = 2 ** z;
        const x = Math.min(n - 1, Math.floor(((header.centerLon + 180) / 360) * n));
        const y = Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n));
        const found = await tile(z, x, y);
        if (found) return found;
      }
      return null;
    },
    close: () => source.close(),
  };
}

async function sampleSize(location: string, set: Opened): Promise<number> {
  const bytes = await set.sample();
  if (!bytes) return 256;
  const { width, height } = await sharp(bytes).metadata();
  if (!width || width !== height) throw new TileSetError(location, 'tiles must be square images');
  return width;
}
