import type { Organisation } from './config/index.ts';
import type { Localized } from './i18n/index.ts';

/** The staff roles of a utility. Departments come from configuration, one role each. */
export const FIXED_ROLES = [
  'admin',
  'customer-service',
  'hr',
  'marketing',
  'communications',
  'sponsoring',
  'advisory-board',
  'energy-advice',
  'editor',
  'legal',
  'dpo',
  'equal-treatment',
  'works-council',
] as const;

export type FixedRole = (typeof FIXED_ROLES)[number];
export type DepartmentRole = `department:${string}`;
export type Role = FixedRole | DepartmentRole;

const LABELS: Record<FixedRole, Localized> = {
  admin: { de: 'Administration', en: 'Administration' },
  'customer-service': { de: 'Kundenservice', en: 'Customer service' },
  hr: { de: 'Personalabteilung', en: 'Human resources' },
  marketing: { de: 'Marketing', en: 'Marketing' },
  communications: { de: 'Unternehmenskommunikation', en: 'Corporate communications' },
  sponsoring: { de: 'Sponsoring', en: 'Sponsoring' },
  'advisory-board': { de: 'Sponsoring-Beirat', en: 'Sponsoring advisory board' },
  'energy-advice': { de: 'Energieberatung', en: 'Energy advice' },
  editor: { de: 'Redaktion', en: 'Editorial team' },
  legal: { de: 'Rechtsabteilung', en: 'Legal department' },
  dpo: { de: 'Datenschutzbeauftragte', en: 'Data-protection officer' },
  'equal-treatment': { de: 'Gleichstellungsbeauftragte', en: 'Equal-treatment officer' },
  'works-council': { de: 'Betriebsrat', en: 'Works council' },
};

export function departmentRole(id: string): DepartmentRole {
  return `department:${id}`;
}

/** Every role of this installation: the fixed ones and one per configured department. */
export function allRoles(org: Organisation): Role[] {
  return [...FIXED_ROLES, ...org.departments.map((d) => departmentRole(d.id))];
}

export function isRole(org: Organisation, value: string): value is Role {
  return (allRoles(org) as string[]).includes(value);
}

/**
 * A role in words. A department's role is named as the department (`Fachabteilung Kundenservice`),
 * so it never reads like the fixed role of the same name (`Kundenservice`) beside it.
 */
export function roleLabel(org: Organisation, role: Role): Localized {
  if (role.startsWith('department:')) {
    const dept = org.departments.find((d) => departmentRole(d.id) === role);
    return dept
      ? { de: `Fachabteilung ${dept.name.de}`, en: `${dept.name.en} department` }
      : { de: 'Fachabteilung (nicht mehr eingerichtet)', en: 'Department (no longer set up)' };
  }
  return LABELS[role as FixedRole];
}
