// The sponsoring vote under load on PostgreSQL: 1,000 voters cast their ballots at once (each also
// tries to over-vote in parallel), against pgbench's simple-update script on the same server in the
// same run. Ballots per second, p99 latency and over-votes (must be 0); the ratio to pgbench's tps.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import type { Cycle } from '../src/modules/sponsoring/sponsoring.cycles.ts';
import type { SponsoringTables } from '../src/modules/sponsoring/sponsoring.tables.ts';
import { saveAllocation } from '../src/modules/sponsoring/sponsoring.voting.ts';
import { modules } from '../src/modules.ts';
import { machine } from './lib/machine.ts';
import { ensureDebianTool } from './lib/tools.ts';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const VOTERS = Number(process.env.BENCH_VOTERS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const schema = `bench_vote_${process.pid}`;
const pgbenchDb = `bench_pgbench_${process.pid}`;
const withDb = (name: string) => {
  const u = new globalThis.URL(URL);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

/** 1,000 ballots cast by CLIENTS concurrent workers; every ballot is also raced by an over-vote. */
async function voteRun() {
  await admin((c) => c.query(`create schema "${schema}"`));
  const database = await createDatabase({ url: URL, schema, poolSize: CLIENTS * 2 });
  try {
    await migrateToLatest(database, modules);
    const db = database.db.withTables<SponsoringTables>();
    const now = Date.now();
    const at = (d: number) => new Date(now + d * 86_400_000);
    const cycle: Cycle = {
      id: 'bench',
      application_from: at(-3),
      review_from: at(-2),
      voting_from: at(-1),
      result_from: at(1),
      sponsoring_from: at(2),
      completed_at: at(3),
      budget_cents: 1_000_000,
      closed_at: null,
      created_at: at(0),
    };
    await db.insertInto('sponsoring_cycles').values(cycle).execute();
    const projects = Array.from({ length: 6 }, () => randomUUID());
    await db
      .insertInto('sponsoring_projects')
      .values(
        projects.map((id, i) => ({
          id,
          cycle_id: cycle.id,
          number: i + 1,
          title: `Projekt ${i + 1}`,
          description: 'x',
          budget_cents: 100_000,
          sponsor_name: null,
          sponsor_street: null,
          sponsor_postcode: null,
          sponsor_city: null,
          contact_name: null,
          contact_email: null,
          contact_phone: null,
          locale: 'de',
          status: 'approved' as const,
          criteria_met: '',
          decision_reason: null,
          reviewed_at: null,
          votes: null,
          funded: null,
          decided_at: null,
          completed_at: null,
          anonymised_at: null,
          created_at: at(-3),
        })),
      )
      .execute();
    const ballots = Array.from({ length: VOTERS }, () => randomUUID());
    await db
      .insertInto('sponsoring_ballots')
      .values(
        ballots.map((id) => ({
          id,
          cycle_id: cycle.id,
          receipt_hash: randomUUID(),
          votes_allowed: 5,
          votes_used: 0,
          customer_bonus: false,
          paper: false,
          final: false,
        })),
      )
      .execute();

    const latencies: number[] = [];
    let refused = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < ballots.length) {
          const id = ballots[next++] as string;
          const i = next;
          const t0 = performance.now();
          const valid = new Map([
            [projects[i % 6] as string, 2],
            [projects[(i + 1) % 6] as string, 2],
            [projects[(i + 2) % 6] as string, 1],
          ]);
          const over = new Map(projects.map((p) => [p, 1]));
          const [a, b] = await Promise.all([saveAllocation(db, cycle, id, valid, 5), saveAllocation(db, cycle, id, over, 5)]);
          latencies.push(performance.now() - t0);
          if (!a.ok) throw new Error('a valid ballot was refused');
          if (!b.ok) refused += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const overVotes = await db
      .selectFrom('sponsoring_ballots as b')
      .leftJoin('sponsoring_ballot_votes as v', 'v.ballot_id', 'b.id')
      .select((eb) => [
        'b.id',
        'b.votes_allowed',
        'b.votes_used',
        eb.fn.coalesce(eb.fn.sum<number>('v.votes'), eb.lit(0)).as('sum'),
        eb.fn.count<number>('v.project_id').filterWhere('v.votes', '>', 0).as('n'),
      ])
      .groupBy(['b.id', 'b.votes_allowed', 'b.votes_used'])
      .execute();
    const broken = overVotes.filter((r) => Number(r.sum) > r.votes_allowed || Number(r.sum) !== r.votes_used || Number(r.n) > 5).length;
    latencies.sort((x, y) => x - y);
    return {
      voters: VOTERS,
      clients: CLIENTS,
      ballotsPerSecond: Math.round(VOTERS / seconds),
      // Each ballot is two transactions here: the valid save and the over-vote racing it.
      transactionsPerSecond: Math.round((2 * VOTERS) / seconds),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      overVoteAttemptsRefused: refused,
      overVotes: broken,
    };
  } finally {
    await database.close();
    await admin((c) => c.query(`drop schema if exists "${schema}" cascade`));
  }
}

/** pgbench's simple-update script (4 statements in a transaction) on a database of its own. */
function pgbenchRun(): { tps: number; script: string } {
  const bin = ensureDebianTool('pgbench', 'postgresql-client');
  execFileSync(bin, ['-i', '-q', '-s', '1', withDb(pgbenchDb)], { stdio: 'ignore' });
  const out = execFileSync(bin, ['-b', 'simple-update', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), withDb(pgbenchDb)], {
    encoding: 'utf8',
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${out}`);
  return { tps: Math.round(tps), script: `pgbench -b simple-update -c ${CLIENTS} -j 2 -T ${SECONDS}` };
}

await admin((c) => c.query(`create database ${pgbenchDb}`));
try {
  const vote = await voteRun();
  const reference = pgbenchRun();
  console.log(
    JSON.stringify(
      {
        benchmark: 'vote',
        description:
          'The sponsoring vote on PostgreSQL: each of 1,000 ballots saved (5 votes over 3 projects) while an over-vote (6 votes over 6 projects) races it on the same ballot; one transaction with a row lock each, as the ballot page does',
        vote,
        reference: { name: 'pgbench simple-update, same server, same run', ...reference },
        ratio: Number((vote.ballotsPerSecond / reference.tps).toFixed(3)),
        target: 0.3,
        machine: machine(),
      },
      null,
      2,
    ),
  );
  if (vote.overVotes !== 0) process.exitCode = 1;
} finally {
  await admin((c) => c.query(`drop database if exists ${pgbenchDb}`));
}
