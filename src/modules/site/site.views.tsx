import { translator } from '../../core/i18n/index.ts';
import { Layout, type ViewContext } from '../../core/views/index.ts';
import type { ContentPage } from './site.content.ts';
import { siteMessages } from './site.messages.ts';

export function ContentPageView({ view, page }: { view: ViewContext; page: ContentPage }) {
  return (
    <Layout view={view} title={page.title} description={page.description}>
      <h1>{page.title}</h1>
      <div class="prose" dangerouslySetInnerHTML={{ __html: page.html }} />
    </Layout>
  );
}

export function SitemapView({ view }: { view: ViewContext }) {
  const t = translator(siteMessages, view.locale);
  const { locale } = view;
  const group = (area: 'main' | 'footer') =>
    view.navigation
      .filter((n) => n.area === area)
      .map((n) => (
        <li key={n.id}>
          <a href={n.href[locale]}>{n.label[locale]}</a>
        </li>
      ));
  return (
    <Layout view={view} title={t('sitemap.title')}>
      <h1>{t('sitemap.title')}</h1>
      <p>{t('sitemap.intro')}</p>
      <ul>
        <li>
          <a href={locale === 'de' ? '/' : '/en'}>{view.t('layout.home')}</a>
        </li>
      </ul>
      <h2>{t('sitemap.main')}</h2>
      <ul>{group('main')}</ul>
      <h2>{t('sitemap.footer')}</h2>
      <ul>{group('footer')}</ul>
    </Layout>
  );
}
