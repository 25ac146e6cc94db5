import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRouteAccess } from '../../src/core/auth/guard.ts';
import { allRoles, type Role } from '../../src/core/auth/roles.ts';
import { confirmRequest, createRequest } from '../../src/core/privacy/dsr.queries.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import { insertReportRequest } from '../../src/modules/solar/solar.requests.queries.ts';
import { createTestCustomer, signInCustomer } from '../support/customers.ts';
import { createTestStaff, formBody, type StaffAgent, signIn, type TestStaff } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/**
 * The back office's access policy, written down by hand from the claims and the organisation
 * chart, not read from the register: who may open which staff route. A route that is missing
 * here, or a role that gets a different answer, fails the test, so a change to the register or
 * to a route's declaration that widens or narrows access is caught and must be made here too.
 */
const DEPARTMENTS = ['department:customer-service', 'department:grid', 'department:energy-advice', 'department:billing'] as const;
const ANY = 'any' as const;
const POLICY: Record<string, readonly Role[] | typeof ANY> = {
  'GET /staff': ANY,
  'GET /staff/konto': ANY,
  'POST /staff/konto': ANY,
  'POST /staff/konto/wiederherstellungscodes': ANY,
  'POST /staff/abmelden': ANY,
  // anonymous statistics (C06, C08, C09)
  'GET /staff/statistik': ['admin', 'marketing', 'communications', 'editor', 'dpo'],
  'GET /staff/statistik/wege': ['admin', 'marketing', 'communications', 'editor', 'dpo'],
  // staff accounts: the administrators
  'GET /staff/mitarbeitende': ['admin'],
  'GET /staff/mitarbeitende/neu': ['admin'],
  'POST /staff/mitarbeitende/neu': ['admin'],
  'GET /staff/mitarbeitende/:id': ['admin'],
  'POST /staff/mitarbeitende/:id/rollen': ['admin'],
  'POST /staff/mitarbeitende/:id/einladung': ['admin'],
  'POST /staff/mitarbeitende/:id/deaktivieren': ['admin'],
  'POST /staff/mitarbeitende/freigaben/:grantId': ['admin'],
  // data-subject requests: customer service answers them, the data-protection officer oversees
  'GET /staff/anfragen': ['customer-service', 'dpo'],
  'GET /staff/anfragen/:id': ['customer-service', 'dpo'],
  'POST /staff/anfragen/:id/suche': ['customer-service', 'dpo'],
  'POST /staff/anfragen/:id/export': ['customer-service', 'dpo'],
  'POST /staff/anfragen/:id/loeschen': ['customer-service', 'dpo'],
  'POST /staff/anfragen/:id/pruefung': ['customer-service', 'dpo'],
  'POST /staff/anfragen/:id/abschliessen': ['customer-service', 'dpo'],
  // the DPO's view of the register, its deletion runs and the audit log
  'GET /staff/datenschutz': ['dpo'],
  'POST /staff/datenschutz/loeschlauf': ['dpo'],
  'GET /staff/datenschutz/taetigkeiten/:id': ['dpo'],
  'GET /staff/datenschutz/protokoll': ['dpo'],
  // legal holds: the legal department and the DPO
  'GET /staff/datenschutz/sperren': ['legal', 'dpo'],
  'POST /staff/datenschutz/sperren': ['legal', 'dpo'],
  'POST /staff/datenschutz/sperren/:id/aufheben': ['legal', 'dpo'],
  // letters for the print room: customer service
  'GET /staff/druckerei': ['customer-service'],
  'POST /staff/druckerei/:day': ['customer-service'],
  // portal processes become tasks for customer service (C33)
  'GET /staff/portal/aufgaben': ['customer-service'],
  'GET /staff/portal/aufgaben/:id': ['customer-service'],
  'POST /staff/portal/aufgaben/:id/erledigt': ['customer-service'],
  // the SMS abuse record goes to the legal department only, for authorities (C65)
  'GET /staff/sms/missbrauch': ['legal'],
  'POST /staff/sms/missbrauch/export': ['legal'],
  // the general contact form: the department of its topic (C15)
  'GET /staff/kontakt/anfragen': DEPARTMENTS,
  'GET /staff/kontakt/anfragen/:id': DEPARTMENTS,
  'POST /staff/kontakt/anfragen/:id/:action': DEPARTMENTS,
  // each officer's form reaches only that officer (C21)
  'GET /staff/kontakt/datenschutz': ['dpo'],
  'GET /staff/kontakt/datenschutz/:id': ['dpo'],
  'POST /staff/kontakt/datenschutz/:id/:action': ['dpo'],
  'GET /staff/kontakt/gleichstellung': ['equal-treatment'],
  'GET /staff/kontakt/gleichstellung/:id': ['equal-treatment'],
  'POST /staff/kontakt/gleichstellung/:id/:action': ['equal-treatment'],
  // callbacks: customer service (C18)
  'GET /staff/kontakt/rueckrufe': ['customer-service'],
  'GET /staff/kontakt/rueckrufe/:id': ['customer-service'],
  'POST /staff/kontakt/rueckrufe/:id/:action': ['customer-service'],
  // requests for the detailed solar figures: energy advice (C25)
  'GET /staff/solar/auswertungen': ['energy-advice'],
  'GET /staff/solar/auswertungen/:id': ['energy-advice'],
  'GET /staff/solar/auswertungen/:id/bericht.pdf': ['energy-advice'],
  'POST /staff/solar/auswertungen/:id/pruefen': ['energy-advice'],
  'POST /staff/solar/auswertungen/:id/ablehnen': ['energy-advice'],
  'POST /staff/solar/auswertungen/:id/senden': ['energy-advice'],
  'POST /staff/solar/auswertungen/:id/erledigt': ['energy-advice'],
};

