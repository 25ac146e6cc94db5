import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { countRequest } from '../../core/auth/index.ts';
import { customerNameMatches } from '../portal/index.ts';
import type { Cycle } from './sponsoring.cycles.ts';
import type { SponsoringBallotsTable, SponsoringTables, SponsoringVotersTable } from './sponsoring.tables.ts';
import { customerNumberHash, mailboxKey, newToken, receiptCode, receiptHash, tokenHash } from './sponsoring.tokens.ts';

type Db = Kysely<SponsoringTables>;

/** Attempts at a customer number one ballot may make, and one client address a day. */
export const BONUS_ATTEMPTS_PER_BALLOT = 5;
export const BONUS_ATTEMPTS_PER_ADDRESS = 30;

export interface NewVoter {
  email: string;
  salutation: string;
  firstName: string;
  lastName: string;
  locale: string;
}

/**
 * A registration (C41): one per mailbox and cycle, held by the unique index on (cycle, mailbox
 * key), so parallel requests cannot register twice. Returns the confirmation token for the mail,
 * or null when the mailbox is registered already (the answer to the visitor is the same).
 */
export async function registerVoter(db: Db, cycle: Cycle, v: NewVoter, now: Date): Promise<string | null> {
  const token = newToken();
  const row = await db
    .insertInto('sponsoring_voters')
    .values({
      id: randomUUID(),
      cycle_id: cycle.id,
      email: v.email.trim(),
      email_key: mailboxKey(v.email),
      salutation: v.salutation,
      first_name: v.firstName,
      last_name: v.lastName,
      locale: v.locale,
      confirm_hash: tokenHash(token),
      confirmed_at: null,
      ballot_token_hash: null,
      ballot_id: null,
      bonus_attempts: 0,
      created_at: now,
      voting_ends_at: cycle.result_from,
    })
    .onConflict((oc) => oc.columns(['cycle_id', 'email_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? token : null;
}

/**
 * Uses the single-use confirmation link: the voter gets a ballot and a bearer token for it. The
 * link's hash is cleared in the same conditional update, so a second use finds nothing.
 */
export async function confirmVoter(
  db: Db,
  cycle: Cycle,
  input: { token: string; secret: string; votes: number; now: Date },
): Promise<string | null> {
  const { token, secret, votes } = input;
  return db.transaction().execute(async (trx) => {
    const ballotToken = newToken();
    const ballotId = randomUUID();
    await trx
      .insertInto('sponsoring_ballots')
      .values({
        id: ballotId,
        cycle_id: cycle.id,
        receipt_hash: receiptHash(receiptCode(secret, ballotToken)),
        votes_allowed: votes,
        votes_used: 0,
        customer_bonus: false,
        paper: false,
        final: false,
      })
      .execute();
    const voter = await trx
      .updateTable('sponsoring_voters')
      .set({ confirm_hash: null, confirmed_at: input.now, ballot_token_hash: tokenHash(ballotToken), ballot_id: ballotId })
      .where('confirm_hash', '=', tokenHash(token))
      .where('cycle_id', '=', cycle.id)
      .where('confirmed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!voter) {
      await trx.deleteFrom('sponsoring_ballots').where('id', '=', ballotId).execute();
      return null;
    }
    return ballotToken;
  });
}

export async function confirmationExists(db: Db, cycle: Cycle, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('sponsoring_voters')
    .select('id')
    .where('confirm_hash', '=', tokenHash(token))
    .where('cycle_id', '=', cycle.id)
    .executeTakeFirst();
  return Boolean(row);
}

export interface BallotView {
  voter: SponsoringVotersTable;
  ballot: SponsoringBallotsTable;
  allocations: Map<string, number>;
}

/** The ballot a bearer token opens, in this cycle, while its voter exists (until voting ends). */
export async function ballotByToken(db: Db, cycle: Cycle, token: string): Promise<BallotView | undefined> {
  const voter = await db
    .selectFrom('sponsoring_voters')
    .selectAll()
    .where('ballot_token_hash', '=', tokenHash(token))
    .where('cycle_id', '=', cycle.id)
    .executeTakeFirst();
  if (!voter?.ballot_id) return undefined;
  const ballot = await db.selectFrom('sponsoring_ballots').selectAll().where('id', '=', voter.ballot_id).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('sponsoring_ballot_votes')
    .select(['project_id', 'votes'])
    .where('ballot_id', '=', ballot.id)
    .where('votes', '>', 0)
    .execute();
  return { voter, ballot, allocations: new Map(rows.map((r) => [r.project_id, r.votes])) };
}

export type SaveOutcome =
  | { ok: true; used: number; allowed: number }
  | { ok: false; problem: 'final' | 'tooMany' | 'tooManyProjects' | 'unknownProject' | 'empty'; used: number; allowed: number };

/**
 * Replaces a ballot's allocation (C42, C43) in one statement, one round trip (the ballot page's
 * hot path; bench/vote). The update of the ballot row checks the allowance, the project cap and
 * the projects, and takes the row's lock: a save racing another waits for it, then checks again
 * against the row the other one committed (PostgreSQL re-evaluates an update's condition on the
 * newest row version). Only then are the votes written, one row per approved project of the cycle
 * (0 for the ones not chosen), as upserts: they replace whatever the other save committed, even
 * rows this statement's snapshot cannot see, which a delete could not. A check constraint on the
 * ballot backs the allowance once more: however many requests arrive at once, none spends more.
 */
export async function saveAllocation(
  db: Db,
  cycle: Cycle,
  ballotId: string,
  allocation: ReadonlyMap<string, number>,
  maxProjects: number,
  finalise = false,
): Promise<SaveOutcome> {
  const chosen = [...allocation].filter(([, n]) => n > 0);
  const used = chosen.reduce((s, [, n]) => s + n, 0);
  const ids = chosen.map(([id]) => id);
  const counts = chosen.map(([, n]) => n);
  const { rows } = await sql<{ saved: boolean; final: boolean; votes_allowed: number }>`
    with chosen as (
      select * from unnest(${ids}::text[], ${counts}::int[]) as c(project_id, votes)
    ),
    saved as (
      update sponsoring_ballots b set votes_used = ${used}::int, final = ${finalise}::boolean
      where b.id = ${ballotId}::uuid and not b.final and b.votes_allowed >= ${used}::int
        and ${chosen.length}::int <= ${maxProjects}::int and (${used}::int > 0 or not ${finalise}::boolean)
        and (select count(*) from sponsoring_projects p join chosen c on c.project_id = p.id::text
             where p.cycle_id = ${cycle.id} and p.status = 'approved') = ${chosen.length}::int
      returning b.id, b.votes_allowed
    ),
    written as (
      insert into sponsoring_ballot_votes (ballot_id, project_id, votes)
      select saved.id, p.id, coalesce(c.votes, 0)
      from saved cross join sponsoring_projects p left join chosen c on c.project_id = p.id::text
      where p.cycle_id = ${cycle.id} and p.status = 'approved'
      on conflict (ballot_id, project_id) do update set votes = excluded.votes
    )
    select exists (select 1 from saved) as saved, b.final, coalesce((select votes_allowed from saved), b.votes_allowed) as votes_allowed
    from sponsoring_ballots b where b.id = ${ballotId}::uuid`.execute(db);
  const ballot = rows[0];
  if (!ballot) throw new Error('ballot vanished');
  const base = { used, allowed: ballot.votes_allowed };
  if (ballot.saved) return { ok: true, ...base };
  // Refused: say why, in the order the ballot page explains it. The row read is the one from
  // before the statement; a save that lost a race to a finalisation reads as final below.
  if (ballot.final) return { ok: false, problem: 'final', ...base };
  if (used > ballot.votes_allowed) return { ok: false, problem: 'tooMany', ...base };
  if (chosen.length > maxProjects) return { ok: false, problem: 'tooManyProjects', ...base };
  if (finalise && used === 0) return { ok: false, problem: 'empty', ...base };
  return { ok: false, problem: (await isFinal(db, ballotId)) ? 'final' : 'unknownProject', ...base };
}

async function isFinal(db: Db, ballotId: string): Promise<boolean> {
  const row = await db.selectFrom('sponsoring_ballots').select('final').where('id', '=', ballotId).executeTakeFirst();
  return row?.final ?? false;
}

export type BonusOutcome = 'granted' | 'refused' | 'throttled' | 'already';

/**
 * Extra votes for a customer (C43): a valid customer number with the matching surname, each
 * number once per cycle (unique index on its keyed hash), each ballot once (conditional update
 * under the ballot's row lock), a few attempts per ballot and per client address. A wrong
 * number, a wrong name and a number used elsewhere get the same answer and run the same statements.
 */
export async function claimCustomerVotes(
  db: Db,
  input: {
    cycle: Cycle;
    voterId: string;
    ballotId: string;
    customerNumber: string;
    surname: string;
    ip: string;
    secret: string;
    extra: number;
    now: Date;
  },
): Promise<BonusOutcome> {
  const matched = await customerNameMatches(db, input.customerNumber, input.surname);
  const hash = customerNumberHash(input.secret, matched ?? `unknown:${input.customerNumber}`);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<SponsoringBallotsTable>`select * from sponsoring_ballots where id = ${input.ballotId} for update`.execute(
      trx,
    );
    if (rows[0]?.customer_bonus) return 'already';
    const perAddress = await countRequest(trx, `sponsoring-customer-ip:${input.ip}`, input.now);
    const attempt = await trx
      .updateTable('sponsoring_voters')
      .set((eb) => ({ bonus_attempts: eb('bonus_attempts', '+', 1) }))
      .where('id', '=', input.voterId)
      .where('bonus_attempts', '<', BONUS_ATTEMPTS_PER_BALLOT)
      .returning('bonus_attempts')
      .executeTakeFirst();
    if (!attempt || perAddress > BONUS_ATTEMPTS_PER_ADDRESS) return 'throttled';
    const ok = matched !== null;
    const { rows: granted } = await sql<{ votes_allowed: number }>`
      with used as (
        insert into sponsoring_customer_uses (id, cycle_id, number_hash, voting_ends_at)
        select ${randomUUID()}::uuid, ${input.cycle.id}, ${hash}, ${input.cycle.result_from.toISOString()}::timestamptz where ${ok}
        on conflict (cycle_id, number_hash) do nothing
        returning id
      )
      update sponsoring_ballots set votes_allowed = votes_allowed + ${input.extra}, customer_bonus = true
      where id = ${input.ballotId} and customer_bonus = false and exists (select 1 from used)
      returning votes_allowed`.execute(trx);
    return granted.length ? 'granted' : 'refused';
  });
}
