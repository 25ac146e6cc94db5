/**
 * Irradiance models, one instant at a time, written to agree with pvlib (see golden.json `settings`).
 * Angles in degrees, irradiance in W/m². Zenith means the apparent (refraction-corrected) zenith.
 */

const RAD = Math.PI / 180;
const COS_85 = Math.cos(85 * RAD);

/** cos of the angle of incidence, clipped to [−1, 1]. */
export function aoiProjection(surfaceTiltDeg: number, surfaceAzimuthDeg: number, zenithDeg: number, sunAzimuthDeg: number): number {
  const p =
    Math.cos(surfaceTiltDeg * RAD) * Math.cos(zenithDeg * RAD) +
    Math.sin(surfaceTiltDeg * RAD) * Math.sin(zenithDeg * RAD) * Math.cos((sunAzimuthDeg - surfaceAzimuthDeg) * RAD);
  return Math.min(1, Math.max(-1, p));
}

export function aoiDeg(surfaceTiltDeg: number, surfaceAzimuthDeg: number, zenithDeg: number, sunAzimuthDeg: number): number {
  return Math.acos(aoiProjection(surfaceTiltDeg, surfaceAzimuthDeg, zenithDeg, sunAzimuthDeg)) / RAD;
}

/** Extraterrestrial normal irradiance after Spencer (1971); `dayOfYear` 1–366 of the UTC date. */
export function extraterrestrialDni(dayOfYear: number, solarConstant = 1366.1): number {
  const b = (2 * Math.PI * (dayOfYear - 1)) / 365;
  return (
    solarConstant * (1.00011 + 0.034221 * Math.cos(b) + 0.00128 * Math.sin(b) + 0.000719 * Math.cos(2 * b) + 0.000077 * Math.sin(2 * b))
  );
}

/** Day of the year (1–366) of the UTC date of a Unix time. */
export function utcDayOfYear(unixSeconds: number): number {
  const d = new Date(unixSeconds * 1000);
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

/** Kasten & Young (1989) relative airmass; NaN with the sun below the horizon. */
export function relativeAirmass(zenithDeg: number): number {
  if (!(zenithDeg <= 90)) return Number.NaN;
  return 1 / (Math.cos(zenithDeg * RAD) + 0.50572 * (6.07995 + (90 - zenithDeg)) ** -1.6364);
}

/** Standard-atmosphere pressure at an altitude, Pa (pvlib `alt2pres`). */
export function altitudeToPressure(altitudeM: number): number {
  return 100 * ((44331.514 - altitudeM) / 11880.516) ** (1 / 0.1902632);
}

export function absoluteAirmass(relative: number, pressurePa = 101325): number {
  return (relative * pressurePa) / 101325;
}

export interface HorizontalIrradiance {
  ghi: number;
  dni: number;
  dhi: number;
}

/** Ineichen & Perez (2002) clear sky, without the Perez enhancement; zero with the sun down. */
export function ineichenClearSky(
  zenithDeg: number,
  airmassAbsolute: number,
  linkeTurbidity: number,
  altitudeM: number,
  dniExtra: number,
): HorizontalIrradiance {
  if (!Number.isFinite(airmassAbsolute)) return { ghi: 0, dni: 0, dhi: 0 };
  const tl = linkeTurbidity;
  const cosZ = Math.max(Math.cos(zenithDeg * RAD), 0);
  const fh1 = Math.exp(-altitudeM / 8000);
  const fh2 = Math.exp(-altitudeM / 1250);
  const cg1 = 5.09e-5 * altitudeM + 0.868;
  const cg2 = 3.92e-5 * altitudeM + 0.0387;
  const ghi = cg1 * dniExtra * cosZ * Math.max(Math.exp(-cg2 * airmassAbsolute * (fh1 + fh2 * (tl - 1))), 0);
  const b = 0.664 + 0.163 / fh1;
  const bnci = dniExtra * Math.max(b * Math.exp(-0.09 * airmassAbsolute * (tl - 1)), 0);
  const bnci2 = ghi * Math.min(Math.max((1 - (0.1 - 0.2 * Math.exp(-tl)) / (0.1 + 0.882 / fh1)) / cosZ, 0), 1e20);
  const dni = Math.min(bnci, bnci2);
  return { ghi, dni, dhi: ghi - dni * cosZ };
}

export function beamPoa(dni: number, cosAoi: number): number {
  return Math.max(dni * cosAoi, 0);
}

export function groundReflected(ghi: number, albedo: number, surfaceTiltDeg: number): number {
  return ghi * albedo * (1 - Math.cos(surfaceTiltDeg * RAD)) * 0.5;
}

/** Liu & Jordan isotropic sky. */
export function isotropicSky(dhi: number, surfaceTiltDeg: number): number {
  return dhi * (1 + Math.cos(surfaceTiltDeg * RAD)) * 0.5;
}

/** Hay & Davies (1980) sky diffuse. */
export function hayDaviesSky(
  dhi: number,
  dni: number,
  dniExtra: number,
  cosAoi: number,
  zenithDeg: number,
  surfaceTiltDeg: number,
): number {
  const ai = dni / dniExtra;
  const rb = Math.max(cosAoi, 0) / Math.max(Math.cos(zenithDeg * RAD), 0.01745);
  const isotropic = Math.max(dhi * (1 - ai) * 0.5 * (1 + Math.cos(surfaceTiltDeg * RAD)), 0);
  const circumsolar = Math.max(dhi * ai * rb, 0);
  return isotropic + circumsolar;
}

/** Perez et al. (1990) all-sites composite coefficients, one row per clearness bin: F11 F12 F13 F21 F22 F23. */
export const PEREZ_ALLSITES_1990: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.008, 0.588, -0.062, -0.06, 0.072, -0.022],
  [0.13, 0.683, -0.151, -0.019, 0.066, -0.029],
  [0.33, 0.487, -0.221, 0.055, -0.064, -0.026],
  [0.568, 0.187, -0.295, 0.109, -0.152, -0.014],
  [0.873, -0.392, -0.362, 0.226, -0.462, 0.001],
  [1.132, -1.237, -0.412, 0.288, -0.823, 0.056],
  [1.06, -1.6, -0.359, 0.264, -1.127, 0.131],
  [0.678, -0.327, -0.25, 0.156, -1.377, 0.251],
];

