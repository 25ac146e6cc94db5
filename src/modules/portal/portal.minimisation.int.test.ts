import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CUSTOMER_PASSWORD, signInCustomer } from '../../../tests/support/customers.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { hashPassword } from '../../core/auth/index.ts';
import { findSubject } from '../../core/privacy/index.ts';
import { portalCommands } from './portal.commands.ts';
import { demoCsvFiles, demoData } from './portal.demo-data.ts';
import type { PortalTables } from './portal.tables.ts';

let t: TestApp;
let dir: string;
const NOW = new Date('2026-06-15T10:00:00Z');
const NUMBER = 5_600_001;

// What a billing system knows beyond the supply contract: a birth date, a credit rating, a
// dunning note, an employer. Each value is unmistakable, so finding it anywhere is a finding.
const EXTRA = {
  'customers.csv': {
    birth_date: '1957-03-14',
    credit_score: 'Bonitaet-D-4711',
    dunning_note: 'Mahnstufe-3-zahlt-spaet',
    employer: 'Baeckerei-Kuemmerle-GmbH',
  },
  'contracts.csv': { payment_behaviour: 'Zahlungsmoral-schlecht-0815' },
  'mandates.csv': { bank_branch_contact: 'Filialleiter-Obermaier' },
} as const;
const MARKERS = Object.values(EXTRA).flatMap((columns) => Object.values(columns));

/** Appends the extra columns to a CSV file of the export, with the same value on every row. */
function withExtra(csv: string, extra: Record<string, string>): string {
  const [header, ...rows] = csv.trimEnd().split('\n');
  const names = Object.keys(extra);
  const values = Object.values(extra);
  return `${[`${header};${names.join(';')}`, ...rows.map((r) => `${r};${values.join(';')}`)].join('\n')}\n`;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  dir = mkdtempSync(path.join(os.tmpdir(), 'portal-minimisation-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('[C37] the portal after an import with more than the contract', () => {
  test('[C37] an export with extra columns and an extra file: the contract data is imported, the rest is stored nowhere and shown nowhere', async () => {
    const files = demoCsvFiles(demoData(NOW, 1, { firstNumber: NUMBER, seed: 37 }));
    for (const [file, extra] of Object.entries(EXTRA)) files[file] = withExtra(files[file] as string, extra);
    files['credit_checks.csv'] = `customer_number;agency;result\n${NUMBER};Auskunftei-Nord;${'Negativmerkmal-Inkasso-2024'}\n`;
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);

    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      expect(await portalCommands.find((c) => c.name === 'portal import')?.run([dir], t.ctx)).toBe(0);
    } finally {
      console.log = log;
    }
    const said = lines.join('\n');
    expect(said).toMatch(/customers\.csv\s+1 rows: 1 new/);
    expect(said).toContain('ignored column(s) birth_date, credit_score, dunning_note, employer');
    expect(said).toContain('ignored column(s) payment_behaviour');

    // Stored: the contract data, and no trace of the rest in any column of any table.
    const db = t.database.db.withTables<PortalTables>();
    const customer = await db
      .selectFrom('portal_customers')
      .selectAll()
      .where('customer_number', '=', String(NUMBER))
      .executeTakeFirstOrThrow();
    const markers = [...MARKERS, 'Negativmerkmal-Inkasso-2024', 'Auskunftei-Nord'];
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      t.database.db,
    );
    expect(tables.rows.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name } of tables.rows) {
      const hits = await sql<{ row: string }>`select r::text as row from ${sql.table(table_name)} r`.execute(t.database.db);
      for (const { row } of hits.rows) for (const m of markers) if (row.includes(m)) found.push(`${table_name}: ${m}`);
    }
    expect(found).toEqual([]);
    // The scan does look at the imported rows: the customer's contract data is there.
    const customerRows = await sql<{ row: string }>`select r::text as row from portal_customers r where r.id = ${customer.id}`.execute(
      t.database.db,
    );
    expect(customerRows.rows[0]?.row).toContain(customer.last_name);

    // Shown: the customer's pages, invoices and data-subject export carry none of it.
    await db
      .insertInto('portal_accounts')
      .values({
        customer_id: customer.id,
        email: 'c37.minimisation@example.org',
        password_hash: await hashPassword(CUSTOMER_PASSWORD),
        totp_secret: null,
        totp_last_step: null,
        status: 'active',
        locale: 'de',
        created_at: NOW,
        activated_at: NOW,
        last_login_at: null,
      })
      .execute();
    const agent = await signInCustomer(t.app, { email: 'c37.minimisation@example.org', password: CUSTOMER_PASSWORD });
    const contracts = await db.selectFrom('portal_contracts').select('id').where('customer_id', '=', customer.id).execute();
    const invoices = contracts.length
      ? await db
          .selectFrom('portal_invoices')
          .select('id')
          .where(
            'contract_id',
            'in',
            contracts.map((c) => c.id),
          )
          .execute()
      : [];
    expect(contracts.length).toBeGreaterThan(0);
    expect(invoices.length).toBeGreaterThan(0);
    const pages = [
      '/portal',
      '/en/portal',
      '/portal/rechnungen',
      '/portal/protokoll',
      '/portal/konto',
      '/portal/bankverbindung',
      '/portal/umzug',
      ...contracts.map((c) => `/portal/vertraege/${c.id}`),
    ];
    const overview = await agent.get('/portal');
    expect(overview.body).toContain(customer.last_name);
    for (const url of pages) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(200);
      for (const m of markers) expect(res.body, `${url} shows ${m}`).not.toContain(m);
    }
    for (const invoice of invoices) {
      const res = await agent.get(`/portal/rechnungen/${invoice.id}`);
      expect(res.headers['content-type']).toContain('application/pdf');
      const text = (await pdfText(res.rawPayload)).join('\n');
      expect(text).toContain(customer.last_name);
      for (const m of markers) expect(text, `invoice shows ${m}`).not.toContain(m);
    }
    const held = JSON.stringify(await findSubject(t.ctx, { customerNumber: String(NUMBER) }));
    expect(held).toContain(customer.last_name);
    for (const m of markers) expect(held, `data-subject export holds ${m}`).not.toContain(m);
  });
});
