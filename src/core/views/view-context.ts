import type { FastifyRequest } from 'fastify';
import type { Organisation } from '../config/index.ts';
import { coreMessages, type Locale, localeOfPath, type Translate, translator } from '../i18n/index.ts';
import type { NavItem } from './navigation.ts';

/** What every page needs to render its frame. */
export interface ViewContext {
  locale: Locale;
  org: Organisation;
  navigation: readonly NavItem[];
  /** The path of the page, to mark the current navigation entry. */
  path: string;
  /** The same page in the other language, if there is one. */
  alternates: Partial<Record<Locale, string>>;
  t: Translate<typeof coreMessages>;
  /** Scripts of the public frame (see SiteFrame). */
  scripts: readonly string[];
}

export interface SiteFrame {
  org: Organisation;
  navigation: readonly NavItem[];
  /** Scripts every public page loads (self-hosted; each decides at run time whether to act). */
  scripts?: readonly string[];
}

export function createViewContext(
  frame: SiteFrame,
  path: string,
  alternates: Partial<Record<Locale, string>> = {},
  locale: Locale = localeOfPath(path),
): ViewContext {
  return {
    locale,
    org: frame.org,
    navigation: frame.navigation,
    path,
    alternates,
    t: translator(coreMessages, locale),
    scripts: frame.scripts ?? [],
  };
}

export function viewContextFor(request: FastifyRequest, alternates: Partial<Record<Locale, string>> = {}): ViewContext {
  const path = request.url.split('?')[0] ?? '/';
  return createViewContext(request.server.siteFrame, path, alternates);
}

declare module 'fastify' {
  interface FastifyInstance {
    siteFrame: SiteFrame;
  }
}
