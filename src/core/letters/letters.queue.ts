import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AppContext } from '../module.ts';
import { DAY_PATTERN, dayInBerlin } from './letters.day.ts';
import type { LetterContent } from './letters.layout.ts';
import { mergePdfs } from './letters.merge.ts';
import { renderLetter } from './letters.render.ts';
import type { LettersTables } from './letters.tables.ts';

export interface NewLetter extends LetterContent {
  /** What the letter is, e.g. `activation-key`, `written-answer`. */
  kind: string;
  /** The processing activity that causes the letter, as the privacy register names it. */
  activity: string;
}

/** What queueing needs of the application: the organisation and the time. */
export type LettersContext = Pick<AppContext, 'config' | 'clock'>;

export interface QueuedLetter {
  id: string;
  pages: number;
  day: string;
}

// biome-ignore lint: any caller's transaction, whatever tables it knows
type AnyDb = Kysely<any>;

/** PostgreSQL text cannot hold NUL, and nothing invisible belongs in a name staff search for. */
const storableName = (name: string) =>
  name
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);

/**
 * Renders a letter and stores it for the print room in the caller's transaction, so a letter
 * exists exactly when the data that causes it does. It joins the print run of today (Berlin).
 */
export async function queueLetter(db: AnyDb, ctx: LettersContext, letter: NewLetter): Promise<QueuedLetter> {
  if (!letter.kind.trim() || !letter.activity.trim()) throw new Error('a letter needs a kind and an activity');
  return storeRenderedLetter(db, ctx, letter, await renderLetter(letter, ctx.config.organisation, ctx.clock.now()));
}

/**
 * Stores a letter rendered beforehand: for a caller that must do the same work whether or not
 * the letter is then sent (rendering outside the transaction, deciding inside it).
 */
export async function storeRenderedLetter(
  db: AnyDb,
  ctx: LettersContext,
  letter: Pick<NewLetter, 'kind' | 'activity' | 'reference' | 'recipient'>,
  rendered: { pdf: Uint8Array; pages: number },
): Promise<QueuedLetter> {
  if (!letter.kind.trim() || !letter.activity.trim()) throw new Error('a letter needs a kind and an activity');
  const now = ctx.clock.now();
  const { pdf, pages } = rendered;
  const id = randomUUID();
  const day = dayInBerlin(now);
  await (db as Kysely<LettersTables>)
    .insertInto('letters')
    .values({
      id,
      created_at: now,
      day,
      kind: letter.kind,
      activity: letter.activity,
      reference: letter.reference ?? null,
      recipient_name: storableName(letter.recipient.name),
      pdf,
      pages,
      printed_at: null,
    })
    .execute();
  return { id, pages, day };
}

export interface PrintRun {
  pdf: Uint8Array;
  /** The letters in the run, in print order: what an audit entry names. */
  ids: string[];
  letters: number;
  pages: number;
}

export interface PrintRunOptions {
  /** Recorded as the letters' printed_at (default: now). */
  now?: Date;
  /** Include letters of the day that were printed before (a lost or jammed run). */
  reprint?: boolean;
  /** A blank page after each letter with an odd page count, for double-sided printing. */
  duplex?: boolean;
}

/**
 * The print room's run for one day: the day's waiting letters merged into one PDF, in the
 * order they were written, and marked printed in the same transaction. Two staff asking at
 * once never get the same letters twice. Null when nothing waits.
 */
export async function mergeLettersOfDay(db: AnyDb, day: string, options: PrintRunOptions = {}): Promise<PrintRun | null> {
  if (!DAY_PATTERN.test(day)) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  const now = options.now ?? new Date();
  const run = async (trx: Kysely<LettersTables>): Promise<PrintRun | null> => {
    // A letter reduced to its metadata has no PDF left to print again.
    const { rows } = await sql<{ id: string; pdf: Uint8Array }>`
      select id, pdf from letters
      where day = ${day}::date and octet_length(pdf) > 0 ${options.reprint ? sql`` : sql`and printed_at is null`}
      order by created_at, id
      for update`.execute(trx);
    if (rows.length === 0) return null;
    const merged = await mergePdfs(
      rows.map((r) => r.pdf),
      { duplex: options.duplex ?? false, title: `Briefe ${day}`, date: now },
    );
    await sql`
      update letters set printed_at = ${now.toISOString()}::timestamptz
      where id = any(${rows.map((r) => r.id)}::uuid[]) and printed_at is null`.execute(trx);
    await reducePrinted(trx);
    return { pdf: merged.pdf, ids: rows.map((r) => r.id), letters: rows.length, pages: merged.pages };
  };
  return db.isTransaction
    ? run(db as Transaction<LettersTables>)
    : db.transaction().execute((trx) => run(trx as Transaction<LettersTables>));
}

/** Printed letters whose cause is gone keep only kind, day, pages and the time of printing. */
async function reducePrinted(db: AnyDb): Promise<void> {
  await sql`
    update letters set pdf = ''::bytea, recipient_name = '', reference = null
    where keep_after_print = 'metadata' and printed_at is not null and octet_length(pdf) > 0`.execute(db);
}

/**
 * The letters of a record that is deleted now (a request closed): those printed keep only their
 * metadata at once, those still waiting go into their print run and are reduced right after.
 * Called in the caller's transaction, with the activity and reference the letters were queued with.
 */
export async function releaseLettersOf(db: AnyDb, activity: string, reference: string): Promise<void> {
  await (db as Kysely<LettersTables>)
    .updateTable('letters')
    .set({ keep_after_print: 'metadata' })
    .where('activity', '=', activity)
    .where('reference', '=', reference)
    .execute();
  await reducePrinted(db);
}

export interface LetterDay {
  day: string;
  letters: number;
  pages: number;
  /** Letters not yet in a print run. */
  waiting: number;
}

/** The most recent days with letters, newest first: what a print-room page lists. */
export async function listLetterDays(db: AnyDb, limit = 60): Promise<LetterDay[]> {
  const { rows } = await sql<LetterDay>`
    select day, count(*)::int as letters, sum(pages)::int as pages, count(*) filter (where printed_at is null)::int as waiting
    from letters group by day order by day desc limit ${limit}`.execute(db);
  return rows;
}
