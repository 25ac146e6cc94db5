import type { Locale } from '../../core/i18n/index.ts';
import type { Audience } from './sponsoring.terms.ts';

const BASE = { de: '/buergerprojekte', en: '/en/community-projects' } as const;

/** Every public path of the vote, German and English. */
export const paths = {
  home: (l: Locale) => BASE[l],
  apply: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'bewerbung' : 'apply'}`,
  projects: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'projekte' : 'projects'}`,
  projectsJson: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'projekte' : 'projects'}.json`,
  project: (l: Locale, id: string) => `${paths.projects(l)}/${id}`,
  projectFile: (l: Locale, id: string, fileId: string, rendition = 'original') =>
    `${paths.projects(l)}/${id}/${l === 'de' ? 'dateien' : 'files'}/${fileId}/${rendition}`,
  register: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'abstimmung/anmelden' : 'vote/register'}`,
  confirm: (l: Locale, token: string) => `${BASE[l]}/${l === 'de' ? 'abstimmung/bestaetigen' : 'vote/confirm'}/${token}`,
  ballot: (l: Locale, token: string) => `${BASE[l]}/${l === 'de' ? 'abstimmung/stimmzettel' : 'vote/ballot'}/${token}`,
  ballotCustomer: (l: Locale, token: string) => `${paths.ballot(l, token)}/${l === 'de' ? 'kundennummer' : 'customer'}`,
  ballotFinish: (l: Locale, token: string) => `${paths.ballot(l, token)}/${l === 'de' ? 'abschliessen' : 'finish'}`,
  result: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'ergebnis' : 'result'}`,
  resultJson: (l: Locale) => `${BASE[l]}/${l === 'de' ? 'ergebnis' : 'result'}.json`,
  terms: (l: Locale, a: Audience, version?: number) =>
    `${BASE[l]}/${l === 'de' ? 'teilnahmebedingungen' : 'terms'}/${a === 'applicants' ? (l === 'de' ? 'projekte' : 'projects') : l === 'de' ? 'abstimmung' : 'vote'}${version ? `/${version}` : ''}`,
};

/** The same page in both languages, for the language switch. */
export const both = (f: (l: Locale) => string) => ({ de: f('de'), en: f('en') });
