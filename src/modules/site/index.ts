import { defineModule } from '../../core/module.ts';
import { contentNavigation, readContentSources } from './site.content.ts';

const sources = readContentSources();

/** The public website: content pages from Markdown, sitemap, robots.txt (C11, C12). */
export const siteModule = defineModule({
  name: 'site',
  navigation: [
    ...contentNavigation(sources),
    { id: 'site.sitemap', label: { de: 'Sitemap', en: 'Sitemap' }, href: { de: '/sitemap', en: '/en/sitemap' }, area: 'footer', order: 90 },
  ],
  // Views and the Markdown renderer load only when a server starts, not for every CLI command.
  routes: async (app, ctx) => (await import('./site.routes.tsx')).registerSiteRoutes(app, ctx, sources),
});
