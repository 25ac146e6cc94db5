import { berlinDay } from '../i18n/index.ts';

/** The calendar day in Europe/Berlin, `YYYY-MM-DD`: a letter belongs to the print run of that day. */
export function dayInBerlin(at: Date): string {
  return berlinDay(at);
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
