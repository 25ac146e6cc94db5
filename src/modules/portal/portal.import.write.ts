import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  contractRow,
  customerRow,
  instalmentRow,
  invoiceRow,
  mandateRow,
  meteringPointRow,
  meterRow,
  readingRow,
} from './portal.import.schema.ts';
import type { PortalTables } from './portal.tables.ts';

export interface Lined<R> {
  line: number;
  row: R;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  /** Lines whose reference (a customer, contract, metering point or meter) is not in the data. */
  unresolved: { line: number; message: string }[];
}

type Trx = Transaction<PortalTables>;

const col = <R>(rows: Lined<R>[], pick: (r: R) => string | number | null) => rows.map((r) => pick(r.row));

/**
 * Runs an upsert and counts what it did: a row that was inserted has xmax = 0; a row whose values
 * did not change is skipped by the `is distinct from` condition and returns nothing at all, so a
 * second import of the same export writes nothing (idempotent).
 */
async function upsert(trx: Trx, statement: RawBuilder<{ inserted: boolean }>, unresolved: WriteResult['unresolved']): Promise<WriteResult> {
  const { rows } = await statement.execute(trx);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted, unresolved };
}

/** Lines whose referenced key does not exist in `table.column`. */
async function missing(
  trx: Trx,
  rows: Lined<unknown>[],
  keys: (string | null)[],
  table: string,
  column: string,
  what: string,
): Promise<WriteResult['unresolved']> {
  const { rows: found } = await sql<{ line: number; key: string }>`
    select t.line, t.key from unnest(${rows.map((r) => r.line)}::int[], ${keys}::text[]) as t(line, key)
    where not exists (select 1 from ${sql.table(table)} x where ${sql.ref(`x.${column}`)} = t.key)`.execute(trx);
  return found.map((f) => ({ line: f.line, message: `${what} ${f.key} is not in the export (nor imported before)` }));
}

