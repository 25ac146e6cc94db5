import type { SuitabilityClass } from './compute/suitability.ts';

/**
 * How a class is shown: a colour from a sequential orange scale (ColorBrewer "Oranges", readable
 * with every common colour-vision deficiency because lightness alone orders it) plus grey, and a
 * pattern, so no one depends on telling hues apart. The colour is the one figure per building the
 * public sees (C24); the pattern and the label are derived from it.
 */
export const SUITABILITY_CLASSES: readonly SuitabilityClass[] = ['veryGood', 'good', 'suitable', 'unsuitable'];

export type Pattern = 'solid' | 'stripes' | 'dots' | 'hatch';

export const CLASS_STYLE: Readonly<Record<SuitabilityClass, { colour: string; pattern: Pattern }>> = Object.freeze({
  veryGood: { colour: '#a63603', pattern: 'solid' },
  good: { colour: '#e6550d', pattern: 'stripes' },
  suitable: { colour: '#fdae6b', pattern: 'dots' },
  unsuitable: { colour: '#d9d9d9', pattern: 'hatch' },
});

export function classOfColour(colour: string): SuitabilityClass | undefined {
  return SUITABILITY_CLASSES.find((c) => CLASS_STYLE[c].colour === colour);
}
