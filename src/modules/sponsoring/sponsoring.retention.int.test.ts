import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import { type PrivacyTables, runRetention } from '../../core/privacy/index.ts';
import { verifyCommand } from './sponsoring.commands.ts';
import { ensureCycles, scheduledCycles } from './sponsoring.cycles.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { cycleOf, db, get } from './sponsoring.test-support.ts';

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const c = cycleOf(t);
  t.clock.set(c.voting_from);
  await ensureCycles(t.database.db.withTables<SponsoringTables>(), t.config, t.clock.now());
  const rows: [string, number | null, number, 'approved' | 'rejected'][] = [
    ['A', 1, 600_000, 'approved'],
    ['B', 2, 300_000, 'approved'],
    ['C', 3, 300_000, 'approved'],
    ['D', null, 100_000, 'rejected'],
  ];
  for (const [key, number, cents, status] of rows) {
    ids[key] = randomUUID();
    await db(t)
      .insertInto('sponsoring_projects')
      .values({
        id: ids[key] as string,
        cycle_id: c.id,
        number,
        title: `Projekt ${key}`,
        description: `Beschreibung von ${key}`,
        budget_cents: cents,
        sponsor_name: `Verein ${key}`,
        sponsor_street: `Straße ${key}`,
        sponsor_postcode: '12345',
        sponsor_city: 'Musterstadt',
        contact_name: `Person ${key}`,
        contact_email: `${key.toLowerCase()}@example.org`,
        contact_phone: '0123 456789',
        locale: 'de',
        status,
        criteria_met: '',
        decision_reason: status === 'rejected' ? 'Kriterien nicht erfüllt.' : null,
        reviewed_at: c.review_from,
        votes: null,
        funded: null,
        decided_at: null,
        completed_at: null,
        anonymised_at: null,
        created_at: c.application_from,
      })
      .execute();
  }
});
afterAll(() => t?.close());

const run = () => runRetention(t.ctx, { trigger: 'test', batchSize: 1000 });
const project = (key: string) =>
  db(t)
    .selectFrom('sponsoring_projects')
    .selectAll()
    .where('id', '=', ids[key] as string)
    .executeTakeFirstOrThrow();

describe('paper ballots, result and retention', () => {
  test('[C42] sponsoring staff enter paper ballots, each entry audited; other roles cannot', async () => {
    const staff = await signIn(t.app, await createTestStaff(t.database.db, ['sponsoring'], t.clock.now()), t.clock);
    const enter = (p1: number, p2: number, p3: number) =>
      staff.post('/staff/sponsoring/papierstimmzettel', { p1: String(p1), p2: String(p2), p3: String(p3) });
    const tooMany = await enter(3, 3, 0);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Sie haben 6 Stimmen vergeben, aber nur 5 zur Verfügung.');
    for (const [a, b, c] of [
      [5, 0, 0],
      [5, 0, 0],
      [0, 5, 0],
      [0, 0, 1],
    ] as const) {
      const res = await enter(a, b, c);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/Erfasst\. Quittungscode: [A-Z2-9-]{24}/);
    }
    const audit = await t.database.db
      .withTables<PrivacyTables>()
      .selectFrom('audit_log')
      .selectAll()
      .where('activity', '=', 'sponsoring.voters')
      .where('action', '=', 'change')
      .execute();
    const entries = audit.filter((a) => a.record_ids.length === 1 && a.record_ids[0]?.startsWith('sponsoring_ballots/'));
    expect(entries).toHaveLength(4);
    const board = await signIn(t.app, await createTestStaff(t.database.db, ['advisory-board'], t.clock.now()), t.clock);
    expect((await board.post('/staff/sponsoring/papierstimmzettel', { p1: '1' })).statusCode).toBe(403);
  });

  test('[C48] [C49] winners within the budget; projects without budget lose their personal data before the next cycle, winners keep it for the sponsoring', async () => {
    const c = cycleOf(t);
    t.clock.set(c.result_from);
    const page = await get(t, '/buergerprojekte/ergebnis');
    expect(page.statusCode).toBe(200);
    expect(await project('A')).toMatchObject({ votes: 10, funded: true });
    expect(await project('B')).toMatchObject({ votes: 5, funded: true });
    expect(await project('C')).toMatchObject({ votes: 1, funded: false });
    expect(await project('D')).toMatchObject({ funded: false });

    const keep = t.config.SPONSORING_UNFUNDED_KEEP_DAYS * DAY_MS;
    const next = scheduledCycles(t.config, 2027)[0]?.application_from as Date;
    expect(c.result_from.getTime() + keep).toBeLessThan(next.getTime());
    t.clock.set(new Date(c.result_from.getTime() + keep - 1));
    await run();
    for (const k of ['A', 'B', 'C', 'D']) expect((await project(k)).contact_email, k).toBe(`${k.toLowerCase()}@example.org`);
    t.clock.set(new Date(c.result_from.getTime() + keep + 1));
    await run();
    for (const k of ['C', 'D']) {
      const row = await project(k);
      expect(row, k).toMatchObject({
        contact_email: null,
        contact_name: null,
        sponsor_street: null,
        sponsor_name: null,
        description: null,
        title: '',
      });
      expect(row.anonymised_at).not.toBeNull();
    }
    for (const k of ['A', 'B']) expect((await project(k)).sponsor_street).toBe(`Straße ${k}`);
    // the result stays countable, naming the anonymised project by number only
    const result = await get(t, '/buergerprojekte/ergebnis');
    expect(result.body).toContain('Projekt 3 (Daten gelöscht)');
    expect(result.body).not.toContain('Straße C');

    const winnersKeep = t.config.SPONSORING_WINNER_KEEP_DAYS * DAY_MS;
    t.clock.set(new Date(c.completed_at.getTime() + winnersKeep - 1));
    await run();
    expect((await project('A')).contact_email).toBe('a@example.org');
    t.clock.set(new Date(c.completed_at.getTime() + winnersKeep + 1));
    await run();
    expect(await project('A')).toMatchObject({ contact_email: null, sponsor_street: null, votes: 10, funded: true });
  });

  test('vote verify recounts a cycle from its published list and fails a tampered copy', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await verifyCommand(['2026-2'], t.ctx)).toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('project 1: published 10, recounted 10');
      expect(printed).toContain('OK: the totals match');
      const c = cycleOf(t);
      t.clock.set(c.result_from);
      const published = JSON.parse((await get(t, '/buergerprojekte/ergebnis.json')).body);
      const first = published.ballots[0].votes;
      const key = Object.keys(first)[0] as string;
      first[key] += 1;
      const file = path.join(os.tmpdir(), `vote-${process.pid}-${Date.now()}.json`);
      await writeFile(file, JSON.stringify(published));
      expect(await verifyCommand(['2026-2', file], t.ctx)).toBe(1);
    } finally {
      out.mockRestore();
    }
  });
});
