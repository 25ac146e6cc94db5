import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { annualIrradiation, prepareSiteYear } from './annual.ts';
import { midHourUnixSeconds, parseEpw } from './epw.ts';
import type { SkyModel } from './irradiance.ts';
import { sunPositions } from './spa.ts';
import { epwFile, loadGolden, solarDataPath } from './test-data.ts';

const golden = loadGolden();
const weather = parseEpw(readFileSync(solarDataPath(epwFile), 'utf8'));
const year = prepareSiteYear(weather);
const models: SkyModel[] = ['perez', 'isotropic', 'haydavies'];

describe('annual in-plane irradiation from the Aachen EPW (golden epw_annual)', () => {
  test('[C23] every listed surface and sky model within the relative tolerance', () => {
    const tol = golden.tolerances.epw_annual_poa_relative;
    let worst = 0;
    for (const s of golden.epw_annual.poa_annual_kwh_m2) {
      for (const model of models) {
        const got = annualIrradiation(year, s.tilt_deg, s.azimuth_deg, { model }).global;
        const rel = Math.abs(got / s[model] - 1);
        worst = Math.max(worst, rel);
        expect(rel, `${model} ${s.tilt_deg}/${s.azimuth_deg}: ${got} vs ${s[model]}`).toBeLessThanOrEqual(tol);
      }
    }
    expect(worst).toBeLessThan(1e-4);
  });

  test('percent of the Perez optimum within half a point', () => {
    const optimum = annualIrradiation(year, 35, 180).global;
    for (const p of golden.epw_annual.percent_of_perez_optimum) {
      const pct = (annualIrradiation(year, p.tilt_deg, p.azimuth_deg).global / optimum) * 100;
      expect(Math.abs(pct - p.perez_pct), `${p.tilt_deg}/${p.azimuth_deg}`).toBeLessThanOrEqual(
        golden.tolerances.percent_of_optimum_points,
      );
    }
  });

  test('monthly values add up to the annual value; a flat plane gets DHI + DNI·cos z month by month', () => {
    const monthly = new Float64Array(12);
    const annual = annualIrradiation(year, 35, 180, { monthly });
    expect(monthly.reduce((a, b) => a + b, 0)).toBeCloseTo(annual.global, 9);
    expect(annual.global).toBeCloseTo(annual.beam + annual.skyDiffuse + annual.groundDiffuse, 9);

    const flat = new Float64Array(12);
    annualIrradiation(year, 0, 180, { model: 'isotropic', monthly: flat });
    const sun = sunPositions(midHourUnixSeconds(weather), year.site);
    const expected = new Float64Array(12);
    for (let h = 0; h < weather.hours; h++) {
      const cosZ = Math.cos((sun.apparentZenith[h]! * Math.PI) / 180);
      expected[weather.month[h]! - 1]! += (weather.dhi[h]! + Math.max(weather.dni[h]! * cosZ, 0)) / 1000;
    }
    for (let m = 0; m < 12; m++) expect(flat[m], `month ${m + 1}`).toBeCloseTo(expected[m]!, 9);
  });

  test('the active hours are the hours with any irradiance, about half the year', () => {
    expect(year.count).toBeGreaterThan(4000);
    expect(year.count).toBeLessThan(5000);
    expect(year.monthStart[0]).toBe(0);
    expect(year.monthStart[12]).toBe(year.count);
    for (let m = 0; m < 12; m++) expect(weather.month[year.hourIndex[year.monthStart[m]!]!]).toBe(m + 1);
  });
});

describe('shading inputs', () => {
  const ones = new Float32Array(year.hours).fill(1);
  const zeros = new Float32Array(year.hours);

  test('an all-ones beam mask and sky-view factor 1 change nothing', () => {
    const plain = annualIrradiation(year, 30, 200);
    const masked = annualIrradiation(year, 30, 200, { shading: { beamFactor: ones, skyViewFactor: 1 } });
    expect(masked).toEqual(plain);
  });

  test('a fully blocked beam removes the beam and the circumsolar part but keeps isotropic sky and ground', () => {
    const iso = annualIrradiation(year, 30, 180, { model: 'isotropic', shading: { beamFactor: zeros } });
    const isoPlain = annualIrradiation(year, 30, 180, { model: 'isotropic' });
    expect(iso.beam).toBe(0);
    expect(iso.skyDiffuse).toBeCloseTo(isoPlain.skyDiffuse, 9);
    const perez = annualIrradiation(year, 30, 180, { shading: { beamFactor: zeros } });
    const perezPlain = annualIrradiation(year, 30, 180);
    expect(perez.beam).toBe(0);
    expect(perez.skyDiffuse).toBeLessThan(perezPlain.skyDiffuse * 0.8);
    expect(perez.groundDiffuse).toBe(perezPlain.groundDiffuse);
  });

  test('the sky-view factor scales the isotropic sky linearly', () => {
    const half = annualIrradiation(year, 45, 180, { model: 'isotropic', shading: { skyViewFactor: 0.5 } });
    const full = annualIrradiation(year, 45, 180, { model: 'isotropic' });
    expect(half.skyDiffuse).toBeCloseTo(full.skyDiffuse / 2, 9);
    expect(half.beam).toBe(full.beam);
  });

  test('blocking one hour removes exactly that hour’s beam', () => {
    const k = year.monthStart[5]! + 7;
    const h = year.hourIndex[k]!;
    const mask = new Float32Array(year.hours).fill(1);
    mask[h] = 0;
    const cosAoi = Math.max(year.sunZ[k]!, 0); // flat plane
    const expected = annualIrradiation(year, 0, 180, { model: 'isotropic' }).beam - (year.dni[k]! * cosAoi) / 1000;
    expect(annualIrradiation(year, 0, 180, { model: 'isotropic', shading: { beamFactor: mask } }).beam).toBeCloseTo(expected, 9);
  });

  test('rejects a mask of the wrong length', () => {
    expect(() => annualIrradiation(year, 30, 180, { shading: { beamFactor: new Float32Array(100) } })).toThrow(/100 values/);
  });
});
