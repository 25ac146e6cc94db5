import { describe, expect, test } from 'vitest';
import { compassPoint, orientationText } from './solar.orientation.ts';

describe('roof orientation in words', () => {
  test('each compass point covers 45° around it; north wraps around 0°', () => {
    expect([0, 22.4, 22.6, 90, 157.4, 180, 202.4, 202.6, 270, 337.4, 337.6, 359.9, -10, 725].map((a) => compassPoint(a, 'de'))).toEqual([
      'Nord',
      'Nord',
      'Nordost',
      'Ost',
      'Südost',
      'Süd',
      'Süd',
      'Südwest',
      'West',
      'Nordwest',
      'Nord',
      'Nord',
      'Nord',
      'Nord',
    ]);
    expect(compassPoint(225, 'en')).toBe('South-west');
  });

  test('words and whole degrees; a flat roof has no orientation', () => {
    expect(orientationText(182.4, 'de')).toBe('Süd (182°)');
    expect(orientationText(359.6, 'en')).toBe('North (0°)');
    expect(orientationText(null, 'de')).toBe('flach, ohne Ausrichtung');
    expect(orientationText(null, 'en')).toBe('flat, no orientation');
  });
});
