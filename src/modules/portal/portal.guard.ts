import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuthTables, assertCsrf, liveSession, type Session, sessionIdHashOf } from '../../core/auth/index.ts';
import { queryTemplate } from '../../core/db/index.ts';
import { addRouteHook, HttpError } from '../../core/http/index.ts';
import { localeOfPath } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { isPortalPath, PORTAL_PATHS } from './portal.paths.ts';
import type { PortalTables } from './portal.tables.ts';

/**
 * `config.customer` of a route: 'public' pages need no sign-in (registration, sign-in, activation,
 * password reset); 'pending' is the second-factor step between password and full session;
 * 'signed-in' is everything else. A portal route without a declaration is refused.
 */
export type CustomerRouteAccess = 'public' | 'pending' | 'signed-in';

/** The signed-in customer, taken from the session alone: ids in URLs or forms never say who it is. */
export interface PortalCustomer {
  accountId: string;
  customerId: string;
  customerNumber: string;
  email: string;
  name: string;
  hasTotp: boolean;
  session: Session;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    customer?: CustomerRouteAccess;
  }
  interface FastifyRequest {
    customer?: PortalCustomer;
  }
}

function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = localeOfPath(request.url);
  const next = encodeURIComponent(request.url.slice(0, 300));
  return reply.redirect(`${PORTAL_PATHS.signIn[locale]}?weiter=${next}`, 303);
}

/** Every signed-in page's first statement: built once (a template), planned once per connection. */
const sessionRow = queryTemplate((db: Kysely<AuthTables & PortalTables>, v: { idHash: string }) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('portal_accounts as a', (join) => join.onRef('a.id', '=', 's.subject_id').on('a.status', '=', 'active'))
    .leftJoin('portal_customers as c', 'c.id', 'a.customer_id')
    .selectAll('s')
    .select(['a.id as account_id', 'a.customer_id', 'a.email', 'a.totp_secret', 'c.customer_number', 'c.first_name', 'c.last_name'])
    .where('s.id_hash', '=', v.idHash)
    .where('s.kind', '=', 'customer'),
);

/**
 * The session of the request's portal cookie and its customer, in one round trip: the account
 * must be active (otherwise the session stands without a customer and grants nothing); the
 * customer row gives number and name. The session is judged (expiry, touch) as currentSession does.
 */
async function sessionAndCustomer(
  db: Kysely<AuthTables & PortalTables>,
  authDb: Kysely<AuthTables>,
  request: FastifyRequest,
  now: Date,
): Promise<{ session: Session | null; customer: Omit<PortalCustomer, 'session'> | null }> {
  const idHash = sessionIdHashOf(request, 'customer');
  if (!idHash) return { session: null, customer: null };
  const [row] = await sessionRow(db, { idHash });
  const session = row ? await liveSession(authDb, row, now) : null;
  if (!session || !row?.account_id || !row.customer_id || !row.email || row.customer_number === null) {
    return { session, customer: null };
  }
  return {
    session,
    customer: {
      accountId: row.account_id,
      customerId: row.customer_id,
      customerNumber: row.customer_number,
      email: row.email,
      name: `${row.first_name} ${row.last_name}`.trim(),
      hasTotp: row.totp_secret !== null,
    },
  };
}

/**
 * The one access check of the customer portal, the counterpart of the staff guard: every
 * /portal route declares `config.customer`; signed-in routes need a complete customer session
 * (password, and the second factor where the customer turned it on) and a CSRF token from that
 * session on every state change. Routes read the customer only from `request.customer`.
 */
export function installCustomerGuard(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AuthTables & PortalTables>();
  const authDb = ctx.db.withTables<AuthTables>();

  // Only on the portal's routes and routes that declare customer access: other pages do not pay
  // for the check.
  const guarded = (route: RouteOptions) => Boolean((route.config as FastifyContextConfig | undefined)?.customer) || isPortalPath(route.url);
  addRouteHook(app, 'preHandler', guarded, async (request, reply) => {
    const access = request.routeOptions.config?.customer;
    const url = request.routeOptions.url;
    if (!access) {
      if (url && isPortalPath(url)) throw new HttpError(403);
      return;
    }
    // Public pages without a portal cookie touch no session at all (and stay cookie-free, C11).
    if (access === 'public' && !request.cookies['__Host-portal']) return;
    const { session, customer } = await sessionAndCustomer(db, authDb, request, ctx.clock.now());
    const complete = Boolean(session?.secondFactorAt);
    if (access === 'public') {
      if (session && customer && complete) request.customer = { ...customer, session };
      return;
    }
    const allowed = access === 'pending' ? Boolean(session && customer && !complete) : Boolean(session && customer && complete);
    if (!allowed || !session || !customer) {
      if (access === 'pending') return reply.redirect(PORTAL_PATHS.signIn[localeOfPath(request.url)], 303);
      if (request.method === 'GET' && !request.headers.accept?.includes('application/json')) return signInRedirect(request, reply);
      throw new HttpError(403);
    }
    assertCsrf(request, session);
    // Pages with contract data stay out of shared and back/forward caches.
    reply.header('cache-control', 'no-store');
    request.customer = { ...customer, session };
  });
}
