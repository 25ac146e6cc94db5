import { defineMessages } from '../i18n/index.ts';

/** The staff frame's own words; core/auth's staff messages include them for its pages. */
export const staffLayoutMessages = defineMessages({
  'area.title': { de: 'Interner Bereich', en: 'Back office' },
  'area.nav': { de: 'Bereiche', en: 'Areas' },
  'area.menu': { de: 'Menü', en: 'Menu' },
  'area.signedInAs': { de: 'Angemeldet als {name}', en: 'Signed in as {name}' },
  'area.signOut': { de: 'Abmelden', en: 'Sign out' },
  'area.account': { de: 'Mein Zugang', en: 'My account' },
  'area.home': { de: 'Übersicht', en: 'Overview' },
});
