import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { DAY_MS } from '../clock.ts';
import { defineModule } from '../module.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import { runRetention } from './retention.runner.ts';

/** A module of the test only: a table with a deletion rule and an anonymisation rule. */
const probeModule = defineModule({
  name: 'probe',
  privacy: {
    activities: [
      {
        id: 'probe.requests',
        title: { de: 'Probe', en: 'Probe' },
        purpose: { de: 'Test', en: 'Test' },
        legalBasis: ['b-contract'],
        dataSubjects: { de: 'x', en: 'x' },
        dataCategories: [],
        personalColumns: ['retention_probe.name', 'retention_probe.created_at', 'retention_probe.handled_at'],
        recipients: { roles: ['customer-service'] },
        source: { de: 'x', en: 'x' },
        retention: [
          {
            id: 'handled',
            table: 'retention_probe',
            start: 'handled_at',
            startEvent: { de: 'der Bearbeitung', en: 'handling' },
            after: { days: 30 },
            where: [{ column: 'state', op: '=', value: 'done' }],
            action: { kind: 'delete' },
            holdable: true,
            claims: [],
          },
          {
            id: 'anonymise',
            table: 'retention_probe',
            start: 'created_at',
            startEvent: { de: 'dem Eingang', en: 'receipt' },
            after: { days: 10 },
            action: { kind: 'anonymise', set: { name: null }, marker: 'anonymised_at' },
            claims: [],
          },
        ],
        claims: [],
      },
    ],
    personalTables: { retention_probe: { nonPersonal: ['id', 'state', 'anonymised_at'] } },
  },
});

let ctx: TestContext;
const pdb = () => ctx.db.withTables<PrivacyTables>();
beforeAll(async () => {
  ctx = await createTestContext();
  await sql`create table retention_probe (
    id integer primary key, name text, state text not null, created_at timestamptz not null,
    handled_at timestamptz, anonymised_at timestamptz)`.execute(ctx.db);
  ctx = { ...ctx, modules: [...ctx.modules, probeModule] };
});
afterAll(() => ctx?.database.close());
beforeEach(async () => {
  await sql`delete from retention_probe`.execute(ctx.db);
  await sql`delete from legal_holds`.execute(ctx.db);
  await sql`delete from accesslog_entries`.execute(ctx.db);
});

/** Ages in hours; the rules' limits are 10 days (240 h) and 30 days (720 h). */
interface ProbeRow {
  id: number;
  state: 'open' | 'done';
  createdHoursAgo: number;
  handledHoursAgo: number | null;
  hold: null | { untilHoursFromNow: number; released: boolean };
}

const HOUR_MS = 3_600_000;
// Ages cluster around the limits as well as spreading over a year, so the boundaries are hit.
const ageArb = fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constantFrom(0, 239, 240, 241, 719, 720, 721));
const rowArb = fc.record({
  state: fc.constantFrom<'open' | 'done'>('open', 'done'),
  createdHoursAgo: ageArb,
  handledHoursAgo: fc.option(ageArb, { nil: null }),
  hold: fc.option(fc.record({ untilHoursFromNow: fc.integer({ min: -1000, max: 1000 }), released: fc.boolean() }), { nil: null }),
});

async function insertRows(rows: ProbeRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const ago = (h: number) => new Date(now.getTime() - h * HOUR_MS).toISOString();
  await sql`insert into retention_probe (id, name, state, created_at, handled_at)
    select * from unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => `Person ${r.id}`)}::text[], ${rows.map((r) => r.state)}::text[],
      ${rows.map((r) => ago(r.createdHoursAgo))}::timestamptz[], ${rows.map((r) => (r.handledHoursAgo === null ? null : ago(r.handledHoursAgo)))}::timestamptz[])`.execute(
    ctx.db,
  );
  for (const r of rows.filter((x) => x.hold)) {
    const hold = r.hold as NonNullable<ProbeRow['hold']>;
    await pdb()
      .insertInto('legal_holds')
      .values({
        activity: 'probe.requests',
        table_name: 'retention_probe',
        record_id: String(r.id),
        reason: 'proof',
        note: 'test',
        until: new Date(now.getTime() + hold.untilHoursFromNow * HOUR_MS),
        set_by: '00000000-0000-0000-0000-000000000000',
        set_at: now,
        released_at: hold.released ? now : null,
      })
      .execute();
  }
}

