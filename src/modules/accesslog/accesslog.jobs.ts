import type { JobDefinition } from '../../core/module.ts';
import { aggregatePending } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

/** Deletion after 90 days is not a job of its own: the register's rule does it (accesslog.privacy.ts). */
export const accesslogJobs: JobDefinition[] = [
  {
    name: 'accesslog.aggregate',
    cron: '*/10 * * * *',
    run: (ctx) => aggregatePending(ctx.db.withTables<AccesslogTables>()),
  },
];
