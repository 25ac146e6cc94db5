/** A calendar date 'YYYY-MM-DD' as a day number (days since 1970-01-01, UTC: no time zone shifts). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface Reading {
  meterId: string;
  readOn: string;
  value: number;
}

/** Consumption of one calendar month, 'YYYY-MM'. */
export interface MonthConsumption {
  month: string;
  value: number;
}

function monthStart(year: number, month: number): number {
  return Math.round(Date.UTC(year, month, 1) / 86_400_000);
}

/** The meter's value on a day, linear between the readings around it (the day must lie within them). */
function valueOn(points: readonly { day: number; value: number }[], day: number): number {
  let i = 0;
  while (i < points.length - 2 && (points[i + 1] as { day: number }).day < day) i++;
  const a = points[i] as { day: number; value: number };
  const b = (points[i + 1] ?? a) as { day: number; value: number };
  if (b.day === a.day) return a.value;
  return a.value + ((b.value - a.value) * (day - a.day)) / (b.day - a.day);
}

/**
 * Monthly consumption of a metering point from its meters' readings, which come whenever they
 * come (meter reader, customer, billing estimate): each meter's value is interpolated linearly at
 * month boundaries and the differences are summed over the meters (a meter exchanged mid-month
 * covers the month together with its successor). Only months the readings cover completely are
 * returned, so a half-read month never shows as a low bar.
 */
export function monthlyConsumption(readings: readonly Reading[]): MonthConsumption[] {
  const byMeter = new Map<string, Map<number, number>>();
  for (const r of readings) {
    const days = byMeter.get(r.meterId) ?? new Map<number, number>();
    // Several readings of one day (e.g. billing and customer): the first given wins.
    if (!days.has(dayNumber(r.readOn))) days.set(dayNumber(r.readOn), r.value);
    byMeter.set(r.meterId, days);
  }
  const totals = new Map<number, { value: number; covered: number }>();
  for (const days of byMeter.values()) {
    const points = [...days].map(([day, value]) => ({ day, value })).sort((a, b) => a.day - b.day);
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last || last.day === first.day) continue;
    const start = new Date(first.day * 86_400_000);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth();
    for (;;) {
      const from = monthStart(year, month);
      const to = monthStart(year, month + 1);
      if (from >= last.day) break;
      const a = Math.max(from, first.day);
      const b = Math.min(to, last.day);
      if (b > a) {
        const key = year * 12 + month;
        const t = totals.get(key) ?? { value: 0, covered: 0 };
        t.value += Math.max(0, valueOn(points, b) - valueOn(points, a));
        t.covered += b - a;
        totals.set(key, t);
      }
      month += 1;
      if (month === 12) {
        month = 0;
        year += 1;
      }
    }
  }
  return [...totals]
    .filter(([key, t]) => t.covered >= monthStart(Math.floor(key / 12), (key % 12) + 1) - monthStart(Math.floor(key / 12), key % 12))
    .sort(([a], [b]) => a - b)
    .map(([key, t]) => ({
      month: `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`,
      value: Math.round(t.value * 1000) / 1000,
    }));
}

/** Sums of complete calendar years (all twelve months covered). */
export function yearlyConsumption(months: readonly MonthConsumption[]): { year: number; value: number }[] {
  const years = new Map<number, { value: number; months: number }>();
  for (const m of months) {
    const year = Number(m.month.slice(0, 4));
    const y = years.get(year) ?? { value: 0, months: 0 };
    y.value += m.value;
    y.months += 1;
    years.set(year, y);
  }
  return [...years]
    .filter(([, y]) => y.months === 12)
    .sort(([a], [b]) => a - b)
    .map(([year, y]) => ({ year, value: Math.round(y.value * 1000) / 1000 }));
}

/** One year's months next to the year before, for the chart: months of `year` with data. */
export function compareYears(
  months: readonly MonthConsumption[],
  year: number,
): { month: number; value: number; previous: number | undefined }[] {
  const of = new Map(months.map((m) => [m.month, m.value]));
  const out: { month: number; value: number; previous: number | undefined }[] = [];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    const value = of.get(`${year}-${mm}`);
    if (value === undefined) continue;
    out.push({ month: m, value, previous: of.get(`${year - 1}-${mm}`) });
  }
  return out;
}