export async function writeCustomers(trx: Trx, rows: Lined<z.output<typeof customerRow>>[], now: Date): Promise<WriteResult> {
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_customers (customer_number, salutation, first_name, last_name, street, postcode, city, email, phone, imported_at)
      select t.*, ${now.toISOString()}::timestamptz from unnest(
        ${col(rows, (r) => r.customer_number)}::text[], ${col(rows, (r) => r.salutation)}::text[], ${col(rows, (r) => r.first_name)}::text[],
        ${col(rows, (r) => r.last_name)}::text[], ${col(rows, (r) => r.street)}::text[], ${col(rows, (r) => r.postcode)}::text[],
        ${col(rows, (r) => r.city)}::text[], ${col(rows, (r) => r.email)}::text[], ${col(rows, (r) => r.phone)}::text[]) as t
      on conflict (customer_number) do update set
        salutation = excluded.salutation, first_name = excluded.first_name, last_name = excluded.last_name, street = excluded.street,
        postcode = excluded.postcode, city = excluded.city, email = excluded.email, phone = excluded.phone, imported_at = excluded.imported_at
      where (portal_customers.salutation, portal_customers.first_name, portal_customers.last_name, portal_customers.street,
             portal_customers.postcode, portal_customers.city, portal_customers.email, portal_customers.phone)
        is distinct from (excluded.salutation, excluded.first_name, excluded.last_name, excluded.street, excluded.postcode, excluded.city, excluded.email, excluded.phone)
      returning (xmax = 0) as inserted`,
    [],
  );
}

export async function writeContracts(trx: Trx, rows: Lined<z.output<typeof contractRow>>[], now: Date): Promise<WriteResult> {
  const customers = col(rows, (r) => r.customer_number) as string[];
  const unresolved = await missing(trx, rows, customers, 'portal_customers', 'customer_number', 'customer_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_contracts (customer_id, contract_number, commodity, tariff, supply_street, supply_postcode, supply_city, start_date, end_date, instalment_cents, annual_estimate, imported_at)
      select c.id, t.contract_number, t.commodity, t.tariff, t.supply_street, t.supply_postcode, t.supply_city, t.start_date, t.end_date, t.instalment_cents, t.annual_estimate, ${now.toISOString()}::timestamptz
      from unnest(
        ${col(rows, (r) => r.contract_number)}::text[], ${customers}::text[], ${col(rows, (r) => r.commodity)}::text[], ${col(rows, (r) => r.tariff)}::text[],
        ${col(rows, (r) => r.supply_street)}::text[], ${col(rows, (r) => r.supply_postcode)}::text[], ${col(rows, (r) => r.supply_city)}::text[],
        ${col(rows, (r) => r.start_date)}::date[], ${col(rows, (r) => r.end_date)}::date[], ${col(rows, (r) => r.instalment_cents)}::int[], ${col(rows, (r) => r.annual_estimate)}::numeric[])
        as t(contract_number, customer_number, commodity, tariff, supply_street, supply_postcode, supply_city, start_date, end_date, instalment_cents, annual_estimate)
      join portal_customers c on c.customer_number = t.customer_number
      on conflict (contract_number) do update set
        customer_id = excluded.customer_id, commodity = excluded.commodity, tariff = excluded.tariff, supply_street = excluded.supply_street,
        supply_postcode = excluded.supply_postcode, supply_city = excluded.supply_city, start_date = excluded.start_date, end_date = excluded.end_date,
        instalment_cents = excluded.instalment_cents, annual_estimate = excluded.annual_estimate, imported_at = excluded.imported_at
      where (portal_contracts.customer_id, portal_contracts.commodity, portal_contracts.tariff, portal_contracts.supply_street, portal_contracts.supply_postcode,
             portal_contracts.supply_city, portal_contracts.start_date, portal_contracts.end_date, portal_contracts.instalment_cents, portal_contracts.annual_estimate)
        is distinct from (excluded.customer_id, excluded.commodity, excluded.tariff, excluded.supply_street, excluded.supply_postcode,
             excluded.supply_city, excluded.start_date, excluded.end_date, excluded.instalment_cents, excluded.annual_estimate)
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeMeteringPoints(trx: Trx, rows: Lined<z.output<typeof meteringPointRow>>[], now: Date): Promise<WriteResult> {
  const contracts = col(rows, (r) => r.contract_number) as string[];
  const unresolved = await missing(trx, rows, contracts, 'portal_contracts', 'contract_number', 'contract_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_metering_points (contract_id, location_id, imported_at)
      select k.id, t.location_id, ${now.toISOString()}::timestamptz
      from unnest(${col(rows, (r) => r.location_id)}::text[], ${contracts}::text[]) as t(location_id, contract_number)
      join portal_contracts k on k.contract_number = t.contract_number
      on conflict (location_id) do update set contract_id = excluded.contract_id, imported_at = excluded.imported_at
      where portal_metering_points.contract_id is distinct from excluded.contract_id
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeMeters(trx: Trx, rows: Lined<z.output<typeof meterRow>>[], now: Date): Promise<WriteResult> {
  const points = col(rows, (r) => r.location_id) as string[];
  const unresolved = await missing(trx, rows, points, 'portal_metering_points', 'location_id', 'location_id');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_meters (metering_point_id, meter_number, unit, installed_on, removed_on, imported_at)
      select p.id, t.meter_number, t.unit, t.installed_on, t.removed_on, ${now.toISOString()}::timestamptz
      from unnest(${col(rows, (r) => r.meter_number)}::text[], ${points}::text[], ${col(rows, (r) => r.unit)}::text[], ${col(rows, (r) => r.installed_on)}::date[], ${col(rows, (r) => r.removed_on)}::date[])
        as t(meter_number, location_id, unit, installed_on, removed_on)
      join portal_metering_points p on p.location_id = t.location_id
      on conflict (meter_number) do update set metering_point_id = excluded.metering_point_id, unit = excluded.unit,
        installed_on = excluded.installed_on, removed_on = excluded.removed_on, imported_at = excluded.imported_at
      where (portal_meters.metering_point_id, portal_meters.unit, portal_meters.installed_on, portal_meters.removed_on)
        is distinct from (excluded.metering_point_id, excluded.unit, excluded.installed_on, excluded.removed_on)
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeReadings(trx: Trx, rows: Lined<z.output<typeof readingRow>>[], now: Date): Promise<WriteResult> {
  const meters = col(rows, (r) => r.meter_number) as string[];
  const unresolved = await missing(trx, rows, meters, 'portal_meters', 'meter_number', 'meter_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_meter_readings (meter_id, read_on, value, source, created_at)
      select m.id, t.read_on, t.value, t.source, ${now.toISOString()}::timestamptz
      from unnest(${meters}::text[], ${col(rows, (r) => r.read_on)}::date[], ${col(rows, (r) => r.value)}::numeric[], ${col(rows, (r) => r.source)}::text[])
        as t(meter_number, read_on, value, source)
      join portal_meters m on m.meter_number = t.meter_number
      on conflict (meter_id, read_on, source) do update set value = excluded.value
      where portal_meter_readings.value is distinct from excluded.value
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeInstalments(trx: Trx, rows: Lined<z.output<typeof instalmentRow>>[]): Promise<WriteResult> {
  const contracts = col(rows, (r) => r.contract_number) as string[];
  const unresolved = await missing(trx, rows, contracts, 'portal_contracts', 'contract_number', 'contract_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_instalments (contract_id, due_on, amount_cents)
      select k.id, t.due_on, t.amount_cents
      from unnest(${contracts}::text[], ${col(rows, (r) => r.due_on)}::date[], ${col(rows, (r) => r.amount_cents)}::int[]) as t(contract_number, due_on, amount_cents)
      join portal_contracts k on k.contract_number = t.contract_number
      on conflict (contract_id, due_on) do update set amount_cents = excluded.amount_cents
      where portal_instalments.amount_cents is distinct from excluded.amount_cents
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeInvoices(trx: Trx, rows: Lined<z.output<typeof invoiceRow>>[], now: Date): Promise<WriteResult> {
  const contracts = col(rows, (r) => r.contract_number) as string[];
  const unresolved = await missing(trx, rows, contracts, 'portal_contracts', 'contract_number', 'contract_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_invoices (contract_id, invoice_number, issued_on, period_from, period_to, consumption, net_cents, vat_cents, gross_cents, instalments_paid_cents, imported_at)
      select k.id, t.invoice_number, t.issued_on, t.period_from, t.period_to, t.consumption, t.net_cents, t.vat_cents, t.gross_cents, t.paid, ${now.toISOString()}::timestamptz
      from unnest(
        ${col(rows, (r) => r.invoice_number)}::text[], ${contracts}::text[], ${col(rows, (r) => r.issued_on)}::date[], ${col(rows, (r) => r.period_from)}::date[],
        ${col(rows, (r) => r.period_to)}::date[], ${col(rows, (r) => r.consumption)}::numeric[], ${col(rows, (r) => r.net_cents)}::int[],
        ${col(rows, (r) => r.vat_cents)}::int[], ${col(rows, (r) => r.gross_cents)}::int[], ${col(rows, (r) => r.instalments_paid_cents)}::int[])
        as t(invoice_number, contract_number, issued_on, period_from, period_to, consumption, net_cents, vat_cents, gross_cents, paid)
      join portal_contracts k on k.contract_number = t.contract_number
      on conflict (invoice_number) do update set contract_id = excluded.contract_id, issued_on = excluded.issued_on, period_from = excluded.period_from,
        period_to = excluded.period_to, consumption = excluded.consumption, net_cents = excluded.net_cents, vat_cents = excluded.vat_cents,
        gross_cents = excluded.gross_cents, instalments_paid_cents = excluded.instalments_paid_cents, imported_at = excluded.imported_at
      where (portal_invoices.contract_id, portal_invoices.issued_on, portal_invoices.period_from, portal_invoices.period_to, portal_invoices.consumption,
             portal_invoices.net_cents, portal_invoices.vat_cents, portal_invoices.gross_cents, portal_invoices.instalments_paid_cents)
        is distinct from (excluded.contract_id, excluded.issued_on, excluded.period_from, excluded.period_to, excluded.consumption,
             excluded.net_cents, excluded.vat_cents, excluded.gross_cents, excluded.instalments_paid_cents)
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

export async function writeMandates(trx: Trx, rows: Lined<z.output<typeof mandateRow>>[], now: Date): Promise<WriteResult> {
  const customers = col(rows, (r) => r.customer_number) as string[];
  const unresolved = await missing(trx, rows, customers, 'portal_customers', 'customer_number', 'customer_number');
  return upsert(
    trx,
    sql<{ inserted: boolean }>`
      insert into portal_bank_mandates (customer_id, mandate_reference, account_holder, iban, signed_on, revoked_on, imported_at)
      select c.id, t.reference, t.holder, t.iban, t.signed_on, t.revoked_on, ${now.toISOString()}::timestamptz
      from unnest(${col(rows, (r) => r.mandate_reference)}::text[], ${customers}::text[], ${col(rows, (r) => r.account_holder)}::text[],
        ${col(rows, (r) => r.iban)}::text[], ${col(rows, (r) => r.signed_on)}::date[], ${col(rows, (r) => r.revoked_on)}::date[])
        as t(reference, customer_number, holder, iban, signed_on, revoked_on)
      join portal_customers c on c.customer_number = t.customer_number
      on conflict (mandate_reference) do update set customer_id = excluded.customer_id, account_holder = excluded.account_holder, iban = excluded.iban,
        signed_on = excluded.signed_on, revoked_on = excluded.revoked_on, imported_at = excluded.imported_at
      where (portal_bank_mandates.customer_id, portal_bank_mandates.account_holder, portal_bank_mandates.iban, portal_bank_mandates.signed_on, portal_bank_mandates.revoked_on)
        is distinct from (excluded.customer_id, excluded.account_holder, excluded.iban, excluded.signed_on, excluded.revoked_on)
      returning (xmax = 0) as inserted`,
    unresolved,
  );
}

/**
 * The customer's statutory periods start when the last of their contracts has ended; a new
 * contract (a re-import with a running one) stops the clock again.
 */
export async function updateContractsEnded(trx: Trx): Promise<void> {
  await sql`
    update portal_customers c set contracts_ended_at = e.ended
    from (
      select k.customer_id, case when bool_or(k.end_date is null) then null else max(k.end_date)::timestamptz end as ended
      from portal_contracts k group by k.customer_id
    ) e
    where e.customer_id = c.id and c.contracts_ended_at is distinct from e.ended`.execute(trx);
}
