import type { ColumnType, Generated } from 'kysely';

export interface AccesslogEntriesTable {
  id: Generated<number>;
  occurred_at: Date;
  /** Personal: the visitor's IP address. Deleted with the entry after 90 days (C07). */
  client_ip: string;
  method: string;
  /** Requested page: path only, never the query string (which may carry what people typed). */
  path: string;
  /** Referring page: origin and path only. */
  referrer: string | null;
  status: number;
  bytes_sent: number;
  browser: string | null;
  os: string | null;
  /** 'live' for requests to this server, 'import' for lines of an imported proxy log. */
  source: ColumnType<'live' | 'import', 'live' | 'import' | undefined, never>;
  /** Whether the statistics already count this entry. */
  aggregated: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Anonymous daily figures: no IP, no user agent, no per-visitor key (C08). */
export interface AccesslogDailyStatsTable {
  day: string;
  source: 'live' | 'import';
  dimension: StatsDimension;
  key: string;
  requests: number;
  bytes: number;
}

export type StatsDimension = 'total' | 'page' | 'status' | 'referrer_host' | 'browser' | 'os' | 'hour';

export interface AccesslogImportsTable {
  id: Generated<number>;
  file_sha256: string;
  file_name: string;
  lines_read: number;
  lines_skipped: number;
  entries_kept: number;
  first_at: Date | null;
  last_at: Date | null;
  imported_at: Date;
}

export type AccesslogTables = {
  accesslog_entries: AccesslogEntriesTable;
  accesslog_daily_stats: AccesslogDailyStatsTable;
  accesslog_imports: AccesslogImportsTable;
};
