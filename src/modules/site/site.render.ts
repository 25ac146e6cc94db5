import type { Organisation } from '../../core/config/index.ts';
import { type ContentPage, type ContentSource, organisationPlaceholders } from './site.content.ts';
import { fillPlaceholders, renderMarkdown } from './site.markdown.ts';

export function renderContent(sources: readonly ContentSource[], org: Organisation, ownHosts: ReadonlySet<string>): ContentPage[] {
  const values = organisationPlaceholders(org);
  return sources.map(({ markdown, file: _file, ...meta }) => ({
    ...meta,
    html: renderMarkdown(fillPlaceholders(markdown, values), meta.locale, ownHosts),
  }));
}
