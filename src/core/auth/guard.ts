import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { addRouteHook, HttpError } from '../http/index.ts';
import type { AppContext, StaffAccess } from '../module.ts';
import { allows, type PrivacyTables, recordAudit } from '../privacy/index.ts';
import type { AuthTables } from './auth.tables.ts';
import { assertCsrf, currentSession, type Session } from './sessions.ts';
import { loadMember, type StaffMember } from './staff.queries.ts';

/** `config.staff` of a route: who may open it, or 'sign-in' for the pages of the sign-in flow. */
export type StaffRouteAccess = StaffAccess | 'sign-in';

declare module 'fastify' {
  interface FastifyContextConfig {
    staff?: StaffRouteAccess;
  }
  interface FastifyRequest {
    staff?: StaffMember & { session: Session };
    /** Records a route shows or touches; the audit entry names them. */
    auditRecords?: string[];
    /** The stated reason for an export. */
    auditReason?: string;
  }
}

function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const next = encodeURIComponent(request.url.slice(0, 500));
  return reply.redirect(`/staff/anmelden?weiter=${next}`, 303);
}

/**
 * The one access check of the back office. Every /staff route declares in `config.staff` what it
 * shows; staff reach it only with a session that passed the second factor, a CSRF token on every
 * state change, and a role the processing register names as recipient. A route without a
 * declaration is refused, so forgetting one fails closed.
 */
export function installStaffGuard(app: FastifyInstance, ctx: AppContext): void {
  const authDb = ctx.db.withTables<AuthTables>();
  const auditDb = ctx.db.withTables<PrivacyTables>();

  // Nothing of the back office stays in a browser's or a proxy's cache: pages, exports, errors.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url === '/staff' || request.url.startsWith('/staff/') || request.url.startsWith('/staff?'))
      reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // Only on the back office's routes (and any route that declares staff access): public pages
  // do not pay for the check.
  const guarded = (route: RouteOptions) =>
    Boolean((route.config as FastifyContextConfig | undefined)?.staff) || route.url.startsWith('/staff');
  addRouteHook(app, 'preHandler', guarded, async (request, reply) => {
    const access = request.routeOptions.config?.staff;
    const isStaffPath = request.routeOptions.url?.startsWith('/staff') ?? false;
    if (!access) {
      if (isStaffPath) throw new HttpError(403);
      return;
    }
    const session = await currentSession(authDb, request, 'staff', ctx.clock.now());
    const member = session ? await loadMember(authDb, session.subjectId) : null;
    if (access === 'sign-in') {
      if (session && member?.active) request.staff = { ...member, session };
      return;
    }
    if (!session || !member?.active || !session.secondFactorAt) {
      if (request.method === 'GET' && !request.headers.accept?.includes('application/json')) return signInRedirect(request, reply);
      throw new HttpError(403);
    }
    assertCsrf(request, session);
    if (!allows(ctx, access, member.roles)) throw new HttpError(403);
    request.staff = { ...member, session };
  });

  // Every successful access to personal data leaves an audit entry before the answer leaves. An
  // error answer is audited only when the route says it showed records (a form sent back with
  // its messages beside the request), and then as a read: nothing was exported or changed.
  addRouteHook(app, 'onSend', guarded, async (request, reply, payload) => {
    const access = request.routeOptions.config?.staff;
    if (!access || access === 'sign-in' || !('activity' in access) || !request.staff) return payload;
    const failed = reply.statusCode >= 400;
    if (failed && !request.auditRecords) return payload;
    if (!failed && access.action === 'export' && !request.auditReason) throw new Error(`export on ${request.url} without a stated reason`);
    const params = Object.values((request.params ?? {}) as Record<string, string>);
    await recordAudit(auditDb, {
      at: ctx.clock.now(),
      staffId: request.staff.id,
      staffEmail: request.staff.email,
      activity: access.activity,
      action: failed ? 'read' : access.action,
      recordIds: request.auditRecords ?? params,
      reason: request.auditReason ?? null,
      ip: request.ip,
      path: request.url.split('?')[0] ?? null,
    });
    return payload;
  });
}
