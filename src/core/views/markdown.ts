import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Text for an HTML attribute or element. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** What every Markdown text may keep: structure, emphasis, links, lists, code, quotes and tables. */
const SHARED = {
  tags: [
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
    'br',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  attributes: { a: ['href'], th: ['scope'] } as Record<string, readonly string[]>,
  schemes: ['https', 'http', 'mailto'],
};

/** What one kind of text may keep beyond the shared allowlist. */
export interface MarkdownAllowance {
  tags?: readonly string[];
  attributes?: Readonly<Record<string, readonly string[]>>;
  schemes?: readonly string[];
  classes?: Readonly<Record<string, readonly string[]>>;
}

export interface MarkdownOptions {
  /** A link as HTML, from its address and its rendered label; a plain link by default. */
  link?: (href: string, label: string) => string;
  /** The id of a heading, from its text; none by default. */
  headingId?: (text: string) => string;
  allow?: MarkdownAllowance;
}

function allowlist(allow: MarkdownAllowance = {}): sanitizeHtml.IOptions {
  const attributes: Record<string, string[]> = {};
  for (const [tag, names] of [...Object.entries(SHARED.attributes), ...Object.entries(allow.attributes ?? {})])
    attributes[tag] = [...new Set([...(attributes[tag] ?? []), ...names])];
  return {
    allowedTags: [...new Set([...SHARED.tags, ...(allow.tags ?? [])])],
    allowedAttributes: attributes,
    allowedSchemes: [...new Set([...SHARED.schemes, ...(allow.schemes ?? [])])],
    allowedClasses: Object.fromEntries(Object.entries(allow.classes ?? {}).map(([tag, names]) => [tag, [...names]])),
  };
}

type Inline = { parser: { parseInline(t: Tokens.Generic[]): string } };

/**
 * Markdown (GitHub flavour) as editors and marketing write it, to HTML reduced to a safe
 * allowlist: whatever HTML the source contains is dropped or cleaned. Headings run from h2 to h4,
 * since the page's or mail's title is the only h1.
 */
export function markdownToSafeHtml(source: string, options: MarkdownOptions = {}): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      link(this: Inline, token: Tokens.Link) {
        const label = this.parser.parseInline(token.tokens);
        return options.link ? options.link(token.href, label) : `<a href="${escapeHtml(token.href)}">${label}</a>`;
      },
      heading(this: Inline, token: Tokens.Heading) {
        const depth = Math.min(Math.max(token.depth, 2), 4);
        const id = options.headingId ? ` id="${escapeHtml(options.headingId(token.text))}"` : '';
        return `<h${depth}${id}>${this.parser.parseInline(token.tokens)}</h${depth}>\n`;
      },
    },
  });
  return sanitizeHtml(marked.parse(source) as string, allowlist(options.allow));
}
