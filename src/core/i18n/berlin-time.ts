/**
 * Europe/Berlin wall-clock time, the one way: staff type days and times as they read them on a
 * clock, and rules speak of whole Berlin days, while instants are stored in UTC. Every module
 * converts through these functions instead of its own Intl arithmetic.
 */
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Minutes Berlin is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  const p = Object.fromEntries(wallClock.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** The Berlin calendar day of an instant, `YYYY-MM-DD`. */
export function berlinDay(at: Date): string {
  return calendarDay.format(at);
}

/**
 * The instant a Berlin wall-clock time happens: day `YYYY-MM-DD`, time `HH:MM`. The offset is
 * taken at the guessed instant and again at the corrected one, since it differs near a switch.
 */
export function berlinToUtc(day: string, time = '00:00'): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const first = wall - berlinOffsetMinutes(wall) * 60_000;
  return new Date(wall - berlinOffsetMinutes(first) * 60_000);
}

/** The first moment of a Berlin calendar day. */
export function berlinDayStart(day: string): Date {
  return berlinToUtc(day, '00:00');
}

/** The moment a Berlin calendar day ends (the next day's midnight): "until 31 December" lasts the whole day. */
export function berlinDayEnd(day: string): Date {
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return berlinDayStart(next);
}

/** A day typed the German way ("05.12.2026", also "5.12.2026") as `YYYY-MM-DD`; null unless a real calendar day. */
export function germanDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return probe.toISOString().slice(0, 10);
}

/** A time typed as `H:MM` or `HH:MM` as `HH:MM`; null unless a real time of day. */
export function clockTime(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1]?.padStart(2, '0')}:${m[2]}`;
}

/** A day and a time typed the German way ("05.12.2026", "14:30"), read as Berlin wall-clock time; null unless both are real. */
export function fromGermanDateTime(date: string, time = '00:00'): Date | null {
  const day = germanDay(date);
  const hhmm = clockTime(time);
  return day && hhmm ? berlinToUtc(day, hhmm) : null;
}
