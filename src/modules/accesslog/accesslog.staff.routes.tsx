import type { FastifyInstance } from 'fastify';
import { DAY_MS } from '../../core/clock.ts';
import { formValues } from '../../core/http/index.ts';
import { defineMessages, formatNumber, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { BarChart, StaffLayout, sendPage, staffPage, TextField } from '../../core/views/index.ts';
import { readDailyTotals, readStats } from './accesslog.queries.ts';
import { buildReport } from './accesslog.report.ts';
import { berlinDayHour } from './accesslog.stats.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

const messages = defineMessages({
  title: { de: 'Zugriffsstatistik', en: 'Access statistics' },
  intro: {
    de: 'Anonyme Tageszahlen: keine IP-Adressen, keine Browserkennungen, keine Besucherkennung. Einzelne Besuche lassen sich hier nicht nachverfolgen.',
    en: 'Anonymous daily figures: no IP addresses, no browser identifiers, no visitor key. Individual visits cannot be traced here.',
  },
  from: { de: 'Von', en: 'From' },
  to: { de: 'Bis', en: 'To' },
  show: { de: 'Anzeigen', en: 'Show' },
  total: { de: '{requests} Anfragen, {mb} MB übertragen', en: '{requests} requests, {mb} MB sent' },
  perDay: { de: 'Anfragen pro Tag', en: 'Requests per day' },
  perDayDesc: { de: 'Balkendiagramm der Anfragen je Kalendertag.', en: 'Bar chart of requests per calendar day.' },
  perHour: { de: 'Last nach Uhrzeit', en: 'Load by hour of day' },
  perHourDesc: { de: 'Balkendiagramm der Anfragen je Stunde (Europe/Berlin).', en: 'Bar chart of requests per hour (Europe/Berlin).' },
  day: { de: 'Tag', en: 'Day' },
  hour: { de: 'Stunde', en: 'Hour' },
  requests: { de: 'Anfragen', en: 'Requests' },
  page: { de: 'Seiten', en: 'Pages' },
  status: { de: 'Statuscodes', en: 'Status codes' },
  referrer_host: { de: 'Verweisende Websites', en: 'Referring websites' },
  browser: { de: 'Browser', en: 'Browsers' },
  os: { de: 'Betriebssysteme', en: 'Operating systems' },
  key: { de: 'Wert', en: 'Value' },
});

const access: StaffAccess = { roles: ['admin', 'dpo', 'editor', 'communications', 'marketing'], personalData: false };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The anonymous statistics as charts and tables, for the people who run and write the site. */
export function registerStatisticsPage(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AccesslogTables>();
  app.get('/staff/statistik', { config: { staff: access } }, async (request, reply) => {
    const { view, frame } = staffPage(ctx, request);
    const t = translator(messages, view.locale);
    const q = formValues(request.query);
    const today = berlinDayHour(ctx.clock.now().getTime()).day;
    const to = typeof q.to === 'string' && DATE.test(q.to) ? q.to : today;
    const from =
      typeof q.from === 'string' && DATE.test(q.from) && q.from <= to
        ? q.from
        : berlinDayHour(new Date(`${to}T12:00:00Z`).getTime() - 29 * DAY_MS).day;
    // Entries are counted as they are stored: what is still buffered goes in now, so today's
    // figures include the last second. Left-overs of an older version are the job's, in batches.
    await app.accessLog.flush();
    const report = buildReport(from, to, await readStats(db, from, to, ctx.config.STATS_MIN_COUNT), await readDailyTotals(db, from, to));
    const L = view.locale;
    const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
    const byHour = new Map((report.dimensions.hour ?? []).map((r) => [r.key, r.requests]));
    return sendPage(
      reply,
      <StaffLayout view={view} title={t('title')} staff={frame}>
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <form method="get" action="/staff/statistik" class="form compare-form">
          <TextField view={view} name="from" type="date" label={t('from')} values={{ from }} size="short" />
          <TextField view={view} name="to" type="date" label={t('to')} values={{ to }} size="short" />
          <button type="submit" class="button">
            {t('show')}
          </button>
        </form>
        <p>{t('total', { requests: formatNumber(report.totals.requests, L), mb: formatNumber(report.totals.bytes / 1e6, L, 1) })}</p>
        <BarChart
          id="per-day"
          title={t('perDay')}
          description={t('perDayDesc')}
          data={report.days.map((d) => ({ label: d.day.slice(5), value: d.requests }))}
          locale={L}
          labelHeading={t('day')}
          unit={t('requests')}
        />
        <BarChart
          id="per-hour"
          title={t('perHour')}
          description={t('perHourDesc')}
          data={hours.map((h) => ({ label: h, value: byHour.get(h) ?? 0 }))}
          locale={L}
          labelHeading={t('hour')}
          unit={t('requests')}
        />
        {(['page', 'status', 'referrer_host', 'browser', 'os'] as const).map((dim) => (
          <section key={dim} aria-labelledby={`dim-${dim}`}>
            <h2 id={`dim-${dim}`}>{t(dim)}</h2>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('key')}</th>
                  <th scope="col">{t('requests')}</th>
                </tr>
              </thead>
              <tbody>
                {(report.dimensions[dim] ?? []).slice(0, 15).map((r) => (
                  <tr key={r.key}>
                    <td>{r.key}</td>
                    <td>{formatNumber(r.requests, L)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </StaffLayout>,
    );
  });
}
