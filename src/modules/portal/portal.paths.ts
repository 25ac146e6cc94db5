import type { Locale } from '../../core/i18n/index.ts';

/** Every page of the customer portal, German first, English under /en. */
export const PORTAL_PATHS = {
  overview: { de: '/portal', en: '/en/portal' },
  register: { de: '/portal/registrieren', en: '/en/portal/register' },
  activate: { de: '/portal/aktivieren', en: '/en/portal/activate' },
  signIn: { de: '/portal/anmelden', en: '/en/portal/sign-in' },
  signInCode: { de: '/portal/anmelden/code', en: '/en/portal/sign-in/code' },
  signOut: { de: '/portal/abmelden', en: '/en/portal/sign-out' },
  forgotPassword: { de: '/portal/passwort-vergessen', en: '/en/portal/forgot-password' },
  newPassword: { de: '/portal/passwort-neu', en: '/en/portal/new-password' },
  confirmEmail: { de: '/portal/email-bestaetigen', en: '/en/portal/confirm-email' },
  contract: { de: '/portal/vertraege/:id', en: '/en/portal/contracts/:id' },
  invoices: { de: '/portal/rechnungen', en: '/en/portal/invoices' },
  invoice: { de: '/portal/rechnungen/:id', en: '/en/portal/invoices/:id' },
  meterReading: { de: '/portal/zaehlerstand', en: '/en/portal/meter-reading' },
  meterReadingWithdraw: { de: '/portal/zaehlerstand/zurueckziehen', en: '/en/portal/meter-reading/withdraw' },
  instalment: { de: '/portal/abschlag', en: '/en/portal/instalment' },
  bankAccount: { de: '/portal/bankverbindung', en: '/en/portal/bank-account' },
  move: { de: '/portal/umzug', en: '/en/portal/move' },
  account: { de: '/portal/konto', en: '/en/portal/account' },
  changeEmail: { de: '/portal/konto/email', en: '/en/portal/account/email' },
  changePassword: { de: '/portal/konto/passwort', en: '/en/portal/account/password' },
  totp: { de: '/portal/konto/zwei-faktor', en: '/en/portal/account/two-factor' },
  totpOff: { de: '/portal/konto/zwei-faktor/aus', en: '/en/portal/account/two-factor/off' },
  log: { de: '/portal/protokoll', en: '/en/portal/log' },
  deleteAccess: { de: '/portal/zugang-loeschen', en: '/en/portal/delete-access' },
  privacyRequest: { de: '/portal/datenschutz-anfrage', en: '/en/portal/privacy-request' },
} as const satisfies Record<string, Record<Locale, string>>;

export type PortalPage = keyof typeof PORTAL_PATHS;

/** A page's path with its `:id` filled in. */
export function portalPath(page: PortalPage, locale: Locale, id?: string): string {
  const path: string = PORTAL_PATHS[page][locale];
  return id === undefined ? path : path.replace(':id', encodeURIComponent(id));
}

/** Both languages of a page, for the language switch. */
export function alternatesOf(page: PortalPage, id?: string): Record<Locale, string> {
  return { de: portalPath(page, 'de', id), en: portalPath(page, 'en', id) };
}

/** Whether a path belongs to the portal (the guard refuses undeclared routes there). */
export function isPortalPath(url: string): boolean {
  return url === '/portal' || url.startsWith('/portal/') || url === '/en/portal' || url.startsWith('/en/portal/');
}

/** Only the portal's own pages are followed after sign-in (no open redirect). */
export function safePortalNext(value: unknown, locale: Locale): string {
  const fallback = PORTAL_PATHS.overview[locale];
  if (typeof value !== 'string' || value.length > 300 || value.includes('//') || /(^|\/)\.\.?(\/|$|\?)|%2e|\\/i.test(value))
    return fallback;
  return /^(\/en)?\/portal(\/[\w\-/]*)?(\?[\w\-=&%.]*)?$/.test(value) ? value : fallback;
}
