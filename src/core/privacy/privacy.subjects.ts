import type { Kysely } from 'kysely';
import type { PrivacyTables } from './privacy.tables.ts';
import type { SubjectHooks } from './register.types.ts';

/**
 * Earlier data-subject requests of the person. They are kept for three years after closing as
 * proof that the request was answered, so erasure reports them as kept.
 */
export const privacySubjects: SubjectHooks = {
  async find(db, subject) {
    if (!subject.email) return [];
    const rows = await (db as Kysely<PrivacyTables>)
      .selectFrom('dsr_requests')
      .select(['id', 'reference', 'kind', 'name', 'email', 'phone', 'customer_number', 'created_at', 'status'])
      .where('email', '=', subject.email)
      .where('status', '<>', 'unconfirmed')
      .execute();
    return rows.map((r) => ({
      activity: 'privacy.subject-requests',
      table: 'dsr_requests',
      recordId: r.id,
      // No kind or status code: the summary is shown as it is, in either language (both are in data).
      summary: `${r.reference}, ${r.name}`,
      data: {
        reference: r.reference,
        kind: r.kind,
        name: r.name,
        email: r.email,
        phone: r.phone,
        customerNumber: r.customer_number,
        received: r.created_at,
      },
    }));
  },
  async erase(_db, records) {
    return records.map((r) => ({
      activity: r.activity,
      table: r.table,
      recordId: r.recordId,
      outcome: 'kept' as const,
      reason: { kind: 'proof-of-answer', years: 3 },
    }));
  },
};
