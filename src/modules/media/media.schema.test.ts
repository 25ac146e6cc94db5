import { describe, expect, test } from 'vitest';
import { berlinDayEnd, berlinDayStart } from '../../core/i18n/index.ts';
import { pixelsOf } from './media.obscure.ts';
import { itemIdIn, regionsOf } from './media.schema.ts';

describe('consent dates on the Berlin calendar', () => {
  test('[C31] a consent runs from the first to the last moment of its days in Berlin, summer and winter', () => {
    expect(berlinDayStart('2026-06-01').toISOString()).toBe('2026-05-31T22:00:00.000Z');
    expect(berlinDayEnd('2026-06-30').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(berlinDayStart('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    // 25 October 2026, the night the clocks go back: that day ends at 23:00 UTC, after 25 hours.
    expect(berlinDayEnd('2026-10-24').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(berlinDayEnd('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('regions to make unrecognisable', () => {
  test('empty slots are skipped, half-filled or outside the picture are named', () => {
    expect(regionsOf({ r1x: '10', r1y: '20,5', r1w: '30', r1h: '40' })).toEqual({ regions: [{ x: 10, y: 20.5, w: 30, h: 40 }], bad: [] });
    expect(regionsOf({ r1x: '', r2x: '5', r2y: '5', r2w: '', r2h: '5' }).bad).toEqual([2]);
    expect(regionsOf({ r1x: '60', r1y: '0', r1w: '50', r1h: '10' }).bad).toEqual([1]);
    expect(regionsOf({ r3x: '-1', r3y: '0', r3w: '5', r3h: '5' }).bad).toEqual([3]);
    expect(regionsOf({}).regions).toEqual([]);
  });

  test('a region covers the same part of every size, at least one pixel, never outside', () => {
    expect(pixelsOf({ x: 0, y: 0, w: 50, h: 50 }, 1400, 800)).toEqual({ left: 0, top: 0, width: 700, height: 400 });
    expect(pixelsOf({ x: 0, y: 0, w: 50, h: 50 }, 320, 183)).toEqual({ left: 0, top: 0, width: 160, height: 92 });
    expect(pixelsOf({ x: 99.9, y: 99.9, w: 0.1, h: 0.1 }, 320, 183)).toEqual({ left: 319, top: 182, width: 1, height: 1 });
  });

  test('the picture named by the address of its page', () => {
    expect(itemIdIn('https://www.example.org/medien/3F2504E0-4F89-41D3-9A0C-0305E82C3301 bitte')).toBe(
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    );
    expect(itemIdIn('das Bild vom Sommerfest')).toBeNull();
  });
});
