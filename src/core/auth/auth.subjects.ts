import type { Kysely } from 'kysely';
import { defineMessages, inEveryLocale, translator } from '../i18n/index.ts';
import type { SubjectHooks } from '../privacy/index.ts';
import { authSubjectFields } from './auth.subjects.fields.ts';
import type { AuthTables } from './auth.tables.ts';

/** How a data-subject request names a staff account, German first. */
const summaryMessages = defineMessages({
  active: { de: '{name} <{email}>', en: '{name} <{email}>' },
  deactivated: { de: '{name} <{email}>, deaktiviert', en: '{name} <{email}>, deactivated' },
});

/** A member of staff asking about their own account: found by e-mail, kept while employed. */
export const authSubjects: SubjectHooks = {
  fields: authSubjectFields,
  async find(db, subject) {
    if (!subject.email) return [];
    const rows = await (db as Kysely<AuthTables>)
      .selectFrom('staff_accounts')
      .select(['id', 'email', 'name', 'created_at', 'last_login_at', 'active'])
      .where('email', '=', subject.email)
      .execute();
    return rows.map((r) => ({
      activity: 'auth.staff-accounts',
      table: 'staff_accounts',
      recordId: r.id,
      summary: inEveryLocale((locale) =>
        translator(summaryMessages, locale)(r.active ? 'active' : 'deactivated', { name: r.name, email: r.email }),
      ),
      data: { name: r.name, email: r.email, created: r.created_at, lastSignIn: r.last_login_at },
    }));
  },
  async erase(_db, records) {
    return records.map((r) => ({
      activity: r.activity,
      table: r.table,
      recordId: r.recordId,
      outcome: 'kept' as const,
      reason: { kind: 'employment' as const, days: 90 },
    }));
  },
};
