import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { prepareSiteYear, type SiteYear } from './compute/annual.ts';
import { parseEpw } from './compute/epw.ts';
import { plainName, readPlain } from './solar.source-file.ts';
import type { SolarTables } from './solar.tables.ts';

export interface StoredWeather {
  sha256: string;
  fileName: string;
  location: string;
}

/**
 * Reads an EPW weather year (plain or compressed), checks it (errors name the line) and stores it once by content, so
 * a run refers to exactly this year and queue workers need no file of their own.
 */
export async function storeWeatherFile(db: Kysely<SolarTables>, file: string, now: Date): Promise<StoredWeather> {
  const bytes = await readPlain(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = plainName(file);
  const existing = await db.selectFrom('solar_weather').select(['location', 'file_name']).where('sha256', '=', sha256).executeTakeFirst();
  if (existing) return { sha256, fileName: existing.file_name, location: existing.location };
  const text = bytes.toString('utf8');
  let epw: ReturnType<typeof parseEpw>;
  try {
    epw = parseEpw(text);
  } catch (err) {
    throw new Error(`${fileName}: ${(err as Error).message}`);
  }
  const l = epw.location;
  const location = `${l.city} (${l.country}, WMO ${l.wmo}, ${l.latitude.toFixed(4)} N ${l.longitude.toFixed(4)} E, ${l.source})`;
  await db
    .insertInto('solar_weather')
    .values({ sha256, file_name: fileName, location, epw: text, stored_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return { sha256, fileName, location };
}

const prepared = new Map<string, SiteYear>();

/** Sun positions and sky coefficients of a stored weather year, prepared once per process. */
export async function siteYearOf(db: Kysely<SolarTables>, sha256: string, albedo: number): Promise<SiteYear> {
  const key = `${sha256}/${albedo}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const row = await db.selectFrom('solar_weather').select('epw').where('sha256', '=', sha256).executeTakeFirst();
  if (!row) throw new Error(`weather year ${sha256.slice(0, 12)} is not stored`);
  const year = prepareSiteYear(parseEpw(row.epw), { albedo });
  prepared.set(key, year);
  return year;
}
