import type { Kysely, Selectable } from 'kysely';
import { translator } from '../i18n/index.ts';
import { enqueueMail } from '../mail/index.ts';
import type { AppContext } from '../module.ts';
import { type PrivacyTables, recordAudit } from '../privacy/index.ts';
import { type Role, roleLabel } from '../roles.ts';
import type { AuthTables, StaffRoleGrantsTable } from './auth.tables.ts';
import { staffMessages } from './staff.messages.ts';

/**
 * Roles that read cases nobody else may read (C21): an administrator must not be able to give
 * them to anyone, themselves included, alone.
 */
export const OFFICER_ROLES: readonly Role[] = ['dpo', 'equal-treatment'];
export const isOfficerRole = (role: Role) => OFFICER_ROLES.includes(role);

const ACTIVITY = 'auth.staff-accounts';
type Db = Kysely<AuthTables>;
export type RoleGrant = Selectable<StaffRoleGrantsTable> & { staff_name: string; requested_by_name: string };

export interface Actor {
  id: string | null;
  email: string;
  ip?: string | null;
}

const audit = (db: Db, actor: Actor, now: Date, record: string, reason: string) =>
  recordAudit(db as unknown as Kysely<PrivacyTables>, {
    at: now,
    staffId: actor.id,
    staffEmail: actor.email,
    activity: ACTIVITY,
    action: 'change',
    recordIds: [record],
    reason,
    ip: actor.ip ?? null,
  });

/** Asks for an officer role for a member; nothing changes until someone else approves. */
export async function requestOfficerRole(
  db: Db,
  input: { staffId: string; role: Role; actor: Actor & { id: string }; now: Date },
): Promise<void> {
  const inserted = await db
    .insertInto('staff_role_grants')
    .values({
      staff_id: input.staffId,
      role: input.role,
      requested_by: input.actor.id,
      requested_at: input.now,
      decided_by: null,
      decided_at: null,
      status: 'pending',
    })
    .onConflict((oc) => oc.columns(['staff_id', 'role']).where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted)
    await audit(db, input.actor, input.now, `staff_roles/${input.staffId}/${input.role}`, `officer role requested (${inserted.id})`);
}

/**
 * Officer roles set on the command line: the operator at the server's shell (who could write to
 * the database anyway) sets up the first officers; each such grant is in the audit log too.
 */
export async function recordCommandLineGrants(db: Db, staffId: string, roles: readonly Role[], now: Date): Promise<void> {
  for (const role of roles.filter(isOfficerRole))
    await audit(db, { id: null, email: 'command line' }, now, `staff_roles/${staffId}/${role}`, 'officer role granted on the command line');
}

/** Takes officer roles away at once (that needs no second person), in the audit log like every change. */
export async function removeOfficerRoles(db: Db, input: { staffId: string; roles: readonly Role[]; actor: Actor; now: Date }) {
  for (const role of input.roles) {
    await db.deleteFrom('staff_roles').where('staff_id', '=', input.staffId).where('role', '=', role).execute();
    await audit(db, input.actor, input.now, `staff_roles/${input.staffId}/${role}`, 'officer role removed');
  }
}

export async function pendingGrants(db: Db, staffId?: string): Promise<RoleGrant[]> {
  let q = db
    .selectFrom('staff_role_grants as g')
    .innerJoin('staff_accounts as s', 's.id', 'g.staff_id')
    .innerJoin('staff_accounts as r', 'r.id', 'g.requested_by')
    .selectAll('g')
    .select(['s.name as staff_name', 'r.name as requested_by_name'])
    .where('g.status', '=', 'pending')
    .orderBy('g.requested_at');
  if (staffId) q = q.where('g.staff_id', '=', staffId);
  return q.execute();
}

export type Decision = 'approved' | 'rejected' | 'not-allowed' | 'not-found';

/**
 * Approves or rejects a pending grant. Only someone other than the person who asked and the
 * person who gets the role decides. An approval adds the role, tells the new officer and every
 * member already holding the role, and goes into the audit log, as does a rejection.
 */
export async function decideGrant(
  db: Db,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: { grantId: string; approve: boolean; actor: Actor },
): Promise<Decision> {
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('staff_role_grants')
      .selectAll()
      .where('id', '=', input.grantId)
      .where('status', '=', 'pending')
      .forUpdate()
      .executeTakeFirst();
    if (!grant) return 'not-found';
    if (!input.actor.id || grant.requested_by === input.actor.id || grant.staff_id === input.actor.id) return 'not-allowed';
    const status = input.approve ? 'approved' : 'rejected';
    await trx
      .updateTable('staff_role_grants')
      .set({ status, decided_by: input.actor.id, decided_at: now })
      .where('id', '=', grant.id)
      .execute();
    const record = `staff_roles/${grant.staff_id}/${grant.role}`;
    await audit(trx, input.actor, now, record, `officer role ${status} (${grant.id}, requested by ${grant.requested_by})`);
    if (!input.approve) return 'rejected';
    const role = grant.role as Role;
    const holders = await trx
      .selectFrom('staff_roles as r')
      .innerJoin('staff_accounts as s', 's.id', 'r.staff_id')
      .select(['s.email'])
      .where('r.role', '=', role)
      .where('s.active', '=', true)
      .execute();
    await trx
      .insertInto('staff_roles')
      .values({ staff_id: grant.staff_id, role })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const grantee = await trx
      .selectFrom('staff_accounts')
      .select(['email', 'name'])
      .where('id', '=', grant.staff_id)
      .executeTakeFirstOrThrow();
    const t = translator(staffMessages, 'de');
    const label = roleLabel(ctx.config.organisation, role).de;
    for (const to of new Set([grantee.email, ...holders.map((h) => h.email)]))
      await enqueueMail(trx, ctx, {
        to,
        subject: t('grant.mail.subject', { role: label }),
        text: t('grant.mail.body', {
          role: label,
          name: grantee.name,
          email: grantee.email,
          url: `${ctx.config.PUBLIC_URL}/staff/mitarbeitende`,
        }),
        activity: ACTIVITY,
      });
    return 'approved';
  });
}
