import type { Kysely } from 'kysely';
import { recordAudit } from './audit.ts';
import type { HoldReason, PrivacyTables } from './privacy.tables.ts';

export const HOLD_REASONS: readonly HoldReason[] = ['proof', 'customer-care', 'statutory'];

export interface HoldInput {
  activity: string;
  table: string;
  recordId: string;
  reason: HoldReason;
  note: string;
  until: Date;
  staff: { id: string; email: string };
  ip: string | null;
  now: Date;
}

/** Records why a record must stay, and until when; the hold itself goes into the audit log. */
export async function setHold(db: Kysely<PrivacyTables>, input: HoldInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('legal_holds')
      .values({
        activity: input.activity,
        table_name: input.table,
        record_id: input.recordId,
        reason: input.reason,
        note: input.note,
        until: input.until,
        set_by: input.staff.id,
        set_at: input.now,
        released_at: null,
        released_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      at: input.now,
      staffId: input.staff.id,
      staffEmail: input.staff.email,
      activity: input.activity,
      action: 'hold',
      recordIds: [input.recordId],
      reason: `${input.reason}: ${input.note}`,
      ip: input.ip,
    });
    return id;
  });
}

export async function releaseHold(
  db: Kysely<PrivacyTables>,
  id: string,
  staff: { id: string; email: string },
  ip: string | null,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const hold = await trx
      .updateTable('legal_holds')
      .set({ released_at: now, released_by: staff.id })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!hold) return false;
    await recordAudit(trx, {
      at: now,
      staffId: staff.id,
      staffEmail: staff.email,
      activity: hold.activity,
      action: 'release',
      recordIds: [hold.record_id],
      ip,
    });
    return true;
  });
}

export async function activeHolds(db: Kysely<PrivacyTables>, now: Date, activity?: string) {
  let q = db.selectFrom('legal_holds').selectAll().where('released_at', 'is', null).where('until', '>', now);
  if (activity) q = q.where('activity', '=', activity);
  return q.orderBy('until').execute();
}

/** Whether an active hold keeps this record (data-subject erasure asks before it deletes). */
export async function isHeld(
  db: Kysely<PrivacyTables>,
  table: string,
  recordId: string,
  now: Date,
): Promise<{ reason: HoldReason; until: Date } | null> {
  const hold = await db
    .selectFrom('legal_holds')
    .select(['reason', 'until'])
    .where('table_name', '=', table)
    .where('record_id', '=', recordId)
    .where('released_at', 'is', null)
    .where('until', '>', now)
    .executeTakeFirst();
  return hold ?? null;
}
