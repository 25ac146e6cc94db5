import { describe, expect, test } from 'vitest';
import { compareYears, monthlyConsumption, yearlyConsumption } from './portal.consumption.ts';
import { newActivationKey, normaliseKey } from './portal.keys.ts';
import { instalmentLimits, maskIban, parseEuroCents, parseMeterValue } from './portal.money.ts';
import { safePortalNext } from './portal.paths.ts';
import { checkReading } from './portal.plausibility.ts';

describe('consumption from meter readings', () => {
  test('[C33] readings on any day are spread linearly over the months between them; only fully covered months count', () => {
    const months = monthlyConsumption([
      { meterId: 'm', readOn: '2025-01-01', value: 1000 },
      { meterId: 'm', readOn: '2025-03-01', value: 1590 },
      { meterId: 'm', readOn: '2025-03-16', value: 1700 },
    ]);
    // January 31 days, February 28: 590 kWh in 59 days, 10 a day
    expect(months).toEqual([
      { month: '2025-01', value: 310 },
      { month: '2025-02', value: 280 },
    ]);
  });

  test('[C33] a meter exchanged mid-month covers the month together with its successor', () => {
    const months = monthlyConsumption([
      { meterId: 'old', readOn: '2025-01-01', value: 500 },
      { meterId: 'old', readOn: '2025-01-11', value: 600 },
      { meterId: 'new', readOn: '2025-01-11', value: 0 },
      { meterId: 'new', readOn: '2025-02-01', value: 210 },
    ]);
    expect(months).toEqual([{ month: '2025-01', value: 310 }]);
  });

  test('[C33] years with all twelve months, and a year beside the one before', () => {
    const readings = Array.from({ length: 25 }, (_, i) => ({
      meterId: 'm',
      readOn: new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 10),
      value: i * 100,
    }));
    const months = monthlyConsumption(readings);
    expect(yearlyConsumption(months)).toEqual([
      { year: 2024, value: 1200 },
      { year: 2025, value: 1200 },
    ]);
    expect(compareYears(months, 2025)[0]).toEqual({ month: 1, value: 100, previous: 100 });
    expect(compareYears(months, 2024)[0]).toEqual({ month: 1, value: 100, previous: undefined });
  });
});

describe('plausibility of a meter reading', () => {
  const last = { value: 10_000, readOn: '2026-01-01' };
  test('[C33] below the last reading, far above or far below the forecast: implausible', () => {
    expect(checkReading({ value: 10_300, readOn: '2026-02-01', last, annualEstimate: 3650 })).toEqual({ ok: true });
    expect(checkReading({ value: 9_000, readOn: '2026-02-01', last, annualEstimate: 3650 })).toMatchObject({
      ok: false,
      reason: 'below-last',
    });
    expect(checkReading({ value: 13_000, readOn: '2026-02-01', last, annualEstimate: 3650 })).toMatchObject({
      ok: false,
      reason: 'too-high',
      expected: 310,
    });
    expect(checkReading({ value: 10_010, readOn: '2026-03-01', last, annualEstimate: 3650 })).toMatchObject({
      ok: false,
      reason: 'too-low',
    });
    // a few days after the last reading nothing is called low
    expect(checkReading({ value: 10_000, readOn: '2026-01-10', last, annualEstimate: 3650 })).toEqual({ ok: true });
    expect(checkReading({ value: 1, readOn: '2026-02-01', last: null, annualEstimate: 3650 })).toEqual({ ok: true });
  });
});

describe('money, IBANs, keys, paths', () => {
  test('amounts as people type them, in integer cents', () => {
    expect(parseEuroCents('85')).toBe(8500);
    expect(parseEuroCents('85,5')).toBe(8550);
    expect(parseEuroCents('85.50 €')).toBe(8550);
    expect(parseEuroCents('EUR 85,05')).toBe(8505);
    expect(parseEuroCents('1.234,56')).toBeNull();
    expect(parseEuroCents('-5')).toBeNull();
    expect(parseMeterValue('1234,5')).toBe('1234.5');
    expect(parseMeterValue('00012')).toBe('12');
    expect(parseMeterValue('1,2345')).toBeNull();
  });

  test("[C33] instalment limits: a share of the billing system's figure, in whole euros, never below the minimum", () => {
    const cfg = { PORTAL_INSTALMENT_MIN_PERCENT: 70, PORTAL_INSTALMENT_MAX_PERCENT: 200, PORTAL_INSTALMENT_MIN_CENTS: 500 };
    expect(instalmentLimits(8550, cfg)).toEqual({ minCents: 6000, maxCents: 17100 });
    expect(instalmentLimits(300, cfg)).toEqual({ minCents: 500, maxCents: 600 });
  });

  test('IBANs on screen show country, check digits and the last four', () => {
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• 3000');
  });

  test('[C36] activation keys: 16 symbols of a 32-letter alphabet (80 bits), typed back in any case and spacing', () => {
    const keys = new Set(Array.from({ length: 2000 }, newActivationKey));
    expect(keys.size).toBe(2000);
    for (const k of [...keys].slice(0, 50)) {
      expect(k).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(normaliseKey(k.toLowerCase().replace(/-/g, ' '))).toBe(k);
    }
    expect(16 * Math.log2(32)).toBeGreaterThanOrEqual(64);
  });

  test("after sign-in only the portal's own pages are followed", () => {
    expect(safePortalNext('/portal/rechnungen', 'de')).toBe('/portal/rechnungen');
    expect(safePortalNext('/en/portal/invoices', 'en')).toBe('/en/portal/invoices');
    for (const bad of ['//evil.example', 'https://evil.example/portal', '/portal/../staff', '/staff', '/portal/%2e%2e/x', '/portal\\evil'])
      expect(safePortalNext(bad, 'de')).toBe('/portal');
  });
});
