import type { LoadResult } from './wrk.ts';

export interface Step extends LoadResult {
  connections: number;
  /** Answers other than 2xx/3xx, and socket errors, per request sent. */
  errorRate: number;
}

/**
 * The knee of a rising-concurrency run: the highest concurrency whose p99 stayed within the
 * bound (null if even the first step passed it), and the first one that passed it (null if none
 * did within the steps tried).
 */
export function kneeOf<S extends Step>(steps: readonly S[], p99BoundMs: number): { within: S | null; beyond: S | null } {
  const beyondIndex = steps.findIndex((s) => !(s.latencyMs.p99 <= p99BoundMs));
  const within = beyondIndex === -1 ? (steps.at(-1) ?? null) : beyondIndex === 0 ? null : (steps[beyondIndex - 1] ?? null);
  return { within, beyond: beyondIndex === -1 ? null : (steps[beyondIndex] ?? null) };
}
