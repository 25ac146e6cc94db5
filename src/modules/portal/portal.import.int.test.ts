import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { portalCommands } from './portal.commands.ts';
import { demoCsvFiles, demoData } from './portal.demo-data.ts';
import { ImportError, importBillingExport } from './portal.import.ts';
import type { PortalTables } from './portal.tables.ts';

let ctx: TestContext;
let dir: string;
const db = () => ctx.db.withTables<PortalTables>();
const NOW = new Date('2026-06-15T10:00:00Z');

function writeExport(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(dir, 'export-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

const counts = async () => {
  const n = async (table: keyof PortalTables) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    customers: await n('portal_customers'),
    contracts: await n('portal_contracts'),
    readings: await n('portal_meter_readings'),
    invoices: await n('portal_invoices'),
    mandates: await n('portal_bank_mandates'),
  };
};

beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(path.join(os.tmpdir(), 'portal-import-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx?.database.close();
});

describe("portal import (the billing system's export)", () => {
  test('imports the CSV files streamed, reports progress, and a second import of the same export changes nothing', async () => {
    const data = demoData(NOW, 25, { firstNumber: 5_100_001, seed: 7 });
    const files = demoCsvFiles(data);
    const d = writeExport(files);
    const progress: [number, number][] = [];
    const first = await importBillingExport(db(), d, { now: NOW, onProgress: (read, total) => progress.push([read, total]) });
    expect(first.files.map((f) => f.file)).toEqual([
      'customers.csv',
      'contracts.csv',
      'metering_points.csv',
      'meters.csv',
      'readings.csv',
      'instalments.csv',
      'invoices.csv',
      'mandates.csv',
    ]);
    for (const f of first.files) expect(f.inserted, f.file).toBe(f.rows);
    const total = Object.values(files).reduce((s, x) => s + Buffer.byteLength(x), 0);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(await counts()).toEqual({
      customers: 25,
      contracts: data.contracts.length,
      readings: data.readings.length,
      invoices: data.invoices.length,
      mandates: data.mandates.length,
    });

    const again = await importBillingExport(db(), d, { now: new Date(NOW.getTime() + 86_400_000) });
    for (const f of again.files) expect([f.file, f.inserted, f.updated, f.unchanged]).toEqual([f.file, 0, 0, f.rows]);
    expect(await counts()).toEqual({
      customers: 25,
      contracts: data.contracts.length,
      readings: data.readings.length,
      invoices: data.invoices.length,
      mandates: data.mandates.length,
    });

    // A changed address and a new reading: exactly those change.
    const customers = files['customers.csv'] as string;
    const moved = customers.replace(/^(5100003;[^;]*;[^;]*;[^;]*;)[^;]*/m, '$1Neue Allee 99');
    const readings = `${files['readings.csv']}${data.readings[0]?.meter_number};2026-06-10;99999999.5;billing\n`;
    const third = await importBillingExport(db(), writeExport({ 'customers.csv': moved, 'readings.csv': readings }), { now: NOW });
    expect(third.files.map((f) => [f.file, f.inserted, f.updated])).toEqual([
      ['customers.csv', 0, 1],
      ['readings.csv', 1, 0],
    ]);
    expect(
      (await db().selectFrom('portal_customers').select('street').where('customer_number', '=', '5100003').executeTakeFirstOrThrow())
        .street,
    ).toBe('Neue Allee 99');
  });

  test('every problem is reported with file, line and column, and nothing of a broken export is stored', async () => {
    const before = await counts();
    const d = writeExport({
      'customers.csv': [
        'customer_number;salutation;first_name;last_name;street;postcode;city;email;phone',
        '5200001;ms;Ina;Import;Weg 1;12345;Musterstadt;ina@example.org;',
        '5200002;frau;Ole;Import;Weg 2;1234;Musterstadt;kein-mail;0211 123',
        '5200001;mr;Doppelt;Import;Weg 3;12345;Musterstadt;;',
        '',
      ].join('\n'),
      'contracts.csv': [
        'contract_number;customer_number;commodity;tariff;supply_street;supply_postcode;supply_city;start_date;end_date;instalment_cents;annual_estimate',
        'S5200001;5200001;electricity;Öko;Weg 1;12345;Musterstadt;2020-02-30;;8500;3000',
        'S5299999;5299999;electricity;Öko;Weg 1;12345;Musterstadt;2020-01-01;;8500;3000',
        'X5200001;5200001;oil;Öko;Weg 1;12345;Musterstadt;2020-01-01;;-5;3000',
        '',
      ].join('\n'),
    });
    let error: ImportError | undefined;
    try {
      await importBillingExport(db(), d, { now: NOW });
    } catch (err) {
      error = err as ImportError;
    }
    expect(error).toBeInstanceOf(ImportError);
    const problems = error?.problems ?? [];
    expect(problems).toEqual(
      expect.arrayContaining([
        'customers.csv:3: salutation: expected ms, mr or nothing',
        'customers.csv:3: postcode: expected a five-digit postcode',
        'customers.csv:3: email: expected an e-mail address or nothing',
        'customers.csv:3: phone: expected a phone number in E.164 (+4921112345) or nothing',
        'customers.csv:4: duplicate of line 2 (5200001)',
        'contracts.csv:2: start_date: expected a date YYYY-MM-DD',
        'contracts.csv:4: commodity: expected one of electricity, gas, water, district-heating',
        'contracts.csv:4: instalment_cents: expected whole cents (not negative), e.g. 8500',
      ]),
    );
    expect(await counts()).toEqual(before);

    // A reference to a customer who is nowhere: reported with its line, nothing stored.
    const orphan = writeExport({
      'contracts.csv': [
        'contract_number;customer_number;commodity;tariff;supply_street;supply_postcode;supply_city;start_date;end_date;instalment_cents;annual_estimate',
        'S5299999;5299999;electricity;Öko;Weg 1;12345;Musterstadt;2020-01-01;;8500;3000',
        '',
      ].join('\n'),
    });
    await expect(importBillingExport(db(), orphan, { now: NOW })).rejects.toThrow(
      'contracts.csv:2: customer_number 5299999 is not in the export (nor imported before)',
    );
    expect(await counts()).toEqual(before);
  });

  test('[C37] a column the portal does not know is dropped as the file is read and named in the report; a missing one is refused', async () => {
    const d = writeExport({
      'customers.csv':
        'customer_number;salutation;first_name;last_name;street;postcode;city;email;phone;birth_date\n5300001;;Max;Muster;Weg 1;12345;Musterstadt;;;1970-01-01\n',
    });
    const report = await importBillingExport(db(), d, { now: NOW });
    expect(report.files.map((f) => [f.file, f.inserted, f.ignored])).toEqual([['customers.csv', 1, ['birth_date']]]);
    const row = await db().selectFrom('portal_customers').selectAll().where('customer_number', '=', '5300001').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('1970-01-01');
    const lacking = writeExport({
      'customers.csv':
        'customer_number;salutation;first_name;last_name;street;postcode;city;email\n5300002;;Mia;Muster;Weg 1;12345;Musterstadt;\n',
    });
    await expect(importBillingExport(db(), lacking, { now: NOW })).rejects.toThrow(/customers\.csv:1: missing column\(s\) phone/);
    expect(await db().selectFrom('portal_customers').select('id').where('customer_number', '=', '5300002').execute()).toEqual([]);
  });

  test('`portal import <dir>` runs as a command and says what it did', async () => {
    const d = writeExport(demoCsvFiles(demoData(NOW, 3, { firstNumber: 5_400_001, seed: 9 })));
    const command = portalCommands.find((c) => c.name === 'portal import');
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      expect(await command?.run([d], ctx)).toBe(0);
      expect(await command?.run([], ctx)).toBe(2);
    } finally {
      console.log = log;
    }
    expect(lines.join('\n')).toMatch(/customers\.csv\s+3 rows: 3 new, 0 changed, 0 unchanged/);
  });
});
