import type { StatsFigure } from './accesslog.queries.ts';
import type { StatsDimension } from './accesslog.tables.ts';

export interface StatsReport {
  from: string;
  to: string;
  totals: { requests: number; bytes: number };
  days: { day: string; requests: number; bytes: number }[];
  dimensions: Partial<Record<Exclude<StatsDimension, 'total'>, { key: string; requests: number; bytes: number }[]>>;
}

export function buildReport(
  from: string,
  to: string,
  figures: StatsFigure[],
  days: { day: string; requests: number; bytes: number }[],
): StatsReport {
  const report: StatsReport = { from, to, totals: { requests: 0, bytes: 0 }, days, dimensions: {} };
  for (const f of figures) {
    if (f.dimension === 'total') {
      report.totals = { requests: f.requests, bytes: f.bytes };
      continue;
    }
    report.dimensions[f.dimension] ??= [];
    const list = report.dimensions[f.dimension]!;
    list.push({ key: f.key, requests: f.requests, bytes: f.bytes });
  }
  const hours = report.dimensions.hour;
  if (hours) hours.sort((a, b) => a.key.localeCompare(b.key));
  const order = ['page', 'status', 'referrer_host', 'browser', 'os', 'hour'];
  report.dimensions = Object.fromEntries(
    Object.entries(report.dimensions).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
  ) as StatsReport['dimensions'];
  return report;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading =,+,-,@ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function reportToCsv(report: StatsReport): string {
  const lines = ['dimension,key,requests,bytes'];
  lines.push(['total', '', report.totals.requests, report.totals.bytes].map(csvCell).join(','));
  for (const d of report.days) lines.push(['day', d.day, d.requests, d.bytes].map(csvCell).join(','));
  for (const [dimension, rows] of Object.entries(report.dimensions)) {
    for (const r of rows) lines.push([dimension, r.key, r.requests, r.bytes].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const bar = (value: number, max: number, width = 40) => '█'.repeat(max > 0 ? Math.round((value / max) * width) : 0);

/** A terminal view: requests per day as bars, then the top entries of each dimension. */
export function reportToText(report: StatsReport, top = 10): string {
  const out: string[] = [];
  out.push(`Zugriffsstatistik ${report.from} – ${report.to}`);
  out.push(`Anfragen: ${report.totals.requests.toLocaleString('de-DE')}   Daten: ${(report.totals.bytes / 1e6).toFixed(1)} MB`);
  out.push('');
  const maxDay = Math.max(0, ...report.days.map((d) => d.requests));
  for (const d of report.days) out.push(`${d.day} ${String(d.requests).padStart(9)} ${bar(d.requests, maxDay)}`);
  const titles: Record<string, string> = {
    page: 'Seiten',
    status: 'Statuscodes',
    referrer_host: 'Verweisende Hosts',
    browser: 'Browser',
    os: 'Betriebssysteme',
    hour: 'Last nach Stunde',
  };
  for (const [dimension, rows] of Object.entries(report.dimensions)) {
    out.push('', titles[dimension] ?? dimension);
    const shown = dimension === 'hour' ? rows : rows.slice(0, top);
    const max = Math.max(0, ...shown.map((r) => r.requests));
    for (const r of shown) out.push(`  ${r.key.slice(0, 40).padEnd(40)} ${String(r.requests).padStart(9)} ${bar(r.requests, max, 25)}`);
  }
  return `${out.join('\n')}\n`;
}
