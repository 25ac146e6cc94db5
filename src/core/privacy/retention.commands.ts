import { parseArgs } from 'node:util';
import { progressBar } from '../cli/index.ts';
import type { CliCommand } from '../module.ts';
import { activitiesOf } from './register.ts';
import { runRetention, UnknownActivityError } from './retention.runner.ts';

function describePeriod(after: { days?: number; months?: number; years?: number }): string {
  if ('days' in after) return `${after.days} days`;
  if ('months' in after) return `${after.months} months`;
  return `${after.years} years`;
}

export const retentionCommands: CliCommand[] = [
  {
    name: 'retention run',
    summary: "Apply every retention rule of the register now (or one activity's), writing deletion records",
    usage: 'retention run [--dry-run] [--activity <id>] [--batch-size N]',
    // --batch-size caps a batch; batches adapt below it to take about a quarter of a second.
    async run(args, ctx) {
      const { values } = parseArgs({
        args,
        options: { 'dry-run': { type: 'boolean' }, activity: { type: 'string' }, 'batch-size': { type: 'string' } },
      });
      const batchSize = values['batch-size'] ? Number(values['batch-size']) : ctx.config.RETENTION_BATCH_SIZE;
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        console.error('--batch-size must be a positive whole number');
        return 2;
      }
      let bar: ReturnType<typeof progressBar> | undefined;
      try {
        const report = await runRetention(ctx, {
          trigger: 'cli',
          dryRun: values['dry-run'] ?? false,
          batchSize,
          ...(values.activity ? { activity: values.activity } : {}),
          onProgress: (done, total, label) => {
            bar ??= progressBar('retention run', total, 'rows');
            bar.setTotal(total);
            bar.update(done, { note: label });
          },
        });
        bar?.stop();
        const verb = report.dryRun ? 'would' : '';
        for (const r of report.rules) {
          console.log(
            `${r.activity}/${r.rule}  ${r.table}: ${verb ? `${verb} ` : ''}${r.action === 'delete' ? 'delete' : 'anonymise'} ${r.affected}`,
          );
        }
        if (report.runId) console.log(`run ${report.runId}: deletion records written`);
        return 0;
      } catch (err) {
        bar?.stop();
        if (err instanceof UnknownActivityError) {
          console.error(err.message);
          return 2;
        }
        throw err;
      }
    },
  },
  {
    name: 'retention rules',
    summary: 'List the retention rules of the register',
    usage: 'retention rules',
    async run(_args, ctx) {
      for (const a of activitiesOf(ctx.modules, ctx.config)) {
        for (const r of a.retention) {
          console.log(
            `${a.id}/${r.id}: ${r.action.kind} ${r.table} rows ${describePeriod(r.after)} after ${r.startEvent.en} (${r.table}.${r.start})`,
          );
        }
      }
    },
  },
];
