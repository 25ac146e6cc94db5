import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer } from '../../../tests/support/customers.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { type Cycle, cycleById, ensureCycles } from './sponsoring.cycles.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { verifyResult } from './sponsoring.tally.ts';
import { addApprovedProjects, cycleOf, db, get, mailsTo, post } from './sponsoring.test-support.ts';
import { saveAllocation } from './sponsoring.voting.ts';

let t: TestApp;
const projects: { id: string; number: number }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const c = cycleOf(t);
  t.clock.set(c.voting_from);
  await ensureCycles(t.database.db.withTables<SponsoringTables>(), t.config, t.clock.now());
  projects.push(...(await addApprovedProjects(t.database.db.withTables<SponsoringTables>(), c, 6)));
});
afterAll(() => t?.close());

let ipCounter = 0;
const ip = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
const person = (email: string) => ({ email, salutation: 'ms', firstName: 'Maria', lastName: 'Muster' });

/** Registers and confirms through the mailed link; returns the ballot's path. */
async function voter(email: string): Promise<string> {
  const res = await post(t, '/buergerprojekte/abstimmung/anmelden', person(email), ip());
  expect(res.statusCode).toBe(200);
  const mail = (await mailsTo(t, email)).at(-1);
  const link = /http:\/\/localhost:3000(\/buergerprojekte\/abstimmung\/bestaetigen\/[\w-]+)/.exec(mail?.text_body ?? '')?.[1];
  if (!link) throw new Error(`no confirmation link for ${email}`);
  expect((await get(t, link)).body).toContain('Anmeldung bestätigen');
  const confirmed = await post(t, link, {}, ip());
  expect(confirmed.statusCode).toBe(303);
  return confirmed.headers.location as string;
}

const votes = (alloc: Record<number, number>) => Object.fromEntries(projects.map((p) => [`p${p.number}`, String(alloc[p.number] ?? 0)]));

describe('registration', () => {
  test('[C41] registration needs e-mail, salutation, first and last name; the link is single-use', async () => {
    const bad = await post(t, '/buergerprojekte/abstimmung/anmelden', { email: 'x', salutation: '', firstName: '', lastName: '' }, ip());
    expect(bad.statusCode).toBe(400);
    for (const m of ['E-Mail-Adresse:', 'Anrede:', 'Vorname:', 'Nachname:']) expect(bad.body).toContain(m);
    expect(await db(t).selectFrom('sponsoring_voters').select('id').execute()).toHaveLength(0);
    const email = 'single.use@example.org';
    await post(t, '/buergerprojekte/abstimmung/anmelden', person(email), ip());
    const link = /http:\/\/localhost:3000(\S+)/.exec((await mailsTo(t, email)).at(-1)?.text_body ?? '')?.[1] as string;
    const first = await post(t, link, {}, ip());
    expect(first.statusCode).toBe(303);
    const again = await post(t, link, {}, ip());
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Er gilt einmal');
    const row = await db(t).selectFrom('sponsoring_voters').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ salutation: 'ms', first_name: 'Maria', last_name: 'Muster' });
    expect(row.confirmed_at).not.toBeNull();
  });

  test('[C41] 50 parallel registrations of one mailbox (Gmail dots, +tags, case) make one registration and one mail', async () => {
    const variants = Array.from({ length: 50 }, (_, i) => {
      const dotted = i % 3 === 0 ? 'pa.ra.llel' : i % 3 === 1 ? 'parallel' : 'Para.Llel';
      return `${dotted}+${i}@${i % 2 ? 'gmail.com' : 'GoogleMail.com'}`;
    });
    const results = await Promise.all(variants.map((e) => post(t, '/buergerprojekte/abstimmung/anmelden', person(e), ip())));
    expect(results.map((r) => r.statusCode).every((s) => s === 200)).toBe(true);
    const rows = await db(t).selectFrom('sponsoring_voters').select('email').where('email_key', '=', 'parallel@gmail.com').execute();
    expect(rows).toHaveLength(1);
    const mails = await db(t).selectFrom('mail_outbox').select('id').where('recipient', 'in', variants).execute();
    expect(mails).toHaveLength(1);
  });
});

