import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localeOfPath } from '../../src/core/i18n/i18n.ts';
import { recordAudit } from '../../src/core/privacy/audit.ts';
import { setHold } from '../../src/core/privacy/holds.ts';
import type { PrivacyTables } from '../../src/core/privacy/privacy.tables.ts';
import { activitiesOf } from '../../src/core/privacy/register.ts';
import { findSubject } from '../../src/core/privacy/subjects.ts';
import { allRoles, type Role } from '../../src/core/roles.ts';
import { seedDemo } from '../../src/core/seed.ts';
import type { ContactDb } from '../../src/modules/contact/contact.queries.ts';
import { insertRequest } from '../../src/modules/contact/contact.queries.ts';
import { createDraw, createEvent } from '../../src/modules/contest/contest.queries.ts';
import type { ContestTables } from '../../src/modules/contest/contest.tables.ts';
import { recordBreach } from '../../src/modules/gdpr/gdpr.breaches.ts';
import { confirmRequest, createRequest } from '../../src/modules/gdpr/gdpr.request.queries.ts';
import { addCampaign, addSubscribers } from '../../src/modules/newsletter/newsletter.testing.ts';
import { insertReportRequest } from '../../src/modules/solar/solar.requests.queries.ts';
import { publicPages } from '../support/browser.ts';
import { type CustomerAgent, createTestCustomer, signInCustomer, type TestCustomer } from '../support/customers.ts';
import { type CodeRules, enumValuesInSource, internalCodesIn, visibleText } from '../support/internal-codes.ts';
import { createTestStaff, type StaffAgent, signIn } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/**
 * No page shows a reader the software's internal codes: ISO dates, UUIDs, activity ids, audit
 * actions or the enumerated values the tables store. The pages are rendered on the server and
 * read as text, public, portal and back office, with the demo data of the fast modules and a
 * customer who gave an implausible reading (the solar map and the portal's many demo customers
 * would cost seconds and add no other wording).
 */

/** Words of each language that equal a code of the source; on a page of that language they are prose. */
const WORDS = {
  de: new Set(['optional', 'online', 'links']),
  en: new Set(['equal-treatment', 'signed-in']),
};

