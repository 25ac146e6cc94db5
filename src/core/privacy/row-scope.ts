import { type RawBuilder, sql } from 'kysely';
import type { Role } from '../roles.ts';
import type { ProcessingActivity } from './register.types.ts';

/** The rows of an activity a member may see: every row, none, or those whose column holds one of the values. */
export type RowAccess = { kind: 'all' } | { kind: 'none' } | { kind: 'some'; column: string; values: string[] };

/**
 * What the member's roles open of an activity's rows, read from the register's recipients: the
 * same declaration that opens the route (guard) decides the rows, so no route checks on its own.
 */
export function rowAccess(activity: ProcessingActivity, roles: readonly Role[]): RowAccess {
  const granted = activity.recipients.roles.filter((r) => roles.includes(r));
  if (granted.length === 0) return { kind: 'none' };
  const scope = activity.recipients.scope;
  if (!scope || granted.some((r) => scope.seeAll?.includes(r))) return { kind: 'all' };
  const values = [...new Set(granted.map((r) => scope.valueFor(r)).filter((v): v is string => v !== null))].sort();
  return values.length ? { kind: 'some', column: scope.column, values } : { kind: 'none' };
}

/** The access as a condition for a query's `where`; `table` qualifies the column in joins. */
export function rowAccessCondition(access: RowAccess, table?: string): RawBuilder<boolean> {
  if (access.kind === 'all') return sql<boolean>`true`;
  if (access.kind === 'none') return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(table ? `${table}.${access.column}` : access.column)} in (${sql.join(access.values)})`;
}

/** The recipient roles that see a row holding `value` (every recipient when the activity has no scope). */
export function rolesSeeingRow(activity: ProcessingActivity, value: string | null): Role[] {
  const scope = activity.recipients.scope;
  return activity.recipients.roles.filter((r) => !scope || scope.seeAll?.includes(r) || (value !== null && scope.valueFor(r) === value));
}
