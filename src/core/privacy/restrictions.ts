import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from './audit.ts';
import type { PrivacyTables } from './privacy.tables.ts';

type Db = Kysely<PrivacyTables> | Transaction<PrivacyTables>;
type Staff = { id: string; email: string };

export interface RestrictInput {
  activity: string;
  table: string;
  recordId: string;
  requestId: string | null;
  note: string;
  staff: Staff;
  ip: string | null;
  now: Date;
}

/**
 * Restricts the processing of a record (Art. 18 GDPR). The partial unique index keeps one live
 * restriction per record, so a second press at the same moment changes nothing. Returns whether
 * this call restricted it.
 */
export async function restrictRecord(db: Kysely<PrivacyTables>, input: RestrictInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('restrictions')
      .values({
        activity: input.activity,
        table_name: input.table,
        record_id: input.recordId,
        request_id: input.requestId,
        note: input.note,
        set_by: input.staff.id,
        set_at: input.now,
      })
      .onConflict((oc) => oc.columns(['table_name', 'record_id']).where('lifted_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      at: input.now,
      staffId: input.staff.id,
      staffEmail: input.staff.email,
      activity: input.activity,
      action: 'hold',
      recordIds: [input.recordId],
      // The kind as a code before the note, like a hold's (`proof: …`): pages say it in words.
      reason: `restriction: ${input.note}`,
      ip: input.ip,
    });
    return true;
  });
}

/** Lifts a live restriction, with the reason; only the DPO's page calls this. */
export async function liftRestriction(db: Kysely<PrivacyTables>, id: string, reason: string, staff: Staff, ip: string | null, now: Date) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('restrictions')
      .set({ lifted_at: now, lifted_by: staff.id, lift_reason: reason })
      .where('id', '=', id)
      .where('lifted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      at: now,
      staffId: staff.id,
      staffEmail: staff.email,
      activity: row.activity,
      action: 'release',
      recordIds: [row.record_id],
      reason: `restriction-lifted: ${reason}`,
      ip,
    });
    return true;
  });
}

export async function liveRestrictions(db: Db) {
  return db.selectFrom('restrictions').selectAll().where('lifted_at', 'is', null).orderBy('set_at').limit(1000).execute();
}

/** Which of these records of a table are restricted: modules mark them in lists and refuse to process them. */
// biome-ignore lint/suspicious/noExplicitAny: any module's database handle, as the other hooks take it
export async function restrictedAmong(db: Kysely<any>, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await (db as Kysely<PrivacyTables>)
    .selectFrom('restrictions')
    .select('record_id')
    .where('table_name', '=', table)
    .where('record_id', 'in', [...ids])
    .where('lifted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.record_id));
}

// biome-ignore lint/suspicious/noExplicitAny: any module's database handle, as the other hooks take it
export async function isRestricted(db: Kysely<any>, table: string, id: string): Promise<boolean> {
  return (await restrictedAmong(db, table, [id])).has(id);
}
