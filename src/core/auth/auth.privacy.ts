import type { ModulePrivacy } from '../privacy/register.types.ts';
import { authSubjects } from './auth.subjects.ts';

/** Staff accounts, sign-in sessions (staff and customers) and the sign-in throttle. */
export const authPrivacy: ModulePrivacy = {
  activities: [
    {
      id: 'auth.staff-accounts',
      title: { de: 'Zugänge unserer Beschäftigten', en: 'Accounts of our staff' },
      purpose: {
        de: 'Beschäftigte melden sich mit Passwort und zweitem Faktor an; ihre Rollen bestimmen, welche Daten sie sehen dürfen.',
        en: 'Staff sign in with a password and a second factor; their roles decide which data they may see.',
      },
      legalBasis: ['b-contract', 'c-legal-obligation'],
      legalBasisNote: {
        de: 'Beschäftigungsverhältnis (§ 26 BDSG) und die Pflicht zur Sicherheit der Verarbeitung (Art. 32 DSGVO).',
        en: 'Employment (§ 26 BDSG) and the duty to secure processing (Art. 32 GDPR).',
      },
      dataSubjects: { de: 'Beschäftigte', en: 'Staff' },
      dataCategories: [
        { de: 'Name, dienstliche E-Mail-Adresse, Rollen', en: 'name, work e-mail address, roles' },
        {
          de: 'Passwort (nur als Argon2id-Hash), Geheimnis des zweiten Faktors (verschlüsselt)',
          en: 'password (only as an Argon2id hash), second-factor secret (encrypted)',
        },
      ],
      personalColumns: [
        'staff_accounts.email',
        'staff_accounts.name',
        'staff_accounts.password_hash',
        'staff_accounts.totp_secret',
        'staff_accounts.last_login_at',
        'staff_roles.staff_id',
        'staff_roles.role',
        'staff_recovery_codes.staff_id',
        'staff_recovery_codes.code_hash',
        'staff_invitations.staff_id',
      ],
      recipients: { roles: ['admin'] },
      source: { de: 'die Administration und die Beschäftigten selbst', en: 'the administrators and the staff themselves' },
      retention: [
        {
          id: 'deactivated',
          table: 'staff_accounts',
          start: 'deactivated_at',
          startEvent: { de: 'der Deaktivierung des Zugangs', en: 'the account was deactivated' },
          after: { days: 90 },
          action: { kind: 'delete' },
          claims: ['C04'],
        },
        {
          id: 'expired-invitations',
          table: 'staff_invitations',
          key: 'token_hash',
          start: 'expires_at',
          startEvent: { de: 'dem Ablauf der Einladung', en: 'the invitation expired' },
          after: { days: 1 },
          action: { kind: 'delete' },
          claims: [],
        },
      ],
      claims: ['C04'],
    },
    {
      id: 'auth.sessions',
      title: { de: 'Anmeldung (Sitzungen)', en: 'Being signed in (sessions)' },
      purpose: {
        de: 'Solange Sie angemeldet sind, erkennt der Server Sie an einem Sitzungs-Cookie. Öffentliche Seiten setzen kein Cookie; erst die Anmeldung im Kundenportal oder im internen Bereich tut es.',
        en: 'While you are signed in, the server recognises you by a session cookie. Public pages set no cookie; only signing in to the customer portal or the internal area does.',
      },
      legalBasis: ['b-contract', 'f-legitimate-interests'],
      dataSubjects: { de: 'angemeldete Kundinnen, Kunden und Beschäftigte', en: 'signed-in customers and staff' },
      dataCategories: [
        {
          de: 'Sitzungskennung (nur als Hash gespeichert), Zeitpunkte, IP-Adresse bei der Anmeldung',
          en: 'session identifier (stored only as a hash), times, IP address at sign-in',
        },
      ],
      personalColumns: [
        'sessions.subject_id',
        'sessions.ip',
        'sessions.created_at',
        'sessions.last_seen_at',
        'login_throttle.key',
        'login_throttle.failures',
        'login_throttle.last_failure_at',
      ],
      recipients: { roles: [] },
      source: { de: 'Ihre Anmeldung', en: 'your sign-in' },
      retention: [
        {
          id: 'expired',
          table: 'sessions',
          key: 'id_hash',
          start: 'expires_at',
          startEvent: { de: 'dem Ende der Sitzung', en: 'the session ended' },
          after: { days: 1 },
          action: { kind: 'delete' },
          claims: [],
        },
        {
          id: 'throttle',
          table: 'login_throttle',
          key: 'key',
          start: 'last_failure_at',
          startEvent: { de: 'dem letzten Fehlversuch', en: 'the last failed attempt' },
          after: { days: 1 },
          action: { kind: 'delete' },
          claims: [],
        },
      ],
      claims: ['C11'],
    },
  ],
  personalTables: {
    staff_accounts: { nonPersonal: ['id', 'totp_last_step', 'active', 'created_at', 'activated_at', 'deactivated_at'] },
    staff_roles: { nonPersonal: [] },
    staff_recovery_codes: { nonPersonal: ['used_at'] },
    staff_invitations: { nonPersonal: ['token_hash', 'created_at', 'expires_at', 'used_at'] },
    sessions: { nonPersonal: ['id_hash', 'kind', 'expires_at', 'second_factor_at', 'csrf_token'] },
    login_throttle: { nonPersonal: [] },
  },
  subjects: authSubjects,
};
