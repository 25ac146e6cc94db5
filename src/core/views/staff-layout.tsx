import type { ComponentChildren } from 'preact';
import { translator } from '../i18n/index.ts';
import type { StaffNavItem } from '../module.ts';
import { Menu } from './menu.tsx';
import { staffLayoutMessages } from './staff-layout.messages.ts';
import type { ViewContext } from './view-context.ts';

export interface StaffFrame {
  /** The signed-in member's id, for what a page offers everyone but them (e.g. approving their own request). */
  staffId?: string;
  name: string;
  csrfToken: string;
  navigation: readonly StaffNavItem[];
}

interface StaffLayoutProps {
  view: ViewContext;
  title: string;
  /** Absent on the sign-in pages. */
  staff?: StaffFrame;
  children: ComponentChildren;
  scripts?: string[];
}

/** The back office frame: no public navigation, not indexed, the staff's areas and a sign-out button. */
export function StaffLayout({ view, title, staff, children, scripts = [] }: StaffLayoutProps) {
  const t = translator(staffLayoutMessages, view.locale);
  return (
    <html lang={view.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} – ${t('area.title')} – ${view.org.shortName}`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/site.css" />
        {scripts.map((src) => (
          <script src={src} defer key={src} />
        ))}
      </head>
      <body class="staff">
        <a class="skip-link" href="#main">
          {view.t('layout.skip')}
        </a>
        <header class="site-header site-header--staff">
          <div class="site-header__inner">
            <a class="site-logo" href={staff ? '/staff' : '/'}>
              <span class="site-logo__mark" aria-hidden="true">
                ⚡
              </span>
              <span>
                {view.org.shortName} · {t('area.title')}
              </span>
            </a>
            {staff ? (
              <form method="post" action="/staff/abmelden" class="sign-out">
                <span class="sign-out__name">{t('area.signedInAs', { name: staff.name })}</span>{' '}
                <input type="hidden" name="_csrf" value={staff.csrfToken} />
                <button type="submit" class="button button--small button--secondary">
                  {t('area.signOut')}
                </button>
              </form>
            ) : null}
          </div>
          {staff ? (
            <Menu
              label={t('area.nav')}
              toggle={t('area.menu')}
              class="main-nav"
              links={[
                { key: 'home', href: '/staff', text: t('area.home') },
                ...staff.navigation.map((item) => ({ key: item.id, href: item.href, text: item.label[view.locale] })),
                { key: 'account', href: '/staff/konto', text: t('area.account') },
              ].map((link) => ({ ...link, current: view.path === link.href }))}
            />
          ) : null}
        </header>
        <main id="main" tabIndex={-1} class="content">
          {children}
        </main>
      </body>
    </html>
  );
}
