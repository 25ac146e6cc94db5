import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type {
  Commodity,
  MeterUnit,
  PortalContractsTable,
  PortalInvoicesTable,
  PortalMeteringPointsTable,
  PortalMeterReadingsTable,
  PortalMetersTable,
  PortalTables,
} from './portal.tables.ts';

type Db = Kysely<PortalTables> | Transaction<PortalTables>;

// Every function here takes the customer id from the session and filters by it: an id from a URL
// or a form only ever narrows within the customer's own data (C34).

export interface ContractSummary {
  id: string;
  contract_number: string;
  commodity: Commodity;
  tariff: string;
  supply_street: string;
  supply_postcode: string;
  supply_city: string;
  start_date: string;
  end_date: string | null;
  instalment_cents: number;
  annual_estimate: number;
}

const contractColumns = [
  'c.id',
  'c.contract_number',
  'c.commodity',
  'c.tariff',
  'c.supply_street',
  'c.supply_postcode',
  'c.supply_city',
  'c.start_date',
  'c.end_date',
  'c.instalment_cents',
] as const;

/** The customer's contracts, running ones first (the builders below also feed the overview's one query). */
export function contractsQuery(db: Db, customerId: string) {
  return db
    .selectFrom('portal_contracts as c')
    .select([...contractColumns, sql<number>`c.annual_estimate::float8`.as('annual_estimate')])
    .where('c.customer_id', '=', customerId)
    .orderBy('c.end_date', (ob) => ob.desc().nullsFirst())
    .orderBy('c.start_date')
    .orderBy('c.contract_number');
}

export async function contractsOf(db: Db, customerId: string): Promise<ContractSummary[]> {
  return contractsQuery(db, customerId).execute();
}

export async function contractOf(db: Db, customerId: string, contractId: string): Promise<ContractSummary | undefined> {
  return db
    .selectFrom('portal_contracts as c')
    .select([...contractColumns, sql<number>`c.annual_estimate::float8`.as('annual_estimate')])
    .where('c.customer_id', '=', customerId)
    .where('c.id', '=', contractId)
    .executeTakeFirst();
}

/** A meter with its metering point's location and contract: columns as the tables declare them. */
export type MeterRow = Pick<Selectable<PortalMetersTable>, 'id' | 'meter_number' | 'unit' | 'installed_on' | 'removed_on'> &
  Pick<Selectable<PortalMeteringPointsTable>, 'location_id' | 'contract_id'>;

/** Meters of the customer's contracts (optionally of one), with their metering point. */
export function metersQuery(db: Db, customerId: string, contractId?: string) {
  let q = db
    .selectFrom('portal_meters as m')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as c', 'c.id', 'p.contract_id')
    .select(['m.id', 'm.meter_number', 'm.unit', 'm.installed_on', 'm.removed_on', 'p.location_id', 'p.contract_id'])
    .where('c.customer_id', '=', customerId);
  if (contractId) q = q.where('c.id', '=', contractId);
  return q.orderBy('p.location_id').orderBy('m.installed_on');
}

export async function metersOf(db: Db, customerId: string, contractId?: string): Promise<MeterRow[]> {
  return metersQuery(db, customerId, contractId).execute();
}

/** A meter the customer may report a reading for: installed, not removed, contract running. */
export async function readableMeterOf(db: Db, customerId: string, meterId: string) {
  return db
    .selectFrom('portal_meters as m')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as c', 'c.id', 'p.contract_id')
    .select([
      'm.id',
      'm.meter_number',
      'm.unit',
      'c.id as contract_id',
      'c.commodity',
      sql<number>`c.annual_estimate::float8`.as('annual_estimate'),
    ])
    .where('c.customer_id', '=', customerId)
    .where('m.id', '=', meterId)
    .where('m.removed_on', 'is', null)
    .where('c.end_date', 'is', null)
    .executeTakeFirst();
}

/** A reading with its contract; the numeric value is read as a number (cast in SQL). */
export type ReadingRow = Pick<Selectable<PortalMeterReadingsTable>, 'meter_id' | 'read_on' | 'source'> &
  Pick<Selectable<PortalMeteringPointsTable>, 'contract_id'> & { value: number };