// Recognisable personal values, seeded into every module: none may appear on a page that says
// it shows no personal data.
const PERSON = {
  name: 'Erika Beweisfrau',
  email: 'erika.beweisfrau@example.org',
  phone: '0211 7654321',
  ip: '198.51.100.123',
  path: '/erika.beweisfrau@example.org',
  referrer: 'https://erika-beweisfrau.example/tagebuch',
};
const PERSONAL = [PERSON.name, 'Beweisfrau', PERSON.email, '7654321', PERSON.ip, 'erika-beweisfrau', 'erika.beweisfrau'];

let t: TestApp;
const agents = new Map<Role, StaffAgent>();
const members = new Map<Role, TestStaff>();
const ids: Record<string, string> = {};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const staffRoutes = () =>
  t.app.routeTable
    .filter((r) => r.url.startsWith('/staff'))
    .map((r) => ({ method: r.method, url: r.url, access: r.config.staff as StaffRouteAccess | undefined, key: `${r.method} ${r.url}` }))
    .filter((r) => r.access !== 'sign-in');
const expected = (key: string): readonly Role[] => {
  const entry = POLICY[key];
  if (entry === undefined) throw new Error(`${key} is not in the policy table`);
  return entry === ANY ? allRoles(t.config.organisation) : entry;
};

