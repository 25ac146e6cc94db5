import { defineMessages } from '../../core/i18n/index.ts';

export const statementMessages = defineMessages({
  'nav.privacy': { de: 'Datenschutz', en: 'Privacy' },
  'nav.glossary': { de: 'Glossar', en: 'Glossary' },
  'version.line': { de: 'Version {number}, gültig seit {date}.', en: 'Version {number}, valid since {date}.' },
  'version.earlier': { de: 'Frühere Versionen', en: 'Earlier versions' },
  'version.notCurrent': {
    de: 'Dies ist eine frühere Fassung unserer Datenschutzerklärung. Es gilt die aktuelle Version {number}.',
    en: 'This is an earlier version of our privacy statement. The current version {number} applies.',
  },
  'version.toCurrent': { de: 'Zur aktuellen Fassung', en: 'To the current version' },
  'versions.title': { de: 'Versionen der Datenschutzerklärung', en: 'Versions of the privacy statement' },
  'versions.intro': {
    de: 'Jede Änderung unserer Verarbeitungen ergibt eine neue Version. Alle früheren Versionen bleiben hier abrufbar.',
    en: 'Every change to our processing gives a new version. All earlier versions stay available here.',
  },
  'versions.number': { de: 'Version', en: 'Version' },
  'versions.since': { de: 'gültig seit', en: 'valid since' },
  'versions.current': { de: '(aktuell)', en: '(current)' },
  'compare.title': { de: 'Versionen vergleichen', en: 'Compare versions' },
  'compare.from': { de: 'Ältere Version', en: 'Older version' },
  'compare.to': { de: 'Neuere Version', en: 'Newer version' },
  'compare.submit': { de: 'Vergleichen', en: 'Compare' },
  'compare.result': { de: 'Änderungen von Version {from} zu Version {to}', en: 'Changes from version {from} to version {to}' },
  'compare.none': { de: 'Die beiden Versionen sind gleich.', en: 'The two versions are the same.' },
  'compare.added': { de: 'Hinzugefügt: ', en: 'Added: ' },
  'compare.removed': { de: 'Entfernt: ', en: 'Removed: ' },
  'compare.unchanged': { de: '{count} unveränderte Zeilen', en: '{count} unchanged lines' },
  'compare.legend': {
    de: 'Neue Stellen sind grün unterlegt und mit „Hinzugefügt“ markiert, entfallene rot durchgestrichen und mit „Entfernt“.',
    en: 'New passages are marked green and "Added", removed ones red, struck through and "Removed".',
  },
  toc: { de: 'Inhalt', en: 'Contents' },
  'glossary.title': { de: 'Glossar', en: 'Glossary' },
  'glossary.intro': {
    de: 'Die Fachbegriffe unserer Datenschutzerklärung, kurz erklärt.',
    en: 'The technical terms of our privacy statement, briefly explained.',
  },
  'glossary.back': { de: 'Zurück zur Datenschutzerklärung', en: 'Back to the privacy statement' },
});
