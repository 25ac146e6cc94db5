import { DAY_MS } from '../../core/clock.ts';
import type { JobDefinition } from '../../core/module.ts';
import { ACCESSLOG_RETENTION_DAYS } from './accesslog.constants.ts';
import { aggregatePending, deleteEntriesBefore } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

export const accesslogJobs: JobDefinition[] = [
  {
    name: 'accesslog.aggregate',
    cron: '*/10 * * * *',
    run: (ctx) => aggregatePending(ctx.db.withTables<AccesslogTables>()),
  },
  {
    // Counts first, so no entry leaves the log before the statistics have seen it.
    name: 'accesslog.retention',
    cron: '17 3 * * *',
    run: async (ctx) => {
      const db = ctx.db.withTables<AccesslogTables>();
      await aggregatePending(db);
      return deleteEntriesBefore(db, new Date(ctx.clock.now().getTime() - ACCESSLOG_RETENTION_DAYS * DAY_MS));
    },
  },
];
