const MAX_PATH = 2048;
const MAX_REFERRER = 1024;

/** The requested page without query string or fragment (those may carry what people typed). */
export function pagePath(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  return path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path || '/';
}

/** The referring page as origin + path; null when absent or not a URL. */
export function referringPage(referrer: string | undefined | null): string | null {
  if (!referrer || referrer === '-') return null;
  try {
    const u = new URL(referrer);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const page = `${u.origin}${u.pathname}`;
    return page.length > MAX_REFERRER ? page.slice(0, MAX_REFERRER) : page;
  } catch {
    return null;
  }
}

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])(:\d+)?$/i;

/** Referring host for statistics; an IP literal is reduced so it cannot point to a person. */
export function referrerHost(page: string | null): string {
  if (!page) return '(direkt)';
  const host = page.replace(/^https?:\/\//, '').split('/')[0] ?? '';
  return IP_LITERAL.test(host) ? '(IP-Adresse)' : host.toLowerCase();
}

const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[A-Za-z0-9_-]{24,})$/i;

/**
 * A page path for statistics: record ids and tokens in it become ":id", so the figures never
 * hold a value that leads to one person's record or link.
 */
export function statsPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/')
    .slice(0, 300);
}
