import type { ComponentChildren } from 'preact';
import { translator } from '../../core/i18n/index.ts';
import type { MenuEntry, ModuleDefinition } from '../../core/module.ts';
import { Layout, Menu, type ViewContext } from '../../core/views/index.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';

export type PortalMenuItem = MenuEntry;

const ownMenu: readonly PortalMenuItem[] = [
  { id: 'overview', label: portalMessages['menu.overview'], href: PORTAL_PATHS.overview, order: 10 },
  { id: 'invoices', label: portalMessages['menu.invoices'], href: PORTAL_PATHS.invoices, order: 20 },
  { id: 'meter-reading', label: portalMessages['menu.meterReading'], href: PORTAL_PATHS.meterReading, order: 30 },
  { id: 'instalment', label: portalMessages['menu.instalment'], href: PORTAL_PATHS.instalment, order: 40 },
  { id: 'bank-account', label: portalMessages['menu.bankAccount'], href: PORTAL_PATHS.bankAccount, order: 50 },
  { id: 'move', label: portalMessages['menu.move'], href: PORTAL_PATHS.move, order: 60 },
  { id: 'log', label: portalMessages['menu.log'], href: PORTAL_PATHS.log, order: 80 },
  { id: 'account', label: portalMessages['menu.account'], href: PORTAL_PATHS.account, order: 90 },
];

let menu: readonly PortalMenuItem[] = ownMenu;

/**
 * The signed-in customer's menu: the portal's own entries and those the installation's modules
 * declare under `menus.portal` in their defineModule (the free SMS), so the portal needs to know
 * nothing of them. Set once at boot, when the portal registers its routes.
 */
export function setPortalMenuFrom(modules: readonly ModuleDefinition[]): void {
  const added = modules.flatMap((m) => m.menus?.portal ?? []);
  const ids = new Set(ownMenu.map((m) => m.id));
  menu = [...ownMenu, ...added.filter((m) => !ids.has(m.id))].sort((a, b) => a.order - b.order);
}

interface PortalLayoutProps {
  view: ViewContext;
  title: string;
  /** The signed-in customer; absent on registration and sign-in pages. */
  customer?: PortalCustomer | undefined;
  children: ComponentChildren;
  scripts?: string[];
}

/** The public site's frame, and for a signed-in customer the portal's menu and a sign-out button. */
export function PortalLayout({ view, title, customer, children, scripts }: PortalLayoutProps) {
  const t = translator(portalMessages, view.locale);
  return (
    <Layout view={view} title={title} scripts={scripts}>
      {customer ? (
        <div class="portal-bar">
          <Menu
            label={t('menu.label')}
            toggle={t('menu.toggle')}
            class="portal-menu"
            links={menu.map((item) => {
              const href = item.href[view.locale];
              // A page under an entry (an invoice under the invoices) belongs to it; everything lies under the overview.
              const current = view.path === href || (item.id !== 'overview' && view.path.startsWith(`${href}/`));
              return { key: item.id, href, text: item.label[view.locale], current };
            })}
          />
          <form method="post" action={PORTAL_PATHS.signOut[view.locale]} class="portal-signout">
            <span>{t('menu.signedInAs', { name: customer.name, number: customer.customerNumber })}</span>{' '}
            <input type="hidden" name="_csrf" value={customer.session.csrfToken} />
            <button type="submit" class="button button--small button--secondary">
              {t('menu.signOut')}
            </button>
          </form>
        </div>
      ) : null}
      {children}
    </Layout>
  );
}
