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

export type PrivacyTables = {
  retention_runs: RetentionRunsTable;
  deletion_records: DeletionRecordsTable;
  legal_holds: LegalHoldsTable;
  audit_log: AuditLogTable;
  statement_versions: StatementVersionsTable;
  dsr_requests: DsrRequestsTable;
  dsr_events: DsrEventsTable;
};
