import type { JobDefinition } from '../../core/module.ts';

/** The queue that carries one chunk of a run to whichever worker process is free. */
export const COMPUTE_CHUNK_JOB = 'solar.compute-chunk';

/**
 * One chunk at a time per process: a chunk already uses every core of the machine (worker
 * threads), so more machines, not more concurrent jobs, finish a region sooner.
 */
export const solarJobs: JobDefinition[] = [
  {
    name: COMPUTE_CHUNK_JOB,
    concurrency: 1,
    run: async (ctx, data) => (await import('./solar.runner.ts')).computeChunk(ctx, data),
  },
];
