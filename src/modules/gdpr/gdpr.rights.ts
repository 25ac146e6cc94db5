import type { AppContext } from '../../core/module.ts';
import { InvalidCorrection, type PrivacyTables, privacyOf, recordAudit, type SubjectRecord } from '../../core/privacy/index.ts';

/** `table/id`: how a record is named in forms, exports and the audit log. */
export const recordKey = (r: Pick<SubjectRecord, 'table' | 'recordId'>) => `${r.table}/${r.recordId}`;

/** What the person provided, record by record (Art. 20 GDPR); records without such data are left out. */
export function providedRecords(records: readonly SubjectRecord[]) {
  return records
    .filter((r) => r.provided?.length)
    .map((r) => ({
      activity: r.activity,
      record: recordKey(r),
      data: Object.fromEntries((r.provided ?? []).filter((k) => k in r.data).map((k) => [k, r.data[k]])),
    }));
}

/** The portability export as JSON: stable keys, values as the modules hold them. */
export function portabilityJson(
  request: { reference: string; name: string; email: string },
  records: readonly SubjectRecord[],
  titleOf: (id: string) => string,
  now: Date,
): string {
  const doc = {
    reference: request.reference,
    subject: { name: request.name, email: request.email },
    generatedAt: now.toISOString(),
    records: providedRecords(records).map((r) => ({ processing: titleOf(r.activity), ...r })),
  };
  return JSON.stringify(doc, null, 2);
}

function cell(value: unknown): string {
  const s =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The same export as CSV (RFC 4180), one row per field: processing, record, field, value. */
export function portabilityCsv(records: readonly SubjectRecord[], titleOf: (id: string) => string): string {
  const rows: unknown[][] = [['processing', 'activity', 'record', 'field', 'value']];
  for (const r of providedRecords(records))
    for (const [field, value] of Object.entries(r.data)) rows.push([titleOf(r.activity), r.activity, r.record, field, value]);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

export type RectifyResult =
  | { ok: true; changed: string[] }
  | { ok: false; reason: 'not-correctable' | 'unknown-field' }
  | { ok: false; reason: 'invalid'; field: string };

/**
 * Corrects a record through the module that owns its activity. Only keys the record names as
 * correctable are accepted; the audit entry names the changed fields and never their values.
 * The caller has already checked that the member may read the record (the register's recipients).
 */
export async function rectifyRecord(
  ctx: AppContext,
  record: SubjectRecord,
  changes: Readonly<Record<string, string | null>>,
  audit: { staffId: string; staffEmail: string; ip: string | null; reference: string },
): Promise<RectifyResult> {
  const owner = ctx.modules.map((m) => privacyOf(m, ctx.config)).find((p) => p?.activities.some((a) => a.id === record.activity));
  const hook = owner?.subjects?.rectify;
  if (!hook || !record.correctable?.length) return { ok: false, reason: 'not-correctable' };
  if (Object.keys(changes).some((k) => !record.correctable?.includes(k))) return { ok: false, reason: 'unknown-field' };
  // The correction and its audit entry commit together or not at all.
  let changed: string[];
  try {
    changed = await ctx.db.transaction().execute(async (trx) => {
      const fields = await hook(trx, record, changes, ctx);
      if (fields.length)
        await recordAudit(trx.withTables<PrivacyTables>(), {
          at: ctx.clock.now(),
          staffId: audit.staffId,
          staffEmail: audit.staffEmail,
          activity: record.activity,
          action: 'change',
          recordIds: [recordKey(record)],
          reason: `rectification ${audit.reference}: changed fields ${fields.join(', ')}`,
          ip: audit.ip,
        });
      return fields;
    });
  } catch (error) {
    if (error instanceof InvalidCorrection) return { ok: false, reason: 'invalid', field: error.field };
    throw error;
  }
  return { ok: true, changed };
}
