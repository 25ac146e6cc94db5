import type { JobDefinition } from '../module.ts';
import { remindDeadlines } from './dsr.deadline.ts';
import { runRetention } from './retention.runner.ts';

export const privacyJobs: JobDefinition[] = [
  {
    // Every rule of the register, every night; the CLI can run them at any time as well.
    name: 'privacy.retention',
    cron: '17 3 * * *',
    run: (ctx) => runRetention(ctx, { trigger: 'schedule', batchSize: ctx.config.RETENTION_BATCH_SIZE }),
  },
  {
    // Reminds the DPO of requests due within a week and of overdue ones (Art. 12(3) GDPR).
    name: 'privacy.dsr-deadlines',
    cron: '0 7 * * *',
    run: (ctx) => remindDeadlines(ctx),
  },
];
