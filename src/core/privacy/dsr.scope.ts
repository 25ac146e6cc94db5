import type { Role } from '../roles.ts';
import type { ProcessingActivity, SubjectRecord } from './register.types.ts';
import { rolesSeeingRow, rowAccess } from './row-scope.ts';

/** Records a staff member may not read: how many, where, and which roles answer for them. */
export interface WithheldRecords {
  activity: string;
  count: number;
  roles: Role[];
}

/**
 * Splits what a data-subject search found into what this member may read and what stays with
 * the roles the register names. The person handling the request answers it, but does not read
 * past the register: an equal-treatment officer's case stays with that officer, a department's
 * message with that department (C15, C21). Unknown activities are withheld, never shown.
 * `sealed` lists the withheld records no role reads at all; they go into the answer unread.
 */
export function splitByAccess(activities: readonly ProcessingActivity[], records: readonly SubjectRecord[], roles: readonly Role[]) {
  const readable: SubjectRecord[] = [];
  const withheld = new Map<string, WithheldRecords>();
  for (const record of records) {
    const activity = activities.find((a) => a.id === record.activity);
    const access = activity ? rowAccess(activity, roles) : ({ kind: 'none' } as const);
    const value = record.scope ?? null;
    const open = access.kind === 'all' || (access.kind === 'some' && value !== null && access.values.includes(value));
    if (open) {
      readable.push(record);
      continue;
    }
    const by = activity ? rolesSeeingRow(activity, value) : [];
    const key = `${record.activity}|${by.join(',')}`;
    const entry = withheld.get(key) ?? { activity: record.activity, count: 0, roles: by };
    entry.count += 1;
    withheld.set(key, entry);
  }
  const all = [...withheld.values()];
  return {
    readable,
    withheld: all,
    // Records of activities no staff role reads (the portal log, the online access): no role would
    // answer for them, yet the person is owed all that is held (Art. 15 GDPR). The engine puts them
    // into the answer for the proven identity; no page shows their content.
    sealed: records.filter((r) => {
      const activity = activities.find((a) => a.id === r.activity);
      return activity !== undefined && activity.recipients.roles.length === 0;
    }),
  };
}
