import type { ColumnType, Generated } from 'kysely';

export type RequestKind = 'general' | 'dpo' | 'equal-treatment';
export type Salutation = 'ms' | 'mr' | 'diverse' | 'none';
export type RequestStatus = 'open' | 'handled';
export type EventKind = 'note' | 'assigned' | 'answer-mail' | 'answer-letter' | 'handled' | 'done';

/** A message through the general contact form or one of the officers' forms. */
export interface ContactRequestsTable {
  id: Generated<string>;
  /** Shown to the person and on every answer, e.g. `K-2026-7KQ4M2XP`. */
  reference: string;
  kind: RequestKind;
  /** Department id for a general request: the row scope that routes it; null for the officers. */
  topic: string | null;
  salutation: Salutation;
  name: string;
  /** Stored lower-cased, so data-subject requests find it. */
  email: string;
  /** E.164, e.g. `+492111234567`. */
  phone: string | null;
  customer_number: string | null;
  concern: string;
  locale: string;
  created_at: Date;
  assigned_to: string | null;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  /** Set when handled; the register's retention rule deletes the row from then on. */
  handled_at: Date | null;
}

export interface ContactCallbacksTable {
  id: Generated<string>;
  reference: string;
  name: string;
  /** E.164. */
  phone: string;
  /** What it is about, in a few words (optional). */
  subject: string | null;
  slot_start: Date;
  slot_end: Date;
  locale: string;
  created_at: Date;
  assigned_to: string | null;
  /** Set after the call; the register's retention rule deletes the row from then on. */
  done_at: Date | null;
}

export interface ContactEventsTable {
  id: Generated<string>;
  request_id: string | null;
  callback_id: string | null;
  occurred_at: Date;
  staff_id: string | null;
  kind: EventKind;
  /** A note's or an answer's text; the assignee's name for an assignment. */
  body: string | null;
  /** The outbox mail or the queued letter an answer became. */
  document_id: string | null;
}

export type ContactTables = {
  contact_requests: ContactRequestsTable;
  contact_callbacks: ContactCallbacksTable;
  contact_events: ContactEventsTable;
};
