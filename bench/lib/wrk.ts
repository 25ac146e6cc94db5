import { execFile, execFileSync } from 'node:child_process';
import { ensureDebianTool } from './tools.ts';

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
  requests: number;
  /** Answers of 400 and above plus socket errors, as wrk counts them. */
  errors: number;
  /** wrk's socket errors by kind (a timeout is a request without an answer within 2 s). */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Every answer by status, when the script counted them (`COUNT_STATUSES_LUA`). */
  responsesByStatus?: Record<string, number>;
}

/**
 * Lua to append to a wrk script that defines neither `setup`, `response` nor `done`: counts the
 * answers per status in each thread and prints the sum as `status <code> <count>` lines after
 * wrk's summary, since wrk itself only says how many were not 2xx/3xx. Defining `response`
 * makes wrk keep each answer's headers and body for the call: a little more work for the load
 * generator, the same for the server.
 */
export const COUNT_STATUSES_LUA = `
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
statuses = {} -- global: thread:get reads a thread's globals only
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\\n", status, n)) end
end
`;

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/** Reads wrk's printed summary (wrk has no machine-readable output), with `--latency`. */
export function parseWrkOutput(out: string): LoadResult {
  const percentile = (p: string) => toMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  // Both lines are printed only when their counts are not all zero.
  const non2xx3xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1).map(Number) ?? [0, 0, 0, 0];
  const [connect = 0, read = 0, write = 0, timeout = 0] = socket;
  const statuses = [...out.matchAll(/^status (\d+) (\d+)$/gm)].map((m) => [m[1] as string, Number(m[2])] as const);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    latencyMs: { p50: percentile('50'), p90: percentile('90'), p99: percentile('99') },
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    errors: non2xx3xx + connect + read + write + timeout,
    socketErrors: { connect, read, write, timeout },
    // An object's integer keys come out in ascending order, whatever order Lua printed them in.
    ...(statuses.length ? { responsesByStatus: Object.fromEntries(statuses) } : {}),
  };
}

/** The answers of 400 and above by status: what wrk calls "Non-2xx or 3xx responses". */
export function errorsByStatus(responsesByStatus: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(responsesByStatus ?? {}).filter(([status]) => Number(status) >= 400));
}

interface WrkOptions {
  seconds: number;
  connections: number;
  threads?: number;
  extra?: string[];
}

function wrkArgs(url: string, options: WrkOptions): string[] {
  return [`-t${options.threads ?? 1}`, `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...(options.extra ?? []), url];
}

/**
 * One wrk run (HTTP/1.1 keep-alive); the same generator and settings for every target. `extra`
 * adds wrk arguments before the URL: a header (`-H`, e.g. a session cookie) or a Lua script
 * (`-s`, e.g. one that POSTs a form).
 */
export function wrk(url: string, options: WrkOptions): LoadResult {
  return parseWrkOutput(execFileSync(ensureDebianTool('wrk'), wrkArgs(url, options), { encoding: 'utf8' }));
}

/** The same run without blocking this process, so it can measure something else meanwhile. */
export function wrkInBackground(url: string, options: WrkOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(ensureDebianTool('wrk'), wrkArgs(url, options), { encoding: 'utf8' }, (err, out) =>
      err ? reject(err) : resolve(parseWrkOutput(out)),
    );
  });
}