let t: TestApp;
let rules: CodeRules;
let customer: CustomerAgent;
let person: TestCustomer;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(
    t.ctx,
    t.ctx.modules.filter((m) => m.name !== 'solar' && m.name !== 'portal'),
  );
  const activities = activitiesOf(t.ctx.modules, t.config);
  const staffIds = t.ctx.modules.flatMap((m) => (m.staffNavigation ?? []).map((n) => n.id));
  rules = { ids: new Set([...activities.map((a) => a.id), ...staffIds]), enums: enumValuesInSource(), words: WORDS };

  person = await createTestCustomer(t.database.db, t.clock.now());
  customer = await signInCustomer(t.app, person);
  // An implausible reading, confirmed despite the warning: the task and the portal show it.
  const meter = (
    await sql<{ id: string; last: string; estimate: string }>`
      select m.id, max(r.value)::text as last, max(c.annual_estimate)::text as estimate
      from portal_meters m join portal_metering_points p on p.id = m.metering_point_id
        join portal_contracts c on c.id = p.contract_id join portal_meter_readings r on r.meter_id = m.id
      where c.customer_id = ${person.customerId} and c.commodity = 'electricity' group by m.id limit 1`.execute(t.database.db)
  ).rows[0];
  expect(meter).toBeDefined();
  const wild = String(Math.round(Number(meter?.last) + Number(meter?.estimate)));
  expect((await customer.post('/portal/zaehlerstand', { meter: meter?.id ?? '', value: wild, confirm: 'yes' })).statusCode).toBe(200);
  // A data-subject request, confirmed: the staff inbox lists it.
  const pdb = t.database.db.withTables<PrivacyTables>();
  const dsr = await createRequest(
    pdb,
    { kind: 'access', name: 'Erika Muster', email: 'erika@example.org', phone: null, customerNumber: null, message: null, locale: 'de' },
    t.clock.now(),
  );
  await confirmRequest(pdb, dsr.token, t.clock.now());
  // What the demo data leaves empty: a breach, an event with a prize draw, a newsletter, a request
  // for solar figures and a legal hold, so their lists and detail pages have rows to show.
  const dpoId = (await createTestStaff(t.database.db, ['dpo'], t.clock.now())).id;
  await recordBreach(
    pdb,
    {
      description: 'Ein Brief ging an die falsche Anschrift.',
      occurredAt: null,
      discoveredAt: t.clock.now(),
      dataCategories: 'Name, Anschrift',
      peopleAffected: 1,
      consequences: 'gering',
      measures: 'Brief zurückgeholt',
    },
    dpoId,
    t.clock.now(),
  );
  const cdb = t.database.db.withTables<ContestTables>();
  const event = (await createEvent(
    cdb,
    { slug: 'sommerfest', title: 'Sommerfest', heldOn: '2026-05-30', consentBasis: 'a-consent', consentNote: 'Einwilligung am Stand' },
    t.clock.now(),
  )) as string;
  await createDraw(
    cdb,
    event,
    {
      title: 'Gewinnspiel',
      prizes: 'Ein Fahrrad',
      winnersCount: 1,
      entriesCloseAt: new Date('2026-06-30T22:00:00Z'),
      randomSource: 'Gewinnzahlen LOTTO 6aus49 vom 01.07.2026',
      randomSourceAt: new Date('2026-07-01T18:00:00Z'),
      termsDe: 'Teilnahmebedingungen',
      termsEn: 'Terms',
    },
    t.clock.now(),
  );
  await addSubscribers(t.database.db, ['leser@example.org']);
  await addCampaign(t.database.db);
  await insertReportRequest(
    t.database.db as never,
    {
      locale: 'de',
      role: 'owner',
      delivery: 'letter',
      name: 'Erika Muster',
      email: 'erika@example.org',
      postalStreet: 'Musterweg 1',
      postalPostcode: '12345',
      postalTown: 'Musterstadt',
      postalCountry: null,
      buildingStreet: 'Musterweg',
      buildingNumber: '1',
      buildingPostcode: '12345',
      buildingTown: 'Musterstadt',
    },
    t.clock.now(),
  );
  const task = (await sql<{ id: string }>`select id from portal_tasks limit 1`.execute(t.database.db)).rows[0]?.id as string;
  await setHold(pdb, {
    activity: 'portal.tasks',
    table: 'portal_tasks',
    recordId: task,
    reason: 'proof',
    note: 'Widerspruch anhängig',
    until: new Date('2027-01-31T23:59:59Z'),
    staff: { id: dpoId, email: 'dpo@stadtwerke-musterstadt.example' },
    ip: '127.0.0.1',
    now: t.clock.now(),
  });
}, 300_000);
afterAll(() => t?.close());

type Get = (url: string) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;

/** A path with its ids taken out, so one detail page of a kind stands for all. */
const shape = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\d+/gi, ':id').replace(/\?.*$/, '');

/**
 * Reads the pages, and one level of the links they show within the same area (detail pages
 * need ids only the lists know), one page per shape. Returns the codes found, per page.
 */
async function findCodes(get: Get, start: string[], area: (path: string) => boolean): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const seen = new Set(start.map(shape));
  const next: string[] = [];
  const read = async (path: string, follow: boolean) => {
    const res = await get(path);
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) return;
    const codes = internalCodesIn(res.body, localeOfPath(path), rules);
    if (codes.length) found[path] = codes;
    if (!follow) return;
    for (const m of res.body.matchAll(/href="([^"#]+)"/g)) {
      const link = (m[1] ?? '').replaceAll('&amp;', '&');
      if (!link.startsWith('/') || !area(link) || /abmelden|sign-out|export|download|csv|pdf|\.\w+$/i.test(link)) continue;
      if (seen.has(shape(link))) continue;
      seen.add(shape(link));
      next.push(link);
    }
  };
  for (const path of start) await read(path, true);
  for (const path of next) await read(path, false);
  return found;
}