describe('voting', () => {
  test('[C42] 5 votes over at most 5 projects; the remaining votes are shown; a sixth vote or a sixth project is refused', async () => {
    const ballot = await voter('five.votes@example.org');
    const page = await get(t, ballot);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Noch 5 von 5 Stimmen frei.');
    expect(page.body).toContain('aria-live="polite"');
    expect(page.body).toContain('type="number"');
    const tooMany = await post(t, ballot, votes({ 1: 3, 2: 3 }));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Sie haben 6 Stimmen vergeben, aber nur 5 zur Verfügung.');
    const ok = await post(t, ballot, votes({ 1: 3, 2: 1 }));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Noch 1 von 5 Stimmen frei.');
    const bad = await post(t, ballot, { ...votes({}), p1: 'drei' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bitte geben Sie eine ganze Zahl');
    // the saved allocation is untouched by refused posts
    expect((await get(t, ballot)).body).toContain('Noch 1 von 5 Stimmen frei.');
  });

  test('[C42] [C43] with 10 votes still at most 5 projects', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const ballot = await voter('ten.votes@example.org');
    const granted = await post(t, `${ballot}/kundennummer`, { customerNumber: c.customerNumber, customerName: c.lastName }, ip());
    expect(granted.statusCode).toBe(200);
    expect(granted.body).toContain('Noch 10 von 10 Stimmen frei.');
    const six = await post(t, ballot, votes({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 }));
    expect(six.statusCode).toBe(400);
    expect(six.body).toContain('höchstens 5 Projekte');
    expect((await post(t, ballot, votes({ 1: 2, 2: 2, 3: 2, 4: 2, 5: 2 }))).statusCode).toBe(200);
  });

  test('[C43] a valid customer number with the matching surname gives 5 more, once per number; wrong details get the same answer', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const a = await voter('customer.a@example.org');
    const b = await voter('customer.b@example.org');
    const wrongName = await post(t, `${a}/kundennummer`, { customerNumber: c.customerNumber, customerName: 'Falsch' }, ip());
    const unknown = await post(t, `${a}/kundennummer`, { customerNumber: '99999999', customerName: c.lastName }, ip());
    expect(wrongName.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    const answer = (body: string) => /<p class="field__error"[^>]*>([^<]+)</.exec(body)?.[1];
    expect(answer(wrongName.body)).toBe(answer(unknown.body));
    expect(wrongName.body).toContain('Noch 5 von 5');
    const ok = await post(
      t,
      `${a}/kundennummer`,
      { customerNumber: ` ${c.customerNumber.slice(0, 3)} ${c.customerNumber.slice(3)} `, customerName: c.lastName.toUpperCase() },
      ip(),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Noch 10 von 10 Stimmen frei.');
    // the same number on another ballot: the same answer as a wrong number
    const reused = await post(t, `${b}/kundennummer`, { customerNumber: c.customerNumber, customerName: c.lastName }, ip());
    expect(reused.statusCode).toBe(400);
    expect(answer(reused.body)).toBe(answer(unknown.body));
    expect(reused.body).toContain('Noch 5 von 5');
    // throttled: a few attempts per ballot
    for (let i = 0; i < 4; i++) await post(t, `${b}/kundennummer`, { customerNumber: `1234567${i}`, customerName: 'X' }, ip());
    const throttled = await post(t, `${b}/kundennummer`, { customerNumber: '7654321', customerName: 'X' }, ip());
    expect(throttled.statusCode).toBe(429);
    // the number is kept only as a keyed hash
    const uses = await db(t).selectFrom('sponsoring_customer_uses').selectAll().execute();
    expect(JSON.stringify(uses)).not.toContain(c.customerNumber);
  });

  test('[C42] saving a ballot is one statement (one round trip), and a smaller allocation replaces a larger one', async () => {
    await voter('one.statement@example.org');
    const { ballot_id } = await db(t)
      .selectFrom('sponsoring_voters')
      .select('ballot_id')
      .where('email', '=', 'one.statement@example.org')
      .executeTakeFirstOrThrow();
    let statements = 0;
    const counting = t.database.db.withTables<SponsoringTables>().withPlugin({
      transformQuery: (args) => {
        statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const [a, b, c] = projects.map((p) => p.id) as [string, string, string];
    const cycle = (await cycleById(t.database.db.withTables<SponsoringTables>(), cycleOf(t).id)) as Cycle;
    const first = await saveAllocation(
      counting,
      cycle,
      ballot_id as string,
      new Map([
        [a, 2],
        [b, 2],
        [c, 1],
      ]),
      5,
    );
    expect(first).toEqual({ ok: true, used: 5, allowed: 5 });
    expect(statements).toBe(1);
    const second = await saveAllocation(counting, cycle, ballot_id as string, new Map([[c, 3]]), 5);
    expect(second).toEqual({ ok: true, used: 3, allowed: 5 });
    expect(statements).toBe(2);
    const kept = await db(t)
      .selectFrom('sponsoring_ballot_votes')
      .select(['project_id', 'votes'])
      .where('ballot_id', '=', ballot_id as string)
      .where('votes', '>', 0)
      .execute();
    expect(kept).toEqual([{ project_id: c, votes: 3 }]);
    const stranger = await saveAllocation(counting, cycle, ballot_id as string, new Map([[randomUUID(), 1]]), 5);
    expect(stranger).toMatchObject({ ok: false, problem: 'unknownProject' });
  });

  test('[C42] [C43] 50 parallel requests on one ballot never exceed the allowance; one customer number across 50 ballots counts once', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const ballot = await voter('race.one@example.org');
    const claims = Array.from({ length: 10 }, () =>
      post(t, `${ballot}/kundennummer`, { customerNumber: c.customerNumber, customerName: c.lastName }, ip()),
    );
    const saves = Array.from({ length: 40 }, (_, i) => post(t, ballot, votes({ [(i % 6) + 1]: (i % 5) + 1, [((i + 1) % 6) + 1]: 5 })));
    const results = await Promise.all([...claims, ...saves]);
    expect(results.every((r) => r.statusCode < 500)).toBe(true);
    const row = await db(t)
      .selectFrom('sponsoring_ballots')
      .selectAll()
      .where(
        'id',
        '=',
        (
          await db(t)
            .selectFrom('sponsoring_voters')
            .select('ballot_id')
            .where('email', '=', 'race.one@example.org')
            .executeTakeFirstOrThrow()
        ).ballot_id as string,
      )
      .executeTakeFirstOrThrow();
    expect(row.votes_allowed).toBe(10);
    const given = await db(t)
      .selectFrom('sponsoring_ballot_votes')
      .select(['votes'])
      .where('ballot_id', '=', row.id)
      .where('votes', '>', 0)
      .execute();
    const sum = given.reduce((s, g) => s + g.votes, 0);
    expect(sum).toBe(row.votes_used);
    expect(sum).toBeLessThanOrEqual(10);
    expect(given.length).toBeLessThanOrEqual(5);

    const other = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const ballots = await Promise.all(Array.from({ length: 50 }, (_, i) => voter(`race.many.${i}@example.org`)));
    const outcomes = await Promise.all(
      ballots.map((b) => post(t, `${b}/kundennummer`, { customerNumber: other.customerNumber, customerName: other.lastName }, ip())),
    );
    expect(outcomes.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(outcomes.filter((r) => r.statusCode === 400)).toHaveLength(49);
  });
});

describe('result and retention', () => {
  test('[C44] the receipt mail; at the end of voting the voters are deleted, the ballots stay and are counted, unlinked; the tally verifies', async () => {
    const ballot = await voter('receipt@example.org');
    expect((await post(t, ballot, votes({ 6: 4 }))).statusCode).toBe(200);
    const done = await post(t, `${ballot}/abschliessen`, {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Ihr Stimmzettel ist abgeschlossen');
    const code = /Ihr Quittungscode: ([A-Z2-9-]{24})/.exec(done.body)?.[1] as string;
    expect(code).toBeDefined();
    const mail = (await mailsTo(t, 'receipt@example.org')).at(-1);
    expect(mail?.subject).toBe('Quittung Ihrer Stimmabgabe');
    expect(mail?.text_body).toContain(code);
    expect((await post(t, ballot, votes({ 1: 1 }))).statusCode).toBe(409);

    const c = cycleOf(t);
    const { runRetention } = await import('../../core/privacy/retention.runner.ts');
    const run = () => runRetention(t.ctx, { trigger: 'test', batchSize: 1000 });
    const ballotsBefore = await db(t).selectFrom('sponsoring_ballots').select('id').execute();
    t.clock.set(new Date(c.result_from.getTime() - 1));
    await run();
    expect((await db(t).selectFrom('sponsoring_voters').select('id').execute()).length).toBeGreaterThan(50);
    t.clock.set(new Date(c.result_from.getTime() + 1));
    await run();
    expect(await db(t).selectFrom('sponsoring_voters').select('id').execute()).toHaveLength(0);
    expect(await db(t).selectFrom('sponsoring_customer_uses').select('id').execute()).toHaveLength(0);
    expect(await db(t).selectFrom('sponsoring_ballots').select('id').execute()).toHaveLength(ballotsBefore.length);
    // the ballot link is gone with the voter
    expect((await get(t, ballot)).statusCode).toBe(200);
    expect((await get(t, ballot)).body).not.toContain('Ihr Stimmzettel');

    const result = await get(t, '/buergerprojekte/ergebnis.json');
    expect(result.statusCode).toBe(200);
    const published = JSON.parse(result.body);
    const { createHash } = await import('node:crypto');
    const mine = published.ballots.find((b: { receipt: string }) => b.receipt === createHash('sha256').update(code).digest('hex'));
    expect(mine?.votes).toEqual({ '6': 4 });
    expect(verifyResult(published).ok).toBe(true);
    for (const s of ['receipt@example.org', 'Maria', 'Kontaktperson', 'Vereinsweg']) expect(result.body).not.toContain(s);
    const html = await get(t, '/buergerprojekte/ergebnis');
    expect(html.body).toContain('Alle Stimmzettel zum Nachzählen');
    // a tampered list fails the recount
    const tampered = structuredClone(published);
    tampered.projects[0].votes += 1;
    expect(verifyResult(tampered).ok).toBe(false);
  });
});
