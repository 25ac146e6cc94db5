import type { JobDefinition } from '../module.ts';
import { runRetention } from './retention.runner.ts';

export const privacyJobs: JobDefinition[] = [
  {
    // Every rule of the register, every night; the CLI can run them at any time as well.
    name: 'privacy.retention',
    cron: '17 3 * * *',
    run: (ctx) => runRetention(ctx, { trigger: 'schedule', batchSize: ctx.config.RETENTION_BATCH_SIZE }),
  },
];
