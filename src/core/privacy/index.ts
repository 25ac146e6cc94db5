import { defineModule } from '../module.ts';
import * as createEngineTables from './migrations/20261127T2010_privacy_create_engine_tables.ts';
import * as addDsrVerification from './migrations/20261201T0900_privacy_add_dsr_verification.ts';
import * as addRights from './migrations/20261205T2230_privacy_add_rights.ts';
import { privacyJobs } from './privacy.jobs.ts';
import { privacyEnginePrivacy } from './privacy.register.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import { retentionCommands } from './retention.commands.ts';

/**
 * The privacy engine as a module: the register's own activities (audit log, holds, requests,
 * proof of deletion), the retention job and commands, the statement and the DPO's pages.
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
  routes: async (app, ctx) => {
    (await import('./statement.routes.tsx')).registerStatementRoutes(app, ctx);
    (await import('./dsr.public.routes.tsx')).registerDsrPublicRoutes(app, ctx);
    (await import('./dsr.staff.routes.tsx')).registerDsrStaffRoutes(app, ctx);
    (await import('./dpo.routes.tsx')).registerDpoRoutes(app, ctx);
    (await import('./dsr.rights.routes.tsx')).registerDsrRightsRoutes(app, ctx);
    (await import('./dpo.records.routes.tsx')).registerDpoRecordRoutes(app, ctx);
  },
  staffNavigation: [
    {
      id: 'privacy.requests',
      label: { de: 'Betroffenenanfragen', en: 'Subject requests' },
      href: '/staff/anfragen',
      access: { activity: 'privacy.subject-requests', action: 'read' },
      openCount: async (ctx) => {
        const row = await ctx.db
          .withTables<PrivacyTables>()
          .selectFrom('dsr_requests')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
      order: 60,
    },
    {
      id: 'privacy.register',
      label: { de: 'Verarbeitungsverzeichnis', en: 'Processing register' },
      href: '/staff/datenschutz',
      access: { activity: 'privacy.deletion-proof', action: 'read' },
      order: 70,
    },
    {
      id: 'privacy.holds',
      label: { de: 'Aufbewahrungen', en: 'Holds' },
      href: '/staff/datenschutz/sperren',
      access: { activity: 'privacy.legal-holds', action: 'read' },
      order: 71,
    },
    {
      id: 'privacy.audit',
      label: { de: 'Zugriffsprotokoll', en: 'Access log' },
      href: '/staff/datenschutz/protokoll',
      access: { activity: 'privacy.audit-log', action: 'read' },
      order: 72,
    },
    {
      id: 'privacy.restrictions',
      label: { de: 'Einschränkungen', en: 'Restrictions' },
      href: '/staff/datenschutz/einschraenkungen',
      access: { activity: 'privacy.restrictions', action: 'read' },
      order: 73,
    },
    {
      id: 'privacy.ropa',
      label: { de: 'Verzeichnis nach Art. 30', en: 'Record under Art. 30' },
      href: '/staff/datenschutz/verzeichnis',
      access: { activity: 'privacy.deletion-proof', action: 'read' },
      order: 74,
    },
    {
      id: 'privacy.breaches',
      label: { de: 'Datenschutzverletzungen', en: 'Breaches' },
      href: '/staff/datenschutz/vorfaelle',
      access: { activity: 'privacy.breaches', action: 'read' },
      order: 75,
    },
  ],
  navigation: [
    {
      id: 'privacy.statement',
      label: { de: 'Datenschutz', en: 'Privacy' },
      href: { de: '/datenschutz', en: '/en/privacy' },
      area: 'footer',
      order: 20,
    },
    {
      id: 'privacy.glossary',
      label: { de: 'Glossar', en: 'Glossary' },
      href: { de: '/glossar', en: '/en/glossary' },
      area: 'footer',
      order: 25,
    },
    {
      id: 'privacy.request',
      label: { de: 'Ihre Datenschutzrechte', en: 'Your privacy rights' },
      href: { de: '/datenschutz/anfrage', en: '/en/privacy/request' },
      area: 'footer',
      order: 26,
    },
  ],
});

export { type AuditEntry, recordAudit } from './audit.ts';
export { InvalidCorrection } from './corrections.ts';
export { dsrMessages } from './dsr.messages.ts';
export { createSignedInRequest } from './dsr.queries.ts';
export { splitByAccess } from './dsr.scope.ts';
export { HOLD_REASONS, type HoldInput, isHeld, releaseHold, setHold } from './holds.ts';
export { privacyGlossary } from './privacy.glossary.ts';
export { privacyJobs } from './privacy.jobs.ts';
export type { AuditAction, HoldReason, PrivacyTables } from './privacy.tables.ts';
export { DSR_KINDS, type DsrKind } from './privacy.tables.ts';
export { activitiesOf, findActivity, mayAccess } from './register.ts';
export type * from './register.types.ts';
// Restriction of processing (Art. 18 GDPR): modules mark restricted records and refuse to process them.
export { isRestricted, restrictedAmong } from './restrictions.ts';
export { RestrictedBadge, refuseRestricted } from './restrictions.views.tsx';
export { covered } from './retention.compile.ts';
export { type RetentionReport, runRetention } from './retention.runner.ts';
export { type RowAccess, rolesSeeingRow, rowAccess, rowAccessCondition } from './row-scope.ts';
export { statementPaths } from './statement.model.ts';
export { ensureStatementVersion } from './statement.versions.ts';
export { eraseSubject, findSubject, normaliseSubject } from './subjects.ts';
