import { berlinDayEnd, germanDay } from '../../core/i18n/index.ts';

/**
 * A day typed as DD.MM.YYYY, as the instant it ends in Berlin (midnight after it): a closing date
 * or a hold lasts the whole day. Null for anything that is not a real calendar day.
 */
export function endOfBerlinDay(text: string): Date | null {
  const day = germanDay(text);
  return day ? berlinDayEnd(day) : null;
}
