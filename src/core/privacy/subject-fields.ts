import type { Localized } from '../i18n/index.ts';
import type { SubjectFields } from './register.types.ts';

type Catalogue = Readonly<Record<string, Localized>>;

/**
 * The codes a field stores, in words, from a catalogue family: `{ 'status.sent': … }` with
 * prefix `status` gives `{ sent: … }`. Modules keep those words in their own messages.
 */
export function fieldValues(messages: Catalogue, prefix: string): Record<string, Localized> {
  return Object.fromEntries(
    Object.entries(messages)
      .filter(([key]) => key.startsWith(`${prefix}.`))
      .map(([key, words]) => [key.slice(prefix.length + 1), words]),
  );
}

/** Plain labels (no codes, no amounts) for each key, its words under the same key in the catalogue. */
export function labelledAs<K extends string>(messages: Readonly<Record<K, Localized>>, keys: readonly K[]): SubjectFields {
  return Object.fromEntries(keys.map((key) => [key, { label: messages[key] }]));
}
