import { execFileSync } from 'node:child_process';
import { ensureDebianTool } from './tools.ts';

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
  requests: number;
  errors: number;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/**
 * One wrk run (HTTP/1.1 keep-alive); the same generator and settings for every target. `extra`
 * adds wrk arguments before the URL: a header (`-H`, e.g. a session cookie) or a Lua script
 * (`-s`, e.g. one that POSTs a form).
 */
export function wrk(url: string, options: { seconds: number; connections: number; threads?: number; extra?: string[] }): LoadResult {
  const bin = ensureDebianTool('wrk');
  const out = execFileSync(
    bin,
    [`-t${options.threads ?? 1}`, `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...(options.extra ?? []), url],
    {
      encoding: 'utf8',
    },
  );
  const percentile = (p: string) => toMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  const errors = [...out.matchAll(/Non-2xx or 3xx responses: (\d+)|Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/g)]
    .flatMap((m) => m.slice(1).filter(Boolean).map(Number))
    .reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    latencyMs: { p50: percentile('50'), p90: percentile('90'), p99: percentile('99') },
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    errors,
  };
}
