import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuthTables, hashToken, randomToken } from '../../core/auth/index.ts';
import type { CoreTables } from '../../core/db/index.ts';
import { type RowAccess, rowAccessCondition } from '../../core/privacy/index.ts';
import { newReference } from '../../core/references.ts';
import { REFERENCE_PREFIX } from './careers.forms.ts';
import { type CareersTables, STAGES, type Stage, type Status } from './careers.tables.ts';

export type CareersDb = Kysely<CareersTables>;

export type Posting = Awaited<ReturnType<typeof postingBySlug>> & {};

/** Postings open for applications: published, not yet closed, selection not ended. */
export function openPostings(db: CareersDb, now: Date) {
  return db
    .selectFrom('careers_postings')
    .selectAll()
    .where('published_at', '<=', now)
    .where('closes_at', '>', now)
    .where('selection_ended_at', 'is', null)
    .orderBy('closes_at')
    .orderBy('title_de')
    .execute();
}

export function postingBySlug(db: CareersDb, slug: string) {
  return db.selectFrom('careers_postings').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function postingById(db: CareersDb, id: string) {
  return db.selectFrom('careers_postings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function isOpen(p: { published_at: Date; closes_at: Date; selection_ended_at: Date | null }, now: Date): boolean {
  return p.published_at <= now && p.closes_at > now && p.selection_ended_at === null;
}

export interface NewPosting {
  slug: string;
  category: string;
  department: string;
  titleDe: string;
  titleEn: string;
  descriptionDe: string;
  descriptionEn: string;
  location: string;
  closesAt: Date;
}

export async function insertPosting(db: CareersDb, p: NewPosting, now: Date): Promise<string> {
  const row = await db
    .insertInto('careers_postings')
    .values({
      slug: p.slug,
      category: p.category,
      department: p.department,
      title_de: p.titleDe,
      title_en: p.titleEn,
      description_de: p.descriptionDe,
      description_en: p.descriptionEn,
      location: p.location,
      published_at: now,
      closes_at: p.closesAt,
      selection_ended_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? '';
}

export function allPostings(db: CareersDb) {
  return db
    .selectFrom('careers_postings as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('careers_applications as a')
        .whereRef('a.posting_id', '=', 'p.id')
        .where('a.anonymised_at', 'is', null)
        .select(sql<number>`count(*)::int`.as('n'))
        .as('applications'),
    )
    .orderBy('p.selection_ended_at', (ob) => ob.desc().nullsFirst())
    .orderBy('p.closes_at', 'desc')
    .execute();
}

/**
 * Ends a posting's selection: the posting closes and each of its applications gets the start
 * event of its retention rule. Once only (a conditional update), whatever is sent twice.
 */
export async function endSelection(db: CareersDb, postingId: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('careers_postings')
      .set({ selection_ended_at: now, closes_at: sql<Date>`least(closes_at, ${now.toISOString()}::timestamptz)` })
      .where('id', '=', postingId)
      .where('selection_ended_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!ended) return false;
    await trx
      .updateTable('careers_applications')
      .set({ selection_ended_at: now })
      .where('posting_id', '=', postingId)
      .where('selection_ended_at', 'is', null)
      .execute();
    return true;
  });
}

export interface NewApplication {
  postingId: string;
  category: string;
  name: string;
  email: string;
  phone: string | null;
  answers: Record<string, string>;
  message: string | null;
  locale: string;
}

/** Stores an application; returns its reference and the status link's token (only its hash is kept). */
export async function insertApplication(trx: Transaction<CoreTables>, a: NewApplication, now: Date) {
  const token = randomToken();
  const row = await trx
    .withTables<CareersTables>()
    .insertInto('careers_applications')
    .values({
      reference: newReference(REFERENCE_PREFIX, now),
      posting_id: a.postingId,
      category: a.category,
      forwarded_to: null,
      status: 'received',
      stage_reached: 'received',
      name: a.name,
      email: a.email.toLowerCase(),
      phone: a.phone,
      answers: JSON.stringify(a.answers),
      message: a.message,
      locale: a.locale,
      created_at: now,
      token_hash: hashToken(token),
      email_confirmed_at: null,
      selection_ended_at: null,
      exported_at: null,
      anonymised_at: null,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export function applicationByToken(db: CareersDb, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return Promise.resolve(undefined);
  return db
    .selectFrom('careers_applications as a')
    .innerJoin('careers_postings as p', 'p.id', 'a.posting_id')
    .select(['a.id', 'a.reference', 'a.status', 'a.created_at', 'a.email_confirmed_at', 'p.title_de', 'p.title_en', 'p.selection_ended_at'])
    .where('a.token_hash', '=', hashToken(token))
    .where('a.anonymised_at', 'is', null)
    .executeTakeFirst();
}

/** Opening the mailed link proves the address: from now on a data-subject request by it finds the application. */
export async function confirmEmail(db: CareersDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable('careers_applications')
    .set({ email_confirmed_at: now })
    .where('id', '=', id)
    .where('email_confirmed_at', 'is', null)
    .execute();
}

/** A department sees what was forwarded to it, and only while the selection runs; HR sees every row. */
function visible(access: RowAccess) {
  return sql<boolean>`${rowAccessCondition(access, 'a')} and a.anonymised_at is null${
    access.kind === 'all' ? sql`` : sql` and a.selection_ended_at is null`
  }`;
}

const listColumns = [
  'a.id',
  'a.reference',
  'a.posting_id',
  'a.status',
  'a.name',
  'a.created_at',
  'a.forwarded_to',
  'a.selection_ended_at',
  'a.exported_at',
] as const;

export function listApplications(db: CareersDb, access: RowAccess, postingId?: string) {
  let q = db
    .selectFrom('careers_applications as a')
    .innerJoin('careers_postings as p', 'p.id', 'a.posting_id')
    .select([...listColumns, 'p.title_de', 'p.title_en', 'p.department'])
    .where(visible(access));
  if (postingId) q = q.where('a.posting_id', '=', postingId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

export function getApplication(db: CareersDb, access: RowAccess, id: string) {
  return db
    .selectFrom('careers_applications as a')
    .innerJoin('careers_postings as p', 'p.id', 'a.posting_id')
    .selectAll('a')
    .select(['p.title_de', 'p.title_en', 'p.department', 'p.slug', 'p.category as posting_category'])
    .where('a.id', '=', id)
    .where(visible(access))
    .executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

export function eventsOf(db: CareersDb, applicationId: string) {
  return db
    .withTables<AuthTables>()
    .selectFrom('careers_events as e')
    .leftJoin('staff_accounts as s', 's.id', 'e.staff_id')
    .select(['e.id', 'e.kind', 'e.body', 'e.occurred_at', 's.name as staff_name'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
}

export async function addEvent(
  db: CareersDb | Transaction<CareersTables>,
  applicationId: string,
  kind: 'note' | 'status' | 'forwarded' | 'mail' | 'exported',
  staffId: string,
  body: string | null,
  now: Date,
): Promise<void> {
  await db
    .insertInto('careers_events')
    .values({ application_id: applicationId, kind, staff_id: staffId, body, occurred_at: now })
    .execute();
}

export function furtherStage(current: Stage, next: Status): Stage {
  if (next === 'rejected') return current;
  return STAGES.indexOf(next) > STAGES.indexOf(current) ? next : current;
}

/**
 * HR passes an application to the department that owns its posting – no other (C29). The
 * update is conditional: an application already forwarded, or of an ended selection, is left as it is.
 */
export async function forwardApplication(db: CareersDb, id: string, department: string, staffId: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('careers_applications')
      .set({
        forwarded_to: department,
        status: 'forwarded',
        stage_reached: sql`case when stage_reached = 'received' then 'forwarded' else stage_reached end`,
      })
      .where('id', '=', id)
      .where('forwarded_to', 'is', null)
      .where('status', '=', 'received')
      .where('selection_ended_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) return false;
    await addEvent(trx, id, 'forwarded', staffId, null, now);
    return true;
  });
}

export async function changeStatus(db: CareersDb, row: ApplicationRow, status: Status, staffId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('careers_applications')
      .set({ status, stage_reached: furtherStage(row.stage_reached, status) })
      .where('id', '=', row.id)
      .where('anonymised_at', 'is', null)
      .execute();
    await addEvent(trx, row.id, 'status', staffId, status, now);
  });
}

/** Statistics rows: counts per posting and stage reached (anonymised applications included). */
export function statisticsRows(db: CareersDb) {
  return db
    .selectFrom('careers_applications as a')
    .innerJoin('careers_postings as p', 'p.id', 'a.posting_id')
    .select(['p.id as posting_id', 'p.title_de', 'p.title_en', 'p.category', 'a.stage_reached'])
    .select(sql<number>`count(*)::int`.as('n'))
    .groupBy(['p.id', 'p.title_de', 'p.title_en', 'p.category', 'a.stage_reached'])
    .execute();
}