async function sendForm(url: string, form: Record<string, string>, table: 'contact_requests' | 'contact_callbacks'): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody(form) });
  expect(res.statusCode, url).toBe(200);
  const reference = /([A-Z]{1,3}-2026-[0-9A-Z]{8})/.exec(res.body)?.[1] as string;
  const row = await t.database.db
    .withTables<{ [k in typeof table]: { id: string; reference: string } }>()
    .selectFrom(table)
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  t.clock.set('2026-06-02T08:00:00Z');
  for (const role of allRoles(t.config.organisation)) {
    const member = await createTestStaff(t.database.db, [role], t.clock.now());
    members.set(role, member);
    agents.set(role, await signIn(t.app, member, t.clock));
  }
  // One record in every inbox, each carrying the same person's data.
  const person = { salutation: 'ms', name: PERSON.name, email: PERSON.email, concern: `Anliegen von ${PERSON.name}` };
  ids.general = await sendForm('/kontakt', { ...person, topic: 'grid', phone: PERSON.phone }, 'contact_requests');
  ids.dpo = await sendForm('/kontakt/datenschutz', person, 'contact_requests');
  ids.equal = await sendForm('/kontakt/gleichstellung', person, 'contact_requests');
  ids.callback = await sendForm(
    '/kontakt/rueckruf',
    { name: PERSON.name, phone: PERSON.phone, day: '2026-06-03', slot: '11:00' },
    'contact_callbacks',
  );
  const pdb = t.database.db.withTables<PrivacyTables>();
  const dsr = await createRequest(
    pdb,
    { kind: 'access', name: PERSON.name, email: PERSON.email, phone: null, customerNumber: null, message: null, locale: 'de' },
    t.clock.now(),
  );
  await confirmRequest(pdb, dsr.token, t.clock.now());
  ids.dsr = dsr.id;
  ids.solar = (
    await insertReportRequest(
      t.database.db as never,
      {
        locale: 'de',
        role: 'owner',
        delivery: 'email',
        name: PERSON.name,
        email: PERSON.email,
        postalStreet: 'Beweisweg 1',
        postalPostcode: '12345',
        postalTown: 'Musterstadt',
        postalCountry: null,
        buildingStreet: 'Beweisweg',
        buildingNumber: '1',
        buildingPostcode: '12345',
        buildingTown: 'Musterstadt',
      },
      t.clock.now(),
    )
  ).id;
  const customer = await createTestCustomer(t.database.db, t.clock.now());
  const portal = await signInCustomer(t.app, customer, PERSON.ip);
  expect(
    (await portal.post('/portal/umzug', { moveOn: '2026-07-31', street: 'Beweisweg 1', postcode: '12345', city: 'Musterstadt' }))
      .statusCode,
  ).toBeLessThan(400);
  ids.task = (await sql<{ id: string }>`select id from portal_tasks where customer_id = ${customer.customerId}`.execute(t.database.db))
    .rows[0]?.id as string;
  // a member nobody signs in as: the admin's probes of the account routes may change this one
  ids.staff = (await createTestStaff(t.database.db, ['hr'], t.clock.now())).id;
  // The person also visits the site: a typed path, a personal referrer, page-to-page steps.
  for (let i = 0; i < 6; i++) {
    await t.app.inject({ method: 'GET', url: PERSON.path, headers: { 'x-forwarded-for': PERSON.ip, referer: PERSON.referrer } });
    await t.app.inject({
      method: 'POST',
      url: '/api/analytics/schritt',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ path: PERSON.path, previous: '/strom' }),
    });
  }
  await t.app.accessLog.flush();
  for (const id of Object.values(ids)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
});
afterAll(() => t?.close());

/** A route's path with its parameters filled from the seeded records. */
function concrete(url: string): string {
  const byPrefix: [string, string][] = [
    ['/staff/kontakt/anfragen/', ids.general as string],
    ['/staff/kontakt/datenschutz/', ids.dpo as string],
    ['/staff/kontakt/gleichstellung/', ids.equal as string],
    ['/staff/kontakt/rueckrufe/', ids.callback as string],
    ['/staff/anfragen/', ids.dsr as string],
    ['/staff/solar/auswertungen/', ids.solar as string],
    ['/staff/portal/aufgaben/', ids.task as string],
    ['/staff/mitarbeitende/', ids.staff as string],
    ['/staff/datenschutz/taetigkeiten/', 'contact.requests'],
  ];
  const id = byPrefix.find(([prefix]) => url.startsWith(prefix))?.[1] ?? '00000000-0000-4000-8000-000000000000';
  return url.replace(/:[^/]+/g, id);
}

