import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import { HttpError } from '../http/index.ts';
import type { AuthTables, SessionsTable } from './auth.tables.ts';
import { hashToken, randomToken, safeEqual } from './tokens.ts';

export type SessionKind = SessionsTable['kind'];

export interface SessionPolicy {
  cookie: string;
  idleMs: number;
  absoluteMs: number;
  path: string;
}

/**
 * Cookie names carry the __Host- prefix: the browser then insists on Secure, Path=/ and no
 * Domain, so no other host can plant or read them.
 */
export const SESSION_POLICIES: Record<SessionKind, SessionPolicy> = {
  staff: { cookie: '__Host-staff', idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, path: '/' },
  customer: { cookie: '__Host-portal', idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, path: '/' },
};

export interface Session {
  idHash: string;
  kind: SessionKind;
  subjectId: string;
  createdAt: Date;
  secondFactorAt: Date | null;
  csrfToken: string;
}

// last_seen_at is written at most once a minute: enough for a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

function setCookie(reply: FastifyReply, policy: SessionPolicy, value: string, expires: Date): void {
  reply.setCookie(policy.cookie, value, { path: policy.path, httpOnly: true, secure: true, sameSite: 'lax', expires });
}

export function clearSessionCookie(reply: FastifyReply, kind: SessionKind): void {
  const policy = SESSION_POLICIES[kind];
  reply.clearCookie(policy.cookie, { path: policy.path, httpOnly: true, secure: true, sameSite: 'lax' });
}

/**
 * Starts a session and sets its cookie. Called at every change of privilege (password accepted,
 * second factor accepted), so an id known before sign-in is worthless after it.
 */
export async function startSession(
  db: Kysely<AuthTables>,
  reply: FastifyReply,
  input: { kind: SessionKind; subjectId: string; now: Date; ip: string; secondFactor: boolean; replaces?: string | undefined },
): Promise<Session> {
  const policy = SESSION_POLICIES[input.kind];
  const token = randomToken();
  const idHash = hashToken(token);
  const expires = new Date(input.now.getTime() + policy.absoluteMs);
  const row: SessionsTable = {
    id_hash: idHash,
    kind: input.kind,
    subject_id: input.subjectId,
    created_at: input.now,
    last_seen_at: input.now,
    expires_at: expires,
    second_factor_at: input.secondFactor ? input.now : null,
    csrf_token: randomToken(24),
    ip: input.ip,
  };
  await db.transaction().execute(async (trx) => {
    if (input.replaces) await trx.deleteFrom('sessions').where('id_hash', '=', input.replaces).execute();
    await trx.insertInto('sessions').values(row).execute();
  });
  setCookie(reply, policy, token, expires);
  return {
    idHash,
    kind: row.kind,
    subjectId: row.subject_id,
    createdAt: row.created_at,
    secondFactorAt: row.second_factor_at,
    csrfToken: row.csrf_token,
  };
}

/** The hash of the request's session token of this kind (the key of its row), or null without a plausible one. */
export function sessionIdHashOf(request: FastifyRequest, kind: SessionKind): string | null {
  const token = request.cookies[SESSION_POLICIES[kind].cookie];
  if (!token || token.length > 100) return null;
  return hashToken(token);
}

/**
 * A stored session as of `now`: an expired one is deleted on sight (null), a live one has its
 * last_seen_at written at most once a minute. Callers that read the row joined with its subject
 * (one round trip for both) judge it here, like currentSession does.
 */
export async function liveSession(db: Kysely<AuthTables>, row: Selectable<SessionsTable>, now: Date): Promise<Session | null> {
  const policy = SESSION_POLICIES[row.kind];
  const idle = now.getTime() - row.last_seen_at.getTime() > policy.idleMs;
  const absolute = now.getTime() >= row.expires_at.getTime();
  if (idle || absolute) {
    await db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
  }
  return {
    idHash: row.id_hash,
    kind: row.kind,
    subjectId: row.subject_id,
    createdAt: row.created_at,
    secondFactorAt: row.second_factor_at,
    csrfToken: row.csrf_token,
  };
}

/** The valid session of this kind, or null (expired sessions are deleted on sight). */
export async function currentSession(
  db: Kysely<AuthTables>,
  request: FastifyRequest,
  kind: SessionKind,
  now: Date,
): Promise<Session | null> {
  const idHash = sessionIdHashOf(request, kind);
  if (!idHash) return null;
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('kind', '=', kind).executeTakeFirst();
  return row ? liveSession(db, row, now) : null;
}

export async function endSession(db: Kysely<AuthTables>, reply: FastifyReply, session: Session): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', session.idHash).execute();
  clearSessionCookie(reply, session.kind);
}

/** Ends every session of a person, e.g. after a password change or deactivation. */
export async function endAllSessions(db: Kysely<AuthTables>, kind: SessionKind, subjectId: string, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId);
  if (except) q = q.where('id_hash', '<>', except);
  await q.execute();
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The synchronizer-token check of every signed-in area (staff and portal): an unsafe request
 * must carry the session's token, in the `_csrf` form field or the `X-CSRF-Token` header.
 */
export function assertCsrf(request: FastifyRequest, session: Session): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const header = request.headers['x-csrf-token'];
  const field = (request.body as Record<string, unknown> | undefined)?._csrf;
  const token = typeof header === 'string' ? header : typeof field === 'string' ? field : undefined;
  if (!token || !safeEqual(token, session.csrfToken)) throw new HttpError(403, 'error.403.csrf');
}
