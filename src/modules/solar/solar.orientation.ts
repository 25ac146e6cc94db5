import type { Locale } from '../../core/i18n/index.ts';

const POINTS: Record<Locale, readonly string[]> = {
  de: ['Nord', 'Nordost', 'Ost', 'Südost', 'Süd', 'Südwest', 'West', 'Nordwest'],
  en: ['North', 'North-east', 'East', 'South-east', 'South', 'South-west', 'West', 'North-west'],
};

/** The nearest of the eight compass points to an azimuth (degrees clockwise from north). */
export function compassPoint(azimuthDeg: number, locale: Locale): string {
  const wrapped = ((azimuthDeg % 360) + 360) % 360;
  return POINTS[locale][Math.round(wrapped / 45) % 8] as string;
}

/**
 * How a roof surface faces, in words and degrees ("Südwest (224°)"); a (nearly) flat surface has
 * no azimuth and faces nowhere in particular.
 */
export function orientationText(azimuthDeg: number | null, locale: Locale): string {
  if (azimuthDeg === null) return locale === 'de' ? 'flach, ohne Ausrichtung' : 'flat, no orientation';
  const degrees = ((Math.round(azimuthDeg) % 360) + 360) % 360;
  return `${compassPoint(azimuthDeg, locale)} (${degrees}°)`;
}
