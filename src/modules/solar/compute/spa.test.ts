import { describe, expect, test } from 'vitest';
import { defaultSpaOptions, incidenceAngleDeg, spa, sunPositions, sunriseTransitSunset } from './spa.ts';
import { loadGolden } from './test-data.ts';

const golden = loadGolden();
const tc = golden.spa_nrel_test_case;
const pub = tc.expected_published as Record<string, number>;
const pv = tc.pvlib_computed as Record<string, number>;
const tolDeg = golden.tolerances.spa_angles_deg;

const site = { latitude: tc.inputs.latitude_deg, longitude: tc.inputs.longitude_deg, elevation: tc.inputs.elevation_m };
const options = {
  pressureMbar: tc.inputs.pressure_mbar,
  temperatureC: tc.inputs.temperature_c,
  deltaT: tc.inputs.delta_t_s,
  deltaUt1: tc.inputs.delta_ut1_s,
  atmosRefract: tc.inputs.atmos_refract_deg,
};
const unix = Date.parse(tc.inputs.utc_time) / 1000;

describe('NREL SPA test case (Reda & Andreas, Table A5.1)', () => {
  const r = spa(unix, site, options);

  test('intermediate values match the report to relative 1e-6', () => {
    expect(r.julianDay).toBeCloseTo(pv.julian_day!, 6);
    // Relative 1e-6, but never tighter than half a unit in the last digit the report prints.
    const rel = (got: number, want: number) => {
      const printedDecimals = String(want).split('.')[1]?.length ?? 0;
      expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(Math.abs(want) * 1e-6, 0.5 * 10 ** -printedDecimals));
    };
    rel(r.heliocentricLongitude, pub.L_deg!);
    rel(r.heliocentricLatitude, pub.B_deg!);
    rel(r.radiusVector, pub.R_au!);
    rel(r.nutationLongitude, pub.delta_psi_deg!);
    rel(r.nutationObliquity, pub.delta_epsilon_deg!);
    rel(r.trueObliquity, pub.epsilon_deg!);
    rel(r.hourAngle, pub.H_deg!);
    rel(r.topocentricDeclination, pub.delta_prime_deg!);
    rel(r.elevationGeometric, pub.e0_deg!);
    rel(r.elevation, pub.e_deg!);
    expect(Math.abs(r.equationOfTimeMinutes - pv.equation_of_time_min!)).toBeLessThan(1e-5);
  });

  test('zenith, azimuth and incidence within 1e-4°', () => {
    expect(Math.abs(r.zenith - pub.zenith_deg!)).toBeLessThanOrEqual(tolDeg);
    expect(Math.abs(r.zenithGeometric - pv.zenith_geometric_deg!)).toBeLessThanOrEqual(tolDeg);
    expect(Math.abs(r.azimuth - pub.azimuth_deg!)).toBeLessThanOrEqual(tolDeg);
    expect(Math.abs(r.azimuthAstronomical - pub.azimuth_astronomical_deg!)).toBeLessThanOrEqual(tolDeg);
    const incidence = incidenceAngleDeg(r.zenith, r.azimuth, tc.inputs.surface_slope_deg, tc.inputs.surface_azimuth_deg_from_north);
    expect(Math.abs(incidence - pub.incidence_deg!)).toBeLessThanOrEqual(tolDeg);
  });

  test('sunrise, transit and sunset within 1 s of pvlib', () => {
    const tzSeconds = tc.inputs.timezone_hours * 3600;
    // pvlib relabels the local calendar date as 00:00 UTC.
    const localMidnight = Date.UTC(2003, 9, 17) / 1000;
    const t = sunriseTransitSunset(localMidnight, site.latitude, site.longitude, options.deltaT);
    const localSecondsOfDay = (u: number) => (((u + tzSeconds) % 86400) + 86400) % 86400;
    const tol = golden.tolerances.spa_sunrise_sunset_s;
    expect(Math.abs(localSecondsOfDay(t.sunrise) - pv.sunrise_local_seconds_of_day!)).toBeLessThanOrEqual(tol);
    expect(Math.abs(localSecondsOfDay(t.transit) - pv.transit_local_seconds_of_day!)).toBeLessThanOrEqual(tol);
    expect(Math.abs(localSecondsOfDay(t.sunset) - pv.sunset_local_seconds_of_day!)).toBeLessThanOrEqual(tol);
  });

  test('midnight sun and polar night give NaN sunrise/sunset, transit stays defined', () => {
    const polarNight = sunriseTransitSunset(Date.UTC(2024, 11, 21) / 1000, 80, 15, 67);
    expect(polarNight.sunrise).toBeNaN();
    expect(polarNight.sunset).toBeNaN();
    expect(Number.isFinite(polarNight.transit)).toBe(true);
    expect(() => sunriseTransitSunset(Date.UTC(2024, 0, 1, 5) / 1000, 50, 7, 67)).toThrow(RangeError);
  });
});

describe('SPA at Bochum (clearsky_poa cases, standard refraction 1013.25 mbar / 12 °C)', () => {
  const cs = golden.clearsky_poa;
  const bochum = { latitude: cs.site.latitude_deg, longitude: cs.site.longitude_deg, elevation: cs.site.altitude_m };

  test('apparent zenith, geometric zenith and azimuth within 1e-4° for every case', () => {
    for (const c of cs.cases) {
      const r = spa(Date.parse(c.time_utc) / 1000, bochum, defaultSpaOptions);
      expect(Math.abs(r.zenith - c.apparent_zenith_deg), c.time_utc).toBeLessThanOrEqual(tolDeg);
      expect(Math.abs(r.zenithGeometric - c.zenith_geometric_deg), c.time_utc).toBeLessThanOrEqual(tolDeg);
      expect(Math.abs(r.azimuth - c.azimuth_deg), c.time_utc).toBeLessThanOrEqual(tolDeg);
    }
  });

  test('the batch path gives the same numbers as the single-instant path', () => {
    const times = Float64Array.from(cs.cases, (c) => Date.parse(c.time_utc) / 1000);
    const batch = sunPositions(times, bochum);
    times.forEach((time, i) => {
      const single = spa(time, bochum);
      expect(batch.apparentZenith[i]).toBe(single.zenith);
      expect(batch.zenith[i]).toBe(single.zenithGeometric);
      expect(batch.azimuth[i]).toBe(single.azimuth);
    });
  });

  test('no refraction is applied far below the horizon', () => {
    const night = spa(Date.parse('2024-12-21T20:00:00Z') / 1000, bochum);
    expect(night.zenith).toBe(night.zenithGeometric);
  });
});
