import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { createViewContext, renderDocument } from '../../core/views/index.ts';
import type { ContentSource } from './site.content.ts';
import { renderContent } from './site.render.ts';
import { ContentPageView, SitemapView } from './site.views.tsx';

const HTML = 'text/html; charset=utf-8';

/** Our own hosts: links to them are internal, everything else is a third party (C12). */
export function ownHosts(publicUrl: string): Set<string> {
  return new Set([new URL(publicUrl).host.toLowerCase()]);
}

/**
 * A rendered page answered from memory, with an entity tag of its bytes: a browser that already
 * holds this version gets a 304 without the body. `no-cache` makes it ask each time, so a new
 * deployment's page is seen at once. The bytes are the same for every visitor (no cookie, no
 * session, no CSRF token, no consent-dependent part: the analytics script decides in the
 * browser), so one copy per page and locale is right for all.
 */
function sendCached(app: FastifyInstance, path: string, type: string, body: Buffer): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  app.get(path, (request, reply) => {
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(type).send(body);
  });
}

/** If-None-Match: a list of tags, weak ones (W/) compared by their value, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Content pages are static between deployments, so each is rendered to a complete document once
 * at boot and served from memory, already encoded as UTF-8.
 */
export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext, sources: readonly ContentSource[]): void {
  const pages = renderContent(sources, ctx.config.organisation, ownHosts(ctx.config.PUBLIC_URL));
  const byPage = new Map<string, Partial<Record<Locale, string>>>();
  for (const p of pages) byPage.set(p.page, { ...byPage.get(p.page), [p.locale]: p.path });

  for (const page of pages) {
    const view = createViewContext(app.siteFrame, page.path, byPage.get(page.page), page.locale);
    sendCached(app, page.path, HTML, Buffer.from(renderDocument(<ContentPageView view={view} page={page} />)));
  }

  const sitemaps = { de: '/sitemap', en: '/en/sitemap' } as const;
  for (const [locale, path] of Object.entries(sitemaps) as [Locale, string][]) {
    sendCached(
      app,
      path,
      HTML,
      Buffer.from(renderDocument(<SitemapView view={createViewContext(app.siteFrame, path, sitemaps, locale)} />)),
    );
  }

  const base = ctx.config.PUBLIC_URL;
  const urls = [...pages.map((p) => p.path), ...Object.values(sitemaps), ...app.siteFrame.navigation.flatMap((n) => Object.values(n.href))];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...new Set(urls)]
    .map((u) => `  <url><loc>${base}${u}</loc></url>`)
    .join('\n')}\n</urlset>\n`;
  app.get('/sitemap.xml', (_request, reply) => reply.type('application/xml; charset=utf-8').send(xml));
  app.get('/robots.txt', (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /staff/\nDisallow: /portal/\nSitemap: ${base}/sitemap.xml\n`),
  );
}
