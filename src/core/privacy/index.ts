import { defineModule } from '../module.ts';
import * as createEngineTables from './migrations/20261127T2010_privacy_create_engine_tables.ts';
import * as addDsrVerification from './migrations/20261201T0900_privacy_add_dsr_verification.ts';
import * as addRights from './migrations/20261205T2230_privacy_add_rights.ts';
import { privacyJobs } from './privacy.jobs.ts';
import { privacyEnginePrivacy } from './privacy.register.ts';
import { retentionCommands } from './retention.commands.ts';

/**
 * The privacy engine as a module: the register's own activities (audit log, holds, requests,
 * proof of deletion), its tables, the retention job and commands. The pages it serves (the
 * statement, the request form, the DPO's back office) are the module src/modules/gdpr, which
 * depends on this engine, never the reverse (dependency rule `privacy-engine-serves-pages`).
 */
export const privacyModule = defineModule({
  name: 'privacy',
  migrations: {
    '20261127T2010_privacy_create_engine_tables': createEngineTables,
    '20261201T0900_privacy_add_dsr_verification': addDsrVerification,
    '20261205T2230_privacy_add_rights': addRights,
  },
  privacy: privacyEnginePrivacy,
  jobs: privacyJobs,
  commands: retentionCommands,
});

export { type AuditEntry, recordAudit } from './audit.ts';
export { InvalidCorrection } from './corrections.ts';
export { splitByAccess, type WithheldRecords } from './dsr.scope.ts';
export { glossary } from './glossary.ts';
export { activeHolds, HOLD_REASONS, type HoldInput, isHeld, releaseHold, setHold } from './holds.ts';
export { type KeptReason, keptReasonMessages, keptReasonText } from './kept-reasons.ts';
export { privacyGlossary } from './privacy.glossary.ts';
export { privacyJobs } from './privacy.jobs.ts';
export type {
  AuditAction,
  AuditLogTable,
  BreachDecision,
  BreachesTable,
  DsrIdentifier,
  DsrRequestsTable,
  DsrStatus,
  DsrVerificationMethod,
  DsrVerificationsTable,
  HoldReason,
  LegalHoldsTable,
  PrivacyTables,
  RestrictionsTable,
} from './privacy.tables.ts';
export { DSR_KINDS, type DsrKind } from './privacy.tables.ts';
export { activitiesOf, allows, assertRegisterMatchesSchema, findActivity, mayAccess, privacyOf } from './register.ts';
export type * from './register.types.ts';
// Restriction of processing (Art. 18 GDPR): modules mark restricted records and refuse to process them.
export { isRestricted, liftRestriction, liveRestrictions, restrictedAmong, restrictRecord } from './restrictions.ts';
export { covered } from './retention.compile.ts';
export { type RetentionReport, runRetention } from './retention.runner.ts';
export { type RowAccess, rolesSeeingRow, rowAccess, rowAccessCondition } from './row-scope.ts';
export { type Block, buildStatement, ruleSentence, type StatementModel, statementPaths } from './statement.model.ts';
export { ensureStatementVersion, findVersion, latestVersion, listVersions, type StatementVersion } from './statement.versions.ts';
export { fieldValues, labelledAs } from './subject-fields.ts';
export { eraseSubject, findSubject, normaliseSubject } from './subjects.ts';
