import { describe, expect, test } from 'vitest';
import type { SkyModel } from './irradiance.ts';
import {
  absoluteAirmass,
  altitudeToPressure,
  aoiDeg,
  extraterrestrialDni,
  hayDaviesSky,
  ineichenClearSky,
  isotropicSky,
  perezBrightness,
  poaIrradiance,
  relativeAirmass,
  utcDayOfYear,
} from './irradiance.ts';
import { spa } from './spa.ts';
import { loadGolden } from './test-data.ts';

const golden = loadGolden();
const cs = golden.clearsky_poa;
const tol = golden.tolerances;
const site = { latitude: cs.site.latitude_deg, longitude: cs.site.longitude_deg, elevation: cs.site.altitude_m };
const models: SkyModel[] = ['isotropic', 'haydavies', 'perez'];

function withinPoa(got: number, want: number): boolean {
  return Math.abs(got - want) <= Math.max(tol.poa_instantaneous.relative * Math.abs(want), tol.poa_instantaneous.absolute_w_m2);
}

/** Every quantity of one golden case, computed from the timestamp alone. */
function computeCase(timeUtc: string) {
  const unix = Date.parse(timeUtc) / 1000;
  const sun = spa(unix, site);
  const amRel = relativeAirmass(sun.zenith);
  const amAbs = absoluteAirmass(amRel, altitudeToPressure(site.elevation));
  const dniExtra = extraterrestrialDni(utcDayOfYear(unix));
  const clear = ineichenClearSky(sun.zenith, amAbs, cs.linke_turbidity, site.elevation, dniExtra);
  return { sun, amRel, amAbs, dniExtra, clear };
}

describe('clearsky_poa: Bochum, 14 instants in 2024', () => {
  test('airmass, extraterrestrial DNI and Ineichen clear sky match pvlib', () => {
    for (const c of cs.cases) {
      const r = computeCase(c.time_utc);
      if (c.airmass_relative === null) {
        expect(r.amRel).toBeNaN();
      } else {
        expect(Math.abs(r.amRel - c.airmass_relative), c.time_utc).toBeLessThanOrEqual(tol.airmass_relative);
        expect(Math.abs(r.amAbs - c.airmass_absolute!), c.time_utc).toBeLessThanOrEqual(tol.airmass_relative);
      }
      expect(Math.abs(r.dniExtra / c.dni_extra - 1), c.time_utc).toBeLessThanOrEqual(tol.dni_extra_relative);
      for (const k of ['ghi', 'dni', 'dhi'] as const) {
        const limit = Math.max(tol.clear_sky_irradiance.relative * Math.abs(c[k]), tol.clear_sky_irradiance.absolute_w_m2);
        expect(Math.abs(r.clear[k] - c[k]), `${c.time_utc} ${k}`).toBeLessThanOrEqual(limit);
      }
    }
  });

  test('AOI and POA components for isotropic, Hay-Davies and Perez match pvlib within the tolerance', () => {
    let checked = 0;
    for (const c of cs.cases) {
      const r = computeCase(c.time_utc);
      for (const s of c.surfaces) {
        expect(Math.abs(aoiDeg(s.tilt_deg, s.azimuth_deg, r.sun.zenith, r.sun.azimuth) - s.aoi_deg)).toBeLessThanOrEqual(1e-4);
        for (const model of models) {
          // The golden POA was computed from the golden clear sky; use those inputs so each model is checked on its own.
          const poa = poaIrradiance({
            surfaceTiltDeg: s.tilt_deg,
            surfaceAzimuthDeg: s.azimuth_deg,
            zenithDeg: r.sun.zenith,
            sunAzimuthDeg: r.sun.azimuth,
            ghi: c.ghi,
            dni: c.dni,
            dhi: c.dhi,
            dniExtra: r.dniExtra,
            airmassRelative: r.amRel,
            albedo: cs.albedo,
            model,
          });
          const want = s[model];
          const label = `${c.time_utc} ${s.tilt_deg}/${s.azimuth_deg} ${model}`;
          expect(withinPoa(poa.global, want.poa_global), `${label} global ${poa.global} vs ${want.poa_global}`).toBe(true);
          expect(withinPoa(poa.beam, want.poa_direct), `${label} beam`).toBe(true);
          expect(withinPoa(poa.skyDiffuse, want.poa_sky_diffuse), `${label} sky ${poa.skyDiffuse} vs ${want.poa_sky_diffuse}`).toBe(true);
          expect(withinPoa(poa.groundDiffuse, want.poa_ground_diffuse), `${label} ground`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBe(cs.cases.length * 3 * 3);
  });

  test('sample value from the README: 2024-06-21 11:00 UTC, tilt 35 south', () => {
    const r = computeCase('2024-06-21T11:00:00Z');
    expect(r.clear.ghi).toBeCloseTo(882.845, 2);
    const perez = poaIrradiance({
      surfaceTiltDeg: 35,
      surfaceAzimuthDeg: 180,
      zenithDeg: r.sun.zenith,
      sunAzimuthDeg: r.sun.azimuth,
      ...r.clear,
      dniExtra: r.dniExtra,
      airmassRelative: r.amRel,
      albedo: 0.2,
      model: 'perez',
    });
    expect(perez.global).toBeCloseTo(1005.71, 1);
  });
});

describe('model edge cases', () => {
  test('Kasten-Young is undefined below the horizon and 1 at the zenith (±0.3 %)', () => {
    expect(relativeAirmass(90.01)).toBeNaN();
    expect(relativeAirmass(0)).toBeCloseTo(1, 2);
    expect(relativeAirmass(60)).toBeGreaterThan(1.99);
    expect(relativeAirmass(60)).toBeLessThan(2.0);
  });

  test('Perez sky is zero without diffuse light or with the sun down, and bins by clearness', () => {
    expect(perezBrightness(0, 100, 1361, 30, relativeAirmass(30))).toBeNull();
    expect(perezBrightness(100, 100, 1361, 95, Number.NaN)).toBeNull();
    // Overcast (ε = 1): bin 1; very clear (large DNI/DHI): bin 8 has the largest negative F22 slope.
    const overcast = perezBrightness(200, 0, 1361, 30, relativeAirmass(30))!;
    const clear = perezBrightness(50, 900, 1361, 30, relativeAirmass(30))!;
    expect(overcast.f1).toBeCloseTo(Math.max(-0.008 + (0.588 * 200 * relativeAirmass(30)) / 1361 - 0.062 * (Math.PI / 6), 0), 12);
    expect(clear.f2).toBeCloseTo(0.156 - (1.377 * 50 * relativeAirmass(30)) / 1361 + 0.251 * (Math.PI / 6), 12);
  });

  test('isotropic and Hay-Davies agree when there is no beam', () => {
    expect(hayDaviesSky(120, 0, 1361, 0.7, 40, 30)).toBeCloseTo(isotropicSky(120, 30), 12);
  });
});
