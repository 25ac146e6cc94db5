import type { JobDefinition } from '../../core/module.ts';
import { deliverDueSms } from './sms.deliver.ts';

export const smsJobs: JobDefinition[] = [{ name: 'sms.deliver', cron: '* * * * *', run: (ctx) => deliverDueSms(ctx) }];
