// Parses one byte range of a combined log in a worker thread. Loaded by Node directly (type
// stripping), so this file and what it imports use only erasable TypeScript.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parentPort, workerData } from 'node:worker_threads';
import { parseCombinedLine } from './accesslog.combined.ts';
import { EntryCopyBuffer } from './accesslog.copy-binary.ts';
import type { EntryColumns, RangeJob, WorkerMessage } from './accesslog.import-protocol.ts';
import { pagePath, referringPage } from './accesslog.normalise.ts';
import { StatsAccumulator } from './accesslog.stats.ts';
import { browserAndOs } from './accesslog.user-agent.ts';

const job = workerData as RangeJob;
const port = parentPort;
if (!port) throw new Error('accesslog.import-worker must run in a worker thread');

const BATCH = 5_000;
/** Batches sent but not yet written by the main thread; beyond this the worker waits. */
const MAX_IN_FLIGHT = 4;
let inFlight = 0;
let resume: (() => void) | null = null;
port.on('message', (msg: 'written') => {
  if (msg !== 'written') return;
  inFlight -= 1;
  if (resume && inFlight < MAX_IN_FLIGHT) {
    resume();
    resume = null;
  }
});

const emptyColumns = (): EntryColumns => ({
  occurredAt: [],
  clientIp: [],
  method: [],
  path: [],
  referrer: [],
  status: [],
  bytesSent: [],
  browser: [],
  os: [],
});

const stats = new StatsAccumulator();
const asCopy = job.entries === 'copy';
const newCopy = (): EntryCopyBuffer => new EntryCopyBuffer('import', true);
let copy = newCopy();
let columns = emptyColumns();
let lines = 0;
let skipped = 0;
const skippedExamples: number[] = [];
let first = Number.POSITIVE_INFINITY;
let last = Number.NEGATIVE_INFINITY;

function handle(raw: string): void {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.length === 0) return;
  lines += 1;
  const parsed = parseCombinedLine(line);
  if (!parsed) {
    skipped += 1;
    if (skippedExamples.length < 5) skippedExamples.push(lines);
    return;
  }
  const { browser, os } = browserAndOs(parsed.userAgent);
  const path = pagePath(parsed.target);
  const referrer = referringPage(parsed.referrer);
  stats.add({ occurredAt: parsed.time, path, referrer, status: parsed.status, bytes: parsed.bytes, browser, os });
  if (parsed.time < first) first = parsed.time;
  if (parsed.time > last) last = parsed.time;
  if (parsed.time < job.cutoff) return;
  if (asCopy) {
    copy.add({
      occurredAt: parsed.time,
      clientIp: parsed.ip.slice(0, 64),
      method: parsed.method,
      path,
      referrer,
      status: parsed.status,
      bytesSent: parsed.bytes,
      browser,
      os,
    });
  } else {
    columns.occurredAt.push(new Date(parsed.time).toISOString());
    columns.clientIp.push(parsed.ip.slice(0, 64));
    columns.method.push(parsed.method);
    columns.path.push(path);
    columns.referrer.push(referrer);
    columns.status.push(parsed.status);
    columns.bytesSent.push(parsed.bytes);
    columns.browser.push(browser);
    columns.os.push(os);
  }
}

/** Entries waiting in this worker for the next batch. */
function pendingEntries(): number {
  return asCopy ? copy.rows : columns.path.length;
}

async function flushEntries(): Promise<void> {
  if (pendingEntries() === 0) return;
  if (asCopy) {
    const buffer = copy.finish();
    // transferred, not cloned: the main thread gets the bytes without copying them
    port?.postMessage({ type: 'entries-copy', rows: copy.rows, copy: buffer } satisfies WorkerMessage, [buffer]);
    copy = newCopy();
  } else {
    port?.postMessage({ type: 'entries', columns } satisfies WorkerMessage);
    columns = emptyColumns();
  }
  inFlight += 1;
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (resume = r));
}

const decoder = new StringDecoder('utf8');
let rest = '';
if (job.end > job.start) {
  for await (const chunk of createReadStream(job.file, { start: job.start, end: job.end - 1, highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    const text = rest + decoder.write(buf);
    let at = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
      handle(text.slice(at, nl));
      at = nl + 1;
    }
    rest = text.slice(at);
    port.postMessage({ type: 'progress', bytes: buf.length } satisfies WorkerMessage);
    if (pendingEntries() >= BATCH) await flushEntries();
  }
}
rest += decoder.end();
if (rest.length > 0) handle(rest);
await flushEntries();
port.postMessage({
  type: 'done',
  lines,
  skipped,
  skippedExamples,
  first: Number.isFinite(first) ? first : null,
  last: Number.isFinite(last) ? last : null,
  stats: [...stats.rows()],
} satisfies WorkerMessage);
