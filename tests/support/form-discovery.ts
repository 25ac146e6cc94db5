/**
 * The forms a page offers, read from its HTML as a browser would: where each posts to, how it is
 * encoded, and its fields with what a person could pick or type in each. The fuzz suite builds
 * its requests from these, so a new form is fuzzed without being listed anywhere.
 */
export interface FormField {
  name: string;
  /** The input's type (text, email, date, checkbox, …), `select` or `textarea`. */
  type: string;
  /** Values offered (select options, radio and checkbox values, hidden and button values). */
  choices: string[];
  maxLength: number | null;
}

export interface DiscoveredForm {
  /** Path and query the form posts to. */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#39': "'", '#x27': "'" };

function decode(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|apos|#39|#x27);/g, (_, e: string) => ENTITIES[e] ?? '');
}

function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`, 'i').exec(tag);
  return found ? decode(found[1] ?? '') : undefined;
}

function addField(fields: Map<string, FormField>, name: string, type: string, choices: string[], maxLength: number | null): void {
  const known = fields.get(name);
  if (known) known.choices.push(...choices.filter((c) => !known.choices.includes(c)));
  else fields.set(name, { name, type, choices, maxLength });
}

/** Every POST form of a page; `pageUrl` resolves relative and empty actions. */
export function discoverForms(html: string, pageUrl: string): DiscoveredForm[] {
  const forms: DiscoveredForm[] = [];
  for (const [, formTag = '', inner = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attribute(formTag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const target = new URL(attribute(formTag, 'action') ?? '', new URL(pageUrl, 'http://localhost'));
    const fields = new Map<string, FormField>();
    for (const [tag] of inner.matchAll(/<(?:input|button)\b[^>]*>/gi)) {
      const name = attribute(tag, 'name');
      if (!name || name === '_csrf') continue;
      const type = (attribute(tag, 'type') ?? (tag.toLowerCase().startsWith('<button') ? 'submit' : 'text')).toLowerCase();
      const value = attribute(tag, 'value');
      const offered = ['checkbox', 'radio', 'hidden', 'submit'].includes(type) && value !== undefined ? [value] : [];
      const max = attribute(tag, 'maxlength');
      addField(fields, name, type, offered, max ? Number(max) : null);
    }
    for (const [, tag = '', options = ''] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(tag, 'name');
      if (!name) continue;
      const values = [...options.matchAll(/<option\b([^>]*)>([^<]*)/gi)].map(
        ([, o = '', text = '']) => attribute(o, 'value') ?? decode(text),
      );
      addField(fields, name, 'select', values, null);
    }
    for (const [, tag = ''] of inner.matchAll(/<textarea\b([^>]*)>/gi)) {
      const name = attribute(tag, 'name');
      const max = attribute(tag, 'maxlength');
      if (name) addField(fields, name, 'textarea', [], max ? Number(max) : null);
    }
    forms.push({
      action: `${target.pathname}${target.search}`,
      multipart: /multipart\/form-data/i.test(attribute(formTag, 'enctype') ?? ''),
      fields: [...fields.values()],
    });
  }
  return forms;
}
