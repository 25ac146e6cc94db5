import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zxyToTileId } from 'pmtiles';
import type { AppContext } from '../../core/module.ts';
import { epwFile, solarDataPath, tileFile } from './compute/test-data.ts';
import { solarCommands } from './solar.commands.ts';

/** The reference tile and weather year (../shared/data/solar, or SOLAR_DATA_DIR). */
export const sampleTile = solarDataPath(tileFile);
export const sampleWeather = solarDataPath(epwFile);
export const sampleTileName = tileFile.replace(/\.gml$/, '');

/** Environment for a test app that can compute: the weather year, and on PostgreSQL the queue's database. */
export function solarTestEnv(database?: { url?: string; schema?: string }): Record<string, string> {
  return {
    SOLAR_WEATHER_FILE: sampleWeather,
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    ...(database?.schema ? { DATABASE_SCHEMA: database.schema } : {}),
  };
}

export interface CommandResult {
  code: number;
  out: string;
  err: string;
}

/** Runs a `solar …` command as the CLI would, with its console output captured. */
export async function solar(ctx: AppContext, ...argv: string[]): Promise<CommandResult> {
  const [name, ...args] = argv;
  const command = solarCommands.find((c) => c.name === `solar ${name}`);
  if (!command) throw new Error(`no command solar ${name}`);
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => err.push(parts.join(' '));
  try {
    const code = (await command.run(args, ctx)) ?? 0;
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** A copy of the sample tile with edits, under a name of its own (the name identifies a tile). */
export function editedTile(name: string, edit: (gml: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-tile-'));
  const file = path.join(dir, name);
  writeFileSync(file, edit(readFileSync(sampleTile, 'utf8')));
  return file;
}

/** 1-based line of the first occurrence of `needle` at or after `from`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, at).split('\n').length;
}

/**
 * A PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) with the
 * given tiles, uncompressed, one root directory: enough to test reading one, and no writer
 * library is needed for it.
 */
export function writePmtiles(
  file: string,
  tiles: readonly { z: number; x: number; y: number; data: Uint8Array }[],
  options: { tileType: number; bounds: [number, number, number, number] },
): void {
  const varint = (out: number[], value: number) => {
    let v = value;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  };
  const entries = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const placed = entries.map((e) => {
    const at = offset;
    offset += e.data.length;
    return { ...e, offset: at };
  });
  const dir: number[] = [];
  varint(dir, placed.length);
  let last = 0;
  for (const e of placed) {
    varint(dir, e.id - last);
    last = e.id;
  }
  for (const _ of placed) varint(dir, 1);
  for (const e of placed) varint(dir, e.data.length);
  placed.forEach((e, i) => {
    varint(dir, i > 0 && e.offset === placed[i - 1]!.offset + placed[i - 1]!.data.length ? 0 : e.offset + 1);
  });
  const root = Buffer.from(dir);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127);
  u64(16, root.length);
  u64(24, 127 + root.length);
  u64(32, metadata.length);
  u64(40, 127 + root.length + metadata.length);
  u64(48, 0);
  u64(56, 127 + root.length + metadata.length);
  u64(64, offset);
  u64(72, placed.length);
  u64(80, placed.length);
  u64(88, placed.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(options.tileType, 99);
  const zooms = tiles.map((t) => t.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const [west, south, east, north] = options.bounds.map((v) => Math.round(v * 1e7)) as [number, number, number, number];
  header.writeInt32LE(west, 102);
  header.writeInt32LE(south, 106);
  header.writeInt32LE(east, 110);
  header.writeInt32LE(north, 114);
  header.writeUInt8(Math.min(...zooms), 118);
  header.writeInt32LE(Math.round((west + east) / 2), 119);
  header.writeInt32LE(Math.round((south + north) / 2), 123);
  writeFileSync(file, Buffer.concat([header, root, metadata, ...placed.map((e) => Buffer.from(e.data))]));
}

/** The web-mercator tile under a point. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}
