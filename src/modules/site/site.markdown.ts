import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { coreMessages, type Locale } from '../../core/i18n/index.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

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

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'a',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'br',
    'hr',
    'span',
    'abbr',
    'dl',
    'dt',
    'dd',
    'address',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'hreflang', 'lang'],
    span: ['class', 'lang'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    abbr: ['title'],
    th: ['scope'],
  },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedClasses: { span: ['extern', 'extern__terms'] },
};

/**
 * Renders editor-written Markdown to safe HTML: headings get anchors, links to other sites are
 * marked as external, and whatever HTML the source contains is reduced to a safe allowlist.
 */
export function renderMarkdown(source: string, locale: Locale, ownHosts: ReadonlySet<string>): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const host = externalHost(token.href, ownHosts);
        if (!host) return `<a href="${escapeHtml(token.href)}">${inner}</a>`;
        return `<a href="${escapeHtml(token.href)}" rel="external noopener noreferrer">${inner}</a>${externMark(host, locale)}`;
      },
      heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        // The page title is the only h1; Markdown headings start at h2.
        const depth = Math.min(Math.max(token.depth, 2), 4);
        const inner = this.parser.parseInline(token.tokens);
        return `<h${depth} id="${slugify(token.text)}">${inner}</h${depth}>\n`;
      },
    },
  });
  const html = marked.parse(source) as string;
  return scrollableTables(sanitizeHtml(html, SANITIZE), locale);
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
