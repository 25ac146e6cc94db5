import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { progressBar } from '../../core/cli/index.ts';
import { DAY_MS } from '../../core/clock.ts';
import type { CliCommand } from '../../core/module.ts';
import { pausePoint } from '../../core/pause-point.ts';
import { ACCESSLOG_RETENTION_DAYS } from './accesslog.constants.ts';
import { AlreadyImportedError, importCombinedLog } from './accesslog.import.ts';
import { aggregatePending, readDailyTotals, readStats } from './accesslog.queries.ts';
import { buildReport, reportToCsv, reportToText } from './accesslog.report.ts';
import { berlinDayHour } from './accesslog.stats.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = ['text', 'json', 'csv'];

async function writeReport(
  db: Kysely<AccesslogTables>,
  from: string,
  to: string,
  format: string,
  output: string | undefined,
  k: number,
): Promise<void> {
  const report = buildReport(from, to, await readStats(db, from, to, k), await readDailyTotals(db, from, to));
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? reportToCsv(report) : reportToText(report);
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
}

export const accesslogCommands: CliCommand[] = [
  {
    name: 'accesslog import',
    summary: 'Import a reverse proxy log (NCSA combined format) into the statistics',
    usage: 'accesslog import <file> [--stats text|json|csv] [--output file]',
    async run(args, ctx) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { stats: { type: 'string' }, output: { type: 'string' } },
      });
      const file = positionals[0];
      if (!file || (values.stats && !FORMATS.includes(values.stats))) {
        console.error('usage: accesslog import <file> [--stats text|json|csv] [--output file]');
        return 2;
      }
      let bar: ReturnType<typeof progressBar> | undefined;
      try {
        const started = performance.now();
        const report = await importCombinedLog(ctx.db.withTables<AccesslogTables>(), file, {
          now: ctx.clock.now(),
          retentionDays: ACCESSLOG_RETENTION_DAYS,
          pauseAt: (point) => pausePoint(ctx.config, point),
          embedded: ctx.database.pglite,
          onProgress: (read, total) => {
            bar ??= progressBar('accesslog import', Math.ceil(total / 1e6), 'MB');
            bar.update(Math.floor(read / 1e6));
          },
        });
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `${report.file}: ${report.linesRead} lines in ${seconds.toFixed(1)} s (${Math.round(report.linesRead / seconds)} lines/s), ` +
            `${report.linesSkipped} skipped, ${report.entriesKept} kept as entries (younger than ${ACCESSLOG_RETENTION_DAYS} days), ` +
            `${report.statsRows} statistic rows`,
        );
        if (report.skippedExamples.length > 0) console.log(`lines that did not parse, e.g.: ${report.skippedExamples.join(', ')}`);
        // The statistics of the imported period, as GoAccess would report them.
        if (values.stats && report.firstAt && report.lastAt) {
          const day = (d: Date) => berlinDayHour(d.getTime()).day;
          await writeReport(
            ctx.db.withTables<AccesslogTables>(),
            day(report.firstAt),
            day(report.lastAt),
            values.stats,
            values.output,
            ctx.config.STATS_MIN_COUNT,
          );
        }
        return 0;
      } catch (err) {
        bar?.stop();
        if (err instanceof AlreadyImportedError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    },
  },
  {
    name: 'accesslog stats',
    summary: 'Print the anonymous access statistics, or write them as JSON or CSV',
    usage: 'accesslog stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json|csv] [--output file]',
    async run(args, ctx) {
      const { values } = parseArgs({
        args,
        options: {
          from: { type: 'string' },
          to: { type: 'string' },
          format: { type: 'string', default: 'text' },
          output: { type: 'string' },
        },
      });
      const today = berlinDayHour(ctx.clock.now().getTime()).day;
      const to = values.to ?? today;
      const from = values.from ?? berlinDayHour(ctx.clock.now().getTime() - 29 * DAY_MS).day;
      const bad = [
        !DAY.test(from) && '--from must be YYYY-MM-DD',
        !DAY.test(to) && '--to must be YYYY-MM-DD',
        !FORMATS.includes(values.format ?? '') && '--format must be text, json or csv',
        from > to && '--from must not be after --to',
      ].filter(Boolean);
      if (bad.length) {
        console.error(bad.join('\n'));
        return 2;
      }
      const db = ctx.db.withTables<AccesslogTables>();
      await aggregatePending(db);
      await writeReport(db, from, to, values.format as string, values.output, ctx.config.STATS_MIN_COUNT);
      return 0;
    },
  },
  {
    name: 'accesslog aggregate',
    summary: 'Count new access log entries into the statistics now',
    usage: 'accesslog aggregate',
    async run(_args, ctx) {
      const n = await aggregatePending(ctx.db.withTables<AccesslogTables>());
      console.log(`${n} entries counted`);
    },
  },
];
