import type { ComponentChildren } from 'preact';
import type { Locale } from '../i18n/index.ts';

/** Terms whose first mention in a section links to their explanation (C03). */
export interface GlossaryLinks {
  terms: readonly { id: string; aliases: Record<Locale, readonly string[]> }[];
  /** The glossary page; a term's link is `<page>#<id>`. */
  page: Record<Locale, string>;
}

const aliasPatterns = new WeakMap<GlossaryLinks, Map<Locale, { regex: RegExp; byAlias: Map<string, string> }>>();

function aliasPattern(glossary: GlossaryLinks, locale: Locale) {
  let byLocale = aliasPatterns.get(glossary);
  if (!byLocale) {
    byLocale = new Map();
    aliasPatterns.set(glossary, byLocale);
  }
  let hit = byLocale.get(locale);
  if (!hit) {
    const byAlias = new Map<string, string>();
    for (const term of glossary.terms) for (const a of term.aliases[locale]) byAlias.set(a.toLowerCase(), term.id);
    const alternatives = [...byAlias.keys()].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    hit = { regex: new RegExp(`(?<![\\p{L}\\p{N}-])(${alternatives.join('|')})(?![\\p{L}\\p{N}-])`, 'giu'), byAlias };
    byLocale.set(locale, hit);
  }
  return hit;
}

/**
 * Plain text with glossary links: the first mention of each term in a section links to its
 * explanation; later mentions stay plain, so the page is not a sea of links.
 */
function withGlossary(text: string, locale: Locale, linked: Set<string>, glossary: GlossaryLinks | undefined): ComponentChildren[] {
  if (!glossary || glossary.terms.length === 0) return [text];
  const { regex, byAlias } = aliasPattern(glossary, locale);
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(regex)) {
    const id = byAlias.get((m[1] as string).toLowerCase());
    if (!id || linked.has(id)) continue;
    linked.add(id);
    out.push(text.slice(last, m.index));
    out.push(
      <a href={`${glossary.page[locale]}#${id}`} class="glossary-link" key={`${id}-${m.index}`}>
        {m[1]}
      </a>,
    );
    last = (m.index ?? 0) + (m[1] as string).length;
  }
  out.push(text.slice(last));
  return out;
}

/**
 * Text from a message catalogue with `[[label|/path]]` links and, given a glossary, links to the
 * first mention of each of its terms. `linked` carries the terms linked so far in the section.
 */
export function RichText({
  text,
  locale,
  linked = new Set(),
  glossary,
}: {
  text: string;
  locale: Locale;
  linked?: Set<string>;
  glossary?: GlossaryLinks;
}) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[\[([^|\]]+)\|([^\]]+)\]\]/g)) {
    parts.push(...withGlossary(text.slice(last, m.index), locale, linked, glossary));
    parts.push(
      <a href={m[2]} key={`l-${m.index}`}>
        {m[1]}
      </a>,
    );
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(...withGlossary(text.slice(last), locale, linked, glossary));
  return <>{parts}</>;
}
