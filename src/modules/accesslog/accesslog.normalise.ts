const MAX_PATH = 2048;
const MAX_REFERRER = 1024;

/** The requested page without query string or fragment (those may carry what people typed). */
export function pagePath(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  return path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path || '/';
}

/**
 * The referring page as origin + path, null when absent or not a URL. A page of our own site is
 * not stored at all (its path may carry a one-time token: an invitation, a confirmation link, and
 * the request's own path is logged anyway); another site's path keeps no token-like segment.
 */
export function referringPage(referrer: string | undefined | null, ownOrigins: readonly string[] = []): string | null {
  if (!referrer || referrer === '-') return null;
  try {
    const u = new URL(referrer);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (ownOrigins.includes(u.origin)) return null;
    const page = `${u.origin}${tokenFreePath(u.pathname)}`;
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

/** A path with every segment that looks like a token or an id replaced by ":id". */
function tokenFreePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
}

const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[A-Za-z0-9_-]{24,})$/i;

/**
 * A page path for statistics: record ids and tokens in it become ":id", so the figures never
 * hold a value that leads to one person's record or link.
 */
export function statsPath(path: string): string {
  return tokenFreePath(path).slice(0, 300);
}
