import type { Role } from '../../core/auth/index.ts';
import type { AppContext } from '../../core/module.ts';
import { ACTIVITY } from './contact.forms.ts';
import type { ContactDb } from './contact.queries.ts';
import type { RequestKind } from './contact.tables.ts';

/**
 * The overview's counts of open items, each within what the roles may read: a department counts
 * the requests on its own topic only. Queries load when a count is first asked for, as routes do.
 */
export function openRequests(kind: RequestKind) {
  return async (ctx: AppContext, roles: readonly Role[]): Promise<number> => {
    const { findActivity, rowAccess } = await import('../../core/privacy/index.ts');
    const { countOpenRequests } = await import('./contact.queries.ts');
    const activity = findActivity(ctx.modules, ctx.config, ACTIVITY[kind]);
    if (!activity) return 0;
    const access = rowAccess(activity, roles);
    return access.kind === 'none' ? 0 : countOpenRequests(ctx.db.withTables<ContactDb>(), kind, access);
  };
}

export async function openCallbacks(ctx: AppContext): Promise<number> {
  const { countOpenCallbacks } = await import('./contact.queries.ts');
  return countOpenCallbacks(ctx.db.withTables<ContactDb>());
}
