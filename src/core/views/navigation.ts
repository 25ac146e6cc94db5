import type { Localized } from '../i18n/index.ts';

export interface NavItem {
  id: string;
  label: Localized;
  href: Localized;
  /** main: the header navigation; footer: legal and service links. */
  area: 'main' | 'footer';
  order: number;
}

export function sortNavigation(items: readonly NavItem[]): NavItem[] {
  return [...items].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
