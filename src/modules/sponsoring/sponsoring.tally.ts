import { type Kysely, sql } from 'kysely';
import { type Cycle, cycleById, lockCycle } from './sponsoring.cycles.ts';
import { type PublicProject, publishedProjects } from './sponsoring.projects.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';

type Db = Kysely<SponsoringTables>;

/** One ballot as the result publishes it: the receipt's hash and its votes by project number. */
export interface PublishedBallot {
  receipt: string;
  paper: boolean;
  votes: Record<string, number>;
}

export interface PublishedResult {
  cycle: string;
  budgetCents: number;
  projects: { number: number; title: string; budgetCents: number; votes: number; funded: boolean }[];
  ballots: PublishedBallot[];
}

/**
 * Counts the votes once voting is over and marks the winners within the budget: most votes first
 * (ties by ballot number), each project funded if its amount still fits. Every project of the
 * cycle gets its decision time (the start of the result phase), from which the retention rules
 * count (C48, C49). Runs once per cycle, under the cycle's lock.
 */
export async function closeCycle(db: Db, cycle: Cycle, now: Date): Promise<boolean> {
  if (now < cycle.result_from || cycle.closed_at) return false;
  return db.transaction().execute(async (trx) => {
    await lockCycle(trx, cycle.id);
    const fresh = await trx.selectFrom('sponsoring_cycles').select('closed_at').where('id', '=', cycle.id).executeTakeFirstOrThrow();
    if (fresh.closed_at) return false;
    const totals = await sql<{ id: string; budget_cents: number; number: number; votes: number }>`
      select p.id, p.budget_cents, p.number, coalesce(sum(v.votes), 0)::int as votes
      from sponsoring_projects p left join sponsoring_ballot_votes v on v.project_id = p.id
      where p.cycle_id = ${cycle.id} and p.status = 'approved'
      group by p.id, p.budget_cents, p.number
      order by votes desc, p.number`.execute(trx);
    let left = cycle.budget_cents;
    for (const p of totals.rows) {
      const funded = p.votes > 0 && p.budget_cents <= left;
      if (funded) left -= p.budget_cents;
      await trx
        .updateTable('sponsoring_projects')
        .set({ votes: p.votes, funded, decided_at: cycle.result_from, completed_at: funded ? cycle.completed_at : null })
        .where('id', '=', p.id)
        .execute();
    }
    await trx
      .updateTable('sponsoring_projects')
      .set({ funded: false, decided_at: cycle.result_from })
      .where('cycle_id', '=', cycle.id)
      .where('status', '<>', 'approved')
      .execute();
    await trx.updateTable('sponsoring_cycles').set({ closed_at: now }).where('id', '=', cycle.id).execute();
    return true;
  });
}

/** Closes every cycle whose voting is over (the retention run and the result page call this). */
export async function closeDueCycles(db: Db, now: Date): Promise<void> {
  const due = await db
    .selectFrom('sponsoring_cycles')
    .select('id')
    .where('result_from', '<=', now)
    .where('closed_at', 'is', null)
    .execute();
  for (const { id } of due) {
    const cycle = await cycleById(db, id);
    if (cycle) await closeCycle(db, cycle, now);
  }
}

/** The published list: every ballot with votes, by receipt hash, and the totals per project. */
export async function publishedResult(db: Db, cycle: Cycle): Promise<{ result: PublishedResult; projects: PublicProject[] }> {
  const projects = await publishedProjects(db, cycle.id);
  const numberOf = new Map(projects.map((p) => [p.id, p.number]));
  const rows = await db
    .selectFrom('sponsoring_ballots as b')
    .innerJoin('sponsoring_ballot_votes as v', 'v.ballot_id', 'b.id')
    .select(['b.receipt_hash', 'b.paper', 'v.project_id', 'v.votes'])
    .where('b.cycle_id', '=', cycle.id)
    .where('v.votes', '>', 0)
    .orderBy('b.receipt_hash')
    .execute();
  const ballots = new Map<string, PublishedBallot>();
  for (const r of rows) {
    const b = ballots.get(r.receipt_hash) ?? { receipt: r.receipt_hash, paper: r.paper, votes: {} };
    b.votes[String(numberOf.get(r.project_id))] = r.votes;
    ballots.set(r.receipt_hash, b);
  }
  return {
    projects,
    result: {
      cycle: cycle.id,
      budgetCents: cycle.budget_cents,
      projects: projects.map((p) => ({
        number: p.number,
        title: p.title,
        budgetCents: p.budgetCents,
        votes: p.votes ?? 0,
        funded: p.funded === true,
      })),
      ballots: [...ballots.values()],
    },
  };
}

/**
 * Recounts a published result from its ballot list alone (`vote verify`): the totals must equal
 * the published ones, and no ballot may name a project that is not on the list.
 */
export function verifyResult(result: PublishedResult): { ok: boolean; problems: string[]; totals: Record<string, number> } {
  const totals: Record<string, number> = {};
  const problems: string[] = [];
  const known = new Set(result.projects.map((p) => String(p.number)));
  const seen = new Set<string>();
  for (const b of result.ballots) {
    if (seen.has(b.receipt)) problems.push(`receipt ${b.receipt} appears twice`);
    seen.add(b.receipt);
    for (const [n, votes] of Object.entries(b.votes)) {
      if (!known.has(n)) problems.push(`receipt ${b.receipt} names project ${n}, which is not on the list`);
      if (!Number.isInteger(votes) || votes <= 0) problems.push(`receipt ${b.receipt} gives project ${n} ${votes} votes`);
      totals[n] = (totals[n] ?? 0) + votes;
    }
  }
  for (const p of result.projects) {
    const counted = totals[String(p.number)] ?? 0;
    if (counted !== p.votes) problems.push(`project ${p.number}: published ${p.votes}, recounted ${counted}`);
  }
  return { ok: problems.length === 0, problems, totals };
}
