import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../core/config/index.ts';
import { type Cycle, lockCycle } from './sponsoring.cycles.ts';
import type { SponsoringProjectsTable, SponsoringTables } from './sponsoring.tables.ts';

type Db = Kysely<SponsoringTables>;

export interface Criterion {
  id: string;
  de: string;
  en: string;
}

/** The advisory board's checklist, from SPONSORING_CRITERIA ("Deutsch=English;…"). */
export function criteriaOf(config: Pick<Config, 'SPONSORING_CRITERIA'>): Criterion[] {
  return config.SPONSORING_CRITERIA.split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [de, en] = entry.split('=').map((x) => x.trim());
      return { id: `c${i + 1}`, de: de as string, en: en || (de as string) };
    });
}

export interface NewProject {
  title: string;
  description: string;
  budgetCents: number;
  sponsorName: string;
  sponsorStreet: string;
  sponsorPostcode: string;
  sponsorCity: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  locale: string;
}

export async function insertProject(trx: Transaction<SponsoringTables>, cycle: Cycle, p: NewProject, now: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('sponsoring_projects')
    .values({
      id,
      cycle_id: cycle.id,
      number: null,
      title: p.title,
      description: p.description,
      budget_cents: p.budgetCents,
      sponsor_name: p.sponsorName,
      sponsor_street: p.sponsorStreet,
      sponsor_postcode: p.sponsorPostcode,
      sponsor_city: p.sponsorCity,
      contact_name: p.contactName,
      contact_email: p.contactEmail,
      contact_phone: p.contactPhone,
      locale: p.locale,
      status: 'submitted',
      criteria_met: '',
      decision_reason: null,
      reviewed_at: null,
      votes: null,
      funded: null,
      decided_at: null,
      completed_at: null,
      anonymised_at: null,
      created_at: now,
    })
    .execute();
  return id;
}

/** What the public may see of a project (C46): no address, no contact person, ever. */
export interface PublicProject {
  id: string;
  number: number;
  title: string;
  description: string;
  budgetCents: number;
  sponsorName: string;
  votes: number | null;
  funded: boolean | null;
}

const PUBLIC_COLUMNS = ['id', 'number', 'title', 'description', 'budget_cents', 'sponsor_name', 'votes', 'funded'] as const;

function toPublic(r: Pick<SponsoringProjectsTable, (typeof PUBLIC_COLUMNS)[number]>): PublicProject {
  return {
    id: r.id,
    number: r.number ?? 0,
    title: r.title,
    description: r.description ?? '',
    budgetCents: r.budget_cents,
    sponsorName: r.sponsor_name ?? '',
    votes: r.votes,
    funded: r.funded,
  };
}

/** Approved projects of a cycle, by their ballot number, with public columns only. */
export async function publishedProjects(db: Db, cycleId: string): Promise<PublicProject[]> {
  const rows = await db
    .selectFrom('sponsoring_projects')
    .select(PUBLIC_COLUMNS)
    .where('cycle_id', '=', cycleId)
    .where('status', '=', 'approved')
    .orderBy('number')
    .execute();
  return rows.map(toPublic);
}

export async function publishedProject(db: Db, cycleId: string, id: string): Promise<PublicProject | undefined> {
  const row = await db
    .selectFrom('sponsoring_projects')
    .select(PUBLIC_COLUMNS)
    .where('cycle_id', '=', cycleId)
    .where('status', '=', 'approved')
    .where('anonymised_at', 'is', null)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toPublic(row) : undefined;
}

export async function applicationsOf(db: Db, cycleId: string) {
  return db.selectFrom('sponsoring_projects').selectAll().where('cycle_id', '=', cycleId).orderBy('created_at').execute();
}

export async function application(db: Db, id: string) {
  return db.selectFrom('sponsoring_projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The board's decision on a submitted application. Approval gives the project its number on the
 * ballot (under the cycle's lock, so numbers never repeat). Returns false when it was decided already.
 */
export async function decide(
  trx: Transaction<SponsoringTables>,
  input: { id: string; cycleId: string; approve: boolean; reason: string | null; criteria: string[]; now: Date },
): Promise<boolean> {
  await lockCycle(trx, input.cycleId);
  let number: number | null = null;
  if (input.approve) {
    const { max } = await trx
      .selectFrom('sponsoring_projects')
      .select((eb) => eb.fn.max('number').as('max'))
      .where('cycle_id', '=', input.cycleId)
      .executeTakeFirstOrThrow();
    number = Number(max ?? 0) + 1;
  }
  const updated = await trx
    .updateTable('sponsoring_projects')
    .set({
      status: input.approve ? 'approved' : 'rejected',
      number,
      decision_reason: input.reason,
      criteria_met: input.criteria.join(','),
      reviewed_at: input.now,
    })
    .where('id', '=', input.id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
