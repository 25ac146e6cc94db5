import { STAGES, type Stage } from './careers.tables.ts';

export const MIN_GROUP = 5;

export interface StageCounts {
  label: string;
  total: number;
  byStage: Record<Stage, number>;
}

export interface ShownCounts {
  label: string;
  total: number | null;
  byStage: Record<Stage, number | null>;
}

/**
 * No group smaller than five is shown. A row's total below five hides the whole row. Within a
 * row the stages partition the total, so one hidden cell could be worked out from the others:
 * then the next smallest non-empty cell is hidden too (secondary suppression).
 */
export function suppressSmallGroups(row: StageCounts): ShownCounts {
  if (row.total > 0 && row.total < MIN_GROUP)
    return { label: row.label, total: null, byStage: Object.fromEntries(STAGES.map((s) => [s, null])) as Record<Stage, null> };
  const byStage = Object.fromEntries(STAGES.map((s) => [s, row.byStage[s] ?? 0])) as Record<Stage, number | null>;
  const small = STAGES.filter((s) => {
    const n = row.byStage[s] ?? 0;
    return n > 0 && n < MIN_GROUP;
  });
  for (const s of small) byStage[s] = null;
  if (small.length === 1) {
    const next = STAGES.filter((s) => byStage[s] !== null && (byStage[s] as number) > 0).sort(
      (a, b) => (byStage[a] as number) - (byStage[b] as number),
    )[0];
    if (next) byStage[next] = null;
  }
  return { label: row.label, total: row.total, byStage };
}

/** Sums the statistics rows by a key (a posting, a category). */
export function countsBy<R extends { stage_reached: Stage; n: number }>(
  rows: readonly R[],
  key: (r: R) => string,
  label: (r: R) => string,
): StageCounts[] {
  const out = new Map<string, StageCounts>();
  for (const r of rows) {
    const k = key(r);
    const entry = out.get(k) ?? {
      label: label(r),
      total: 0,
      byStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    };
    entry.total += r.n;
    entry.byStage[r.stage_reached] += r.n;
    out.set(k, entry);
  }
  return [...out.values()].sort((a, b) => a.label.localeCompare(b.label));
}
