import { describe, expect, test } from 'vitest';
import {
  berlinDay,
  berlinDayEnd,
  berlinDayStart,
  berlinOffsetMinutes,
  berlinToUtc,
  clockTime,
  fromGermanDateTime,
  germanDay,
} from './berlin-time.ts';

describe('Berlin wall-clock time', () => {
  test('the offset is one hour in winter and two in summer, switching at 01:00 UTC on the last Sundays of March and October', () => {
    expect(berlinOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(berlinOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(berlinOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(60);
    expect(berlinOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlinOffsetMinutes(new Date('2026-10-25T00:59:00Z'))).toBe(120);
    expect(berlinOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  test('a wall-clock time becomes its instant, on both sides of each switch', () => {
    expect(berlinToUtc('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(berlinToUtc('2026-07-15', '09:00').toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(berlinToUtc('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(berlinToUtc('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(berlinToUtc('2026-10-25', '09:00').toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(berlinToUtc('2026-10-24', '23:59').toISOString()).toBe('2026-10-24T21:59:00.000Z');
  });

  test('a day starts at Berlin midnight and ends at the next one, 23 or 25 hours later on a switch', () => {
    expect(berlinDayStart('2026-12-31').toISOString()).toBe('2026-12-30T23:00:00.000Z');
    expect(berlinDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(berlinDayEnd('2026-03-29').getTime() - berlinDayStart('2026-03-29').getTime()).toBe(23 * 3_600_000);
    expect(berlinDayEnd('2026-10-25').getTime() - berlinDayStart('2026-10-25').getTime()).toBe(25 * 3_600_000);
    expect(berlinDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(berlinDay(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });

  test('typed days and times are read only when real', () => {
    expect(germanDay('5.12.2026')).toBe('2026-12-05');
    expect(germanDay(' 29.02.2028 ')).toBe('2028-02-29');
    for (const bad of ['29.02.2027', '31.04.2026', '2026-12-05', '5.12.26', '']) expect(germanDay(bad), bad).toBeNull();
    expect(clockTime('9:05')).toBe('09:05');
    for (const bad of ['24:00', '12:60', '1230', '']) expect(clockTime(bad), bad).toBeNull();
  });
});

test('a typed date and time become the instant of that Berlin wall-clock time, or null', () => {
  expect(fromGermanDateTime('29.03.2026', '3:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  expect(fromGermanDateTime('05.12.2026')?.toISOString()).toBe('2026-12-04T23:00:00.000Z');
  expect(fromGermanDateTime('31.02.2026')).toBeNull();
  expect(fromGermanDateTime('05.12.2026', '25:00')).toBeNull();
});