describe('[C04] the staff access policy, stated independently of the register', () => {
  test('[C04] every staff route is in the policy table, and every row of the table is a route', () => {
    const keys = staffRoutes().map((r) => r.key);
    expect(keys.filter((k) => !(k in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((k) => !keys.includes(k))).toEqual([]);
  });

  test('[C04] every staff route answers every role as the table says: refused (403) exactly where the table grants nothing', async () => {
    const wrong: string[] = [];
    for (const route of staffRoutes().sort((a, b) => Number(a.url === '/staff/abmelden') - Number(b.url === '/staff/abmelden'))) {
      const allowed = expected(route.key);
      for (const [role, agent] of agents) {
        t.clock.advance(1000);
        const url = concrete(route.url);
        // State changes are probed with an empty form, on seeded records no agent depends on.
        const res = route.method === 'GET' ? await agent.get(url) : await agent.post(url);
        const refused = res.statusCode === 403;
        if (allowed.includes(role) === refused) wrong.push(`${role} ${route.key} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    // about a thousand requests: on a shared, busy machine this takes longer than the default
  }, 240_000);

  test('[C04] every page that shows personal data writes an audit entry for the member who opened it, naming the records shown', async () => {
    const audit = t.database.db.withTables<PrivacyTables>();
    const missing: string[] = [];
    const reads = staffRoutes().filter((r) => r.method === 'GET' && r.access && r.access !== 'sign-in' && 'activity' in r.access);
    expect(reads.length).toBeGreaterThan(20);
    // the walk above signed every agent out last; sign in again
    for (const [role, member] of members) agents.set(role, await signIn(t.app, member, t.clock));
    for (const route of reads) {
      // the seeded general request is on the grid's topic: the grid department sees it
      const role = route.url.startsWith('/staff/kontakt/anfragen') ? 'department:grid' : (expected(route.key)[0] as Role);
      const member = members.get(role) as TestStaff;
      const url = concrete(route.url);
      t.clock.advance(1000);
      const since = t.clock.now();
      const res = await (agents.get(role) as StaffAgent).get(url);
      const entries = await audit
        .selectFrom('audit_log')
        .selectAll()
        .where('occurred_at', '>=', since)
        .where('staff_id', '=', member.id)
        .where('path', '=', url)
        .execute();
      if (res.statusCode !== 200) {
        // the seeded record exists for every route with an id, so only a report not yet made may be missing
        if (!route.url.endsWith('/bericht.pdf')) missing.push(`${route.key}: ${res.statusCode}`);
        continue;
      }
      if (entries.length !== 1) missing.push(`${route.key}: ${entries.length} audit entries`);
      const id = /[0-9a-f-]{36}/.exec(url)?.[0];
      if (id && route.url.includes(':') && !entries[0]?.record_ids.includes(id)) missing.push(`${route.key}: record ${id} not named`);
      if (entries[0] && entries[0].activity !== (route.access as { activity: string }).activity)
        missing.push(`${route.key}: wrong activity`);
    }
    expect(missing).toEqual([]);
  });

  test('[C04] pages declared to show no personal data show none of the seeded person, even to a member holding every role', async () => {
    const all = await signIn(t.app, await createTestStaff(t.database.db, allRoles(t.config.organisation), t.clock.now()), t.clock);
    const pages = staffRoutes().filter((r) => r.method === 'GET' && r.access && r.access !== 'sign-in' && !('activity' in r.access));
    expect(pages.map((p) => p.url).sort()).toEqual(['/staff', '/staff/konto', '/staff/statistik', '/staff/statistik/wege']);
    const leaks: string[] = [];
    for (const page of pages) {
      const res = await all.get(page.url);
      expect(res.statusCode, page.url).toBe(200);
      for (const value of PERSONAL) if (res.body.toLowerCase().includes(value.toLowerCase())) leaks.push(`${page.url}: ${value}`);
    }
    expect(leaks).toEqual([]);
    // the pages are not empty: the statistics count the visits (under "other")
    expect((await all.get('/staff/statistik')).body).toContain('(andere)');
  });
});
