const DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Minutes Berlin is ahead of UTC at that instant. */
function berlinOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - at.getTime()) / 60_000;
}

/**
 * A day typed as DD.MM.YYYY, as the instant it ends in Berlin (midnight after it): a closing date
 * or a hold lasts the whole day. Null for anything that is not a real calendar day.
 */
export function endOfBerlinDay(text: string): Date | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  const midnightUtc = Date.UTC(y, mo - 1, d + 1);
  return new Date(midnightUtc - berlinOffsetMinutes(new Date(midnightUtc)) * 60_000);
}
