import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../../core/seeded-random.ts';

const PAGES: [string, number][] = [
  ['/', 30],
  ['/strom', 14],
  ['/gas', 8],
  ['/wasser', 6],
  ['/fernwaerme', 4],
  ['/impressum', 2],
  ['/datenschutz', 2],
  ['/barrierefreiheit', 1],
  ['/sitemap', 1],
  ['/en', 3],
  ['/en/electricity', 2],
  ['/assets/site.css', 20],
  ['/assets/favicon.svg', 10],
  ['/strom?tarif=oeko', 3],
  ['/kontakt', 5],
  ['/solar', 6],
  ['/portal/anmelden', 6],
  ['/portal/rechnungen/4711', 2],
  ['/wp-login.php', 1],
  ['/nicht-vorhanden', 1],
];
const REFERRERS: [string, number][] = [
  ['-', 40],
  ['https://www.google.de/', 25],
  ['https://www.bing.com/search?q=stadtwerke', 5],
  ['https://duckduckgo.com/', 4],
  ['https://www.stadtwerke-musterstadt.example/', 20],
  ['https://www.musterstadt.example/buergerservice', 6],
];
const AGENTS: [string, number][] = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 30],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 10],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 10],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    18,
  ],
  ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 18],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 8],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 3],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 3],
];
const STATUS: [number, number][] = [
  [200, 88],
  [304, 7],
  [404, 3],
  [301, 1],
  [500, 1],
];
const HOUR_MS = 3_600_000;
/** Relative traffic per UTC hour of the day. */
const HOURLY = [2, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 8, 8, 8, 8, 8, 8, 9, 10, 9, 7, 5, 3];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function picker<T>(table: [T, number][], random: () => number): () => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  const cumulative = table.map((_, i) => table.slice(0, i + 1).reduce((s, [, x]) => s + x, 0) / total);
  return () => {
    const r = random();
    const i = cumulative.findIndex((c) => r < c);
    return (table[i === -1 ? table.length - 1 : i] as [T, number])[0];
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Formats an instant as CLF time in UTC ("10/Oct/2026:13:55:36 +0000"). */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/**
 * Writes a deterministic, realistic-looking combined log: a daily rhythm, weighted pages,
 * referrers, browsers and status codes, and addresses from the documentation ranges only.
 */
export async function writeDemoLog(file: string, options: { lines: number; from: Date; to: Date; seed?: number }): Promise<void> {
  const random = seededRandom(options.seed ?? 42);
  const page = picker(PAGES, random);
  const referrer = picker(REFERRERS, random);
  const agent = picker(AGENTS, random);
  const status = picker(STATUS, random);
  const start = options.from.getTime();
  const hours = Math.max(1, Math.floor((options.to.getTime() - start) / HOUR_MS));
  // Lines per hour follow a daily rhythm (quiet nights, busy mornings and evenings) and a
  // quieter weekend; times ascend, as in a real log.
  const weights = Array.from({ length: hours }, (_, h) => {
    const at = new Date(start + h * HOUR_MS);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6 ? 0.6 : 1;
    return (HOURLY[at.getUTCHours()] as number) * weekend;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  const times: number[] = [];
  let carried = 0;
  for (let h = 0; h < hours && times.length < options.lines; h++) {
    const exact = ((weights[h] as number) / total) * options.lines + carried;
    const count = Math.floor(exact);
    carried = exact - count;
    for (let k = 0; k < count; k++) times.push(start + h * HOUR_MS + Math.floor(((k + random()) / count) * HOUR_MS));
  }
  while (times.length < options.lines) times.push(start + hours * HOUR_MS - 1);
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < options.lines; i++) {
    const when = times[i] as number;
    const ip = `${['192.0.2', '198.51.100', '203.0.113'][Math.floor(random() * 3)]}.${1 + Math.floor(random() * 254)}`;
    const s = status();
    const bytes = s === 304 ? 0 : 500 + Math.floor(random() * 40_000);
    chunk += `${ip} - - [${clfTime(when)}] "GET ${page()} HTTP/1.1" ${s} ${bytes} "${referrer()}" "${agent()}"\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
