import type { EpwYear } from './epw.ts';
import { midHourUnixSeconds } from './epw.ts';
import type { SkyModel } from './irradiance.ts';
import { extraterrestrialDni, perezBrightness, relativeAirmass, utcDayOfYear } from './irradiance.ts';
import type { SpaOptions, SpaSite } from './spa.ts';
import { defaultSpaOptions, sunPositions } from './spa.ts';

/**
 * Annual in-plane irradiation for many surfaces under one weather year.
 *
 * Everything that does not depend on the surface is computed once per site-year
 * (`prepareSiteYear`): sun vectors, and for each sky model the per-hour coefficients of
 *   sky = max(iso·(1 + cos β) + circ·max(cos θ, 0) + horizon·sin β, 0)
 * which is exactly pvlib's isotropic, Hay-Davies and Perez sky diffuse rearranged. Evaluating a
 * surface is then one allocation-free pass over the hours with any irradiance (≈ half the year).
 */

export interface SiteYearOptions {
  /** Where the sun is computed; defaults to the EPW LOCATION header. */
  site?: SpaSite;
  /** Ground albedo; the EPW albedo field is ignored (golden.json convention). */
  albedo?: number;
  spa?: SpaOptions;
  solarConstant?: number;
}

export interface SkyCoefficients {
  iso: Float64Array;
  circ: Float64Array;
  horizon: Float64Array;
}

/** Plain data (numbers and typed arrays only), so it can be sent to worker threads. */
export interface SiteYear {
  site: SpaSite;
  albedo: number;
  /** Rows of the weather year (8760 or 8784); hourly inputs such as shading masks have this length. */
  hours: number;
  /** Number of "active" hours: those with any GHI, DNI or DHI. All per-hour arrays below have this length. */
  count: number;
  /** Row of the weather year for each active hour. */
  hourIndex: Uint16Array;
  /** Active hours of month m are monthStart[m] … monthStart[m + 1] − 1 (weather rows are chronological). */
  monthStart: Uint32Array;
  /** Unit vector towards the (apparent) sun: x east, y true north, z up. */
  sunX: Float64Array;
  sunY: Float64Array;
  sunZ: Float64Array;
  sunAzimuthDeg: Float64Array;
  /** Apparent elevation, degrees (negative below the horizon). */
  sunElevationDeg: Float64Array;
  dni: Float64Array;
  sky: Record<SkyModel, SkyCoefficients>;
  /** Σ GHI (Wh/m²) over the year and per month, for the ground-reflected part. */
  ghiTotal: number;
  ghiMonthly: Float64Array;
}

const RAD = Math.PI / 180;

export function prepareSiteYear(weather: EpwYear, options: SiteYearOptions = {}): SiteYear {
  const site = options.site ?? {
    latitude: weather.location.latitude,
    longitude: weather.location.longitude,
    elevation: weather.location.elevation,
  };
  const albedo = options.albedo ?? 0.2;
  const spaOptions = options.spa ?? defaultSpaOptions;
  const solarConstant = options.solarConstant ?? 1366.1;

  const active: number[] = [];
  let ghiTotal = 0;
  const ghiMonthly = new Float64Array(12);
  for (let h = 0; h < weather.hours; h++) {
    if (weather.ghi[h]! > 0 || weather.dni[h]! > 0 || weather.dhi[h]! > 0) active.push(h);
    ghiTotal += weather.ghi[h]!;
    ghiMonthly[weather.month[h]! - 1]! += weather.ghi[h]!;
  }
  for (let h = 1; h < weather.hours; h++) {
    if (weather.month[h]! < weather.month[h - 1]!) throw new RangeError(`weather rows are not chronological at row ${h}`);
  }

  const count = active.length;
  const allTimes = midHourUnixSeconds(weather);
  const times = Float64Array.from(active, (h) => allTimes[h]!);
  const sun = sunPositions(times, site, spaOptions);

  const year: SiteYear = {
    site,
    albedo,
    hours: weather.hours,
    count,
    hourIndex: Uint16Array.from(active),
    monthStart: new Uint32Array(13),
    sunX: new Float64Array(count),
    sunY: new Float64Array(count),
    sunZ: new Float64Array(count),
    sunAzimuthDeg: new Float64Array(count),
    sunElevationDeg: new Float64Array(count),
    dni: new Float64Array(count),
    sky: {
      isotropic: { iso: new Float64Array(count), circ: new Float64Array(count), horizon: new Float64Array(count) },
      haydavies: { iso: new Float64Array(count), circ: new Float64Array(count), horizon: new Float64Array(count) },
      perez: { iso: new Float64Array(count), circ: new Float64Array(count), horizon: new Float64Array(count) },
    },
    ghiTotal,
    ghiMonthly,
  };

  let month = 0;
  for (let k = 0; k < count; k++) {
    const h = active[k]!;
    while (month < weather.month[h]! - 1) year.monthStart[++month] = k;
    const zenith = sun.apparentZenith[k]!;
    const azimuth = sun.azimuth[k]!;
    const zr = zenith * RAD;
    const ar = azimuth * RAD;
    year.sunX[k] = Math.sin(zr) * Math.sin(ar);
    year.sunY[k] = Math.sin(zr) * Math.cos(ar);
    year.sunZ[k] = Math.cos(zr);
    year.sunAzimuthDeg[k] = azimuth;
    year.sunElevationDeg[k] = 90 - zenith;

    const dni = weather.dni[h]!;
    const dhi = weather.dhi[h]!;
    year.dni[k] = dni;
    const dniExtra = extraterrestrialDni(utcDayOfYear(times[k]!), solarConstant);

    year.sky.isotropic.iso[k] = dhi * 0.5;

    const ai = dni / dniExtra;
    year.sky.haydavies.iso[k] = Math.max(dhi * (1 - ai), 0) * 0.5;
    year.sky.haydavies.circ[k] = Math.max(dhi * ai, 0) / Math.max(Math.cos(zr), 0.01745);

    const perez = perezBrightness(dhi, dni, dniExtra, zenith, relativeAirmass(zenith));
    if (perez !== null) {
      year.sky.perez.iso[k] = dhi * 0.5 * (1 - perez.f1);
      year.sky.perez.circ[k] = (dhi * perez.f1) / perez.b;
      year.sky.perez.horizon[k] = dhi * perez.f2;
    }
  }
  while (month < 12) year.monthStart[++month] = count;
  return year;
}

