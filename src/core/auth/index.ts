import { defineModule } from '../module.ts';
import { authPrivacy } from './auth.privacy.ts';
import { seedDemoStaff } from './auth.seed.ts';
import * as createStaffTables from './migrations/20261127T2000_auth_create_staff_tables.ts';
import * as createUnlockTokens from './migrations/20261201T0930_auth_create_unlock_tokens.ts';
import * as createRoleGrants from './migrations/20261201T0940_auth_create_role_grants.ts';
import * as createRateLimits from './migrations/20261206T0100_auth_create_rate_limits.ts';
import { staffCommands } from './staff.commands.ts';

/** Staff accounts, roles, second factor and server-side sessions (staff and customers). */
export const authModule = defineModule({
  name: 'auth',
  roles: ['admin'],
  migrations: {
    '20261127T2000_auth_create_staff_tables': createStaffTables,
    '20261201T0930_auth_create_unlock_tokens': createUnlockTokens,
    '20261201T0940_auth_create_role_grants': createRoleGrants,
    '20261206T0100_auth_create_rate_limits': createRateLimits,
  },
  privacy: authPrivacy,
  hooks: async (app, ctx) => (await import('./guard.ts')).installStaffGuard(app, ctx),
  routes: async (app, ctx) => {
    (await import('./staff.signin.routes.tsx')).registerSignInRoutes(app, ctx);
    (await import('./staff.area.routes.tsx')).registerStaffAreaRoutes(app, ctx);
  },
  commands: staffCommands,
  seedDemo: seedDemoStaff,
  staffNavigation: [
    {
      id: 'auth.staff',
      label: { de: 'Beschäftigte', en: 'Staff' },
      href: '/staff/mitarbeitende',
      access: { activity: 'auth.staff-accounts', action: 'read' },
      order: 90,
    },
  ],
});

// The roles are a core package of their own (src/core/roles.ts), below the register; passed on here.
export { allRoles, type DepartmentRole, departmentRole, FIXED_ROLES, type FixedRole, isRole, type Role, roleLabel } from '../roles.ts';
export type { AuthTables, SessionsTable, StaffAccountsTable } from './auth.tables.ts';
export { credentialMessages } from './credential.messages.ts';
export type { StaffRouteAccess } from './guard.ts';
export { hashPassword, PASSWORD_MAX, PASSWORD_MIN, type PasswordProblem, passwordProblem, verifyPassword } from './passwords.ts';
export { SecretBox, secretKey } from './secret-box.ts';
export {
  assertCsrf,
  clearSessionCookie,
  currentSession,
  endAllSessions,
  endSession,
  liveSession,
  type Session,
  type SessionKind,
  sessionIdHashOf,
  startSession,
} from './sessions.ts';
export { staffMessages } from './staff.messages.ts';
export {
  type Attempt,
  type AttemptKeys,
  attemptSucceeded,
  countRequest,
  issueUnlockToken,
  secondsToWait,
  takeAttempt,
} from './throttle.ts';
export { hashToken, randomToken, safeEqual } from './tokens.ts';
export { currentTotp, newTotpSecret, totpQrSvg, totpUri, verifyTotp } from './totp.ts';
export { isUuid } from './uuid.ts';
