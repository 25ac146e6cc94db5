import type { Kysely } from 'kysely';
import type { BreachDecision, PrivacyTables } from '../../core/privacy/index.ts';
import { newReference } from '../../core/references.ts';

/** Art. 33(1) GDPR: the authority is to be notified within 72 hours of becoming aware. */
export const NOTIFY_HOURS = 72;
const HOUR_MS = 3_600_000;

export const notifyBy = (discoveredAt: Date) => new Date(discoveredAt.getTime() + NOTIFY_HOURS * HOUR_MS);

/** Whole hours left on the 72-hour clock (negative: overdue), or null once the decision is made. */
export function hoursLeft(b: { discovered_at: Date; decision: BreachDecision | null }, now: Date): number | null {
  if (b.decision) return null;
  const ms = notifyBy(b.discovered_at).getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / HOUR_MS) : -Math.ceil(-ms / HOUR_MS);
}

export interface NewBreach {
  description: string;
  occurredAt: Date | null;
  discoveredAt: Date;
  dataCategories: string;
  peopleAffected: number;
  consequences: string;
  measures: string;
}

export async function recordBreach(db: Kysely<PrivacyTables>, input: NewBreach, staffId: string, now: Date): Promise<string> {
  const { id } = await db
    .insertInto('breaches')
    .values({
      reference: newReference('DV', now, 6),
      description: input.description,
      occurred_at: input.occurredAt,
      discovered_at: input.discoveredAt,
      data_categories: input.dataCategories,
      people_affected: input.peopleAffected,
      consequences: input.consequences,
      measures: input.measures,
      recorded_by: staffId,
      recorded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Records the decision once (a second decision, or two at once, changes nothing): notify the
 * authority, with the date it was notified, or not, with the reason (Art. 33(1), (5) GDPR).
 */
export async function decideBreach(
  db: Kysely<PrivacyTables>,
  id: string,
  input: { decision: BreachDecision; reason: string; notifiedAt: Date | null },
  staffId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('breaches')
    .set({ decision: input.decision, decision_reason: input.reason, notified_at: input.notifiedAt, decided_at: now, decided_by: staffId })
    .where('id', '=', id)
    .where('decision', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export const listBreaches = (db: Kysely<PrivacyTables>) =>
  db.selectFrom('breaches').selectAll().orderBy('discovered_at', 'desc').limit(500).execute();

export const getBreach = (db: Kysely<PrivacyTables>, id: string) =>
  db.selectFrom('breaches').selectAll().where('id', '=', id).executeTakeFirst();
