import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { z } from 'zod';
import type { Organisation } from '../../core/config/index.ts';
import { LOCALES, type Locale } from '../../core/i18n/index.ts';
import type { NavItem } from '../../core/views/index.ts';

export const contentDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'content');

const frontMatter = z.object({
  /** The same page in every language shares this id. */
  page: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  description: z.string().min(1),
  path: z.string().regex(/^\/[a-z0-9\-/]*$/),
  nav: z.enum(['main', 'footer', 'none']).default('none'),
  /** Shorter text for the navigation; the title otherwise. */
  navLabel: z.string().min(1).optional(),
  order: z.number().int().default(100),
});

export interface ContentPage extends z.infer<typeof frontMatter> {
  locale: Locale;
  html: string;
}

export function organisationPlaceholders(org: Organisation): Record<string, string> {
  return {
    'org.name': org.name,
    'org.shortName': org.shortName,
    'org.street': org.address.street,
    'org.postcode': org.address.postcode,
    'org.city': org.address.city,
    'org.phone': org.phone,
    'org.email': org.email,
    'org.website': org.website,
    'org.register': org.commercialRegister,
    'org.vatId': org.vatId,
    'org.directors': org.managingDirectors.join(', '),
    'org.dpo.name': org.dataProtectionOfficer.name,
    'org.dpo.email': org.dataProtectionOfficer.email,
    'org.authority.name': org.supervisoryAuthority.name,
    'org.authority.address': org.supervisoryAuthority.address,
    'org.authority.website': org.supervisoryAuthority.website,
  };
}

export interface ContentSource extends z.infer<typeof frontMatter> {
  locale: Locale;
  file: string;
  markdown: string;
}

/** Reads every Markdown page and checks its front matter; a broken file stops boot with its name. */
export function readContentSources(dir = contentDir): ContentSource[] {
  const sources: ContentSource[] = [];
  for (const locale of LOCALES) {
    const folder = path.join(dir, locale);
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const parsed = matter(readFileSync(path.join(folder, file), 'utf8'));
      const meta = frontMatter.safeParse(parsed.data);
      if (!meta.success) {
        throw new Error(`content/${locale}/${file}: ${meta.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      }
      sources.push({ ...meta.data, locale, file: `${locale}/${file}`, markdown: parsed.content });
    }
  }
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.path)) throw new Error(`content: two pages claim the path ${s.path}`);
    seen.add(s.path);
  }
  return sources;
}

/** Header and footer entries for the pages whose front matter asks for one. */
export function contentNavigation(sources: readonly ContentSource[]): NavItem[] {
  const byPage = new Map<string, ContentSource[]>();
  for (const s of sources) byPage.set(s.page, [...(byPage.get(s.page) ?? []), s]);
  const items: NavItem[] = [];
  for (const [page, variants] of byPage) {
    const de = variants.find((v) => v.locale === 'de');
    const en = variants.find((v) => v.locale === 'en');
    if (!de || !en || de.nav === 'none') continue;
    items.push({
      id: `site.${page}`,
      label: { de: de.navLabel ?? de.title, en: en.navLabel ?? en.title },
      href: { de: de.path, en: en.path },
      area: de.nav,
      order: de.order,
    });
  }
  return items;
}
