import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { singleLine, validateForm } from '../forms/index.ts';
import { HttpError } from '../http/index.ts';
import { translator } from '../i18n/index.ts';
import type { AppContext, StaffAccess } from '../module.ts';
import { isRole, type Role, roleLabel } from '../roles.ts';
import { sendPage, staffNavigation, staffPage } from '../views/index.ts';
import type { AuthTables } from './auth.tables.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { endAllSessions } from './sessions.ts';
import { AccountPage, Dashboard, EditStaffPage, InviteStaffPage, StaffListPage } from './staff.area.views.tsx';
import { decideGrant, isOfficerRole, pendingGrants, removeOfficerRoles, requestOfficerRole } from './staff.grants.ts';
import { staffMessages } from './staff.messages.ts';
import { createInvitation, createStaff, findStaffById, listStaff, loadMember, StaffExistsError, setRoles } from './staff.queries.ts';
import { isUuid } from './uuid.ts';

const ANY: StaffAccess = { roles: 'any', personalData: false };
const read: StaffAccess = { activity: 'auth.staff-accounts', action: 'read' };
const change: StaffAccess = { activity: 'auth.staff-accounts', action: 'change' };

export function registerStaffAreaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AuthTables>();
  const page = (request: FastifyRequest) => {
    const { view, frame } = staffPage(ctx, request);
    return { view, frame, t: translator(staffMessages, view.locale) };
  };
  const inviteLink = (token: string) => `${ctx.config.PUBLIC_URL}/staff/einladung/${token}`;
  const rolesSchema = z.object({ roles: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])) });

  app.get('/staff', { config: { staff: ANY } }, async (request, reply) => {
    const { view, frame } = page(request);
    const roles = request.staff?.roles ?? [];
    // Only the areas the roles may open, each counting only what the roles may read there.
    const areas = staffNavigation(ctx, roles);
    const counts = new Map(
      await Promise.all(areas.filter((a) => a.openCount).map(async (a) => [a.id, (await a.openCount?.(ctx, roles)) ?? 0] as const)),
    );
    return sendPage(reply, <Dashboard view={view} frame={frame} roles={roles} areas={areas} counts={counts} />);
  });

  app.get('/staff/konto', { config: { staff: ANY } }, async (request, reply) => {
    const { view, frame } = page(request);
    return sendPage(reply, <AccountPage view={view} frame={frame} />);
  });

  app.post('/staff/konto', { config: { staff: ANY } }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const staff = request.staff;
    if (!staff) throw new HttpError(403);
    const labels = { current: t('account.current'), password: t('invite.password'), repeat: t('invite.repeat') };
    const schema = z.object({
      current: z.string().min(1).max(1024),
      password: z.string().min(1).max(4096),
      repeat: z.string().min(1).max(4096),
    });
    const form = validateForm(schema, request.body, { locale: view.locale, labels });
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const account = await findStaffById(db, staff.id);
    if (form.ok && account) {
      if (!(await verifyPassword(account.password_hash, form.data.current))) errors.current = t('password.wrong');
      const problem = passwordProblem(form.data.password, account.email);
      if (problem) errors.password = t(`password.${problem}`);
      else if (form.data.password !== form.data.repeat) errors.repeat = t('password.mismatch');
    }
    if (!form.ok || Object.keys(errors).length > 0) return sendPage(reply, <AccountPage view={view} frame={frame} errors={errors} />, 400);
    await db
      .updateTable('staff_accounts')
      .set({ password_hash: await hashPassword(form.data.password) })
      .where('id', '=', staff.id)
      .execute();
    await endAllSessions(db, 'staff', staff.id, staff.session.idHash);
    return sendPage(reply, <AccountPage view={view} frame={frame} saved />);
  });

  const actorOf = (request: FastifyRequest) => {
    if (!request.staff) throw new HttpError(403);
    return { id: request.staff.id, email: request.staff.email, ip: request.ip };
  };
  /**
   * Applies a role choice: other roles at once, officer roles taken away at once, officer roles
   * given only as a request another person approves. Returns the officer roles now waiting.
   */
  const applyRoles = async (request: FastifyRequest, staffId: string, current: readonly Role[], wanted: readonly Role[]) => {
    const actor = actorOf(request);
    const now = ctx.clock.now();
    const requested = wanted.filter((r) => isOfficerRole(r) && !current.includes(r));
    const removed = current.filter((r) => isOfficerRole(r) && !wanted.includes(r));
    await setRoles(
      db,
      staffId,
      wanted.filter((r) => !requested.includes(r)),
    );
    await removeOfficerRoles(db, { staffId, roles: removed, actor, now });
    for (const role of requested) await requestOfficerRole(db, { staffId, role, actor, now });
    return requested;
  };
  const requestedNotice = (request: FastifyRequest, roles: readonly Role[]) => {
    const { view, t } = page(request);
    return roles.length
      ? t('grant.requested', { role: roles.map((r) => roleLabel(ctx.config.organisation, r)[view.locale]).join(', ') })
      : undefined;
  };

  app.get('/staff/mitarbeitende', { config: { staff: read } }, async (request, reply) => {
    const { view, frame } = page(request);
    const members = await listStaff(db);
    request.auditRecords = members.map((m) => m.id);
    return sendPage(reply, <StaffListPage view={view} frame={frame} members={members} grants={await pendingGrants(db)} />);
  });

  app.post('/staff/mitarbeitende/freigaben/:grantId', { config: { staff: change } }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const { grantId } = request.params as { grantId: string };
    const decision = (request.body as Record<string, unknown> | undefined)?.decision;
    if (!isUuid(grantId) || (decision !== 'approve' && decision !== 'reject')) throw new HttpError(404);
    const outcome = await decideGrant(db, ctx, { grantId, approve: decision === 'approve', actor: actorOf(request) });
    if (outcome === 'not-found') throw new HttpError(404);
    if (outcome === 'not-allowed') throw new HttpError(403);
    request.auditRecords = [`staff_role_grants/${grantId}`];
    const members = await listStaff(db);
    const notice = outcome === 'approved' ? t('grant.approved') : t('grant.rejected');
    return sendPage(reply, <StaffListPage view={view} frame={frame} members={members} grants={await pendingGrants(db)} notice={notice} />);
  });

  app.get('/staff/mitarbeitende/neu', { config: { staff: change } }, async (request, reply) => {
    const { view, frame } = page(request);
    request.auditRecords = [];
    return sendPage(reply, <InviteStaffPage view={view} frame={frame} />);
  });

  app.post('/staff/mitarbeitende/neu', { config: { staff: change } }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const labels = { name: t('staff.name'), email: t('staff.email'), roles: t('staff.roles') };
    const schema = z.object({
      name: singleLine(1, 200),
      email: z.email().max(320),
      roles: rolesSchema.shape.roles.optional(),
    });
    const form = validateForm(schema, request.body, { locale: view.locale, labels });
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const roles = form.ok ? (form.data.roles ?? []).filter((r) => isRole(ctx.config.organisation, r)) : [];
    if (form.ok && roles.length === 0) errors.roles = t('staff.rolesRequired');
    if (!form.ok || Object.keys(errors).length > 0)
      return sendPage(reply, <InviteStaffPage view={view} frame={frame} values={form.values} errors={errors} />, 400);
    try {
      const created = await createStaff(db, {
        email: form.data.email,
        name: form.data.name,
        roles: roles.filter((r) => !isOfficerRole(r)),
        now: ctx.clock.now(),
      });
      const waiting = await applyRoles(request, created.id, [], roles);
      request.auditRecords = [created.id];
      return sendPage(
        reply,
        <InviteStaffPage view={view} frame={frame} link={inviteLink(created.token)} notice={requestedNotice(request, waiting)} />,
      );
    } catch (err) {
      if (!(err instanceof StaffExistsError)) throw err;
      return sendPage(reply, <InviteStaffPage view={view} frame={frame} values={form.values} errors={{ email: t('staff.exists') }} />, 409);
    }
  });

  const memberFrom = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const member = isUuid(id) ? await loadMember(db, id) : null;
    if (!member) throw new HttpError(404);
    return member;
  };

  app.get('/staff/mitarbeitende/:id', { config: { staff: read } }, async (request, reply) => {
    const { view, frame } = page(request);
    const member = await memberFrom(request);
    return sendPage(reply, <EditStaffPage view={view} frame={frame} member={member} grants={await pendingGrants(db, member.id)} />);
  });

  app.post('/staff/mitarbeitende/:id/rollen', { config: { staff: change } }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const member = await memberFrom(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = rolesSchema.safeParse({ roles: body.roles ?? [] });
    const roles = parsed.success ? parsed.data.roles.filter((r) => isRole(ctx.config.organisation, r)) : [];
    if (roles.length === 0)
      return sendPage(reply, <EditStaffPage view={view} frame={frame} member={member} errors={{ roles: t('staff.rolesRequired') }} />, 400);
    const waiting = await applyRoles(request, member.id, member.roles, roles);
    return sendPage(
      reply,
      <EditStaffPage
        view={view}
        frame={frame}
        member={{ ...member, roles: roles.filter((r) => !waiting.includes(r)) }}
        grants={await pendingGrants(db, member.id)}
        notice={requestedNotice(request, waiting)}
        saved={!waiting.length}
      />,
    );
  });

  app.post('/staff/mitarbeitende/:id/einladung', { config: { staff: change } }, async (request, reply) => {
    const { view, frame } = page(request);
    const member = await memberFrom(request);
    // A new invitation resets the account: new password, new second factor.
    const token = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_accounts')
        .set({ password_hash: null, totp_secret: null, totp_last_step: null })
        .where('id', '=', member.id)
        .execute();
      await trx.deleteFrom('sessions').where('kind', '=', 'staff').where('subject_id', '=', member.id).execute();
      return createInvitation(trx, member.id, ctx.clock.now());
    });
    return sendPage(
      reply,
      <EditStaffPage
        view={view}
        frame={frame}
        member={{ ...member, hasPassword: false, hasSecondFactor: false }}
        link={inviteLink(token)}
      />,
    );
  });

  app.post('/staff/mitarbeitende/:id/deaktivieren', { config: { staff: change } }, async (request, reply) => {
    const { view, frame } = page(request);
    const member = await memberFrom(request);
    await db.updateTable('staff_accounts').set({ active: false, deactivated_at: ctx.clock.now() }).where('id', '=', member.id).execute();
    await endAllSessions(db, 'staff', member.id);
    return sendPage(reply, <EditStaffPage view={view} frame={frame} member={{ ...member, active: false }} saved />);
  });
}
