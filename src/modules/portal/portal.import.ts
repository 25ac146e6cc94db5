import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { columnsOf, IMPORT_FILES, type ImportFileName } from './portal.import.schema.ts';
import {
  type Lined,
  updateContractsEnded,
  type WriteResult,
  writeContracts,
  writeCustomers,
  writeInstalments,
  writeInvoices,
  writeMandates,
  writeMeteringPoints,
  writeMeters,
  writeReadings,
} from './portal.import.write.ts';
import type { PortalTables } from './portal.tables.ts';

/** Rows written in one statement. */
const BATCH = 2_000;
/** Errors reported at most: an export broken in every line need not print a million of them. */
const MAX_ERRORS = 200;

type Writer = (trx: Transaction<PortalTables>, rows: Lined<never>[], now: Date) => Promise<WriteResult>;

const WRITERS: Record<ImportFileName, Writer> = {
  'customers.csv': writeCustomers as Writer,
  'contracts.csv': writeContracts as Writer,
  'metering_points.csv': writeMeteringPoints as Writer,
  'meters.csv': writeMeters as Writer,
  'readings.csv': writeReadings as Writer,
  'instalments.csv': writeInstalments as Writer,
  'invoices.csv': writeInvoices as Writer,
  'mandates.csv': writeMandates as Writer,
};

export interface FileReport {
  file: ImportFileName;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Columns of the export the portal does not hold: dropped as the file is read, never stored (C37). */
  ignored: string[];
}

export interface ImportReport {
  files: FileReport[];
}

/** Every problem of an export, each with file, line and column; nothing of it was stored. */
export class ImportError extends Error {
  constructor(
    readonly problems: string[],
    readonly more: number,
  ) {
    super(
      `the export has ${problems.length + more} problem(s); nothing was imported:\n${problems.map((p) => `  ${p}`).join('\n')}${more ? `\n  … and ${more} more` : ''}`,
    );
    this.name = 'ImportError';
  }
}

export interface ImportOptions {
  now: Date;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Imports the billing system's export from a folder of CSV files (docs/portal-import.md) in one
 * transaction: files are streamed through csv-parse, each row is checked (errors name file,
 * line and column), rows are written in batches by their natural keys, and anything wrong rolls
 * the whole import back. Importing the same export again changes nothing.
 */
export async function importBillingExport(db: Kysely<PortalTables>, dir: string, options: ImportOptions): Promise<ImportReport> {
  const present = IMPORT_FILES.filter((f) => existsSync(path.join(dir, f.file)));
  if (present.length === 0) throw new ImportError([`${dir}: none of ${IMPORT_FILES.map((f) => f.file).join(', ')} found`], 0);
  const total = present.reduce((sum, f) => sum + statSync(path.join(dir, f.file)).size, 0);
  let read = 0;
  const problems: string[] = [];
  let more = 0;
  const problem = (text: string) => {
    if (problems.length < MAX_ERRORS) problems.push(text);
    else more += 1;
  };
  const report: ImportReport = { files: [] };

  const run = async (trx: Transaction<PortalTables>) => {
    for (const spec of present) {
      const file = path.join(dir, spec.file);
      const expected = columnsOf(spec.schema);
      const fileReport: FileReport = { file: spec.file, rows: 0, inserted: 0, updated: 0, unchanged: 0, ignored: [] };
      const seen = new Map<string, number>();
      let batch: Lined<unknown>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        // Once anything is wrong nothing will be kept; rows are still checked, but no longer written.
        if (problems.length === 0) {
          const result = await WRITERS[spec.file](trx, batch as Lined<never>[], options.now);
          for (const u of result.unresolved) problem(`${spec.file}:${u.line}: ${u.message}`);
          fileReport.inserted += result.inserted;
          fileReport.updated += result.updated;
        }
        batch = [];
      };

      const stream = createReadStream(file);
      stream.on('data', (chunk) => {
        read += chunk.length;
        options.onProgress?.(read, total);
      });
      let headerProblem = false;
      const parser = stream.pipe(
        parse({
          delimiter: ';',
          bom: true,
          trim: true,
          skip_empty_lines: true,
          info: true,
          skip_records_with_error: true,
          // A column the portal does not know (a birth date, a credit score) is dropped here, as
          // the file is read: csv-parse skips a column named `false`, so its values never reach
          // a row, the database or a page, while the contract data beside it is imported (C37).
          columns: (header: string[]) => {
            const lacking = expected.filter((c) => !header.includes(c));
            fileReport.ignored = header.filter((h) => !expected.includes(h));
            if (lacking.length) problem(`${spec.file}:1: missing column(s) ${lacking.join(', ')}`);
            headerProblem = lacking.length > 0;
            return header.map((h) => (expected.includes(h) ? h : false));
          },
        }),
      );
      parser.on('skip', (err: Error & { lines?: number }) => problem(`${spec.file}:${err.lines ?? '?'}: ${err.message}`));
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        if (headerProblem) continue;
        fileReport.rows += 1;
        const parsed = (spec.schema as z.ZodType).safeParse(record);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) problem(`${spec.file}:${info.lines}: ${String(issue.path[0] ?? '')}: ${issue.message}`);
          continue;
        }
        const key = (spec.key as (r: unknown) => string)(parsed.data);
        const first = seen.get(key);
        if (first !== undefined) {
          problem(`${spec.file}:${info.lines}: duplicate of line ${first} (${key})`);
          continue;
        }
        seen.set(key, info.lines);
        batch.push({ line: info.lines, row: parsed.data });
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      fileReport.unchanged = fileReport.rows - fileReport.inserted - fileReport.updated;
      report.files.push(fileReport);
    }
    if (problems.length === 0) await updateContractsEnded(trx);
    if (problems.length) throw new ImportError(problems, more);
  };

  await db.transaction().execute(run);
  return report;
}