function pagesUnder(prefixes: string[]): string[] {
  return t.app.routeTable
    .filter((r) => r.method === 'GET' && !/[:*]/.test(r.url) && !r.url.includes('.') && prefixes.some((p) => r.url.startsWith(p)))
    .map((r) => r.url);
}

describe('no internal code on a page', () => {
  test('the rules know the codes: enum values from the source, activity ids from the register', () => {
    for (const code of ['below-last', 'confirmed', 'read', 'change', 'awaiting_check', 'pending'])
      expect(rules.enums, code).toContain(code);
    expect(rules.ids).toContain('privacy.audit');
    const page = (text: string) =>
      `<main><p title="Stand 2026-12-04">${text}</p><a href="/x/0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f">ok</a></main>`;
    expect(internalCodesIn(page('Trotz Hinweis bestätigt: below-last'), 'de', rules)).toEqual(['date 2026-12-04', 'code below-last']);
    expect(internalCodesIn(page('Aktion: read, Tätigkeit privacy.audit'), 'de', rules)).toContain('code read');
    expect(internalCodesIn(page('Tätigkeit privacy.audit'), 'de', rules)).toContain('id privacy.audit');
    expect(internalCodesIn(page('Please read this'), 'en', rules)).toEqual(['date 2026-12-04']);
    expect(internalCodesIn('<p>Vorgang 0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f</p>', 'de', rules)).toEqual([
      'uuid 0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f',
    ]);
    expect(internalCodesIn('<p>Schreiben Sie an info@stadt-werke.example oder /staff/read-me</p>', 'de', rules)).toEqual([]);
  });

  test('public pages, German and English', async () => {
    const get: Get = (url) => t.app.inject({ method: 'GET', url });
    const paths = publicPages(t).filter((p) => !p.startsWith('/portal') && !p.startsWith('/en/portal'));
    expect(paths.length).toBeGreaterThan(15);
    expect(await findCodes(get, paths, (p) => !p.startsWith('/staff') && !p.includes('portal'))).toEqual({});
  }, 300_000);

  test('the signed-in portal, German and English', async () => {
    const paths = pagesUnder(['/portal', '/en/portal']).filter(
      (p) => !/anmelden|registrier|sign-in|register|aktivier|activat|passwort-|password|bestaetigen|confirm-email/.test(p),
    );
    expect(paths.length).toBeGreaterThan(8);
    expect(await findCodes(customer.get, paths, (p) => p.startsWith('/portal') || p.startsWith('/en/portal'))).toEqual({});
  }, 300_000);

  test('the back office, as every role', async () => {
    const found: Record<string, string[]> = {};
    const paths = pagesUnder(['/staff']).filter((p) => !/anmelden|einladung/.test(p));
    expect(paths.length).toBeGreaterThan(8);
    for (const role of allRoles(t.config.organisation) as Role[]) {
      const agent: StaffAgent = await signIn(t.app, await createTestStaff(t.database.db, [role], t.clock.now()), t.clock);
      for (const [path, codes] of Object.entries(await findCodes(agent.get, paths, (p) => p.startsWith('/staff'))))
        found[path] = [...new Set([...(found[path] ?? []), ...codes])];
    }
    expect(found).toEqual({});
  }, 300_000);

  test('the pages after a staff action on a privacy request: search, restriction, erasure', async () => {
    // A request to restrict processing from the person of the solar request, also a subscriber
    // (with a topic) who wrote to the DPO through the contact form (the request is open);
    // the solar request is under a legal hold, the subscription gets restricted.
    const pdb = t.database.db.withTables<PrivacyTables>();
    await addSubscribers(t.database.db, ['erika@example.org'], { topics: ['energiespartipps'] });
    await insertRequest(
      t.database.db.withTables<ContactDb>(),
      {
        kind: 'dpo',
        topic: null,
        salutation: 'none',
        name: 'Erika Muster',
        email: 'erika@example.org',
        phone: null,
        customerNumber: null,
        concern: 'Welche Daten speichern Sie über mich?',
        locale: 'de',
      },
      t.clock.now(),
    );
    const dsr = await createRequest(
      pdb,
      {
        kind: 'restriction',
        name: 'Erika Muster',
        email: 'erika@example.org',
        phone: null,
        customerNumber: null,
        message: null,
        locale: 'de',
      },
      t.clock.now(),
    );
    await confirmRequest(pdb, dsr.token, t.clock.now());
    // The DPO with the roles that read the solar request and the subscription.
    const dpo = await createTestStaff(t.database.db, ['dpo', 'energy-advice', 'marketing'], t.clock.now());
    const solar = (await sql<{ id: string }>`select id from solar_report_requests limit 1`.execute(t.database.db)).rows[0]?.id as string;
    await setHold(pdb, {
      activity: 'solar.report-requests',
      table: 'solar_report_requests',
      recordId: solar,
      reason: 'proof',
      note: 'Widerspruch anhängig',
      until: new Date('2027-01-31T12:00:00Z'),
      staff: { id: dpo.id, email: dpo.email },
      ip: '127.0.0.1',
      now: t.clock.now(),
    });
    const agent = await signIn(t.app, dpo, t.clock);
    const base = `/staff/anfragen/${dsr.id}`;
    const found: Record<string, string[]> = {};
    const read = (name: string, res: { statusCode: number; body: string }) => {
      expect(res.statusCode, name).toBe(200);
      const codes = internalCodesIn(res.body, 'de', rules);
      if (codes.length) found[name] = codes;
      return res.body;
    };
    const searched = read('search', await agent.post(`${base}/suche`));
    // A topic's id is data, not a code of the source: the rules cannot know it, so it is named here.
    expect(visibleText(searched)).not.toContain('energiespartipps');
    const subscription = /value="(newsletter_subscribers\/[^"]+)"/.exec(searched)?.[1];
    expect(subscription).toBeDefined();
    read(
      'restrict',
      await agent.post(`${base}/einschraenken`, { restrictRecords: subscription as string, restrictNote: 'Richtigkeit bestritten' }),
    );
    read('restrictions', await agent.get('/staff/datenschutz/einschraenkungen'));
    const erased = read('erase', await agent.post(`${base}/loeschen`, { confirm: 'yes' }));
    expect(found).toEqual({});
    // Both reasons to keep a record are on the page, in words.
    expect(erased).toContain('Aufbewahrung wegen Nachweisbarkeit bis 31.01.2027');
    expect(erased).toContain('Verarbeitung eingeschränkt (Art. 18 DSGVO)');
  }, 300_000);

  test("a portal customer's privacy request in the page's language: the DPO's page in German, each export in the requester's", async () => {
    // The customer asks twice, once on the German and once on the English portal page; the
    // session proves the customer number. The customer from above has an open task.
    for (const path of ['/portal/datenschutz-anfrage', '/en/portal/privacy-request'])
      expect((await customer.post(path, { kind: 'access' })).statusCode, path).toBe(200);
    const requests = await sql<{ id: string; locale: string }>`
      select id, locale from dsr_requests where customer_number = ${person.customerNumber}`.execute(t.database.db);
    const idOf = (locale: string) => requests.rows.find((r) => r.locale === locale)?.id as string;
    expect(idOf('de')).toBeDefined();
    expect(idOf('en')).toBeDefined();
    const dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo', 'customer-service'], t.clock.now()), t.clock);

    const page = await dpo.post(`/staff/anfragen/${idOf('de')}/suche`);
    expect(page.statusCode).toBe(200);
    expect(internalCodesIn(page.body, 'de', rules)).toEqual([]);
    const text = visibleText(page.body);
    // The contract's commodity and the task's kind and state, in words.
    expect(text).toContain('Strom');
    expect(text).toContain('Zählerstand, in Bearbeitung');
    for (const english of ['entries', 'Electricity', 'being handled', 'Meter reading']) expect(text).not.toContain(english);

    const summaries = async (id: string) => {
      const res = await dpo.post(`/staff/anfragen/${id}/export`, { format: 'json', reason: 'Antwort an die Person' });
      expect(res.statusCode).toBe(200);
      return (JSON.parse(res.body) as { records: { summary: string }[] }).records.map((r) => r.summary).join('\n');
    };
    const german = await summaries(idOf('de'));
    expect(german).toContain('Strom');
    expect(german).toContain('Zählerstand, in Bearbeitung');
    for (const english of ['Electricity', 'being handled']) expect(german).not.toContain(english);
    const english = await summaries(idOf('en'));
    expect(english).toContain('Electricity');
    expect(english).toContain('Meter reading, being handled');
    for (const german of ['Strom', 'Zählerstand', 'in Bearbeitung', 'Einträge']) expect(english).not.toContain(german);

    // The portal log is for no staff role to read, so no page lists it; its line is in both languages.
    const log = (await findSubject(t.ctx, { customerNumber: person.customerNumber })).find((r) => r.table === 'portal_access_log');
    expect(log?.summary.de).toMatch(/^\d+ Einträge? im Portalprotokoll$/);
    expect(log?.summary.en).toMatch(/^\d+ entr(y|ies) in the portal log$/);
  }, 300_000);

  test('the access log says old English reasons in words and quotes a note staff typed as their note', async () => {
    const marker = 'altes-protokoll@stadtwerke-musterstadt.example';
    const write = (reason: string) =>
      recordAudit(t.database.db.withTables<PrivacyTables>(), {
        staffId: null,
        staffEmail: marker,
        activity: 'privacy.subject-requests',
        action: 'hold',
        recordIds: [],
        reason,
        at: t.clock.now(),
      });
    // What the log holds from before the reasons became codes (restrictions.ts, newsletter, media) ...
    await write('restriction (Art. 18 GDPR): Richtigkeit bestritten');
    await write('restriction lifted: Richtigkeit bestätigt');
    await write('newsletter subscriber list (CSV) for sending');
    await write('picture removed on a depicted person’s request (C32)');
    await write('case AZ 4711/26: SMS abuse record of customer 7001234, 2026-11-01 to 2026-11-30');
    // ... and a reason a member of staff typed for an export.
    await write('Antwort an die Person');
    const dpo = await signIn(t.app, await createTestStaff(t.database.db, ['dpo'], t.clock.now()), t.clock);
    const res = await dpo.get(`/staff/datenschutz/protokoll?staff=${encodeURIComponent(marker)}`);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Einschränkung der Verarbeitung (Art. 18 DSGVO): Richtigkeit bestritten');
    expect(text).toContain('Einschränkung aufgehoben: Richtigkeit bestätigt');
    expect(text).toContain('Abonnentenliste des Newsletters (CSV) für den Versand');
    expect(text).toContain('Bild auf Wunsch einer abgebildeten Person entfernt');
    expect(text).toContain(
      'Missbrauchsnachweis der kostenlosen SMS für Kundennummer 7001234, 01.11.2026 bis 30.11.2026, Vorgang AZ 4711/26',
    );
    expect(text).toContain('Vermerk: „Antwort an die Person“');
    for (const english of ['restriction', 'subscriber list', 'picture removed', 'abuse record', '(C32)'])
      expect(text).not.toContain(english);
    expect(internalCodesIn(res.body, 'de', rules)).toEqual([]);
  });
});
