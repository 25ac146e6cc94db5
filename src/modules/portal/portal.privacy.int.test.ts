import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, signInCustomer } from '../../../tests/support/customers.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { AuthTables } from '../../core/auth/index.ts';
import { eraseSubject, findActivity, findSubject, privacyJobs, privacyModule } from '../../core/privacy/index.ts';
import type { PortalTables } from './portal.tables.ts';

let t: TestApp;
const db = () => t.database.db.withTables<PortalTables & AuthTables>();
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const count = async (table: keyof PortalTables, column: string, value: string) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column as never, '=', value as never)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the portal in the processing register', () => {
  test('[C37] the portal holds contract data only: every column of its tables is declared, and the contract activity names what concluding and running the contract yields', () => {
    const contract = findActivity(t.ctx.modules, t.config, 'portal.contract-data');
    expect(contract?.legalBasis).toEqual(['b-contract', 'c-legal-obligation']);
    expect(contract?.source.de).toContain('Abrechnungssystem');
    // The boot check (assertRegisterMatchesSchema) passed for this very app: no undeclared column exists.
    const columns = contract?.personalColumns ?? [];
    for (const c of [
      'portal_customers.customer_number',
      'portal_contracts.tariff',
      'portal_meter_readings.value',
      'portal_invoices.gross_cents',
      'portal_bank_mandates.iban',
    ])
      expect(columns).toContain(c);
    // Nothing beyond the contract: no birth date, no bank other than the mandate, no marketing data.
    expect(columns.filter((c) => /birth|gebur|interest|marketing|score/.test(c))).toEqual([]);
  });

  test('[C38] portal use is logged, the customer sees the log, and the retention run deletes entries after 90 days', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const start = t.clock.now();
    const agent = await signInCustomer(t.app, c, '198.51.100.7');
    await agent.post('/portal/umzug', { moveOn: '2026-07-31', street: 'Weg 1', postcode: '12345', city: 'Musterstadt' });
    const page = await agent.get('/portal/protokoll');
    expect(page.body).toContain('Anmeldung');
    expect(page.body).toContain('Umzug gemeldet');
    expect(page.body).toContain('198.51.100.7');
    expect(page.body).toContain('Nach 90 Tagen löschen wir jeden Eintrag automatisch');
    t.clock.set(new Date(start.getTime() + 60 * DAY));
    await signInCustomer(t.app, c, '198.51.100.8');
    expect(await count('portal_access_log', 'account_id', c.accountId as string)).toBe(3);
    t.clock.set(new Date(start.getTime() + 91 * DAY));
    await privacyModule.jobs?.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    const left = await db()
      .selectFrom('portal_access_log')
      .select(['action', 'ip'])
      .where('account_id', '=', c.accountId as string)
      .execute();
    expect(left).toEqual([{ action: 'signed-in', ip: '198.51.100.8' }]);
    t.clock.set(start);
  });

  test('[C38] the 90 days are exact: an entry just under 90 days old stays, one just over is deleted', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const run = new Date('2026-09-20T02:30:00Z');
    const MINUTE = 60_000;
    t.clock.set(new Date(run.getTime() - 90 * DAY - MINUTE));
    await signInCustomer(t.app, c, '198.51.100.91');
    t.clock.set(new Date(run.getTime() - 90 * DAY + MINUTE));
    await signInCustomer(t.app, c, '198.51.100.89');
    t.clock.set(run);
    await privacyJobs.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    const left = await db()
      .selectFrom('portal_access_log')
      .select('ip')
      .where('account_id', '=', c.accountId as string)
      .execute();
    expect(left.map((r) => r.ip)).toEqual(['198.51.100.89']);
  });

  test('[C39] deleting the online access removes the account, its sessions and its log; contract data stays; the page names the other ways to reach us', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, c);
    const other = await signInCustomer(t.app, c);
    await agent.post('/portal/umzug', { moveOn: '2026-07-31', street: 'Weg 1', postcode: '12345', city: 'Musterstadt' });
    const page = await agent.get('/portal/zugang-loeschen');
    const org = t.config.organisation;
    expect(page.body).toContain('per Post');
    expect(page.body).toContain(org.address.street);
    expect(page.body).toContain(org.phone);
    expect(page.body).toContain(org.email);
    expect(page.body).toContain('persönlich in unserem Kundenzentrum');
    expect(page.body).toContain('Vertragsdaten, Zählerstände und Rechnungen bleiben');

    const contractsBefore = await count('portal_contracts', 'customer_id', c.customerId);
    expect((await agent.post('/portal/zugang-loeschen', { password: c.password })).statusCode).toBe(400);
    expect((await agent.post('/portal/zugang-loeschen', { password: 'wrong wrong wrong', confirm: 'yes' })).statusCode).toBe(400);
    const done = await agent.post('/portal/zugang-loeschen', { password: c.password, confirm: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Ihr Online-Zugang ist gelöscht');
    expect(done.body).toContain(org.phone);
    expect(String(done.headers['set-cookie'])).toMatch(/^__Host-portal=;/);

    expect(await count('portal_accounts', 'customer_id', c.customerId)).toBe(0);
    expect(await count('portal_access_log', 'account_id', c.accountId as string)).toBe(0);
    expect(await count('portal_account_keys', 'account_id', c.accountId as string)).toBe(0);
    expect(
      await db()
        .selectFrom('sessions')
        .select('id_hash')
        .where('subject_id', '=', c.accountId as string)
        .execute(),
    ).toEqual([]);
    expect((await other.get('/portal')).statusCode).toBe(303);
    expect(await count('portal_customers', 'id', c.customerId)).toBe(1);
    expect(await count('portal_contracts', 'customer_id', c.customerId)).toBe(contractsBefore);
    expect(await count('portal_tasks', 'customer_id', c.customerId)).toBe(1);
    await expect(signInCustomer(t.app, c)).rejects.toThrow(/sign-in failed: 401/);
  });

  test('data-subject requests find the customer by number and e-mail; erasure deletes the online access and keeps contract data for its statutory reason', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    await signInCustomer(t.app, c);
    const byNumber = await findSubject(t.ctx, { customerNumber: c.customerNumber });
    const byEmail = await findSubject(t.ctx, { email: c.email });
    const tables = (rs: { table: string }[]) => [...new Set(rs.map((r) => r.table))].sort();
    expect(tables(byNumber.filter((r) => r.activity.startsWith('portal.')))).toEqual([
      'portal_access_log',
      'portal_accounts',
      'portal_bank_mandates',
      'portal_contracts',
      'portal_customers',
    ]);
    expect(tables(byEmail.filter((r) => r.activity.startsWith('portal.')))).toEqual(
      tables(byNumber.filter((r) => r.activity.startsWith('portal.'))),
    );
    const outcomes = await eraseSubject(
      t.ctx,
      byNumber.filter((r) => r.activity.startsWith('portal.')),
    );
    expect(
      outcomes
        .filter((o) => o.outcome === 'deleted')
        .map((o) => o.table)
        .sort(),
    ).toEqual(['portal_access_log', 'portal_accounts']);
    const kept = outcomes.filter((o) => o.outcome === 'kept');
    expect(kept.length).toBeGreaterThan(2);
    for (const k of kept) expect(k.reason).toEqual({ kind: 'business-records', years: 10 });
    expect(await count('portal_accounts', 'customer_id', c.customerId)).toBe(0);
    expect(await count('portal_customers', 'id', c.customerId)).toBe(1);
  });

  test('[C37] [C36] the retention run deletes never-activated accesses and expired keys, and contract data ten years after the last contract ended', async () => {
    const start = t.clock.now();
    const pending = await createTestCustomer(t.database.db, start, { account: false });
    const pw = 'a long enough sentence to be accepted';
    await t.app.inject({
      method: 'POST',
      url: '/portal/registrieren',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        customerNumber: pending.customerNumber,
        name: pending.lastName,
        postcode: pending.postcode,
        email: `ret.${pending.customerNumber}@example.org`,
        password: pw,
        repeat: pw,
        channel: 'email',
      }).toString(),
    });
    expect(await count('portal_accounts', 'customer_id', pending.customerId)).toBe(1);
    const ended = await createTestCustomer(t.database.db, start);
    await db().updateTable('portal_contracts').set({ end_date: '2016-01-31' }).where('customer_id', '=', ended.customerId).execute();
    await db()
      .updateTable('portal_customers')
      .set({ contracts_ended_at: new Date('2016-01-31T00:00:00Z') })
      .where('id', '=', ended.customerId)
      .execute();
    t.clock.set(new Date(start.getTime() + 32 * DAY));
    await privacyModule.jobs?.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    expect(await count('portal_accounts', 'customer_id', pending.customerId)).toBe(0);
    expect(await count('portal_customers', 'id', pending.customerId)).toBe(1);
    expect(await count('portal_customers', 'id', ended.customerId)).toBe(0);
    expect(await count('portal_contracts', 'customer_id', ended.customerId)).toBe(0);
    t.clock.set(start);
  });
});
