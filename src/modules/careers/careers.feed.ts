import type { Config } from '../../core/config/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { PUBLIC_PATH, postingPath } from './careers.forms.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface FeedPosting {
  id: string;
  slug: string;
  title_de: string;
  title_en: string;
  description_de: string;
  description_en: string;
  published_at: Date;
}

/** An Atom feed (RFC 4287) of the open postings; entry ids are tag URIs of the posting, stable across edits. */
export function atomFeed(config: Config, locale: Locale, postings: readonly FeedPosting[], title: string, now: Date): string {
  const base = config.PUBLIC_URL;
  const host = new URL(base).hostname;
  const updated = new Date(Math.max(0, ...postings.map((p) => p.published_at.getTime())));
  const entries = postings.map((p) => {
    const url = `${base}${postingPath(p.slug, locale)}`;
    const text = locale === 'de' ? p.description_de : p.description_en;
    return `  <entry>
    <id>tag:${xml(host)},2026:careers:${p.id}</id>
    <title>${xml(locale === 'de' ? p.title_de : p.title_en)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <updated>${p.published_at.toISOString()}</updated>
    <summary>${xml(text.slice(0, 500))}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(`${base}${PUBLIC_PATH.feed[locale]}`)}</id>
  <title>${xml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}${PUBLIC_PATH.feed[locale]}`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}${PUBLIC_PATH.list[locale]}`)}"/>
  <author><name>${xml(config.organisation.name)}</name></author>
  <updated>${(postings.length ? updated : now).toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}
