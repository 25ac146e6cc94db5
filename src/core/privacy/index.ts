import { defineModule } from '../module.ts';
import * as createEngineTables from './migrations/20261127T2010_privacy_create_engine_tables.ts';
import { privacyJobs } from './privacy.jobs.ts';
import { privacyEnginePrivacy } from './privacy.register.ts';
import { retentionCommands } from './retention.commands.ts';

/**
 * The privacy engine as a module: the register's own activities (audit log, holds, requests,
 * proof of deletion), the retention job and commands, the statement and the DPO's pages.
 */
export const privacyModule = defineModule({
  name: 'privacy',
  migrations: { '20261127T2010_privacy_create_engine_tables': createEngineTables },
  privacy: privacyEnginePrivacy,
  jobs: privacyJobs,
  commands: retentionCommands,
});
