const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Europe/Berlin, `YYYY-MM-DD`: a letter belongs to the print run of that day. */
export function dayInBerlin(at: Date): string {
  return berlinDay.format(at);
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