export interface Shading {
  /**
   * Unshaded fraction of the beam per weather row (length `SiteYear.hours`, 1 = unshaded).
   * Also applied to the Perez and Hay-Davies circumsolar part, which comes from around the sun disc.
   */
  beamFactor?: Float32Array | Float64Array;
  /**
   * Share of the plane's isotropic sky diffuse still seen (1 = unobstructed). Applied to the
   * isotropic part and to the Perez horizon band; the ground-reflected part is left unchanged
   * (obstructions reflect roughly as much as the ground they hide).
   */
  skyViewFactor?: number;
}

export interface AnnualIrradiation {
  /** kWh/m² over the weather year. */
  global: number;
  beam: number;
  skyDiffuse: number;
  groundDiffuse: number;
}

export interface AnnualOptions {
  model?: SkyModel;
  shading?: Shading;
  /** If given (length 12), receives the monthly in-plane irradiation, kWh/m². */
  monthly?: Float64Array;
}

/**
 * In-plane irradiation of a surface over the weather year. `azimuthDeg` is the true azimuth of
 * the direction the surface faces, clockwise from north.
 */
export function annualIrradiation(year: SiteYear, tiltDeg: number, azimuthDeg: number, options: AnnualOptions = {}): AnnualIrradiation {
  const model = options.model ?? 'perez';
  const beamFactor = options.shading?.beamFactor;
  if (beamFactor !== undefined && beamFactor.length !== year.hours) {
    throw new RangeError(`beamFactor has ${beamFactor.length} values, the weather year ${year.hours}`);
  }
  const svf = options.shading?.skyViewFactor ?? 1;
  const monthly = options.monthly;

  const t = tiltDeg * RAD;
  const a = azimuthDeg * RAD;
  const sinT = Math.sin(t);
  const nx = sinT * Math.sin(a);
  const ny = sinT * Math.cos(a);
  const nz = Math.cos(t);
  const isoWeight = (1 + nz) * svf;
  const horizonWeight = sinT * svf;
  const groundWeight = year.albedo * (1 - nz) * 0.5;

  const { iso, circ, horizon } = year.sky[model];
  const { sunX, sunY, sunZ, dni, hourIndex, monthStart } = year;
  let beamSum = 0;
  let skySum = 0;
  for (let m = 0; m < 12; m++) {
    let beamMonth = 0;
    let skyMonth = 0;
    const end = monthStart[m + 1]!;
    for (let k = monthStart[m]!; k < end; k++) {
      let cosAoi = nx * sunX[k]! + ny * sunY[k]! + nz * sunZ[k]!;
      cosAoi = Math.min(1, Math.max(cosAoi, -1));
      const front = Math.max(cosAoi, 0);
      const bf = beamFactor === undefined ? 1 : beamFactor[hourIndex[k]!]!;
      const beam = dni[k]! * front * bf;
      const sky = iso[k]! * isoWeight + circ[k]! * front * bf + horizon[k]! * horizonWeight;
      beamMonth += beam;
      if (sky > 0) skyMonth += sky;
    }
    beamSum += beamMonth;
    skySum += skyMonth;
    if (monthly !== undefined) monthly[m] = (beamMonth + skyMonth + year.ghiMonthly[m]! * groundWeight) / 1000;
  }
  const ground = year.ghiTotal * groundWeight;
  return { global: (beamSum + skySum + ground) / 1000, beam: beamSum / 1000, skyDiffuse: skySum / 1000, groundDiffuse: ground / 1000 };
}
