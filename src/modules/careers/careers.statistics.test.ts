import { describe, expect, test } from 'vitest';
import { countsBy, suppressSmallGroups } from './careers.statistics.ts';

const rows = (counts: Record<string, number>, key = 'p') =>
  Object.entries(counts).map(([stage, n]) => ({ key, stage_reached: stage as 'received', n }));

describe('statistics never show a group smaller than five', () => {
  test('a total under five hides the whole row; five and more is shown', () => {
    const [small] = countsBy(
      rows({ received: 4 }),
      (r) => r.key,
      (r) => r.key,
    ).map(suppressSmallGroups);
    expect(small).toEqual({
      label: 'p',
      total: null,
      byStage: { received: null, forwarded: null, interview: null, offer: null, hired: null },
    });
    const [five] = countsBy(
      rows({ received: 5 }),
      (r) => r.key,
      (r) => r.key,
    ).map(suppressSmallGroups);
    expect(five?.total).toBe(5);
    expect(five?.byStage.received).toBe(5);
  });

  test('a small cell is hidden, and with it the next smallest, so it cannot be worked out from the total', () => {
    const [row] = countsBy(
      rows({ received: 9, forwarded: 6, interview: 1 }),
      (r) => r.key,
      (r) => r.key,
    ).map(suppressSmallGroups);
    expect(row).toMatchObject({ total: 16, byStage: { received: 9, forwarded: null, interview: null, offer: 0, hired: 0 } });
    const [two] = countsBy(
      rows({ received: 9, forwarded: 2, interview: 1 }),
      (r) => r.key,
      (r) => r.key,
    ).map(suppressSmallGroups);
    expect(two).toMatchObject({ total: 12, byStage: { received: 9, forwarded: null, interview: null } });
  });

  test('counts add up per key across stages', () => {
    const list = countsBy(
      [...rows({ received: 3 }, 'a'), ...rows({ received: 2, hired: 5 }, 'b')],
      (r) => r.key,
      (r) => r.key,
    );
    expect(list.map((x) => [x.label, x.total])).toEqual([
      ['a', 3],
      ['b', 7],
    ]);
  });
});
