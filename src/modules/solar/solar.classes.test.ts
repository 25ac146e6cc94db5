import { describe, expect, test } from 'vitest';
import { CLASS_STYLE, SUITABILITY_CLASSES } from './solar.classes.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('[C24] the class colours', () => {
  test('are told apart without hue: lightness rises from very good to suitable, and every class has its own pattern', () => {
    const colours = SUITABILITY_CLASSES.map((c) => CLASS_STYLE[c].colour);
    const [veryGood, good, suitable] = colours.map(luminance) as [number, number, number];
    expect(veryGood).toBeLessThan(good);
    expect(good).toBeLessThan(suitable);
    // neighbouring classes differ by a clearly visible step in lightness
    expect(contrast(colours[0] as string, colours[1] as string)).toBeGreaterThan(1.5);
    expect(contrast(colours[1] as string, colours[2] as string)).toBeGreaterThan(1.5);
    expect(new Set(SUITABILITY_CLASSES.map((c) => CLASS_STYLE[c].pattern)).size).toBe(SUITABILITY_CLASSES.length);
    expect(new Set(colours).size).toBe(colours.length);
  });
});
