import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, PrivacyTables } from './privacy.tables.ts';

export interface AuditEntry {
  staffId: string | null;
  staffEmail: string | null;
  activity: string;
  action: AuditAction;
  recordIds: readonly string[];
  reason?: string | null;
  ip?: string | null;
  path?: string | null;
  at: Date;
}

/** Appends to the audit log (the database refuses every change to what is there). */
export async function recordAudit(db: Kysely<PrivacyTables> | Transaction<PrivacyTables>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      occurred_at: entry.at,
      staff_id: entry.staffId,
      staff_email: entry.staffEmail,
      activity: entry.activity,
      action: entry.action,
      record_ids: [...entry.recordIds].slice(0, 1000),
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      path: entry.path?.slice(0, 500) ?? null,
    })
    .execute();
}
