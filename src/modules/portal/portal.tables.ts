import type { ColumnType, Generated } from 'kysely';

export type Commodity = 'electricity' | 'gas' | 'water' | 'district-heating';
export const COMMODITIES: readonly Commodity[] = ['electricity', 'gas', 'water', 'district-heating'];
export type MeterUnit = 'kWh' | 'm3';
export type ReadingSource = 'billing' | 'estimate' | 'customer';
export type AccountStatus = 'pending' | 'active';
export type KeyPurpose = 'activation' | 'password-reset' | 'email-change';
export type KeyChannel = 'post' | 'email';
export type TaskKind = 'meter-reading' | 'instalment' | 'bank-mandate' | 'move' | 'email-change';
export const TASK_KINDS: readonly TaskKind[] = ['meter-reading', 'instalment', 'bank-mandate', 'move', 'email-change'];

/** `numeric` arrives as a string from both drivers; queries that compute cast to float8. */
type Numeric = ColumnType<string, string | number, string | number>;

export interface PortalCustomersTable {
  id: Generated<string>;
  customer_number: string;
  salutation: 'ms' | 'mr' | null;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  email: string | null;
  phone: string | null;
  contracts_ended_at: Date | null;
  imported_at: Date;
}

/** A customer as a letter addresses them: number, name and postal address. */
export type Addressee = Pick<
  PortalCustomersTable,
  'customer_number' | 'salutation' | 'first_name' | 'last_name' | 'street' | 'postcode' | 'city'
>;

export interface PortalContractsTable {
  id: Generated<string>;
  customer_id: string;
  contract_number: string;
  commodity: Commodity;
  tariff: string;
  supply_street: string;
  supply_postcode: string;
  supply_city: string;
  /** Dates are 'YYYY-MM-DD' strings (see core/db/database.ts). */
  start_date: string;
  end_date: string | null;
  instalment_cents: number;
  /** Expected consumption per year, in the meters' unit (the billing system's forecast). */
  annual_estimate: Numeric;
  imported_at: Date;
}

export interface PortalMeteringPointsTable {
  id: Generated<string>;
  contract_id: string;
  /** Market location id (Marktlokations-ID) or metering point id as the billing system names it. */
  location_id: string;
  imported_at: Date;
}

export interface PortalMetersTable {
  id: Generated<string>;
  metering_point_id: string;
  meter_number: string;
  unit: MeterUnit;
  installed_on: string;
  removed_on: string | null;
  imported_at: Date;
}

export interface PortalMeterReadingsTable {
  id: Generated<number>;
  meter_id: string;
  read_on: string;
  value: Numeric;
  source: ReadingSource;
  /** Confirmed by the customer despite the plausibility warning; customer service has not accepted it yet. */
  awaiting_check: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
}

export interface PortalInstalmentsTable {
  id: Generated<number>;
  contract_id: string;
  due_on: string;
  amount_cents: number;
}

export interface PortalInvoicesTable {
  id: Generated<string>;
  contract_id: string;
  invoice_number: string;
  issued_on: string;
  period_from: string;
  period_to: string;
  consumption: Numeric;
  net_cents: number;
  vat_cents: number;
  gross_cents: number;
  instalments_paid_cents: number;
  imported_at: Date;
}

export interface PortalBankMandatesTable {
  id: Generated<string>;
  customer_id: string;
  mandate_reference: string;
  account_holder: string;
  iban: string;
  signed_on: string;
  revoked_on: string | null;
  imported_at: Date;
}

export interface PortalAccountsTable {
  id: Generated<string>;
  customer_id: string;
  email: string;
  /** Null until a password is set (the demo account gets a link to set one). */
  password_hash: string | null;
  /** Sealed with the installation's secret key (core/auth/secret-box.ts). */
  totp_secret: string | null;
  totp_last_step: number | null;
  recovery_code_hashes: ColumnType<string[], string[] | undefined, string[]>;
  status: AccountStatus;
  locale: 'de' | 'en';
  created_at: Date;
  activated_at: Date | null;
  last_login_at: Date | null;
}

export interface PortalAccountKeysTable {
  id: Generated<string>;
  account_id: string;
  purpose: KeyPurpose;
  channel: KeyChannel;
  key_hash: string;
  new_email: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  failed_attempts: ColumnType<number, number | undefined, number>;
}

export interface PortalAccessLogTable {
  id: Generated<number>;
  account_id: string;
  occurred_at: Date;
  action: string;
  detail: string | null;
  ip: string | null;
}

export interface PortalTasksTable {
  id: Generated<string>;
  reference: string;
  customer_id: string;
  contract_id: string | null;
  kind: TaskKind;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  created_at: Date;
  done_at: Date | null;
  done_by: string | null;
  /** How customer service answered: done, or declined (with a reason in `answer`). */
  outcome: ColumnType<'done' | 'declined' | null, 'done' | 'declined' | null | undefined, 'done' | 'declined' | null>;
  /** Customer service's message to the customer, shown in the portal and mailed. */
  answer: ColumnType<string | null, string | null | undefined, string | null>;
}

export type PortalTables = {
  portal_customers: PortalCustomersTable;
  portal_contracts: PortalContractsTable;
  portal_metering_points: PortalMeteringPointsTable;
  portal_meters: PortalMetersTable;
  portal_meter_readings: PortalMeterReadingsTable;
  portal_instalments: PortalInstalmentsTable;
  portal_invoices: PortalInvoicesTable;
  portal_bank_mandates: PortalBankMandatesTable;
  portal_accounts: PortalAccountsTable;
  portal_account_keys: PortalAccountKeysTable;
  portal_access_log: PortalAccessLogTable;
  portal_tasks: PortalTasksTable;
};
