import type { ColumnType, Generated } from 'kysely';

export interface StaffAccountsTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  /** Encrypted with the installation's secret key. */
  totp_secret: string | null;
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totp_last_step: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
  activated_at: Date | null;
  last_login_at: Date | null;
  deactivated_at: Date | null;
}

export interface StaffRolesTable {
  staff_id: string;
  role: string;
}

export interface StaffInvitationsTable {
  token_hash: string;
  staff_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface StaffRecoveryCodesTable {
  staff_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  kind: 'staff' | 'customer';
  subject_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  second_factor_at: Date | null;
  csrf_token: string;
  ip: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Date;
}

/** A rate limit's counter: `key` is the limit and the client address, e.g. `POST /kontakt|203.0.113.5`. */
export interface RateLimitHitsTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface LoginUnlockTokensTable {
  token_hash: string;
  /** The throttle key of the account, e.g. `portal:erika@example.org`. */
  account_key: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface StaffRoleGrantsTable {
  id: Generated<string>;
  staff_id: string;
  role: string;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  status: 'pending' | 'approved' | 'rejected';
}

export type AuthTables = {
  staff_accounts: StaffAccountsTable;
  staff_roles: StaffRolesTable;
  staff_invitations: StaffInvitationsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  login_unlock_tokens: LoginUnlockTokensTable;
  rate_limit_hits: RateLimitHitsTable;
  staff_role_grants: StaffRoleGrantsTable;
};
