import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' || entry.name === 'assets' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** What an internal code looks like: lower case, words joined by `-` or `_` (`below-last`, `awaiting_check`, `confirmed`). */
const CODE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

const stringsOf = (elements: readonly ts.Node[]) =>
  elements.filter((e): e is ts.StringLiteral => ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)).map((e) => e.text);

/**
 * The enumerated values the code knows, read from its source rather than listed by hand: the
 * snake_case table and column names of the `*.tables.ts` files, members
 * of string-literal unions (`'pending' | 'sent'`), `as const` arrays (`['admin', 'hr'] as const`),
 * `z.enum([...])`, and the last part of message keys whose family has several members
 * (`reading.below-last`, `task.meter-reading`: the keys name the codes they translate).
 */
export function enumValuesInSource(): Set<string> {
  const values = new Set<string>();
  const messageKeys: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
    const visit = (node: ts.Node): void => {
      if (file.endsWith('.tables.ts') && ts.isPropertySignature(node) && node.name && /_/.test(node.name.getText(source))) {
        // snake_case names of tables and columns (`staff_accounts`, `awaiting_check`)
        values.add(node.name.getText(source).replace(/^['"]|['"]$/g, ''));
      } else if (ts.isUnionTypeNode(node)) {
        const literals = node.types
          .filter(ts.isLiteralTypeNode)
          .map((t) => t.literal)
          .filter(ts.isStringLiteral);
        if (literals.length >= 2) for (const l of literals) values.add(l.text);
      } else if (ts.isAsExpression(node) && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === 'const') {
        if (ts.isArrayLiteralExpression(node.expression)) for (const v of stringsOf(node.expression.elements)) values.add(v);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source);
        const [first] = node.arguments;
        if (callee === 'z.enum' && first && ts.isArrayLiteralExpression(first)) for (const v of stringsOf(first.elements)) values.add(v);
        if (callee === 'defineMessages' && first && ts.isObjectLiteralExpression(first))
          for (const p of first.properties)
            if (p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name))) messageKeys.push(p.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const families = new Map<string, string[]>();
  for (const key of messageKeys) {
    const dot = key.lastIndexOf('.');
    if (dot < 0) continue;
    const family = key.slice(0, dot);
    families.set(family, [...(families.get(family) ?? []), key.slice(dot + 1)]);
  }
  for (const members of families.values()) if (members.length >= 2) for (const m of members) values.add(m);
  return new Set([...values].filter((v) => CODE.test(v) && v.length >= 3));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/**
 * The text a reader meets on the page: element contents without scripts, styles and comments,
 * plus the attributes people read or hear (title, aria-label, alt, placeholder). Other attribute
 * values (hrefs, form values, ids) may keep internal ids, and so may what is marked up as code
 * (`<code>`, `<kbd>`, `<pre>`: a command to type is shown as it is typed).
 */
export function visibleText(html: string): string {
  const spoken: string[] = [];
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|code|kbd|pre)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, (tag) => {
      for (const m of tag.matchAll(/\s(?:title|aria-label|alt|placeholder)="([^"]*)"/gi)) spoken.push(m[1] ?? '');
      return ' ';
    });
  return decode(`${withoutCode} ${spoken.join(' ')}`).replace(/\s+/g, ' ');
}

export interface CodeRules {
  /** Activity ids of the register and ids of staff declarations (`privacy.audit-log`). */
  ids: ReadonlySet<string>;
  /** Enumerated values from the source. */
  enums: ReadonlySet<string>;
  /** Plain words of each language that happen to equal a code (German `online`, English `signed-in`). */
  words: Readonly<Record<'de' | 'en', ReadonlySet<string>>>;
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Words as codes are written; e-mail addresses, web addresses and paths are left out first. */
const TOKEN = /(?<![\w./@-])[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*(?![\w@-]|\.\w)/g;

/**
 * Internal codes in a page's visible text. Codes are English words, so a single plain word
 * (`confirmed`, `read`) counts only on German pages, where a reader cannot mistake it for prose;
 * joined codes (`below-last`, `awaiting_check`), ids, ISO dates and UUIDs count in both languages.
 */
export function internalCodesIn(html: string, locale: 'de' | 'en', rules: CodeRules): string[] {
  const text = visibleText(html).replace(/\S+@\S+|\S*:\/\/\S+|(?<!\w)\/[\w/.-]+/g, ' ');
  const found = new Set<string>();
  for (const m of text.matchAll(ISO_DATE)) found.add(`date ${m[0]}`);
  for (const m of text.matchAll(UUID)) found.add(`uuid ${m[0]}`);
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    if (rules.ids.has(token)) found.add(`id ${token}`);
    else if (rules.enums.has(token) && !rules.words[locale].has(token) && (locale === 'de' || /[-_]/.test(token)))
      found.add(`code ${token}`);
  }
  return [...found];
}
