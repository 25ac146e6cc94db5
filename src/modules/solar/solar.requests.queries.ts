import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuthTables } from '../../core/auth/index.ts';
import { newReference } from '../../core/references.ts';
import type { Delivery, ReportRequestStatus, SolarReportRequestsTable, SolarTables } from './solar.tables.ts';

export type RequestsDb = SolarTables & Pick<AuthTables, 'staff_accounts'>;
type Db = Kysely<RequestsDb> | Transaction<RequestsDb>;

export type ReportRequest = Selectable<SolarReportRequestsTable>;

/** `SOL-2026-7KQ4M2XP`, see core/references.ts. */
const referenceOf = (now: Date) => newReference('SOL', now);

export interface NewReportRequest {
  locale: 'de' | 'en';
  role: 'owner' | 'tenant';
  delivery: Delivery;
  name: string;
  email: string;
  postalStreet: string;
  postalPostcode: string;
  postalTown: string;
  postalCountry: string | null;
  buildingStreet: string;
  buildingNumber: string;
  buildingPostcode: string | null;
  buildingTown: string | null;
}

export async function insertReportRequest(db: Db, input: NewReportRequest, now: Date): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = referenceOf(now);
  await db
    .insertInto('solar_report_requests')
    .values({
      id,
      reference,
      received_at: now,
      locale: input.locale,
      role: input.role,
      delivery: input.delivery,
      name: input.name,
      email: input.email,
      postal_street: input.postalStreet,
      postal_postcode: input.postalPostcode,
      postal_town: input.postalTown,
      postal_country: input.postalCountry,
      building_street: input.buildingStreet,
      building_number: input.buildingNumber,
      building_postcode: input.buildingPostcode,
      building_town: input.buildingTown,
      status: 'received',
      verified_at: null,
      verified_by: null,
      verification_note: null,
      sent_at: null,
      sent_via: null,
      sent_by: null,
      rejection_note: null,
      handled_at: null,
      handled_by: null,
    })
    .execute();
  return { id, reference };
}

/** The inbox: open requests oldest first, then the handled ones the next retention run deletes. */
export async function listReportRequests(db: Db): Promise<{ open: ReportRequest[]; closed: ReportRequest[] }> {
  const rows = await db.selectFrom('solar_report_requests').selectAll().orderBy('received_at').orderBy('id').execute();
  return { open: rows.filter((r) => r.handled_at === null), closed: rows.filter((r) => r.handled_at !== null) };
}

export type ReportRequestDetail = ReportRequest & {
  verified_by_name: string | null;
  sent_by_name: string | null;
  handled_by_name: string | null;
};

export async function getReportRequest(db: Db, id: string): Promise<ReportRequestDetail | undefined> {
  return db
    .selectFrom('solar_report_requests as r')
    .leftJoin('staff_accounts as v', 'v.id', 'r.verified_by')
    .leftJoin('staff_accounts as s', 's.id', 'r.sent_by')
    .leftJoin('staff_accounts as h', 'h.id', 'r.handled_by')
    .selectAll('r')
    .select(['v.name as verified_by_name', 's.name as sent_by_name', 'h.name as handled_by_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/**
 * One step of the workflow, taken only from the states it allows, in one statement: two staff
 * clicking at once cannot both verify, and a handled request cannot be sent again.
 */
async function step(db: Db, id: string, from: readonly ReportRequestStatus[], set: Partial<ReportRequest>): Promise<boolean> {
  const row = await db
    .updateTable('solar_report_requests')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export const verifyRequest = (db: Db, id: string, staffId: string, note: string, now: Date) =>
  step(db, id, ['received'], { status: 'verified', verified_at: now, verified_by: staffId, verification_note: note });

/** Declining closes the request: the retention rule deletes it like a handled one. */
export const rejectRequest = (db: Db, id: string, staffId: string, note: string, now: Date) =>
  step(db, id, ['received', 'verified'], { status: 'rejected', rejection_note: note, handled_at: now, handled_by: staffId });

/** A report may go out again (e.g. a letter as well as the mail) until the request is closed. */
export const recordSent = (db: Db, id: string, staffId: string, via: Delivery, now: Date) =>
  step(db, id, ['verified', 'sent'], { status: 'sent', sent_at: now, sent_via: via, sent_by: staffId });

export const markHandled = (db: Db, id: string, staffId: string, now: Date) =>
  step(db, id, ['sent'], { status: 'handled', handled_at: now, handled_by: staffId });