describe('retention runner', () => {
  test('across random ages, states, holds and clock times exactly the covered rows are deleted or anonymised', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { maxLength: 40 }),
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 7 }),
        async (raw, now, batchSize) => {
          await sql`delete from retention_probe`.execute(ctx.db);
          await sql`delete from legal_holds`.execute(ctx.db);
          const rows: ProbeRow[] = raw.map((r, i) => ({ ...r, id: i + 1 }));
          await insertRows(rows, now);
          ctx.clock.set(now);
          await runRetention(ctx, { trigger: 'test', activity: 'probe.requests', batchSize });

          // A row's start event must lie strictly before now − period; a hold counts until its end.
          const held = (r: ProbeRow) => r.hold !== null && !r.hold.released && r.hold.untilHoursFromNow > 0;
          const deleted = (r: ProbeRow) => r.state === 'done' && r.handledHoursAgo !== null && r.handledHoursAgo > 720 && !held(r);
          const anonymised = (r: ProbeRow) => r.createdHoursAgo > 240 && !held(r);
          const left = await sql<{
            id: number;
            name: string | null;
            anonymised_at: Date | null;
          }>`select id, name, anonymised_at from retention_probe order by id`.execute(ctx.db);
          expect(left.rows.map((r) => r.id)).toEqual(rows.filter((r) => !deleted(r)).map((r) => r.id));
          for (const row of left.rows) {
            const r = rows[row.id - 1] as ProbeRow;
            expect(row.name === null, `row ${row.id}`).toBe(anonymised(r));
            expect(row.anonymised_at !== null).toBe(anonymised(r));
          }
          // A second run at the same moment finds nothing left to do.
          const again = await runRetention(ctx, { trigger: 'test', activity: 'probe.requests', batchSize });
          expect(again.rules.map((r) => r.affected)).toEqual([0, 0]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('every run writes deletion records with counts, never data', async () => {
    const now = new Date('2026-06-15T03:00:00Z');
    ctx.clock.set(now);
    await insertRows(
      [
        { id: 1, state: 'done', createdHoursAgo: 50 * 24, handledHoursAgo: 40 * 24, hold: null },
        { id: 2, state: 'done', createdHoursAgo: 50 * 24, handledHoursAgo: 31 * 24, hold: null },
        { id: 3, state: 'open', createdHoursAgo: 20 * 24, handledHoursAgo: null, hold: null },
      ],
      now,
    );
    const report = await runRetention(ctx, { trigger: 'test', activity: 'probe.requests' });
    const records = await pdb()
      .selectFrom('deletion_records')
      .selectAll()
      .where('run_id', '=', report.runId as string)
      .orderBy('rule')
      .execute();
    expect(records.map((r) => [r.rule, r.table_name, r.action, r.affected])).toEqual([
      ['anonymise', 'retention_probe', 'anonymise', 1],
      ['handled', 'retention_probe', 'delete', 2],
    ]);
    expect(records.every((r) => r.finished_at !== null)).toBe(true);
    const run = await pdb()
      .selectFrom('retention_runs')
      .selectAll()
      .where('id', '=', report.runId as string)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('done');
    expect(JSON.stringify(records)).not.toContain('Person');
  });

  test('a dry run counts and changes nothing', async () => {
    const now = new Date('2026-06-15T03:00:00Z');
    ctx.clock.set(now);
    await insertRows([{ id: 1, state: 'done', createdHoursAgo: 50 * 24, handledHoursAgo: 40 * 24, hold: null }], now);
    const report = await runRetention(ctx, { trigger: 'test', activity: 'probe.requests', dryRun: true });
    expect(report.rules.map((r) => r.affected)).toEqual([1, 1]);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from retention_probe where name is not null`.execute(ctx.db)).rows[0]?.n,
    ).toBe(1);
  });

  test('[C07] through the register, access log entries older than 90 days are deleted, younger ones stay', async () => {
    const now = new Date('2026-06-15T03:17:00Z');
    ctx.clock.set(now);
    const ages = [0, 45, 89.9, 90.1, 200];
    await sql`insert into accesslog_entries (occurred_at, client_ip, method, path, status, bytes_sent)
      select * from unnest(${ages.map((a) => new Date(now.getTime() - a * DAY_MS).toISOString())}::timestamptz[],
        ${ages.map(() => '192.0.2.1')}::text[], ${ages.map(() => 'GET')}::text[], ${ages.map((a) => `/age-${a}`)}::text[],
        ${ages.map(() => 200)}::smallint[], ${ages.map(() => 1)}::bigint[])`.execute(ctx.db);
    const report = await runRetention(ctx, { trigger: 'test', activity: 'accesslog.website-use' });
    expect(report.rules).toEqual([
      { activity: 'accesslog.website-use', rule: 'expire', table: 'accesslog_entries', action: 'delete', affected: 2 },
      { activity: 'accesslog.website-use', rule: 'statistics', table: 'accesslog_daily_stats', action: 'delete', affected: 0 },
    ]);
    const left = await sql<{ path: string }>`select path from accesslog_entries order by occurred_at desc`.execute(ctx.db);
    expect(left.rows.map((r) => r.path)).toEqual(['/age-0', '/age-45', '/age-89.9']);
    // counted into the statistics before they went
    const stats = await sql<{
      n: number;
    }>`select coalesce(sum(requests), 0)::int as n from accesslog_daily_stats where dimension = 'total'`.execute(ctx.db);
    expect(stats.rows[0]?.n).toBe(5);
  });

  test('a run whose process died is marked interrupted by the next run', async () => {
    const now = new Date('2026-06-15T03:00:00Z');
    ctx.clock.set(now);
    const dead = await pdb()
      .insertInto('retention_runs')
      .values({
        trigger: 'cli',
        started_at: new Date(now.getTime() - DAY_MS),
        heartbeat_at: new Date(now.getTime() - DAY_MS),
        status: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runRetention(ctx, { trigger: 'test', activity: 'probe.requests' });
    const row = await pdb().selectFrom('retention_runs').select('status').where('id', '=', dead.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');
  });
});

describe('audit log', () => {
  test("[C04] rows cannot be changed or deleted, except by the audit log's own retention rule", async () => {
    const now = new Date('2026-06-15T03:00:00Z');
    ctx.clock.set(now);
    const insert = (daysAgo: number) =>
      pdb()
        .insertInto('audit_log')
        .values({
          occurred_at: new Date(now.getTime() - daysAgo * DAY_MS),
          staff_id: null,
          staff_email: 'a@b.example',
          activity: 'probe.requests',
          action: 'read',
          reason: null,
          ip: '192.0.2.9',
          path: '/staff/x',
        })
        .execute();
    await insert(1);
    await insert(800);
    await expect(sql`update audit_log set reason = 'tampered'`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    // another rule's flag does not open the door
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await sql`select set_config('stadtwerk.retention_rule', 'probe.requests/handled', true)`.execute(trx);
        await sql`delete from audit_log`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    const report = await runRetention(ctx, { trigger: 'test', activity: 'privacy.audit-log' });
    expect(report.rules[0]?.affected).toBe(1);
    const left = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(ctx.db);
    expect(left.rows[0]?.n).toBe(1);
  });
});
