import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../core/module.ts';
import { epwFile, solarDataPath, tileFile } from './compute/testData.ts';
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
