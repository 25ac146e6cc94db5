import { defineMessages } from '../../core/i18n/index.ts';

export const siteMessages = defineMessages({
  'sitemap.title': { de: 'Übersicht aller Seiten', en: 'List of all pages' },
  'sitemap.nav': { de: 'Sitemap', en: 'Sitemap' },
  'sitemap.intro': {
    de: 'Alle Seiten dieser Website auf einen Blick.',
    en: 'Every page of this website at a glance.',
  },
  'sitemap.main': { de: 'Produkte und Services', en: 'Products and services' },
  'sitemap.footer': { de: 'Rechtliches', en: 'Legal' },
});
