import type { FastifyInstance } from 'fastify';
import { DAY_MS } from '../../core/clock.ts';
import { translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { StaffLayout, sendPage, staffPage } from '../../core/views/index.ts';
import { berlinDayHour } from '../accesslog/index.ts';
import { analyticsMessages } from './analytics.messages.ts';
import { ENTRY, topTransitions } from './analytics.queries.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

/** The most frequent paths between pages in the last 30 days, for the people who run the site; no personal data. */
export function registerAnalyticsStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AnalyticsTables>();

  app.get(
    '/staff/statistik/wege',
    { config: { staff: { roles: ['admin', 'editor', 'marketing', 'communications', 'dpo'], personalData: false } } },
    async (request, reply) => {
      const { view, frame } = staffPage(ctx, request);
      const t = translator(analyticsMessages, view.locale);
      const now = ctx.clock.now().getTime();
      const rows = await topTransitions(db, berlinDayHour(now - 29 * DAY_MS).day, berlinDayHour(now).day, ctx.config.STATS_MIN_COUNT);
      return sendPage(
        reply,
        <StaffLayout view={view} title={t('staff.title')} staff={frame}>
          <h1>{t('staff.title')}</h1>
          <p>{t('staff.intro')}</p>
          {rows.length === 0 ? (
            <p>{t('staff.none')}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.from')}</th>
                  <th scope="col">{t('staff.to')}</th>
                  <th scope="col">{t('staff.count')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.from_path}>${r.to_path}`}>
                    <td>{r.from_path === ENTRY ? (view.locale === 'de' ? '(Einstieg)' : '(entry)') : r.from_path}</td>
                    <td>{r.to_path}</td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </StaffLayout>,
      );
    },
  );
}
