export type LetterLanguage = 'de' | 'en';

interface Labels {
  ourReference: string;
  contact: string;
  phone: string;
  email: string;
  date: string;
  page: (n: number, of: number) => string;
  managingDirectors: string;
  vatId: string;
  locale: string;
}

export const LETTER_LABELS: Record<LetterLanguage, Labels> = {
  de: {
    ourReference: 'Unser Zeichen',
    contact: 'Name',
    phone: 'Telefon',
    email: 'E-Mail',
    date: 'Datum',
    page: (n, of) => `Seite ${n} von ${of}`,
    managingDirectors: 'Geschäftsführung',
    vatId: 'USt-IdNr.',
    locale: 'de-DE',
  },
  en: {
    ourReference: 'Our reference',
    contact: 'Contact',
    phone: 'Phone',
    email: 'E-mail',
    date: 'Date',
    page: (n, of) => `Page ${n} of ${of}`,
    managingDirectors: 'Managing directors',
    vatId: 'VAT ID',
    locale: 'en-GB',
  },
};

/** "15. Juni 2026" / "15 June 2026", on the Europe/Berlin calendar. */
export function letterDate(at: Date, language: LetterLanguage): string {
  return new Intl.DateTimeFormat(LETTER_LABELS[language].locale, { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(at);
}
