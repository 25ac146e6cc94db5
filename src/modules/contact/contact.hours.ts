import Holidays from 'date-holidays';
import { DAY_MS } from '../../core/clock.ts';
import type { CallbackHours } from '../../core/config/index.ts';
import { berlinDay, berlinToUtc, type Localized } from '../../core/i18n/index.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Slot {
  /** `HH:MM`, Europe/Berlin. */
  start: string;
  end: string;
}

export interface CallbackDay {
  /** `YYYY-MM-DD` on the Berlin calendar. */
  day: string;
  weekday: Weekday;
  slots: Slot[];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()] as Weekday;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The slots of a weekday: each span cut into whole slots; a remainder too short for one is not offered. */
export function slotsOf(hours: CallbackHours, weekday: Weekday): Slot[] {
  return hours.hours[weekday].flatMap((span) => {
    const out: Slot[] = [];
    for (let m = minutes(span.from); m + hours.slotMinutes <= minutes(span.to); m += hours.slotMinutes)
      out.push({ start: hhmm(m), end: hhmm(m + hours.slotMinutes) });
    return out;
  });
}

/** Every slot of the week, once each, in the order of the day: the choices of the time field. */
export function weekSlots(hours: CallbackHours): Slot[] {
  const byStart = new Map<string, Slot>();
  // One slot length for every day: slots that start together end together.
  for (const w of WEEKDAYS) for (const s of slotsOf(hours, w)) byStart.set(s.start, s);
  return [...byStart.values()].sort((a, b) => minutes(a.start) - minutes(b.start));
}

/** Public holidays of a German federal state, by day, with their names in both languages. */
export class StateHolidays {
  private readonly de: Holidays;
  private readonly en: Holidays;
  private readonly years = new Map<number, Map<string, Localized>>();

  constructor(readonly state: string) {
    const known = new Holidays().getStates('DE') ?? {};
    // date-holidays answers an unknown state with the national holidays; a typo must not pass silently.
    if (!(state in known)) throw new Error(`date-holidays knows no German state "${state}" (organisation.state)`);
    this.de = new Holidays('DE', state, { types: ['public'], languages: ['de'] });
    this.en = new Holidays('DE', state, { types: ['public'], languages: ['en'] });
  }

  /** The holiday on this Berlin calendar day, if there is one. */
  on(day: string): Localized | null {
    const year = Number(day.slice(0, 4));
    let map = this.years.get(year);
    if (!map) {
      map = new Map();
      const names = new Map(this.en.getHolidays(year, 'en').map((h) => [h.date.slice(0, 10), h.name]));
      for (const h of this.de.getHolidays(year, 'de'))
        map.set(h.date.slice(0, 10), { de: h.name, en: names.get(h.date.slice(0, 10)) ?? h.name });
      this.years.set(year, map);
    }
    return map.get(day) ?? null;
  }
}

/**
 * The days a callback can be asked for: from tomorrow (Berlin) for `daysAhead` days, without
 * weekdays that have no hours and without the state's public holidays.
 */
export function callbackDays(hours: CallbackHours, holidays: StateHolidays, now: Date): CallbackDay[] {
  const today = berlinDay(now);
  const days: CallbackDay[] = [];
  for (let i = 1; i <= hours.daysAhead; i++) {
    const day = addDays(today, i);
    const weekday = weekdayOf(day);
    const slots = slotsOf(hours, weekday);
    if (slots.length && !holidays.on(day)) days.push({ day, weekday, slots });
  }
  return days;
}

export type SlotProblem =
  | { field: 'day'; reason: 'holiday'; holiday: Localized }
  | { field: 'day'; reason: 'closed' | 'range' }
  | { field: 'slot'; reason: 'outside'; weekday: Weekday; slots: Slot[] };

/** The chosen day and slot as instants, or why they cannot be offered. */
export function checkCallbackTime(
  hours: CallbackHours,
  holidays: StateHolidays,
  now: Date,
  day: string,
  start: string,
): { ok: true; slot: Slot; start: Date; end: Date } | { ok: false; problem: SlotProblem } {
  const today = berlinDay(now);
  if (day <= today || day > addDays(today, hours.daysAhead)) return { ok: false, problem: { field: 'day', reason: 'range' } };
  const holiday = holidays.on(day);
  if (holiday) return { ok: false, problem: { field: 'day', reason: 'holiday', holiday } };
  const weekday = weekdayOf(day);
  const slots = slotsOf(hours, weekday);
  if (slots.length === 0) return { ok: false, problem: { field: 'day', reason: 'closed' } };
  const slot = slots.find((s) => s.start === start);
  if (!slot) return { ok: false, problem: { field: 'slot', reason: 'outside', weekday, slots } };
  return { ok: true, slot, start: berlinToUtc(day, slot.start), end: berlinToUtc(day, slot.end) };
}
