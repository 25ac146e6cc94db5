import type { Kysely, Selectable, Transaction } from 'kysely';
import { hashToken, safeEqual } from '../../core/auth/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { queueLetter } from '../../core/letters/index.ts';
import type { AppContext } from '../../core/module.ts';
import {
  type DsrIdentifier,
  type DsrRequestsTable,
  type DsrVerificationMethod,
  type DsrVerificationsTable,
  normaliseSubject,
  type PostalAddressee,
  type PrivacyTables,
  privacyOf,
  type SubjectQuery,
  statementPaths,
} from '../../core/privacy/index.ts';
import { randomSymbols } from '../../core/references.ts';
import { dsrMessages } from './gdpr.request.messages.ts';

type Db = Kysely<PrivacyTables> | Transaction<PrivacyTables>;
type Request = Pick<Selectable<DsrRequestsTable>, 'id' | 'email' | 'phone' | 'customer_number'>;
export type Verification = Pick<Selectable<DsrVerificationsTable>, 'identifier' | 'method' | 'note' | 'verified_at'>;

/** A letter code is good for 30 days and five wrong tries. */
export const LETTER_CODE_DAYS = 30;
export const LETTER_CODE_ATTEMPTS = 5;

export async function verificationsOf(db: Db, requestId: string): Promise<Verification[]> {
  return db
    .selectFrom('dsr_verifications')
    .select(['identifier', 'method', 'note', 'verified_at'])
    .where('request_id', '=', requestId)
    .execute();
}

/** Records that an identifier is proven; the first proof stands. */
export async function recordVerification(
  db: Db,
  input: { requestId: string; identifier: DsrIdentifier; method: DsrVerificationMethod; note?: string; staffId?: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('dsr_verifications')
    .values({
      request_id: input.requestId,
      identifier: input.identifier,
      method: input.method,
      note: input.note ?? null,
      staff_id: input.staffId ?? null,
      verified_at: input.now,
    })
    .onConflict((oc) => oc.columns(['request_id', 'identifier']).doNothing())
    .execute();
}

/** The identifiers a request names, each with how it was proven (or not). */
export function identifiersOf(request: Request, verifications: readonly Verification[]) {
  const values: [DsrIdentifier, string | null][] = [
    ['email', request.email],
    ['phone', request.phone],
    ['customer-number', request.customer_number],
  ];
  return values
    .filter((v): v is [DsrIdentifier, string] => v[1] !== null && v[1] !== '')
    .map(([identifier, value]) => ({ identifier, value, verification: verifications.find((v) => v.identifier === identifier) ?? null }));
}

/**
 * What the search, the export and the erasure may use: only identifiers that were proven. A
 * customer number or phone number someone typed opens nothing by itself.
 */
export function provenSubject(request: Request, verifications: readonly Verification[]): SubjectQuery {
  const proven = (id: DsrIdentifier) => verifications.some((v) => v.identifier === id);
  return normaliseSubject({
    email: proven('email') ? request.email : null,
    phone: proven('phone') ? request.phone : null,
    customerNumber: proven('customer-number') ? request.customer_number : null,
  });
}

/** Codes like `7KQ4-M2XP`: 40 bits, typed from a letter, five tries. */
function newLetterCode(): string {
  const raw = randomSymbols(8);
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-–_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** The postal address a module holds for the customer number, if any module knows it. */
async function postalAddressOf(
  ctx: AppContext,
  trx: Transaction<PrivacyTables>,
  customerNumber: string,
  locale: 'de' | 'en',
): Promise<PostalAddressee | null> {
  for (const mod of ctx.modules) {
    const hooks = privacyOf(mod, ctx.config)?.subjects;
    const found = hooks?.postalAddress ? await hooks.postalAddress(trx, customerNumber, locale) : null;
    if (found) return found;
  }
  return null;
}

/**
 * Sends a code by letter to the postal address on file for the request's customer number, so
 * whoever typed the number proves they live there. An unknown number gets no letter; the person
 * asking is told the same either way. Runs in the caller's transaction.
 */
export async function sendLetterCode(
  trx: Transaction<PrivacyTables>,
  ctx: AppContext,
  request: Request & { reference: string; locale: string },
): Promise<void> {
  if (!request.customer_number) return;
  const locale = request.locale === 'en' ? 'en' : 'de';
  const addressee = await postalAddressOf(ctx, trx, request.customer_number, locale);
  if (!addressee) return;
  const now = ctx.clock.now();
  const code = newLetterCode();
  await trx
    .insertInto('dsr_letter_codes')
    .values({
      request_id: request.id,
      code_hash: hashToken(normaliseCode(code)),
      sent_at: now,
      expires_at: new Date(now.getTime() + LETTER_CODE_DAYS * 86_400_000),
      used_at: null,
    })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute();
  const t = translator(dsrMessages, locale);
  await queueLetter(trx, ctx, {
    kind: 'dsr-verification-code',
    activity: 'privacy.subject-requests',
    recipient: { name: addressee.name, address: addressee.address },
    subject: t('letter.subject', { reference: request.reference }),
    salutation: addressee.salutation,
    paragraphs: [
      t('letter.intro', { reference: request.reference }),
      code,
      t('letter.how', { url: `${ctx.config.PUBLIC_URL}${statementPaths[locale].request}/code`, days: LETTER_CODE_DAYS }),
      t('letter.notYou'),
    ],
    closing: t('letter.closing'),
    reference: request.reference,
    language: locale,
  });
}

export type CodeResult = 'verified' | 'invalid';

/**
 * Checks a code typed from the letter: right reference, live, unused, under five wrong tries.
 * A right code proves the customer number of that request. Every wrong try counts.
 */
export async function redeemLetterCode(db: Kysely<PrivacyTables>, reference: string, typed: string, now: Date): Promise<CodeResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('dsr_letter_codes as c')
      .innerJoin('dsr_requests as r', 'r.id', 'c.request_id')
      .select(['c.request_id', 'c.code_hash'])
      .where('r.reference', '=', reference.trim().toUpperCase())
      .where('r.status', '=', 'open')
      .where('c.used_at', 'is', null)
      .where('c.expires_at', '>', now)
      .where('c.failed_attempts', '<', LETTER_CODE_ATTEMPTS)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return 'invalid';
    if (!safeEqual(row.code_hash, hashToken(normaliseCode(typed)))) {
      await trx
        .updateTable('dsr_letter_codes')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('request_id', '=', row.request_id)
        .execute();
      return 'invalid';
    }
    await trx.updateTable('dsr_letter_codes').set({ used_at: now }).where('request_id', '=', row.request_id).execute();
    await recordVerification(trx, { requestId: row.request_id, identifier: 'customer-number', method: 'letter-code', now });
    await trx
      .insertInto('dsr_events')
      .values({
        request_id: row.request_id,
        staff_id: null,
        kind: 'verified',
        detail: JSON.stringify({ customerNumber: 'letter-code' }),
        occurred_at: now,
      })
      .execute();
    return 'verified';
  });
}
