import type { JobDefinition } from '../../core/module.ts';
import { unpublishExpired } from './media.queries.ts';
import type { MediaTables } from './media.tables.ts';

/**
 * C31: pictures whose consent ran out are marked unpublished, so the editors see it and a
 * renewed consent needs their release again. The public routes do not wait for this job: they
 * check the consent on every request.
 */
export const mediaJobs: JobDefinition[] = [
  {
    name: 'media.expire',
    cron: '*/15 * * * *',
    run: async (ctx) => ({ unpublished: await unpublishExpired(ctx.db.withTables<MediaTables>(), ctx.clock.now()) }),
  },
];
