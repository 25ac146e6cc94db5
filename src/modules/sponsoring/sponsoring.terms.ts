import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { berlinDay, type Locale } from '../../core/i18n/index.ts';

export type Audience = 'applicants' | 'voters';
export const AUDIENCES: readonly Audience[] = ['applicants', 'voters'];

export interface TermsVersion {
  audience: Audience;
  version: number;
  validSince: string;
  html: Record<Locale, string>;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'terms');
const FILE = /^(applicants|voters)\.(\d+)\.(de|en)\.md$/;
const VALID_SINCE = /^<!--\s*valid-since:\s*(\d{4}-\d{2}-\d{2})\s*-->/;

/**
 * The terms of participation, versioned like the privacy statement (C50): each version is a pair
 * of Markdown files `<audience>.<n>.<de|en>.md` that begins with its valid-since date; the highest
 * number in force is current, every earlier one stays readable. They are our own files, rendered
 * once at boot and still sanitised, so a careless edit cannot put a script on the page.
 */
export function loadTerms(dir = DIR): TermsVersion[] {
  const marked = new Marked();
  const found = new Map<string, TermsVersion>();
  for (const file of readdirSync(dir).sort()) {
    const m = FILE.exec(file);
    if (!m) continue;
    const [, audience, n, locale] = m as unknown as [string, Audience, string, Locale];
    const source = readFileSync(path.join(dir, file), 'utf8');
    const since = VALID_SINCE.exec(source)?.[1];
    if (!since) throw new Error(`${file}: the first line must be <!-- valid-since: YYYY-MM-DD -->`);
    const key = `${audience}.${n}`;
    const entry = found.get(key) ?? { audience, version: Number(n), validSince: since, html: { de: '', en: '' } };
    entry.html[locale] = sanitizeHtml(marked.parse(source.replace(VALID_SINCE, ''), { async: false }) as string);
    found.set(key, entry);
  }
  const versions = [...found.values()].sort((a, b) => a.version - b.version);
  for (const v of versions) if (!v.html.de || !v.html.en) throw new Error(`terms ${v.audience} ${v.version}: German and English needed`);
  for (const a of AUDIENCES) if (!versions.some((v) => v.audience === a)) throw new Error(`terms for ${a} missing`);
  return versions;
}

/** The version in force at `now` (Berlin day), else the first. */
export function currentTerms(all: readonly TermsVersion[], audience: Audience, now: Date): TermsVersion {
  const today = berlinDay(now);
  const mine = all.filter((v) => v.audience === audience);
  return mine.filter((v) => v.validSince <= today).at(-1) ?? (mine[0] as TermsVersion);
}
