import { B0, B1, L0, L1, L2, L3, L4, L5, NUTATION_ABCD, NUTATION_Y, R0, R1, R2, R3, R4 } from './spa-tables.ts';

/**
 * NREL Solar Position Algorithm (Reda & Andreas 2004, Solar Energy 76(5):577–589; NREL/TP-560-34302),
 * following pvlib.spa step by step so results agree with pvlib's `spa_python` to ~1e-9°.
 * Angles in degrees; azimuth clockwise from north; time as Unix seconds (UTC).
 */

export interface SpaSite {
  latitude: number;
  longitude: number;
  /** Metres above sea level; used for the topocentric parallax only. */
  elevation: number;
}

export interface SpaOptions {
  /** Pressure for the refraction correction, mbar (hPa). */
  pressureMbar: number;
  /** Temperature for the refraction correction, °C. */
  temperatureC: number;
  /** TT − UT1, seconds. */
  deltaT: number;
  /** UT1 − UTC, seconds. */
  deltaUt1: number;
  /** Refraction at sunrise/sunset, degrees; below −(0.26667 + this) no refraction is applied. */
  atmosRefract: number;
}

/** The conventions of golden.json: standard pressure regardless of altitude, 12 °C, ΔT 67 s. */
export const defaultSpaOptions: Readonly<SpaOptions> = Object.freeze({
  pressureMbar: 1013.25,
  temperatureC: 12,
  deltaT: 67,
  deltaUt1: 0,
  atmosRefract: 0.5667,
});

export interface SpaResult {
  julianDay: number;
  julianEphemerisDay: number;
  /** Heliocentric longitude L, latitude B (degrees) and radius vector R (AU). */
  heliocentricLongitude: number;
  heliocentricLatitude: number;
  radiusVector: number;
  nutationLongitude: number;
  nutationObliquity: number;
  trueObliquity: number;
  apparentSiderealTime: number;
  rightAscension: number;
  declination: number;
  /** Observer local hour angle H, degrees, westward from south. */
  hourAngle: number;
  topocentricDeclination: number;
  topocentricHourAngle: number;
  /** Topocentric elevation without (e0) and with (e) refraction. */
  elevationGeometric: number;
  elevation: number;
  zenithGeometric: number;
  /** Topocentric zenith including refraction (pvlib `apparent_zenith`). */
  zenith: number;
  /** Clockwise from north. */
  azimuth: number;
  /** Westward from south (SPA's Γ). */
  azimuthAstronomical: number;
  equationOfTimeMinutes: number;
}

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export function julianDay(unixSeconds: number): number {
  return unixSeconds / 86400 + 2440587.5;
}

