import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { createViewContext, Layout, sendPage } from '../../core/views/index.ts';
import { berlinDayHour, pageRoutesOf, RouteMatcher, statsPath } from '../accesslog/index.ts';
import { analyticsMessages } from './analytics.messages.ts';
import { countTransition } from './analytics.queries.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

export const optOutPaths = { de: '/datenschutz/nutzungsanalyse', en: '/en/privacy/usage-analysis' } as const;

// No whitespace, query, fragment or control characters (PostgreSQL text cannot hold NUL).
const pagePath = z
  .string()
  .max(300)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  .regex(/^\/[^\s?#\u0000-\u001f\u007f]*$/)
  .refine((p) => !p.startsWith('//'));
const step = z.object({ path: pagePath, previous: pagePath.nullable().optional() });

/** A browser that says "do not track" (DNT or Global Privacy Control) is never counted. */
export function refusesTracking(headers: Record<string, string | string[] | undefined>): boolean {
  return headers.dnt === '1' || headers['sec-gpc'] === '1';
}

export function registerAnalyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<AnalyticsTables>();
  // A step counts under the route of each page, or as "other": a path someone typed (an e-mail
  // address, a name) never becomes a key (C09). Built on first use, when every route is there.
  let routes: RouteMatcher | null = null;
  const pageKey = (path: string) => {
    routes ??= new RouteMatcher(pageRoutesOf(app.routeTable));
    return routes.reduce(statsPath(path));
  };

  app.post('/api/analytics/schritt', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
    if (refusesTracking(request.headers)) return reply.code(204).send();
    const parsed = step.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: { status: 400, message: 'path and previous must be paths of this site' } });
    const now = ctx.clock.now();
    const previous = parsed.data.previous ? pageKey(parsed.data.previous) : null;
    await countTransition(db, berlinDayHour(now.getTime()).day, previous, pageKey(parsed.data.path), now);
    return reply.code(204).send();
  });

  for (const locale of ['de', 'en'] as const) {
    const path = optOutPaths[locale];
    const t = translator(analyticsMessages, locale);
    app.get(path, async (_request, reply) => {
      const view = createViewContext(app.siteFrame, path, optOutPaths, locale);
      return sendPage(
        reply,
        <Layout view={view} title={t('optout.title')}>
          <h1>{t('optout.title')}</h1>
          <p>{t('optout.text')}</p>
          <p>{t('optout.how')}</p>
          {/* Shown by the script; without it the noscript note explains that nothing is counted. */}
          <div data-analytics-controls hidden>
            <p role="status">
              {t('optout.state')} <strong data-analytics-state />
            </p>
            <button type="button" class="button" data-analytics="denied" hidden>
              {t('optout.button')}
            </button>{' '}
            <button type="button" class="button button--secondary" data-analytics="granted" hidden>
              {t('optin.button')}
            </button>
          </div>
          <noscript>
            <p class="notice">{t('optout.noscript')}</p>
          </noscript>
        </Layout>,
      );
    });
  }
}
