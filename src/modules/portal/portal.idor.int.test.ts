import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CustomerAgent, createTestCustomer, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { PortalTables } from './portal.tables.ts';

let t: TestApp;
let a: TestCustomer;
let b: TestCustomer;
let asA: CustomerAgent;
const db = () => t.database.db.withTables<PortalTables>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every id of B's data, of every kind, and every number that would show B's data on a page. */
async function idsOf(customerId: string) {
  const contracts = await db()
    .selectFrom('portal_contracts')
    .select(['id', 'contract_number'])
    .where('customer_id', '=', customerId)
    .execute();
  const contractIds = contracts.map((c) => c.id);
  const points = await db()
    .selectFrom('portal_metering_points')
    .select(['id', 'location_id'])
    .where('contract_id', 'in', contractIds)
    .execute();
  const meters = await db()
    .selectFrom('portal_meters')
    .select(['id', 'meter_number'])
    .where(
      'metering_point_id',
      'in',
      points.map((p) => p.id),
    )
    .execute();
  const invoices = await db()
    .selectFrom('portal_invoices')
    .select(['id', 'invoice_number'])
    .where('contract_id', 'in', contractIds)
    .execute();
  const mandates = await db()
    .selectFrom('portal_bank_mandates')
    .select(['id', 'iban', 'mandate_reference'])
    .where('customer_id', '=', customerId)
    .execute();
  const tasks = await db().selectFrom('portal_tasks').select(['id', 'reference']).where('customer_id', '=', customerId).execute();
  const accounts = await db().selectFrom('portal_accounts').select(['id', 'email']).where('customer_id', '=', customerId).execute();
  return {
    ids: [
      customerId,
      ...contractIds,
      ...points.map((p) => p.id),
      ...meters.map((m) => m.id),
      ...invoices.map((i) => i.id),
      ...mandates.map((m) => m.id),
      ...tasks.map((x) => x.id),
      ...accounts.map((x) => x.id),
    ],
    visible: [
      ...contracts.map((c) => c.contract_number),
      ...points.map((p) => p.location_id),
      ...meters.map((m) => m.meter_number),
      ...invoices.map((i) => i.invoice_number),
      ...mandates.flatMap((m) => [m.iban, m.iban.slice(-4), m.mandate_reference]),
      ...tasks.map((x) => x.reference),
      ...accounts.map((x) => x.email),
    ],
  };
}

