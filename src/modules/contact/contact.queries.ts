import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuthTables, Role } from '../../core/auth/index.ts';
import { type RowAccess, rowAccessCondition } from '../../core/privacy/index.ts';
import { newReference } from '../../core/references.ts';
import { type FormKind, REFERENCE_PREFIX } from './contact.forms.ts';
import type { ContactTables, EventKind, RequestKind, Salutation } from './contact.tables.ts';

export type ContactDb = ContactTables & Pick<AuthTables, 'staff_accounts' | 'staff_roles'>;
type Db = Kysely<ContactDb> | Transaction<ContactDb>;

/** `K-2026-7KQ4M2XP`: the form's prefix, see core/references.ts. */
const referenceOf = (kind: FormKind, now: Date) => newReference(REFERENCE_PREFIX[kind], now);

export interface NewRequest {
  kind: RequestKind;
  topic: string | null;
  salutation: Salutation;
  name: string;
  email: string;
  phone: string | null;
  customerNumber: string | null;
  concern: string;
  locale: string;
}

export async function insertRequest(db: Db, input: NewRequest, now: Date): Promise<{ id: string; reference: string }> {
  const reference = referenceOf(input.kind, now);
  const { id } = await db
    .insertInto('contact_requests')
    .values({
      reference,
      kind: input.kind,
      topic: input.topic,
      salutation: input.salutation,
      name: input.name,
      email: input.email,
      phone: input.phone,
      customer_number: input.customerNumber,
      concern: input.concern,
      locale: input.locale,
      created_at: now,
      assigned_to: null,
      handled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference };
}

export interface NewCallback {
  name: string;
  phone: string;
  subject: string | null;
  slotStart: Date;
  slotEnd: Date;
  locale: string;
}

export async function insertCallback(db: Db, input: NewCallback, now: Date): Promise<{ id: string; reference: string }> {
  const reference = referenceOf('callback', now);
  const { id } = await db
    .insertInto('contact_callbacks')
    .values({
      reference,
      name: input.name,
      phone: input.phone,
      subject: input.subject,
      slot_start: input.slotStart,
      slot_end: input.slotEnd,
      locale: input.locale,
      created_at: now,
      assigned_to: null,
      done_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference };
}

export interface InboxFilter {
  status: 'open' | 'handled';
  /** 'me': assigned to the viewer; 'none': to nobody yet. */
  assigned: 'all' | 'me' | 'none';
  /** A topic among those the viewer may see (general requests only). */
  topic?: string | undefined;
  /** Part of a reference or name. */
  search?: string | undefined;
}

/**
 * A request inbox: rows of one form kind that the row access opens, oldest first (the one waiting
 * longest on top). The access comes from the register, so every list and detail asks the same way.
 */
export async function listRequests(db: Db, kind: RequestKind, access: RowAccess, filter: InboxFilter, staffId: string) {
  let q = db
    .selectFrom('contact_requests as r')
    .leftJoin('staff_accounts as s', 's.id', 'r.assigned_to')
    .select([
      'r.id',
      'r.reference',
      'r.topic',
      'r.salutation',
      'r.name',
      'r.created_at',
      'r.status',
      'r.handled_at',
      'r.assigned_to',
      's.name as assignee',
    ])
    .where('r.kind', '=', kind)
    .where(rowAccessCondition(access, 'r'))
    .where('r.status', '=', filter.status);
  if (filter.assigned === 'me') q = q.where('r.assigned_to', '=', staffId);
  if (filter.assigned === 'none') q = q.where('r.assigned_to', 'is', null);
  if (filter.topic) q = q.where('r.topic', '=', filter.topic);
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('r.reference', 'ilike', like), eb('r.name', 'ilike', like)]));
  }
  return q.orderBy('r.created_at').orderBy('r.id').limit(500).execute();
}

export type InboxRow = Awaited<ReturnType<typeof listRequests>>[number];

