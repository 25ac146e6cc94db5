/**
 * EnergyPlus weather (EPW) reader: the LOCATION header and the hourly rows, as typed arrays.
 * Row hour h (1–24) is the interval (h−1):00–h:00 local standard time; radiation fields are Wh/m²
 * for that hour, i.e. the mean W/m² over it.
 */

export interface EpwLocation {
  city: string;
  region: string;
  country: string;
  source: string;
  wmo: string;
  latitude: number;
  longitude: number;
  /** Hours east of UTC (local standard time, no daylight saving). */
  timeZone: number;
  elevation: number;
}

export interface EpwYear {
  location: EpwLocation;
  hours: number;
  year: Int16Array;
  month: Uint8Array;
  day: Uint8Array;
  /** 1–24, end of the interval. */
  hour: Uint8Array;
  dryBulbC: Float64Array;
  pressurePa: Float64Array;
  ghi: Float64Array;
  dni: Float64Array;
  dhi: Float64Array;
  /** EPW field 33; NaN where absent. */
  albedo: Float64Array;
}

// A declared field, not a parameter property: compute worker threads load this file with Node's
// type stripping, which accepts only erasable TypeScript.
export class EpwParseError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`EPW line ${line}: ${message}`);
    this.name = 'EpwParseError';
    this.line = line;
  }
}

const HEADER_LINES = 8;
/** EPW marks missing radiation as 9999. */
const MISSING_RADIATION = 9999;

// 0-based field indices of the data rows.
const F_YEAR = 0;
const F_MONTH = 1;
const F_DAY = 2;
const F_HOUR = 3;
const F_DRY_BULB = 6;
const F_PRESSURE = 9;
const F_GHI = 13;
const F_DNI = 14;
const F_DHI = 15;
const F_ALBEDO = 32;

function number(text: string | undefined, what: string, line: number): number {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new EpwParseError(`${what} is not a number: ${JSON.stringify(text ?? '')}`, line);
  return value;
}

function parseLocation(headerLine: string): EpwLocation {
  const f = headerLine.split(',');
  if (f[0] !== 'LOCATION' || f.length < 10)
    throw new EpwParseError('expected "LOCATION,city,region,country,source,wmo,lat,lon,tz,elevation"', 1);
  const location: EpwLocation = {
    city: f[1] ?? '',
    region: f[2] ?? '',
    country: f[3] ?? '',
    source: f[4] ?? '',
    wmo: f[5] ?? '',
    latitude: number(f[6], 'latitude', 1),
    longitude: number(f[7], 'longitude', 1),
    timeZone: number(f[8], 'time zone', 1),
    elevation: number(f[9], 'elevation', 1),
  };
  if (Math.abs(location.latitude) > 90 || Math.abs(location.longitude) > 180 || Math.abs(location.timeZone) > 14) {
    throw new EpwParseError(`location out of range: ${f.slice(6, 9).join(',')}`, 1);
  }
  return location;
}

function inRange(value: number, min: number, max: number, what: string, line: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new EpwParseError(`${what} ${value} outside ${min}–${max}`, line);
  return value;
}

/** Parses a whole EPW file (LF or CRLF). A year must have 8760 rows, or 8784 in a leap-year file. */
export function parseEpw(text: string): EpwYear {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < HEADER_LINES)
    throw new EpwParseError(`file has only ${lines.length} lines, the header alone needs ${HEADER_LINES}`, lines.length);
  const location = parseLocation(lines[0]!);
  if (!lines[HEADER_LINES - 1]!.startsWith('DATA PERIODS')) throw new EpwParseError('expected the DATA PERIODS header line', HEADER_LINES);

  const hours = lines.length - HEADER_LINES;
  if (hours !== 8760 && hours !== 8784) throw new EpwParseError(`expected 8760 or 8784 hourly rows, found ${hours}`, lines.length);

  const out: EpwYear = {
    location,
    hours,
    year: new Int16Array(hours),
    month: new Uint8Array(hours),
    day: new Uint8Array(hours),
    hour: new Uint8Array(hours),
    dryBulbC: new Float64Array(hours),
    pressurePa: new Float64Array(hours),
    ghi: new Float64Array(hours),
    dni: new Float64Array(hours),
    dhi: new Float64Array(hours),
    albedo: new Float64Array(hours),
  };
  const radiation = (f: string[], index: number, name: string, line: number): number => {
    const v = number(f[index], name, line);
    if (v < 0 || v >= MISSING_RADIATION) throw new EpwParseError(`${name} ${v} is missing or negative`, line);
    return v;
  };

  for (let i = 0; i < hours; i++) {
    const line = HEADER_LINES + i + 1;
    const f = lines[HEADER_LINES + i]!.split(',');
    if (f.length <= F_DHI) throw new EpwParseError(`expected at least ${F_DHI + 1} fields, found ${f.length}`, line);
    out.year[i] = inRange(number(f[F_YEAR], 'year', line), 1000, 9999, 'year', line);
    out.month[i] = inRange(number(f[F_MONTH], 'month', line), 1, 12, 'month', line);
    out.day[i] = inRange(number(f[F_DAY], 'day', line), 1, 31, 'day', line);
    out.hour[i] = inRange(number(f[F_HOUR], 'hour', line), 1, 24, 'hour', line);
    if (i > 0) {
      const expectedHour = (out.hour[i - 1]! % 24) + 1;
      if (out.hour[i] !== expectedHour)
        throw new EpwParseError(`hour ${out.hour[i]} follows hour ${out.hour[i - 1]} (expected ${expectedHour})`, line);
    }
    out.dryBulbC[i] = number(f[F_DRY_BULB], 'dry bulb temperature', line);
    out.pressurePa[i] = number(f[F_PRESSURE], 'pressure', line);
    out.ghi[i] = radiation(f, F_GHI, 'GHI', line);
    out.dni[i] = radiation(f, F_DNI, 'DNI', line);
    out.dhi[i] = radiation(f, F_DHI, 'DHI', line);
    const albedo = f[F_ALBEDO];
    out.albedo[i] = albedo === undefined || albedo.trim() === '' ? Number.NaN : Number(albedo);
  }
  return out;
}

/**
 * The instant (Unix seconds, UTC) at the middle of every row's interval: (h−1):30 local standard
 * time, with each row's own year (TMY files mix years).
 */
export function midHourUnixSeconds(epw: EpwYear): Float64Array {
  const times = new Float64Array(epw.hours);
  const offsetSeconds = epw.location.timeZone * 3600;
  for (let i = 0; i < epw.hours; i++) {
    times[i] = Date.UTC(epw.year[i]!, epw.month[i]! - 1, epw.day[i]!, epw.hour[i]! - 1, 30) / 1000 - offsetSeconds;
  }
  return times;
}
