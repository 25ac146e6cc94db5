import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Kysely } from 'kysely';
import { DAY_MS } from '../../core/clock.ts';
import { parseCombinedLine } from './accesslog.combined.ts';
import { pagePath, referringPage } from './accesslog.normalise.ts';
import { addStats, insertEntries, type NewEntry } from './accesslog.queries.ts';
import { StatsAccumulator } from './accesslog.stats.ts';
import type { AccesslogTables } from './accesslog.tables.ts';
import { browserAndOs } from './accesslog.user-agent.ts';

export interface ImportOptions {
  now: Date;
  retentionDays: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportReport {
  file: string;
  linesRead: number;
  linesSkipped: number;
  /** First line numbers that did not parse, to show the operator. */
  skippedExamples: number[];
  entriesKept: number;
  statsRows: number;
  firstAt: Date | null;
  lastAt: Date | null;
}

export class AlreadyImportedError extends Error {
  constructor(readonly file: string) {
    super(`${file} was imported before (same content); nothing was changed`);
  }
}

const ENTRY_BATCH = 5_000;

/**
 * Imports a reverse proxy's combined log in one transaction: every line counts towards the
 * anonymous statistics; only lines younger than the retention period are kept as entries for
 * operations monitoring (older ones would already be past the 90-day limit, C07).
 */
export async function importCombinedLog(
  db: Kysely<AccesslogTables>,
  file: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const totalBytes = statSync(file).size;
  const cutoff = options.now.getTime() - options.retentionDays * DAY_MS;
  const hash = createHash('sha256');
  const stats = new StatsAccumulator();
  const report: ImportReport = {
    file: path.basename(file),
    linesRead: 0,
    linesSkipped: 0,
    skippedExamples: [],
    entriesKept: 0,
    statsRows: 0,
    firstAt: null,
    lastAt: null,
  };
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;

  try {
    await db.transaction().execute(async (trx) => {
      let batch: NewEntry[] = [];
      const handle = (line: string) => {
        report.linesRead += 1;
        if (line.length === 0) {
          report.linesRead -= 1;
          return;
        }
        const parsed = parseCombinedLine(line.endsWith('\r') ? line.slice(0, -1) : line);
        if (!parsed) {
          report.linesSkipped += 1;
          if (report.skippedExamples.length < 5) report.skippedExamples.push(report.linesRead);
          return;
        }
        const { browser, os } = browserAndOs(parsed.userAgent);
        const page = pagePath(parsed.target);
        const referrer = referringPage(parsed.referrer);
        stats.add({ occurredAt: parsed.time, path: page, referrer, status: parsed.status, bytes: parsed.bytes, browser, os });
        if (parsed.time < first) first = parsed.time;
        if (parsed.time > last) last = parsed.time;
        if (parsed.time >= cutoff) {
          batch.push({
            occurredAt: new Date(parsed.time),
            clientIp: parsed.ip.slice(0, 64),
            method: parsed.method,
            path: page,
            referrer,
            status: parsed.status,
            bytesSent: parsed.bytes,
            browser,
            os,
          });
        }
      };

      const decoder = new StringDecoder('utf8');
      let rest = '';
      let bytesRead = 0;
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        const buf = chunk as Buffer;
        hash.update(buf);
        bytesRead += buf.length;
        const text = rest + decoder.write(buf);
        let start = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
          handle(text.slice(start, nl));
          start = nl + 1;
        }
        rest = text.slice(start);
        if (batch.length >= ENTRY_BATCH) {
          await insertEntries(trx, batch, 'import', true);
          report.entriesKept += batch.length;
          batch = [];
        }
        options.onProgress?.(bytesRead, totalBytes);
      }
      rest += decoder.end();
      if (rest.length > 0) handle(rest);
      if (batch.length > 0) {
        await insertEntries(trx, batch, 'import', true);
        report.entriesKept += batch.length;
      }
      report.statsRows = await addStats(trx, 'import', stats.rows());
      report.firstAt = Number.isFinite(first) ? new Date(first) : null;
      report.lastAt = Number.isFinite(last) ? new Date(last) : null;
      await trx
        .insertInto('accesslog_imports')
        .values({
          file_sha256: hash.digest('hex'),
          file_name: report.file,
          lines_read: report.linesRead,
          lines_skipped: report.linesSkipped,
          entries_kept: report.entriesKept,
          first_at: report.firstAt,
          last_at: report.lastAt,
          imported_at: options.now,
        })
        .execute();
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AlreadyImportedError(report.file);
    throw err;
  }
  return report;
}