/** One request, only if it is of this kind and the access opens it: a foreign id is simply not found. */
export async function getRequest(db: Db, kind: RequestKind, access: RowAccess, id: string) {
  return db
    .selectFrom('contact_requests as r')
    .leftJoin('staff_accounts as s', 's.id', 'r.assigned_to')
    .selectAll('r')
    .select('s.name as assignee')
    .where('r.id', '=', id)
    .where('r.kind', '=', kind)
    .where(rowAccessCondition(access, 'r'))
    .executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

export interface CallbackFilter {
  /** 'due': the slot has begun; 'upcoming': later. */
  when: 'all' | 'due' | 'upcoming';
  assigned: 'all' | 'me' | 'none';
}

/** Open callbacks in the order they are due; done ones are deleted by the register's rule. */
export async function listCallbacks(db: Db, filter: CallbackFilter, staffId: string, now: Date) {
  let q = db
    .selectFrom('contact_callbacks as c')
    .leftJoin('staff_accounts as s', 's.id', 'c.assigned_to')
    .select(['c.id', 'c.reference', 'c.name', 'c.phone', 'c.slot_start', 'c.slot_end', 'c.assigned_to', 's.name as assignee'])
    .where('c.done_at', 'is', null);
  if (filter.when === 'due') q = q.where('c.slot_start', '<=', now);
  if (filter.when === 'upcoming') q = q.where('c.slot_start', '>', now);
  if (filter.assigned === 'me') q = q.where('c.assigned_to', '=', staffId);
  if (filter.assigned === 'none') q = q.where('c.assigned_to', 'is', null);
  return q.orderBy('c.slot_start').orderBy('c.id').limit(500).execute();
}

export type CallbackListRow = Awaited<ReturnType<typeof listCallbacks>>[number];

export async function getCallback(db: Db, id: string) {
  return db
    .selectFrom('contact_callbacks as c')
    .leftJoin('staff_accounts as s', 's.id', 'c.assigned_to')
    .selectAll('c')
    .select('s.name as assignee')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export type CallbackRow = NonNullable<Awaited<ReturnType<typeof getCallback>>>;

export type Owner = { request: string } | { callback: string };

export async function addEvent(
  db: Db,
  owner: Owner,
  event: { kind: EventKind; staffId: string | null; body?: string | null; documentId?: string | null; at: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('contact_events')
    .values({
      request_id: 'request' in owner ? owner.request : null,
      callback_id: 'callback' in owner ? owner.callback : null,
      occurred_at: event.at,
      staff_id: event.staffId,
      kind: event.kind,
      body: event.body ?? null,
      document_id: event.documentId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function eventsOf(db: Db, owner: Owner) {
  return db
    .selectFrom('contact_events as e')
    .leftJoin('staff_accounts as s', 's.id', 'e.staff_id')
    .select(['e.id', 'e.kind', 'e.occurred_at', 'e.body', 'e.document_id', 's.name as staff_name'])
    .where('request' in owner ? 'e.request_id' : 'e.callback_id', '=', 'request' in owner ? owner.request : owner.callback)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
}

export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Active staff holding one of the roles: who a request can be handed to. */
export async function colleagues(db: Db, roles: readonly Role[]): Promise<{ id: string; name: string }[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('staff_accounts as a')
    .select(['a.id', 'a.name'])
    .where('a.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('staff_roles as r').select(sql`1`.as('one')).whereRef('r.staff_id', '=', 'a.id').where('r.role', 'in', roles),
      ),
    )
    .orderBy('a.name')
    .execute();
}

export async function assign(db: Db, owner: Owner, staffId: string | null): Promise<void> {
  if ('request' in owner) await db.updateTable('contact_requests').set({ assigned_to: staffId }).where('id', '=', owner.request).execute();
  else await db.updateTable('contact_callbacks').set({ assigned_to: staffId }).where('id', '=', owner.callback).execute();
}

/** Marks an open request handled; false when it was handled already (two people at once). */
export async function markHandled(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('contact_requests')
    .set({ status: 'handled', handled_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markDone(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('contact_callbacks')
    .set({ done_at: now })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open requests of a kind the access opens, for the overview's tile. */
export async function countOpenRequests(db: Db, kind: RequestKind, access: RowAccess): Promise<number> {
  const row = await db
    .selectFrom('contact_requests as r')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.kind', '=', kind)
    .where('r.status', '=', 'open')
    .where(rowAccessCondition(access, 'r'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Callbacks not yet done, for the overview's tile. */
export async function countOpenCallbacks(db: Db): Promise<number> {
  const row = await db
    .selectFrom('contact_callbacks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
