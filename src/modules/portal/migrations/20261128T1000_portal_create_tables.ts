import { type Kysely, sql } from 'kysely';

/**
 * Contract data as the billing system exports it (C37), the customers' online access (C35, C36),
 * its log (C38) and the tasks the portal's business processes leave for customer service (C33).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_customers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_number', 'text', (c) => c.notNull().unique())
    .addColumn('salutation', 'text', (c) => c.check(sql`salutation in ('ms', 'mr')`))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    // Set by the import once every contract of the customer has ended: the statutory periods start here.
    .addColumn('contracts_ended_at', 'timestamptz')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index portal_customers_email on portal_customers (lower(email))`.execute(db);
  await db.schema.createIndex('portal_customers_phone').on('portal_customers').column('phone').execute();

  await db.schema
    .createTable('portal_contracts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('portal_customers.id').onDelete('cascade'))
    .addColumn('contract_number', 'text', (c) => c.notNull().unique())
    .addColumn('commodity', 'text', (c) => c.notNull().check(sql`commodity in ('electricity', 'gas', 'water', 'district-heating')`))
    .addColumn('tariff', 'text', (c) => c.notNull())
    .addColumn('supply_street', 'text', (c) => c.notNull())
    .addColumn('supply_postcode', 'text', (c) => c.notNull())
    .addColumn('supply_city', 'text', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addColumn('instalment_cents', 'integer', (c) => c.notNull().check(sql`instalment_cents >= 0`))
    .addColumn('annual_estimate', sql`numeric(14, 3)`, (c) => c.notNull().check(sql`annual_estimate >= 0`))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_contracts_customer').on('portal_contracts').column('customer_id').execute();

  await db.schema
    .createTable('portal_metering_points')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('portal_contracts.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.notNull().unique())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_metering_points_contract').on('portal_metering_points').column('contract_id').execute();

  await db.schema
    .createTable('portal_meters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('metering_point_id', 'uuid', (c) => c.notNull().references('portal_metering_points.id').onDelete('cascade'))
    .addColumn('meter_number', 'text', (c) => c.notNull().unique())
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('kWh', 'm3')`))
    .addColumn('installed_on', 'date', (c) => c.notNull())
    .addColumn('removed_on', 'date')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_meters_point').on('portal_meters').column('metering_point_id').execute();

  await db.schema
    .createTable('portal_meter_readings')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('meter_id', 'uuid', (c) => c.notNull().references('portal_meters.id').onDelete('cascade'))
    .addColumn('read_on', 'date', (c) => c.notNull())
    .addColumn('value', sql`numeric(14, 3)`, (c) => c.notNull().check(sql`value >= 0`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('billing', 'estimate', 'customer')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('portal_meter_readings_unique', ['meter_id', 'read_on', 'source'])
    .execute();

  await db.schema
    .createTable('portal_instalments')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('portal_contracts.id').onDelete('cascade'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addUniqueConstraint('portal_instalments_unique', ['contract_id', 'due_on'])
    .execute();

  await db.schema
    .createTable('portal_invoices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('portal_contracts.id').onDelete('cascade'))
    .addColumn('invoice_number', 'text', (c) => c.notNull().unique())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('consumption', sql`numeric(14, 3)`, (c) => c.notNull())
    .addColumn('net_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('gross_cents', 'integer', (c) => c.notNull())
    .addColumn('instalments_paid_cents', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_invoices_contract').on('portal_invoices').columns(['contract_id', 'issued_on']).execute();

  await db.schema
    .createTable('portal_bank_mandates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('portal_customers.id').onDelete('cascade'))
    .addColumn('mandate_reference', 'text', (c) => c.notNull().unique())
    .addColumn('account_holder', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'date', (c) => c.notNull())
    .addColumn('revoked_on', 'date')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_bank_mandates_customer').on('portal_bank_mandates').column('customer_id').execute();

  await db.schema
    .createTable('portal_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One online access per customer number.
    .addColumn('customer_id', 'uuid', (c) => c.notNull().unique().references('portal_customers.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('recovery_code_hashes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active')`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de').check(sql`locale in ('de', 'en')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .execute();
  await sql`create unique index portal_accounts_email on portal_accounts (lower(email))`.execute(db);

  await db.schema
    .createTable('portal_account_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('portal_accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('activation', 'password-reset', 'email-change')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('post', 'email')`))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('portal_account_keys_account').on('portal_account_keys').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('portal_access_log')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('portal_accounts.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('portal_access_log_account').on('portal_access_log').columns(['account_id', 'occurred_at']).execute();
  await db.schema.createIndex('portal_access_log_occurred_at').on('portal_access_log').column('occurred_at').execute();

  await db.schema
    .createTable('portal_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('portal_customers.id').onDelete('cascade'))
    .addColumn('contract_id', 'uuid', (c) => c.references('portal_contracts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('meter-reading', 'instalment', 'bank-mandate', 'move', 'email-change')`),
    )
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'done')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'uuid')
    .execute();
  await db.schema.createIndex('portal_tasks_status').on('portal_tasks').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('portal_tasks_customer').on('portal_tasks').column('customer_id').execute();
}
