import { createDatabase, type DatabaseOptions } from '../../src/core/db/database.ts';

export interface ErrorRow {
  method: string;
  path: string;
  status: number;
  n: number;
}

/** Rows of (method, path, status, count) as `{ "POST /portal/anmelden": { "429": 5 } }`. */
export function groupErrors(rows: readonly ErrorRow[]): Record<string, Record<string, number>> {
  const byRequest: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const request = `${row.method} ${row.path}`;
    const statuses = byRequest[request] ?? {};
    statuses[row.status] = (statuses[row.status] ?? 0) + Number(row.n);
    byRequest[request] = statuses;
  }
  return byRequest;
}

/**
 * Per time window (one load step), the answers of 400 and above by request of the mix, from the
 * server's own access log: wrk's Lua cannot tell which request an answer belongs to (all
 * connections share one script state and `response` is not told the request). Read after the
 * server stopped, which writes what the log still held; it also counts answers in flight when
 * wrk stopped counting, so a count may exceed wrk's by a few.
 */
export async function errorsByRequest(
  database: DatabaseOptions,
  windows: readonly { from: Date; to: Date }[],
): Promise<Record<string, Record<string, number>>[]> {
  const db = await createDatabase(database);
  try {
    const perWindow = [];
    for (const { from, to } of windows) {
      const { rows } = await db.executeSql(
        `select method, path, status, count(*) as n from accesslog_entries
          where status >= 400 and occurred_at >= $1::timestamptz and occurred_at < $2::timestamptz
          group by method, path, status`,
        [from.toISOString(), to.toISOString()],
      );
      perWindow.push(groupErrors(rows as unknown as ErrorRow[]));
    }
    return perWindow;
  } finally {
    await db.close();
  }
}
