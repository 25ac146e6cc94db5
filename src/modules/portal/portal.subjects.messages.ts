import { defineMessages } from '../../core/i18n/index.ts';

/** How a data-subject request names the portal's records (portal.subjects.ts), German first. */
export const portalSubjectMessages = defineMessages({
  'summary.contract': {
    de: '{contract}, {commodity} ({tariff}), {street}, {postcode} {city}',
    en: '{contract}, {commodity} ({tariff}), {street}, {postcode} {city}',
  },
  'summary.contractEnded': {
    de: '{contract}, {commodity} ({tariff}), {street}, {postcode} {city}; beendet am {end}',
    en: '{contract}, {commodity} ({tariff}), {street}, {postcode} {city}; ended on {end}',
  },
  'summary.mandate': { de: '{reference}: {holder}, erteilt am {signed}', en: '{reference}: {holder}, given on {signed}' },
  'summary.mandateRevoked': {
    de: '{reference}: {holder}, widerrufen am {revoked}',
    en: '{reference}: {holder}, revoked on {revoked}',
  },
  'summary.account.active': { de: '{email}, Zugang aktiv', en: '{email}, access active' },
  'summary.account.pending': { de: '{email}, Registrierung nicht abgeschlossen', en: '{email}, registration not completed' },
  'summary.log': { de: '{count} Einträge im Portalprotokoll', en: '{count} entries in the portal log' },
  'summary.log.one': { de: '1 Eintrag im Portalprotokoll', en: '1 entry in the portal log' },
  'summary.task.open': { de: '{reference}, {kind}, in Bearbeitung', en: '{reference}, {kind}, being handled' },
  'summary.task.done': { de: '{reference}, {kind}, erledigt', en: '{reference}, {kind}, done' },
});
