import type { ColumnType, Generated } from 'kysely';

export interface RetentionRunsTable {
  id: Generated<string>;
  trigger: string;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  error: string | null;
}

export interface DeletionRecordsTable {
  run_id: string;
  activity: string;
  rule: string;
  table_name: string;
  action: 'delete' | 'anonymise';
  affected: ColumnType<number, number | undefined, number>;
  started_at: Date;
  finished_at: Date | null;
}

export type HoldReason = 'proof' | 'customer-care' | 'statutory';

export interface LegalHoldsTable {
  id: Generated<string>;
  activity: string;
  table_name: string;
  record_id: string;
  reason: HoldReason;
  note: string;
  until: Date;
  set_by: string;
  set_at: Date;
  released_at: Date | null;
  released_by: string | null;
}

export type AuditAction = 'read' | 'export' | 'change' | 'delete' | 'hold' | 'release' | 'erase';

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Date;
  staff_id: string | null;
  staff_email: string | null;
  activity: string;
  action: AuditAction;
  record_ids: ColumnType<string[], string[] | undefined, never>;
  reason: string | null;
  ip: string | null;
  path: string | null;
}

export interface StatementVersionsTable {
  number: number;
  valid_since: Date;
  hash: string;
  content: ColumnType<unknown, string, string>;
}

/** The rights of Art. 15–21 GDPR, each a kind of request, in the order of the articles. */
export const DSR_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export type DsrKind = (typeof DSR_KINDS)[number];
export type DsrStatus = 'unconfirmed' | 'open' | 'answered' | 'rejected';

export interface DsrRequestsTable {
  id: Generated<string>;
  reference: string;
  kind: DsrKind;
  name: string;
  email: string;
  phone: string | null;
  customer_number: string | null;
  message: string | null;
  locale: string;
  token_hash: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  deadline_at: Date | null;
  status: DsrStatus;
  closed_at: Date | null;
  extended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  extension_reason: ColumnType<string | null, string | null | undefined, string | null>;
  reminded_soon_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminded_overdue_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DsrEventsTable {
  id: Generated<number>;
  request_id: string;
  occurred_at: Date;
  staff_id: string | null;
  kind: string;
  detail: ColumnType<unknown, string | undefined, string>;
}

export type DsrIdentifier = 'email' | 'phone' | 'customer-number';
export type DsrVerificationMethod = 'email-link' | 'portal-session' | 'letter-code' | 'staff-check';

/** How one identifier of a request was proven (an identifier without a row is only what was typed). */
export interface DsrVerificationsTable {
  request_id: string;
  identifier: DsrIdentifier;
  method: DsrVerificationMethod;
  /** For a staff check: what was checked, in the member's words. */
  note: string | null;
  staff_id: string | null;
  verified_at: Date;
}

export interface DsrLetterCodesTable {
  request_id: string;
  code_hash: string;
  sent_at: Date;
  expires_at: Date;
  failed_attempts: ColumnType<number, number | undefined, number>;
  used_at: Date | null;
}

/** A record whose processing is restricted (Art. 18 GDPR): kept, not processed, until lifted. */
export interface RestrictionsTable {
  id: Generated<string>;
  activity: string;
  table_name: string;
  record_id: string;
  request_id: string | null;
  note: string;
  set_by: string | null;
  set_at: Date;
  lifted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lifted_by: ColumnType<string | null, string | null | undefined, string | null>;
  lift_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export type BreachDecision = 'notify' | 'no-notification';

/** A personal-data breach as Art. 33(5) GDPR asks it documented. */
export interface BreachesTable {
  id: Generated<string>;
  reference: string;
  description: string;
  occurred_at: Date | null;
  discovered_at: Date;
  data_categories: string;
  people_affected: number;
  consequences: string;
  measures: string;
  decision: ColumnType<BreachDecision | null, BreachDecision | null | undefined, BreachDecision | null>;
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  recorded_by: string | null;
  recorded_at: Date;
}

export type PrivacyTables = {
  retention_runs: RetentionRunsTable;
  deletion_records: DeletionRecordsTable;
  legal_holds: LegalHoldsTable;
  audit_log: AuditLogTable;
  statement_versions: StatementVersionsTable;
  dsr_requests: DsrRequestsTable;
  dsr_events: DsrEventsTable;
  dsr_verifications: DsrVerificationsTable;
  dsr_letter_codes: DsrLetterCodesTable;
  restrictions: RestrictionsTable;
  breaches: BreachesTable;
};
