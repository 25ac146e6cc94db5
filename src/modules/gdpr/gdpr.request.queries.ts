import type { Kysely, Transaction } from 'kysely';
import { type AuthTables, hashToken, randomToken } from '../../core/auth/index.ts';
import type { DsrKind, DsrStatus, PrivacyTables } from '../../core/privacy/index.ts';
import { newReference } from '../../core/references.ts';
import { recordVerification } from './gdpr.verification.ts';

type Db = Kysely<PrivacyTables> | Transaction<PrivacyTables>;
type WithStaff = PrivacyTables & Pick<AuthTables, 'staff_accounts'>;

/** Answer within one month of confirmation (Art. 12(3) GDPR). */
export function deadlineFrom(confirmedAt: Date): Date {
  const d = new Date(confirmedAt.getTime());
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

/** `DS-2026-7KQ4M2`, see core/references.ts. */
const reference = (now: Date) => newReference('DS', now, 6);

export interface NewRequest {
  kind: DsrKind;
  name: string;
  email: string;
  phone: string | null;
  customerNumber: string | null;
  message: string | null;
  locale: string;
}

/**
 * A request made by a signed-in customer in the portal: open at once, its customer number proven
 * by the session (and its e-mail address where the session proves that too).
 */
export async function createSignedInRequest(
  db: Kysely<PrivacyTables>,
  input: NewRequest,
  proven: readonly ('email' | 'customer-number')[],
  now: Date,
): Promise<{ id: string; reference: string; deadline: Date }> {
  return db.transaction().execute(async (trx) => {
    const ref = reference(now);
    const deadline = deadlineFrom(now);
    const { id } = await trx
      .insertInto('dsr_requests')
      .values({
        ...requestValues(input, ref, now),
        token_hash: null,
        confirmed_at: now,
        deadline_at: deadline,
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addEvent(trx, id, null, 'confirmed', { by: 'portal-session' }, now);
    for (const identifier of proven) await recordVerification(trx, { requestId: id, identifier, method: 'portal-session', now });
    return { id, reference: ref, deadline };
  });
}

const requestValues = (input: NewRequest, ref: string, now: Date) => ({
  reference: ref,
  kind: input.kind,
  name: input.name,
  email: input.email.toLowerCase(),
  phone: input.phone,
  customer_number: input.customerNumber,
  message: input.message,
  locale: input.locale,
  created_at: now,
  closed_at: null,
});

export async function createRequest(db: Db, input: NewRequest, now: Date): Promise<{ id: string; reference: string; token: string }> {
  const token = randomToken();
  const ref = reference(now);
  const { id } = await db
    .insertInto('dsr_requests')
    .values({
      ...requestValues(input, ref, now),
      token_hash: hashToken(token),
      confirmed_at: null,
      deadline_at: null,
      status: 'unconfirmed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference: ref, token };
}

export async function requestByToken(db: Db, token: string) {
  if (token.length > 100) return undefined;
  return db.selectFrom('dsr_requests').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

type Confirmed = NonNullable<Awaited<ReturnType<typeof requestByToken>>>;

/**
 * Confirms by the e-mailed link: the token is spent, the month starts, and the e-mail address is
 * proven. `then` runs in the same transaction (the letter code for a customer number).
 */
export async function confirmRequest(
  db: Kysely<PrivacyTables>,
  token: string,
  now: Date,
  then: (trx: Transaction<PrivacyTables>, row: Confirmed) => Promise<void> = async () => {},
) {
  return db.transaction().execute(async (trx) => {
    const row = await requestByToken(trx, token);
    if (row?.status !== 'unconfirmed') return row ?? null;
    const deadline = deadlineFrom(now);
    await trx
      .updateTable('dsr_requests')
      .set({ status: 'open', confirmed_at: now, deadline_at: deadline, token_hash: null })
      .where('id', '=', row.id)
      .execute();
    await addEvent(trx, row.id, null, 'confirmed', {}, now);
    await recordVerification(trx, { requestId: row.id, identifier: 'email', method: 'email-link', now });
    await then(trx, row);
    return { ...row, status: 'open' as const, confirmed_at: now, deadline_at: deadline };
  });
}

export async function addEvent(
  db: Db,
  requestId: string,
  staffId: string | null,
  kind: string,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('dsr_events')
    .values({ request_id: requestId, staff_id: staffId, kind, detail: JSON.stringify(detail), occurred_at: now })
    .execute();
}

export async function listRequests(db: Db, statuses: readonly DsrStatus[]) {
  return db
    .selectFrom('dsr_requests')
    .selectAll()
    .where('status', 'in', statuses)
    .orderBy('deadline_at')
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function getRequest(db: Db, id: string) {
  return db.selectFrom('dsr_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function eventsOf(db: Kysely<PrivacyTables>, id: string) {
  return db
    .withTables<WithStaff>()
    .selectFrom('dsr_events as e')
    .leftJoin('staff_accounts as s', 's.id', 'e.staff_id')
    .select(['e.id', 'e.kind', 'e.detail', 'e.occurred_at', 's.name as staff_name'])
    .where('e.request_id', '=', id)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
}

export async function closeRequest(db: Db, id: string, status: 'answered' | 'rejected', now: Date): Promise<void> {
  await db.updateTable('dsr_requests').set({ status, closed_at: now }).where('id', '=', id).execute();
}
