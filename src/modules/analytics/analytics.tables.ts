import type { Generated } from 'kysely';

export interface AnalyticsTransitionsTable {
  id: Generated<number>;
  day: string;
  /** '(Einstieg)' for the first page of a visit. */
  from_path: string;
  to_path: string;
  count: number;
  last_counted_at: Date;
}

export type AnalyticsTables = { analytics_transitions: AnalyticsTransitionsTable };