/** B's data, as a fingerprint: nothing A does may change it. */
async function stateOf(customerId: string) {
  const tasks = await db()
    .selectFrom('portal_tasks')
    .select(['id', 'status'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  const readings = await db()
    .selectFrom('portal_meter_readings as r')
    .innerJoin('portal_meters as m', 'm.id', 'r.meter_id')
    .innerJoin('portal_metering_points as p', 'p.id', 'm.metering_point_id')
    .innerJoin('portal_contracts as c', 'c.id', 'p.contract_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  const account = await db()
    .selectFrom('portal_accounts')
    .select(['email', 'password_hash', 'totp_secret'])
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  const log = await db()
    .selectFrom('portal_access_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', b.accountId as string)
    .executeTakeFirstOrThrow();
  return JSON.stringify({ tasks, readings: Number(readings.n), account, log: Number(log.n) });
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestCustomer(t.database.db, t.clock.now(), { seed: 11 });
  b = await createTestCustomer(t.database.db, t.clock.now(), { seed: 12 });
  // B has a request of their own, so B has task ids too.
  const asB = await signInCustomer(t.app, b, '203.0.113.2');
  expect(
    (await asB.post('/portal/umzug', { moveOn: '2026-07-31', street: 'Neue Straße 2', postcode: '12345', city: 'Musterstadt' })).statusCode,
  ).toBe(200);
  asA = await signInCustomer(t.app, a, '203.0.113.1');
});
afterAll(() => t?.close());

const portalRoutes = () =>
  t.app.routeTable.filter(
    (r) => r.url === '/portal' || r.url.startsWith('/portal/') || r.url === '/en/portal' || r.url.startsWith('/en/portal/'),
  );

describe('[C34] each customer reaches only their own data', () => {
  test('[C34] every portal route declares its access, and all but registration, activation, sign-in and reset need a signed-in customer', () => {
    const undeclared = portalRoutes().filter((r) => !r.config.customer);
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const open = portalRoutes()
      .filter((r) => r.config.customer !== 'signed-in')
      .map((r) => r.url);
    for (const url of open)
      expect(url, url).toMatch(
        /registrieren|register|aktivieren|activate|anmelden|sign-in|passwort-vergessen|forgot-password|passwort-neu|new-password|email-bestaetigen|confirm-email/,
      );
    expect(portalRoutes().filter((r) => r.config.customer === 'signed-in').length).toBeGreaterThan(30);
  });

  test("[C34] customer A on every portal route with every id of customer B: 403 or 404, and B's data unchanged", async () => {
    const { ids } = await idsOf(b.customerId);
    expect(ids.length).toBeGreaterThan(8);
    const before = await stateOf(b.customerId);
    const leaks: string[] = [];
    const withParams = portalRoutes().filter((r) => r.config.customer === 'signed-in' && r.url.includes(':'));
    expect(withParams.length).toBeGreaterThanOrEqual(4);
    for (const route of withParams) {
      for (const id of ids) {
        const url = route.url.replace(/:[^/]+/g, id);
        const res = route.method === 'GET' ? await asA.get(url) : await asA.post(url);
        if (res.statusCode !== 403 && res.statusCode !== 404) leaks.push(`${route.method} ${url} → ${res.statusCode}`);
      }
    }
    // Forms that name an object (a meter, a contract) by id: found on A's own pages, sent with B's ids.
    const forms: { action: string; field: string; fields: Record<string, string> }[] = [];
    for (const route of portalRoutes().filter((r) => r.method === 'GET' && r.config.customer === 'signed-in' && !r.url.includes(':'))) {
      const page = await asA.get(route.url);
      for (const [, action, inner] of page.body.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
        const fields: Record<string, string> = {};
        for (const [, name, value] of (inner as string).matchAll(/name="(\w+)"[^>]*?value="([^"]*)"/g))
          fields[name as string] ??= value as string;
        for (const [name, value] of Object.entries(fields))
          if (UUID.test(value)) forms.push({ action: action as string, field: name, fields });
      }
    }
    expect(forms.map((f) => `${f.action} ${f.field}`)).toEqual(
      expect.arrayContaining([
        '/portal/zaehlerstand meter',
        '/portal/abschlag contract',
        '/en/portal/meter-reading meter',
        '/en/portal/instalment contract',
      ]),
    );
    for (const form of forms) {
      for (const id of ids) {
        const { _csrf, ...own } = form.fields;
        const res = await asA.post(form.action, { ...own, value: '99999', amount: '50', [form.field]: id });
        if (res.statusCode !== 403 && res.statusCode !== 404) leaks.push(`POST ${form.action} ${form.field}=${id} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await stateOf(b.customerId)).toBe(before);
  });

  test("[C34] no page A can open shows anything of B, even with B's ids in the query", async () => {
    const { ids, visible } = await idsOf(b.customerId);
    const own = await idsOf(a.customerId);
    const seen: string[] = [];
    const gets = portalRoutes().filter((r) => r.method === 'GET' && r.config.customer === 'signed-in');
    const urls = [
      ...gets
        .filter((r) => !r.url.includes(':'))
        .flatMap((r) => [r.url, `${r.url}?id=${ids[1]}&customer=${b.customerId}&kunde=${b.customerNumber}`]),
      // A's own objects, so the detail pages are seen too
      ...gets.filter((r) => r.url.includes(':')).flatMap((r) => own.ids.map((id) => r.url.replace(/:[^/]+/g, id))),
    ];
    let opened = 0;
    for (const url of urls) {
      const res = await asA.get(url);
      if (res.statusCode !== 200) continue;
      opened += 1;
      const body = res.headers['content-type']?.includes('pdf') ? res.rawPayload.toString('latin1') : res.body;
      for (const v of [...visible, b.customerNumber]) if (body.includes(v)) seen.push(`${url} shows ${v}`);
    }
    expect(opened).toBeGreaterThan(20);
    expect(seen).toEqual([]);
  });

  test("[C34] the customer comes from the session, never from the request: a forged id in a form changes only A's own data", async () => {
    const before = await stateOf(b.customerId);
    const res = await asA.post('/portal/umzug', {
      moveOn: '2026-08-01',
      street: 'Fremdweg 3',
      postcode: '12345',
      city: 'Musterstadt',
      customerId: b.customerId,
      customer: b.customerNumber,
      accountId: b.accountId as string,
    });
    expect(res.statusCode).toBe(200);
    const task = await db()
      .selectFrom('portal_tasks')
      .select(['customer_id'])
      .where('payload', '@>', JSON.stringify({ street: 'Fremdweg 3' }) as never)
      .executeTakeFirstOrThrow();
    expect(task.customer_id).toBe(a.customerId);
    expect(await stateOf(b.customerId)).toBe(before);
  });
});
