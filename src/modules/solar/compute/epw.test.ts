import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EpwParseError, midHourUnixSeconds, parseEpw } from './epw.ts';
import { epwFile, loadGolden, solarDataPath } from './test-data.ts';

const text = readFileSync(solarDataPath(epwFile), 'utf8');
const golden = loadGolden().epw_annual;

function sum(a: Float64Array, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
}

describe('parseEpw on the Aachen TMYx file', () => {
  const epw = parseEpw(text);

  test('reads the LOCATION header', () => {
    expect(epw.location).toMatchObject({
      city: 'Aachen',
      country: 'DEU',
      wmo: '105010',
      latitude: 50.7983,
      longitude: 6.0244,
      timeZone: 1,
      elevation: 232,
    });
  });

  test('reads 8760 rows with the mixed TMY years', () => {
    expect(epw.hours).toBe(8760);
    expect([epw.year[0], epw.month[0], epw.day[0], epw.hour[0]]).toEqual([1982, 1, 1, 1]);
    expect([epw.year[8759], epw.month[8759], epw.day[8759], epw.hour[8759]]).toEqual([1991, 12, 31, 24]);
    const firstHourOfMay = epw.month.indexOf(5);
    expect(epw.year[firstHourOfMay]).toBe(1932);
  });

  test('annual and monthly GHI/DNI/DHI sums match the reference', () => {
    const tol = loadGolden().tolerances.epw_annual_ghi_kwh_m2;
    expect(Math.abs(sum(epw.ghi) / 1000 - golden.annual_ghi_kwh_m2)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum(epw.dni) / 1000 - golden.annual_dni_kwh_m2)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum(epw.dhi) / 1000 - golden.annual_dhi_kwh_m2)).toBeLessThanOrEqual(tol);
    golden.monthly_ghi_kwh_m2.forEach((want, m) => {
      const from = epw.month.indexOf(m + 1);
      const to = m === 11 ? epw.hours : epw.month.indexOf(m + 2);
      expect(Math.abs(sum(epw.ghi, from, to) / 1000 - want)).toBeLessThanOrEqual(tol);
    });
  });

  test('reads the albedo field (0.2–0.6 in this file)', () => {
    expect(Math.min(...epw.albedo)).toBeCloseTo(0.2, 6);
    expect(Math.max(...epw.albedo)).toBeCloseTo(0.6, 6);
  });

  test('mid-hour instants are (h−1):30 local standard time, converted to UTC with each row’s year', () => {
    const t = midHourUnixSeconds(epw);
    expect(t[0]).toBe(Date.UTC(1981, 11, 31, 23, 30) / 1000);
    expect(t[12]).toBe(Date.UTC(1982, 0, 1, 11, 30) / 1000);
    expect(t[8759]).toBe(Date.UTC(1991, 11, 31, 22, 30) / 1000);
  });

  test('parses CRLF line endings the same way', () => {
    const crlf = parseEpw(text.replace(/\n/g, '\r\n'));
    expect(crlf.ghi).toEqual(epw.ghi);
    expect(crlf.location).toEqual(epw.location);
  });
});

describe('parseEpw rejects broken input with the line number', () => {
  const lines = text.split('\n');
  const broken = (lineNumber: number, edit: (line: string) => string) =>
    lines.map((l, i) => (i === lineNumber - 1 ? edit(l) : l)).join('\n');
  const errorOf = (input: string): EpwParseError => {
    try {
      parseEpw(input);
    } catch (err) {
      if (err instanceof EpwParseError) return err;
      throw err;
    }
    throw new Error('expected an EpwParseError');
  };
  const setField = (line: string, index: number, value: string) =>
    line
      .split(',')
      .map((v, i) => (i === index ? value : v))
      .join(',');

  test('non-numeric radiation value', () => {
    const err = errorOf(broken(100, (l) => setField(l, 13, 'abc')));
    expect(err.line).toBe(100);
    expect(err.message).toMatch(/line 100: GHI is not a number/);
  });

  test('missing radiation marker 9999', () => {
    const err = errorOf(broken(2000, (l) => setField(l, 14, '9999')));
    expect(err.line).toBe(2000);
    expect(err.message).toMatch(/DNI 9999 is missing/);
  });

  test('truncated row', () => {
    const err = errorOf(broken(9, (l) => l.split(',').slice(0, 10).join(',')));
    expect(err.line).toBe(9);
    expect(err.message).toMatch(/expected at least 16 fields/);
  });

  test('hours out of sequence', () => {
    const err = errorOf(broken(50, (l) => setField(l, 3, '7')));
    expect(err.line).toBe(50);
    expect(err.message).toMatch(/hour 7 follows hour/);
  });

  test('missing rows and a missing LOCATION header', () => {
    expect(errorOf(lines.slice(0, 5000).join('\n')).message).toMatch(/expected 8760 or 8784 hourly rows, found 4992/);
    expect(errorOf(broken(1, (l) => l.replace('LOCATION', 'LOCACION'))).line).toBe(1);
    expect(errorOf(broken(1, (l) => setField(l, 6, '95.1'))).message).toMatch(/location out of range/);
  });
});