/** Lower edges of clearness bins 2–8 (bin 1 is ε < 1.065). */
const EPSILON_EDGES = [1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2];

export interface PerezBrightness {
  /** Circumsolar brightening F1 (≥ 0). */
  f1: number;
  /** Horizon brightening F2. */
  f2: number;
  /** max(cos z, cos 85°), the horizontal projection the circumsolar term is divided by. */
  b: number;
}

/**
 * Surface-independent part of the Perez model for one instant, or null when the sky term is zero
 * by definition: sun below the horizon (airmass undefined) or DHI = 0 (pvlib yields NaN there; the
 * reference counts those hours as 0).
 */
export function perezBrightness(
  dhi: number,
  dni: number,
  dniExtra: number,
  zenithDeg: number,
  airmassRelative: number,
): PerezBrightness | null {
  if (!Number.isFinite(airmassRelative) || !(dhi > 0)) return null;
  const z = zenithDeg * RAD;
  const kz3 = 1.041 * z * z * z;
  const epsilon = ((dhi + dni) / dhi + kz3) / (1 + kz3);
  let bin = 0;
  while (bin < EPSILON_EDGES.length && epsilon >= EPSILON_EDGES[bin]!) bin++;
  const c = PEREZ_ALLSITES_1990[bin]!;
  const delta = (dhi * airmassRelative) / dniExtra;
  return {
    f1: Math.max(c[0] + c[1] * delta + c[2] * z, 0),
    f2: c[3] + c[4] * delta + c[5] * z,
    b: Math.max(Math.cos(z), COS_85),
  };
}

/** Perez (1990) sky diffuse on a tilted plane. */
export function perezSky(
  dhi: number,
  dni: number,
  dniExtra: number,
  cosAoi: number,
  zenithDeg: number,
  airmassRelative: number,
  surfaceTiltDeg: number,
): number {
  const p = perezBrightness(dhi, dni, dniExtra, zenithDeg, airmassRelative);
  if (p === null) return 0;
  const t = surfaceTiltDeg * RAD;
  const sky = dhi * (0.5 * (1 - p.f1) * (1 + Math.cos(t)) + (p.f1 * Math.max(cosAoi, 0)) / p.b + p.f2 * Math.sin(t));
  return Math.max(sky, 0);
}

export type SkyModel = 'isotropic' | 'haydavies' | 'perez';

export interface PoaInput {
  surfaceTiltDeg: number;
  surfaceAzimuthDeg: number;
  zenithDeg: number;
  sunAzimuthDeg: number;
  ghi: number;
  dni: number;
  dhi: number;
  dniExtra: number;
  airmassRelative: number;
  albedo: number;
  model: SkyModel;
}

export interface PoaIrradiance {
  global: number;
  beam: number;
  skyDiffuse: number;
  groundDiffuse: number;
}

/** Plane-of-array irradiance, the equivalent of pvlib `get_total_irradiance`. */
export function poaIrradiance(input: PoaInput): PoaIrradiance {
  const cosAoi = aoiProjection(input.surfaceTiltDeg, input.surfaceAzimuthDeg, input.zenithDeg, input.sunAzimuthDeg);
  const beam = beamPoa(input.dni, cosAoi);
  const groundDiffuse = groundReflected(input.ghi, input.albedo, input.surfaceTiltDeg);
  let skyDiffuse: number;
  switch (input.model) {
    case 'isotropic':
      skyDiffuse = isotropicSky(input.dhi, input.surfaceTiltDeg);
      break;
    case 'haydavies':
      skyDiffuse = hayDaviesSky(input.dhi, input.dni, input.dniExtra, cosAoi, input.zenithDeg, input.surfaceTiltDeg);
      break;
    case 'perez':
      skyDiffuse = perezSky(input.dhi, input.dni, input.dniExtra, cosAoi, input.zenithDeg, input.airmassRelative, input.surfaceTiltDeg);
      break;
  }
  return { global: beam + skyDiffuse + groundDiffuse, beam, skyDiffuse, groundDiffuse };
}
