import type { AppContext } from '../module.ts';
import { isHeld } from './holds.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import { privacyOf, runAfterDeletion } from './register.ts';
import type { ErasureOutcome, SubjectQuery, SubjectRecord } from './register.types.ts';
import { isRestricted, restrictedAmong } from './restrictions.ts';

/** Asks every module what it holds about the person. */
export async function findSubject(ctx: AppContext, subject: SubjectQuery): Promise<SubjectRecord[]> {
  const found: SubjectRecord[] = [];
  for (const mod of ctx.modules) {
    const hooks = privacyOf(mod, ctx.config)?.subjects;
    if (hooks) found.push(...(await hooks.find(ctx.db, subject)));
  }
  for (const table of new Set(found.map((r) => r.table))) {
    const restricted = await restrictedAmong(
      ctx.db,
      table,
      found.filter((r) => r.table === table).map((r) => r.recordId),
    );
    for (const r of found) if (r.table === table && restricted.has(r.recordId)) r.restricted = true;
  }
  return found;
}

/** Asks each module to erase what it holds; records under a legal hold are kept, with the reason. */
export async function eraseSubject(ctx: AppContext, records: readonly SubjectRecord[]): Promise<ErasureOutcome[]> {
  const outcomes: ErasureOutcome[] = [];
  const db = ctx.db.withTables<PrivacyTables>();
  const now = ctx.clock.now();
  const free: SubjectRecord[] = [];
  for (const r of records) {
    const hold = await isHeld(db, r.table, r.recordId, now);
    if (!hold && (r.restricted || (await isRestricted(db, r.table, r.recordId))))
      outcomes.push({
        activity: r.activity,
        table: r.table,
        recordId: r.recordId,
        outcome: 'kept',
        reason: { kind: 'restricted' },
      });
    else if (hold)
      outcomes.push({
        activity: r.activity,
        table: r.table,
        recordId: r.recordId,
        outcome: 'kept',
        reason: { kind: 'legal-hold', hold: hold.reason, until: hold.until },
      });
    else free.push(r);
  }
  for (const mod of ctx.modules) {
    const privacy = privacyOf(mod, ctx.config);
    if (!privacy?.subjects) continue;
    const mine = free.filter((r) => privacy.activities.some((a) => a.id === r.activity));
    if (mine.length) outcomes.push(...(await privacy.subjects.erase(ctx.db, mine, ctx)));
  }
  if (outcomes.some((o) => o.outcome !== 'kept')) await runAfterDeletion(ctx);
  return outcomes;
}

/** A subject query as the search form filled it: trimmed, e-mail lower-cased, empty fields left out. */
export function normaliseSubject(input: { email?: string | null; phone?: string | null; customerNumber?: string | null }): SubjectQuery {
  const q: SubjectQuery = {};
  if (input.email?.trim()) q.email = input.email.trim().toLowerCase();
  if (input.phone?.trim()) q.phone = input.phone.replace(/[^\d+]/g, '');
  if (input.customerNumber?.trim()) q.customerNumber = input.customerNumber.trim();
  return q;
}