/** Readings of the customer's meters (optionally of one contract), oldest first. */
export function readingsQuery(db: Db, customerId: string, contractId?: string) {
  let q = db
    .selectFrom('portal_meter_readings as r')
    .innerJoin('portal_meters as m', 'm.id', 'r.meter_id')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as c', 'c.id', 'p.contract_id')
    .select(['r.meter_id', 'p.contract_id', 'r.read_on', sql<number>`r.value::float8`.as('value'), 'r.source'])
    .where('c.customer_id', '=', customerId)
    // A reading awaiting customer service's check is no part of consumption or "last reading" yet.
    .where('r.awaiting_check', '=', false);
  if (contractId) q = q.where('c.id', '=', contractId);
  // Billing readings first on a day: they win over an estimate of the same day.
  return q.orderBy('r.read_on').orderBy(sql`case r.source when 'billing' then 0 when 'customer' then 1 else 2 end`);
}

export async function readingsOf(db: Db, customerId: string, contractId?: string): Promise<ReadingRow[]> {
  return readingsQuery(db, customerId, contractId).execute();
}

/** The meter's latest accepted reading (any source), the base of the plausibility check. */
export async function lastReading(db: Db, meterId: string): Promise<{ value: number; readOn: string } | null> {
  const row = await db
    .selectFrom('portal_meter_readings')
    .select(['read_on', sql<number>`value::float8`.as('value')])
    .where('meter_id', '=', meterId)
    .where('awaiting_check', '=', false)
    .orderBy('read_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? { value: row.value, readOn: row.read_on } : null;
}

/** The customer's reading that waits for customer service's check, if any (one per meter). */
export async function readingAwaitingCheck(db: Db, meterId: string): Promise<{ value: number; readOn: string } | null> {
  const row = await db
    .selectFrom('portal_meter_readings')
    .select(['read_on', sql<number>`value::float8`.as('value')])
    .where('meter_id', '=', meterId)
    .where('awaiting_check', '=', true)
    .executeTakeFirst();
  return row ? { value: row.value, readOn: row.read_on } : null;
}

/**
 * Stores the customer's reading; a second one on the same day replaces the first, and a new one
 * replaces one still awaiting the check (the customer corrected it).
 */
export async function storeCustomerReading(
  db: Db,
  meterId: string,
  readOn: string,
  value: string,
  now: Date,
  awaitingCheck = false,
): Promise<void> {
  await withdrawReadingAwaitingCheck(db, meterId);
  await db
    .insertInto('portal_meter_readings')
    .values({ meter_id: meterId, read_on: readOn, value, source: 'customer', created_at: now, awaiting_check: awaitingCheck })
    .onConflict((oc) =>
      oc.columns(['meter_id', 'read_on', 'source']).doUpdateSet({ value, created_at: now, awaiting_check: awaitingCheck }),
    )
    .execute();
}

/** Removes the meter's reading awaiting the check and the open task that asks for it. */
export async function withdrawReadingAwaitingCheck(db: Db, meterId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('portal_meter_readings')
    .where('meter_id', '=', meterId)
    .where('awaiting_check', '=', true)
    .executeTakeFirst();
  // The task asks for a reading awaiting the check: without one there is no such task to remove,
  // and every ordinary save stays one delete and one insert.
  if (Number(removed.numDeletedRows) === 0) return false;
  await db
    .deleteFrom('portal_tasks')
    .where('kind', '=', 'meter-reading')
    .where('status', '=', 'open')
    .where(sql<string>`payload::jsonb ->> 'meterId'`, '=', meterId)
    .where(sql<string>`payload::jsonb ->> 'awaitingCheck'`, '=', 'true')
    .execute();
  return true;
}

/** Customer service declined the reading: it is dropped, the accepted one stays the last. */
export async function dropReadingAwaitingCheck(db: Db, meterId: string, readOn: string): Promise<void> {
  await db
    .deleteFrom('portal_meter_readings')
    .where('meter_id', '=', meterId)
    .where('read_on', '=', readOn)
    .where('source', '=', 'customer')
    .where('awaiting_check', '=', true)
    .execute();
}

/** Customer service accepted the reading: it becomes the meter's last reading. */
export async function acceptReading(db: Db, meterId: string, readOn: string): Promise<void> {
  await db
    .updateTable('portal_meter_readings')
    .set({ awaiting_check: false })
    .where('meter_id', '=', meterId)
    .where('read_on', '=', readOn)
    .where('source', '=', 'customer')
    .execute();
}

export function upcomingInstalmentsQuery(db: Db, customerId: string, from: string, contractId?: string) {
  let q = db
    .selectFrom('portal_instalments as i')
    .innerJoin('portal_contracts as c', 'c.id', 'i.contract_id')
    .select(['i.contract_id', 'i.due_on', 'i.amount_cents'])
    .where('c.customer_id', '=', customerId)
    .where('i.due_on', '>=', from);
  if (contractId) q = q.where('c.id', '=', contractId);
  return q.orderBy('i.due_on').limit(contractId ? 12 : 50);
}

export async function upcomingInstalments(db: Db, customerId: string, from: string, contractId?: string) {
  return upcomingInstalmentsQuery(db, customerId, from, contractId).execute();
}

/** An invoice with its contract's number and commodity; the consumption is read as a number (cast in SQL). */
export type InvoiceRow = Omit<Selectable<PortalInvoicesTable>, 'consumption' | 'imported_at'> &
  Pick<Selectable<PortalContractsTable>, 'contract_number' | 'commodity'> & { consumption: number };

function invoiceQuery(db: Db, customerId: string) {
  return db
    .selectFrom('portal_invoices as i')
    .innerJoin('portal_contracts as c', 'c.id', 'i.contract_id')
    .select([
      'i.id',
      'i.contract_id',
      'c.contract_number',
      'c.commodity',
      'i.invoice_number',
      'i.issued_on',
      'i.period_from',
      'i.period_to',
      sql<number>`i.consumption::float8`.as('consumption'),
      'i.net_cents',
      'i.vat_cents',
      'i.gross_cents',
      'i.instalments_paid_cents',
    ])
    .where('c.customer_id', '=', customerId);
}

export async function invoicesOf(db: Db, customerId: string, contractId?: string): Promise<InvoiceRow[]> {
  let q = invoiceQuery(db, customerId);
  if (contractId) q = q.where('c.id', '=', contractId);
  return q.orderBy('i.issued_on', 'desc').orderBy('i.invoice_number', 'desc').execute();
}

export async function invoiceOf(db: Db, customerId: string, invoiceId: string): Promise<InvoiceRow | undefined> {
  return invoiceQuery(db, customerId).where('i.id', '=', invoiceId).executeTakeFirst();
}

export async function customerOf(db: Db, customerId: string) {
  return db.selectFrom('portal_customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
}

/** The mandate in force (the latest signed, not revoked). */
export async function activeMandateOf(db: Db, customerId: string) {
  return db
    .selectFrom('portal_bank_mandates')
    .select(['mandate_reference', 'account_holder', 'iban', 'signed_on'])
    .where('customer_id', '=', customerId)
    .where('revoked_on', 'is', null)
    .orderBy('signed_on', 'desc')
    .executeTakeFirst();
}

export interface ReadableMeter {
  id: string;
  meter_number: string;
  unit: MeterUnit;
  commodity: Commodity;
  contract_number: string;
}

/** Meters a reading can be reported for: in place, on a running contract. */
export async function readableMetersOf(db: Db, customerId: string): Promise<ReadableMeter[]> {
  return db
    .selectFrom('portal_meters as m')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as c', 'c.id', 'p.contract_id')
    .select(['m.id', 'm.meter_number', 'm.unit', 'c.commodity', 'c.contract_number'])
    .where('c.customer_id', '=', customerId)
    .where('m.removed_on', 'is', null)
    .where('c.end_date', 'is', null)
    .orderBy('c.contract_number')
    .orderBy('m.meter_number')
    .execute();
}
