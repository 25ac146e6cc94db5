import type { JobDefinition } from '../module.ts';
import { deliverDueMail } from './mail.deliver.ts';

export const mailJobs: JobDefinition[] = [
  {
    name: 'mail.deliver',
    cron: '* * * * *',
    run: (ctx) => deliverDueMail(ctx),
  },
];
