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

export type DsrKind = 'access' | 'erasure' | 'objection';
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
};
