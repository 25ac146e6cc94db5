import type { Kysely, Transaction } from 'kysely';
import { newTaskReference } from './portal.keys.ts';
import type { PortalTables, TaskKind } from './portal.tables.ts';

type Db = Kysely<PortalTables> | Transaction<PortalTables>;

/** Each business process of the portal lands here, for customer service to carry into billing (C33). */
export async function createTask(
  db: Db,
  input: { customerId: string; contractId: string | null; kind: TaskKind; payload: Record<string, unknown>; now: Date },
): Promise<{ id: string; reference: string }> {
  const reference = newTaskReference(input.now);
  const { id } = await db
    .insertInto('portal_tasks')
    .values({
      reference,
      customer_id: input.customerId,
      contract_id: input.contractId,
      kind: input.kind,
      payload: JSON.stringify(input.payload),
      created_at: input.now,
      done_at: null,
      done_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference };
}

/** The customer's own requests still being handled, for the overview. */
export function openTasksQuery(db: Db, customerId: string) {
  return db
    .selectFrom('portal_tasks')
    .select(['reference', 'kind', 'created_at', 'contract_id'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc');
}

export async function openTasksOf(db: Db, customerId: string) {
  return openTasksQuery(db, customerId).execute();
}

export interface StaffTaskRow {
  id: string;
  reference: string;
  kind: TaskKind;
  status: 'open' | 'done';
  created_at: Date;
  done_at: Date | null;
  customer_number: string;
  customer_name: string;
  contract_number: string | null;
  customer_id: string;
  outcome: 'done' | 'declined' | null;
  answer: string | null;
}

function staffQuery(db: Db) {
  return db
    .selectFrom('portal_tasks as t')
    .innerJoin('portal_customers as c', 'c.id', 't.customer_id')
    .leftJoin('portal_contracts as k', 'k.id', 't.contract_id')
    .select(['t.id', 't.reference', 't.kind', 't.status', 't.created_at', 't.done_at', 'c.customer_number', 'k.contract_number'])
    .select(['t.customer_id', 't.outcome', 't.answer'])
    .select((eb) => eb.fn<string>('concat_ws', [eb.val(' '), 'c.first_name', 'c.last_name']).as('customer_name'));
}

/** Open tasks oldest first (who waits longest is served first), then the latest done ones. */
export async function tasksForStaff(db: Db): Promise<{ open: StaffTaskRow[]; done: StaffTaskRow[] }> {
  const open = await staffQuery(db).where('t.status', '=', 'open').orderBy('t.created_at').limit(500).execute();
  const done = await staffQuery(db).where('t.status', '=', 'done').orderBy('t.done_at', 'desc').limit(50).execute();
  return { open, done };
}

export async function taskForStaff(db: Db, id: string) {
  const row = await staffQuery(db).select(['t.payload', 'c.street', 'c.postcode', 'c.city']).where('t.id', '=', id).executeTakeFirst();
  return row;
}

/** The customer's requests customer service answered in the last `days` days, newest first. */
export function answeredTasksQuery(db: Db, customerId: string, since: Date) {
  return db
    .selectFrom('portal_tasks')
    .select(['reference', 'kind', 'done_at', 'outcome', 'answer'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'done')
    .where('done_at', '>=', since)
    .orderBy('done_at', 'desc');
}

export async function answeredTasksOf(db: Db, customerId: string, since: Date) {
  return answeredTasksQuery(db, customerId, since).execute();
}

/** Closes an open task with customer service's answer; false if someone else closed it first. */
export async function answerTask(
  db: Db,
  id: string,
  staffId: string,
  now: Date,
  answer: { outcome: 'done' | 'declined'; message: string | null } = { outcome: 'done', message: null },
): Promise<boolean> {
  const r = await db
    .updateTable('portal_tasks')
    .set({ status: 'done', done_at: now, done_by: staffId, outcome: answer.outcome, answer: answer.message })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
