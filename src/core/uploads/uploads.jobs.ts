import type { JobDefinition } from '../module.ts';
import { collectStrayFiles, sweepFilesOfGoneOwners } from './uploads.files.ts';

/**
 * Bytes younger than this may belong to an upload still being saved. Measured on the machine's
 * clock, not the app's: the disk store dates keys by their files' modification times.
 */
const STRAY_AGE_MS = 24 * 60 * 60_000;

export const uploadsJobs: JobDefinition[] = [
  {
    // The privacy engine sweeps after its own deletions; this catches owners deleted elsewhere
    // and bytes a crash left behind.
    name: 'uploads.sweep',
    cron: '41 * * * *',
    run: async (ctx) => ({
      filesOfGoneOwners: await sweepFilesOfGoneOwners(ctx),
      strays: await collectStrayFiles(ctx, new Date(Date.now() - STRAY_AGE_MS)),
    }),
  },
];
