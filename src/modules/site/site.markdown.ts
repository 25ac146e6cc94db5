import { coreMessages, type Locale } from '../../core/i18n/index.ts';
import { escapeHtml, type MarkdownAllowance, markdownToSafeHtml } from '../../core/views/index.ts';

/** Host of an absolute http(s) link that leaves our site, or null for our own links. */
export function externalHost(href: string, ownHosts: ReadonlySet<string>): string | null {
  if (!/^https?:\/\//i.test(href)) return null;
  try {
    const host = new URL(href).host.toLowerCase();
    return ownHosts.has(host) ? null : host;
  } catch {
    return null;
  }
}

/** Marks a link to a third party visibly and says whose terms apply (C12). */
export function externMark(host: string, locale: Locale): string {
  const terms = coreMessages['extern.terms'][locale].replace('{host}', escapeHtml(host));
  return ` <span class="extern">${coreMessages['extern.mark'][locale]} <span class="extern__terms">(${terms})</span></span>`;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Beyond the shared allowlist: heading anchors, the external-link mark (C12), languages, abbreviations, addresses. */
const SITE_ALLOWS: MarkdownAllowance = {
  tags: ['span', 'abbr', 'dl', 'dt', 'dd', 'address'],
  attributes: { a: ['rel', 'hreflang', 'lang'], span: ['class', 'lang'], h2: ['id'], h3: ['id'], h4: ['id'], abbr: ['title'] },
  schemes: ['tel'],
  classes: { span: ['extern', 'extern__terms'] },
};

/**
 * Renders editor-written Markdown to safe HTML: headings get anchors, links to other sites are
 * marked as external, and whatever HTML the source contains is reduced to a safe allowlist.
 */
export function renderMarkdown(source: string, locale: Locale, ownHosts: ReadonlySet<string>): string {
  const html = markdownToSafeHtml(source, {
    link: (href, label) => {
      const host = externalHost(href, ownHosts);
      if (!host) return `<a href="${escapeHtml(href)}">${label}</a>`;
      return `<a href="${escapeHtml(href)}" rel="external noopener noreferrer">${label}</a>${externMark(host, locale)}`;
    },
    // The page title is the only h1; Markdown headings start at h2.
    headingId: slugify,
    allow: SITE_ALLOWS,
  });
  return scrollableTables(html, locale);
}

const TABLE_REGION = { de: 'Tabelle, seitlich verschiebbar', en: 'Table, scrolls sideways' } as const;

/**
 * A table wider than a phone scrolls inside its own region instead of the page: focusable so a
 * keyboard can scroll it, and named for screen readers. Added after sanitising, which allows no
 * attributes on a div.
 */
function scrollableTables(html: string, locale: Locale): string {
  return html
    .replaceAll('<table>', `<div class="table-scroll" role="region" tabindex="0" aria-label="${TABLE_REGION[locale]}"><table>`)
    .replaceAll('</table>', '</table></div>');
}

/** Replaces {{org.name}}-style placeholders with configured values, escaped for Markdown. */
export function fillPlaceholders(source: string, values: Record<string, string>): string {
  return source.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, key: string) => {
    const value = values[key];
    return value === undefined ? match : value.replace(/([\\`*_{}[\]()#+!<>|])/g, '\\$1');
  });
}
