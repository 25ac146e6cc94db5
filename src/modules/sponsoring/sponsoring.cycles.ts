import { type Kysely, sql } from 'kysely';
import type { Config } from '../../core/config/index.ts';
import { berlinDay, berlinDayStart, type Localized } from '../../core/i18n/index.ts';
import type { SponsoringCyclesTable, SponsoringTables } from './sponsoring.tables.ts';

export type Phase = 'upcoming' | 'application' | 'review' | 'voting' | 'result' | 'sponsoring' | 'completed';
export const PHASES: readonly Phase[] = ['application', 'review', 'voting', 'result', 'sponsoring'];

export type Cycle = Omit<SponsoringCyclesTable, 'budget_cents'> & { budget_cents: number };

const DAY_MS = 86_400_000;

/** Midnight in Berlin of a calendar day, as an instant (phases begin at midnight local time). */
export function berlinMidnight(year: number, month: number, day: number): Date {
  return berlinDayStart(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** Adds whole Berlin calendar days (a phase of 7 days stays 7 calendar days across a clock change). */
function addDays(start: Date, days: number): Date {
  const d = new Date(Date.parse(`${berlinDay(start)}T00:00:00Z`) + days * DAY_MS);
  return berlinDayStart(d.toISOString().slice(0, 10));
}

export interface Schedule {
  starts: { month: number; day: number }[];
  days: [number, number, number, number, number];
}

export function scheduleOf(config: Pick<Config, 'SPONSORING_CYCLE_STARTS' | 'SPONSORING_PHASE_DAYS'>): Schedule {
  const starts = config.SPONSORING_CYCLE_STARTS.split(',')
    .map((s) => {
      const [m, d] = s.split('-').map(Number) as [number, number];
      return { month: m, day: d };
    })
    .sort((a, b) => a.month - b.month || a.day - b.day);
  const days = config.SPONSORING_PHASE_DAYS.split(',').map(Number) as Schedule['days'];
  return { starts, days };
}

/** The phases of a cycle that applications open on `start` (Berlin midnight). */
export function phasesFrom(start: Date, days: Schedule['days']) {
  const review = addDays(start, days[0]);
  const voting = addDays(review, days[1]);
  const result = addDays(voting, days[2]);
  const sponsoring = addDays(result, days[3]);
  return {
    application_from: start,
    review_from: review,
    voting_from: voting,
    result_from: result,
    sponsoring_from: sponsoring,
    completed_at: addDays(sponsoring, days[4]),
  };
}

/** The cycles of the configured schedule in a year ('2026-1', '2026-2' for two a year). */
export function scheduledCycles(config: Config, year: number) {
  const { starts, days } = scheduleOf(config);
  return starts.map((s, i) => ({ id: `${year}-${i + 1}`, ...phasesFrom(berlinMidnight(year, s.month, s.day), days) }));
}

const berlinYear = (now: Date) => Number(berlinDay(now).slice(0, 4));

const ensured = new WeakMap<object, Set<number>>();

/**
 * Writes the scheduled cycles of the year before, this and the next year, once per process and
 * year; a cycle already there (perhaps with dates a member changed) is kept as it is.
 */
export async function ensureCycles(db: Kysely<SponsoringTables>, config: Config, now: Date): Promise<void> {
  const year = berlinYear(now);
  const done = ensured.get(db) ?? new Set<number>();
  ensured.set(db, done);
  if (done.has(year)) return;
  const rows = [year - 1, year, year + 1].flatMap((y) => scheduledCycles(config, y));
  await db
    .insertInto('sponsoring_cycles')
    .values(rows.map((r) => ({ ...r, budget_cents: config.SPONSORING_BUDGET_CENTS, closed_at: null, created_at: now })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  done.add(year);
}

const asCycle = (row: SponsoringCyclesTable): Cycle => ({ ...row, budget_cents: Number(row.budget_cents) });

/** The cycle that now belongs to: the last one whose applications have opened. */
export async function currentCycle(db: Kysely<SponsoringTables>, config: Config, now: Date): Promise<Cycle | undefined> {
  await ensureCycles(db, config, now);
  const row = await db
    .selectFrom('sponsoring_cycles')
    .selectAll()
    .where('application_from', '<=', now)
    .orderBy('application_from', 'desc')
    .executeTakeFirst();
  return row ? asCycle(row) : undefined;
}

export async function cycleById(db: Kysely<SponsoringTables>, id: string): Promise<Cycle | undefined> {
  const row = await db.selectFrom('sponsoring_cycles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? asCycle(row) : undefined;
}

/** The cycle after this one (the next to open applications), if it is known. */
export async function nextCycle(db: Kysely<SponsoringTables>, cycle: Cycle): Promise<Cycle | undefined> {
  const row = await db
    .selectFrom('sponsoring_cycles')
    .selectAll()
    .where('application_from', '>', cycle.application_from)
    .orderBy('application_from')
    .executeTakeFirst();
  return row ? asCycle(row) : undefined;
}

export function phaseOf(cycle: Cycle, now: Date): Phase {
  const t = now.getTime();
  if (t < cycle.application_from.getTime()) return 'upcoming';
  if (t < cycle.review_from.getTime()) return 'application';
  if (t < cycle.voting_from.getTime()) return 'review';
  if (t < cycle.result_from.getTime()) return 'voting';
  if (t < cycle.sponsoring_from.getTime()) return 'result';
  if (t < cycle.completed_at.getTime()) return 'sponsoring';
  return 'completed';
}

/** When a phase of the cycle begins and ends. */
export function phaseSpan(cycle: Cycle, phase: Exclude<Phase, 'upcoming' | 'completed'>): { from: Date; until: Date } {
  switch (phase) {
    case 'application':
      return { from: cycle.application_from, until: cycle.review_from };
    case 'review':
      return { from: cycle.review_from, until: cycle.voting_from };
    case 'voting':
      return { from: cycle.voting_from, until: cycle.result_from };
    case 'result':
      return { from: cycle.result_from, until: cycle.sponsoring_from };
    case 'sponsoring':
      return { from: cycle.sponsoring_from, until: cycle.completed_at };
  }
}

/** A cycle's name for people: "1. Runde 2026" / "Round 1 of 2026"; the demo cycle its own. */
export function cycleName(id: string): Localized {
  const m = /^(\d{4})-(\d+)$/.exec(id);
  if (m) return { de: `${m[2]}. Runde ${m[1]}`, en: `Round ${m[2]} of ${m[1]}` };
  return { de: 'Demo-Runde', en: 'Demo round' };
}

/** Locks the cycle's row for the rest of the caller's transaction (numbering, closing). */
export async function lockCycle(trx: Kysely<SponsoringTables>, id: string): Promise<void> {
  await sql`select id from sponsoring_cycles where id = ${id} for update`.execute(trx);
}