function mod360(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

function periodicSum(table: Float64Array, jme: number): number {
  let s = 0;
  for (let i = 0; i < table.length; i += 3) {
    s += table[i]! * Math.cos(table[i + 1]! + table[i + 2]! * jme);
  }
  return s;
}

/**
 * Time-only part of SPA (independent of the observer), written into `out`:
 * [0] R, [1] L, [2] B, [3] Δψ, [4] Δε, [5] ε, [6] ν (apparent sidereal time), [7] α, [8] δ, [9] EoT (min).
 */
const GEO_SIZE = 10;

function geocentricSun(jd: number, deltaT: number, out: Float64Array): void {
  const jde = jd + deltaT / 86400;
  const jc = (jd - 2451545) / 36525;
  const jce = (jde - 2451545) / 36525;
  const jme = jce / 10;

  const jme2 = jme * jme;
  const jme3 = jme2 * jme;
  const jme4 = jme3 * jme;
  const jme5 = jme4 * jme;
  const lRad =
    (periodicSum(L0, jme) +
      periodicSum(L1, jme) * jme +
      periodicSum(L2, jme) * jme2 +
      periodicSum(L3, jme) * jme3 +
      periodicSum(L4, jme) * jme4 +
      periodicSum(L5, jme) * jme5) /
    1e8;
  const L = mod360(lRad * DEG);
  const B = ((periodicSum(B0, jme) + periodicSum(B1, jme) * jme) / 1e8) * DEG;
  const R =
    (periodicSum(R0, jme) +
      periodicSum(R1, jme) * jme +
      periodicSum(R2, jme) * jme2 +
      periodicSum(R3, jme) * jme3 +
      periodicSum(R4, jme) * jme4) /
    1e8;

  const theta = mod360(L + 180);
  const beta = -B;

  const jce2 = jce * jce;
  const jce3 = jce2 * jce;
  const x0 = 297.85036 + 445267.11148 * jce - 0.0019142 * jce2 + jce3 / 189474;
  const x1 = 357.52772 + 35999.05034 * jce - 0.0001603 * jce2 - jce3 / 300000;
  const x2 = 134.96298 + 477198.867398 * jce + 0.0086972 * jce2 + jce3 / 56250;
  const x3 = 93.27191 + 483202.017538 * jce - 0.0036825 * jce2 + jce3 / 327270;
  const x4 = 125.04452 - 1934.136261 * jce + 0.0020708 * jce2 + jce3 / 450000;
  let psiSum = 0;
  let epsSum = 0;
  for (let row = 0, y = 0, c = 0; row < 63; row++, y += 5, c += 4) {
    const arg =
      (NUTATION_Y[y]! * x0 + NUTATION_Y[y + 1]! * x1 + NUTATION_Y[y + 2]! * x2 + NUTATION_Y[y + 3]! * x3 + NUTATION_Y[y + 4]! * x4) * RAD;
    psiSum += (NUTATION_ABCD[c]! + NUTATION_ABCD[c + 1]! * jce) * Math.sin(arg);
    epsSum += (NUTATION_ABCD[c + 2]! + NUTATION_ABCD[c + 3]! * jce) * Math.cos(arg);
  }
  const deltaPsi = psiSum / 36000000;
  const deltaEps = epsSum / 36000000;

  const u = jme / 10;
  const e0 =
    84381.448 +
    u *
      (-4680.93 +
        u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67 + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const epsilon = e0 / 3600 + deltaEps;

  const deltaTau = -20.4898 / (3600 * R);
  const lambda = theta + deltaPsi + deltaTau;
  const nu0 = mod360(280.46061837 + 360.98564736629 * (jd - 2451545) + 0.000387933 * jc * jc - (jc * jc * jc) / 38710000);
  const epsRad = epsilon * RAD;
  const nu = nu0 + deltaPsi * Math.cos(epsRad);

  const lambdaRad = lambda * RAD;
  const betaRad = beta * RAD;
  const alpha = mod360(
    Math.atan2(Math.sin(lambdaRad) * Math.cos(epsRad) - Math.tan(betaRad) * Math.sin(epsRad), Math.cos(lambdaRad)) * DEG,
  );
  const delta = Math.asin(Math.sin(betaRad) * Math.cos(epsRad) + Math.cos(betaRad) * Math.sin(epsRad) * Math.sin(lambdaRad)) * DEG;

  const m = 280.4664567 + 360007.6982779 * jme + 0.03032028 * jme2 + jme3 / 49931 - jme4 / 15300 - jme5 / 2000000;
  let eot = mod360(m - 0.0057183 - alpha + deltaPsi * Math.cos(epsRad)) * 4;
  if (eot > 20) eot -= 1440;
  else if (eot < -20) eot += 1440;

  out[0] = R;
  out[1] = L;
  out[2] = B;
  out[3] = deltaPsi;
  out[4] = deltaEps;
  out[5] = epsilon;
  out[6] = nu;
  out[7] = alpha;
  out[8] = delta;
  out[9] = eot;
}

/** Observer-dependent constants of the parallax correction (SPA step 3.12, u/x/y terms). */
interface ObserverTerms {
  latRad: number;
  x: number;
  y: number;
}

function observerTerms(site: SpaSite): ObserverTerms {
  const latRad = site.latitude * RAD;
  const u = Math.atan(0.99664719 * Math.tan(latRad));
  return {
    latRad,
    x: Math.cos(u) + (site.elevation / 6378140) * Math.cos(latRad),
    y: 0.99664719 * Math.sin(u) + (site.elevation / 6378140) * Math.sin(latRad),
  };
}

/**
 * Topocentric part, written into `out`:
 * [0] H, [1] δ', [2] H', [3] e0, [4] e, [5] zenith (apparent), [6] zenith geometric, [7] azimuth, [8] Γ.
 */
const TOPO_SIZE = 9;

function topocentric(geo: Float64Array, site: SpaSite, obs: ObserverTerms, options: SpaOptions, out: Float64Array): void {
  const R = geo[0]!;
  const nu = geo[6]!;
  const alpha = geo[7]!;
  const delta = geo[8]!;
  const H = mod360(nu + site.longitude - alpha);
  const xiRad = (8.794 / (3600 * R)) * RAD;
  const hRad = H * RAD;
  const deltaRad = delta * RAD;
  const sinXi = Math.sin(xiRad);
  const deltaAlpha = Math.atan2(-obs.x * sinXi * Math.sin(hRad), Math.cos(deltaRad) - obs.x * sinXi * Math.cos(hRad)) * DEG;
  const deltaPrime =
    Math.atan2((Math.sin(deltaRad) - obs.y * sinXi) * Math.cos(deltaAlpha * RAD), Math.cos(deltaRad) - obs.x * sinXi * Math.cos(hRad)) *
    DEG;
  const hPrime = H - deltaAlpha;
  const hPrimeRad = hPrime * RAD;
  const deltaPrimeRad = deltaPrime * RAD;
  const sinLat = Math.sin(obs.latRad);
  const cosLat = Math.cos(obs.latRad);
  const e0 = Math.asin(sinLat * Math.sin(deltaPrimeRad) + cosLat * Math.cos(deltaPrimeRad) * Math.cos(hPrimeRad)) * DEG;
  const refraction =
    e0 >= -1 * (0.26667 + options.atmosRefract)
      ? (options.pressureMbar / 1010) * (283 / (273 + options.temperatureC)) * (1.02 / (60 * Math.tan((e0 + 10.3 / (e0 + 5.11)) * RAD)))
      : 0;
  const e = e0 + refraction;
  const gamma = mod360(Math.atan2(Math.sin(hPrimeRad), Math.cos(hPrimeRad) * sinLat - Math.tan(deltaPrimeRad) * cosLat) * DEG);
  out[0] = H;
  out[1] = deltaPrime;
  out[2] = hPrime;
  out[3] = e0;
  out[4] = e;
  out[5] = 90 - e;
  out[6] = 90 - e0;
  out[7] = mod360(gamma + 180);
  out[8] = gamma;
}

/** Full SPA for one instant, with every intermediate the NREL report tabulates. */
export function spa(unixSeconds: number, site: SpaSite, options: SpaOptions = defaultSpaOptions): SpaResult {
  const jd = julianDay(unixSeconds + options.deltaUt1);
  const geo = new Float64Array(GEO_SIZE);
  const topo = new Float64Array(TOPO_SIZE);
  geocentricSun(jd, options.deltaT, geo);
  topocentric(geo, site, observerTerms(site), options, topo);
  return {
    julianDay: jd,
    julianEphemerisDay: jd + options.deltaT / 86400,
    radiusVector: geo[0]!,
    heliocentricLongitude: geo[1]!,
    heliocentricLatitude: geo[2]!,
    nutationLongitude: geo[3]!,
    nutationObliquity: geo[4]!,
    trueObliquity: geo[5]!,
    apparentSiderealTime: geo[6]!,
    rightAscension: geo[7]!,
    declination: geo[8]!,
    equationOfTimeMinutes: geo[9]!,
    hourAngle: topo[0]!,
    topocentricDeclination: topo[1]!,
    topocentricHourAngle: topo[2]!,
    elevationGeometric: topo[3]!,
    elevation: topo[4]!,
    zenith: topo[5]!,
    zenithGeometric: topo[6]!,
    azimuth: topo[7]!,
    azimuthAstronomical: topo[8]!,
  };
}

/** Angle between the sun and a surface normal (SPA step 3.15), degrees. */
export function incidenceAngleDeg(zenithDeg: number, azimuthDeg: number, surfaceTiltDeg: number, surfaceAzimuthDeg: number): number {
  const z = zenithDeg * RAD;
  const t = surfaceTiltDeg * RAD;
  const c = Math.cos(t) * Math.cos(z) + Math.sin(t) * Math.sin(z) * Math.cos((azimuthDeg - surfaceAzimuthDeg) * RAD);
  return Math.acos(Math.min(1, Math.max(-1, c))) * DEG;
}

export interface SunPositions {
  /** Topocentric zenith with refraction. */
  apparentZenith: Float64Array;
  zenith: Float64Array;
  azimuth: Float64Array;
}

/**
 * Full SPA for many instants at one site with no per-instant allocation; a site-year (8760 hours)
 * takes a few tens of milliseconds, so callers compute it once per site and weather year.
 */
export function sunPositions(unixSeconds: ArrayLike<number>, site: SpaSite, options: SpaOptions = defaultSpaOptions): SunPositions {
  const n = unixSeconds.length;
  const result: SunPositions = { apparentZenith: new Float64Array(n), zenith: new Float64Array(n), azimuth: new Float64Array(n) };
  const geo = new Float64Array(GEO_SIZE);
  const topo = new Float64Array(TOPO_SIZE);
  const obs = observerTerms(site);
  for (let i = 0; i < n; i++) {
    geocentricSun(julianDay(unixSeconds[i]! + options.deltaUt1), options.deltaT, geo);
    topocentric(geo, site, obs, options, topo);
    result.apparentZenith[i] = topo[5]!;
    result.zenith[i] = topo[6]!;
    result.azimuth[i] = topo[7]!;
  }
  return result;
}

export interface SunriseTransitSunset {
  /** Unix seconds (UTC); NaN for sunrise/sunset when the sun does not rise or set that day. */
  sunrise: number;
  transit: number;
  sunset: number;
}

/**
 * SPA appendix A.2 as implemented by pvlib `transit_sunrise_sunset`, for the day starting at
 * `utcMidnight` (Unix seconds, must be 00:00 UTC). pvlib passes the *local* calendar date relabelled
 * as 00:00 UTC; do the same to reproduce its sunrise/sunset.
 */
export function sunriseTransitSunset(utcMidnight: number, latitude: number, longitude: number, deltaT: number): SunriseTransitSunset {
  if (utcMidnight % 86400 !== 0) throw new RangeError(`sunriseTransitSunset needs 00:00 UTC, got ${utcMidnight}`);
  const ttDay0 = utcMidnight - deltaT;
  const geo = new Float64Array(GEO_SIZE);
  const at = (unix: number): [alpha: number, delta: number, nu: number] => {
    geocentricSun(julianDay(unix), deltaT, geo);
    return [geo[7]!, geo[8]!, geo[6]!];
  };
  const nu = at(utcMidnight)[2];
  const [alpha0, delta0] = at(ttDay0);
  const [alphaM1, deltaM1] = at(ttDay0 - 86400);
  const [alphaP1, deltaP1] = at(ttDay0 + 86400);

  const latRad = latitude * RAD;
  const m0 = (alpha0 - longitude - nu) / 360;
  const cosArg = (Math.sin(-0.8333 * RAD) - Math.sin(latRad) * Math.sin(delta0 * RAD)) / (Math.cos(latRad) * Math.cos(delta0 * RAD));
  const h0 = Math.abs(cosArg) > 1 ? Number.NaN : mod360(Math.acos(cosArg) * DEG) % 180;

  const frac = (x: number): number => x - Math.floor(x);
  const mT = frac(m0);
  const mRraw = mT - h0 / 360;
  const mSraw = mT + h0 / 360;
  const mR = frac(mRraw);
  const mS = frac(mSraw);

  const wrap = (d: number): number => (Math.abs(d) > 2 ? frac(d) : d);
  const a = wrap(alpha0 - alphaM1);
  const ap = wrap(delta0 - deltaM1);
  const b = wrap(alphaP1 - alpha0);
  const bp = wrap(deltaP1 - delta0);
  const c = b - a;
  const cp = bp - ap;

  const local = (m: number): [hp: number, h: number, dp: number] => {
    const n = m + deltaT / 86400;
    const alphaP = alpha0 + (n * (a + b + c * n)) / 2;
    const deltaP = delta0 + (n * (ap + bp + cp * n)) / 2;
    let hp = mod360(nu + 360.985647 * m + longitude - alphaP);
    if (hp >= 180) hp -= 360;
    const h = Math.asin(Math.sin(latRad) * Math.sin(deltaP * RAD) + Math.cos(latRad) * Math.cos(deltaP * RAD) * Math.cos(hp * RAD)) * DEG;
    return [hp, h, deltaP];
  };
  const [hpT] = local(mT);
  const [hpR, hR, dR] = local(mR);
  const [hpS, hS, dS] = local(mS);
  const transit = (mT - hpT / 360) * 86400;
  let sunrise = (mR + (hR + 0.8333) / (360 * Math.cos(dR * RAD) * Math.cos(latRad) * Math.sin(hpR * RAD))) * 86400;
  let sunset = (mS + (hS + 0.8333) / (360 * Math.cos(dS * RAD) * Math.cos(latRad) * Math.sin(hpS * RAD))) * 86400;
  if (mSraw >= 1) sunset += 86400;
  if (mRraw < 0) sunrise -= 86400;
  return { transit: utcMidnight + transit, sunrise: utcMidnight + sunrise, sunset: utcMidnight + sunset };
}
