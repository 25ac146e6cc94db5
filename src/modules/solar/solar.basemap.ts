import type { Config } from '../../core/config/index.ts';
import type { ProcessingActivity } from '../../core/privacy/index.ts';

/**
 * A base map of a third party (SOLAR_BASEMAP_URL). Its tiles load only after the visitor asks
 * for them on the map page, for that page only (C12): a tile request tells the provider the
 * visitor's IP address and which area they look at. Whenever one is configured, the register
 * names the provider, so the privacy statement does.
 */
export interface ExternalBasemap {
  /** Tile URL template with {z}, {x} and {y}. */
  url: string;
  origin: string;
  host: string;
  /** What the provider asks to be credited with; the host when not configured. */
  attribution: string | null;
}

export function externalBasemap(config: Config): ExternalBasemap | null {
  const url = config.SOLAR_BASEMAP_URL;
  if (!url) return null;
  const parsed = new URL(url.replace(/[{}]/g, ''));
  return { url, origin: parsed.origin, host: parsed.host, attribution: config.SOLAR_BASEMAP_ATTRIBUTION ?? null };
}

export const BASEMAP_ACTIVITY = 'solar.external-basemap';

export function externalBasemapActivity(config: Config): ProcessingActivity | null {
  const basemap = externalBasemap(config);
  if (!basemap) return null;
  const { host } = basemap;
  const name = basemap.attribution ? `${basemap.attribution} (${host})` : host;
  return {
    id: BASEMAP_ACTIVITY,
    title: { de: 'Hintergrundkarte eines Drittanbieters im Solarkataster', en: 'Third-party base map in the solar map' },
    purpose: {
      de: `Auf Ihren Wunsch zeigt die Karte des Solarkatasters eine Hintergrundkarte von ${host}. Erst wenn Sie sie auf der Kartenseite einschalten, lädt Ihr Browser die Kartenkacheln direkt von dort; ohne Ihren Klick wird nichts geladen. Die Wahl gilt nur, solange die Seite geöffnet ist, und wird weder in einem Cookie noch sonst im Browser gespeichert.`,
      en: `On your request the solar map shows a base map by ${host}. Only once you switch it on on the map page does your browser load the map tiles directly from there; without your click nothing is loaded. The choice holds only while the page is open and is kept neither in a cookie nor anywhere else in the browser.`,
    },
    legalBasis: ['a-consent'],
    legalBasisNote: {
      de: 'Sie schalten die Hintergrundkarte selbst ein (Art. 6 Abs. 1 lit. a DSGVO, § 25 Abs. 1 TDDDG); laden Sie die Seite neu, ist sie wieder aus.',
      en: 'You switch the base map on yourself (Art. 6(1)(a) GDPR, § 25(1) TDDDG); when you reload the page it is off again.',
    },
    dataSubjects: {
      de: 'Besucherinnen und Besucher der Solarkarte, die die Hintergrundkarte einschalten',
      en: 'Visitors of the solar map who switch the base map on',
    },
    dataCategories: [
      {
        de: 'IP-Adresse und Angaben des Browsers (etwa Sprache und Browsertyp)',
        en: 'IP address and what the browser states (such as language and browser type)',
      },
      { de: 'der angezeigte Kartenausschnitt (welche Kacheln geladen werden)', en: 'the map area shown (which tiles are loaded)' },
    ],
    // We store nothing of it: the browser talks to the provider directly.
    personalColumns: [],
    recipients: {
      roles: [],
      others: [
        {
          de: `${name} als Anbieter der Kartenkacheln, in eigener Verantwortung; es gilt dessen Datenschutzerklärung.`,
          en: `${name} as the provider of the map tiles, under its own responsibility; its own privacy terms apply.`,
        },
      ],
    },
    source: { de: 'Ihr Browser, wenn Sie die Hintergrundkarte einschalten', en: 'your browser, when you switch the base map on' },
    retention: [],
    notes: [
      {
        de: `Wir selbst speichern dabei nichts. Wie lange ${host} die Angaben aufbewahrt, regelt dessen Datenschutzerklärung. Ohne Hintergrundkarte zeigt die Karte die Gebäude und Straßennamen aus unserem eigenen Stadtmodell; dabei werden keine Daten an Dritte übertragen.`,
        en: `We ourselves store nothing of it. How long ${host} keeps the data is up to its privacy terms. Without the base map the map shows the buildings and street names of our own city model; no data go to third parties then.`,
      },
    ],
    claims: ['C12'],
  };
}
