import type { ComponentChildren } from 'preact';
import type { Locale } from '../i18n/index.ts';
import { Menu } from './menu.tsx';
import type { ViewContext } from './view-context.ts';

interface LayoutProps {
  view: ViewContext;
  title: string;
  description?: string;
  children: ComponentChildren;
  /** Extra scripts (self-hosted, under /assets) for pages that enhance themselves; `.mjs` load as ES modules. */
  scripts?: string[];
  styles?: string[];
}

const otherLocale = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');

export function Layout({ view, title, description, children, scripts = [], styles = [] }: LayoutProps) {
  const { t, locale, org } = view;
  const home = locale === 'de' ? '/' : '/en';
  const other = otherLocale(locale);
  const switchHref = view.alternates[other] ?? (other === 'de' ? '/' : '/en');
  const main = view.navigation.filter((n) => n.area === 'main');
  const footer = view.navigation.filter((n) => n.area === 'footer');
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${org.shortName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/site.css" />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {Object.entries(view.alternates).map(([lang, href]) => (
          <link rel="alternate" hrefLang={lang} href={href} key={lang} />
        ))}
        {[...view.scripts, ...scripts].map((src) =>
          src.endsWith('.mjs') ? <script type="module" src={src} key={src} /> : <script src={src} defer key={src} />,
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-logo" href={home}>
              <span class="site-logo__mark" aria-hidden="true">
                ⚡
              </span>
              <span>{org.shortName}</span>
            </a>
            <nav aria-label={t('layout.language')} class="lang-switch">
              <a href={switchHref} hrefLang={other} lang={other}>
                {t('layout.switchTo')}
              </a>
            </nav>
          </div>
          <Menu
            label={t('layout.mainNav')}
            toggle={t('layout.menu')}
            class="main-nav"
            links={main.map((item) => ({
              key: item.id,
              href: item.href[locale],
              text: item.label[locale],
              current: view.path === item.href[locale],
            }))}
          />
        </header>
        <main id="main" tabIndex={-1} class="content">
          {children}
        </main>
        <footer class="site-footer">
          <nav aria-label={t('layout.footerNav')}>
            <ul>
              {footer.map((item) => (
                <li key={item.id}>
                  <a href={item.href[locale]} aria-current={view.path === item.href[locale] ? 'page' : undefined}>
                    {item.label[locale]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <address>
            {org.name} · {org.address.street} · {org.address.postcode} {org.address.city} ·{' '}
            <a href={`tel:${org.phone.replace(/[^+\d]/g, '')}`}>{org.phone}</a>
          </address>
        </footer>
      </body>
    </html>
  );
}
