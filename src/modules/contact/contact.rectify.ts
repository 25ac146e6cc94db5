import type { Kysely } from 'kysely';
import { z } from 'zod';
import { InvalidCorrection, type SubjectRecord } from '../../core/privacy/index.ts';
import { normalisePhone } from './contact.phone.ts';
import type { ContactTables } from './contact.tables.ts';

/** What the person typed into each form: the portability export (Art. 20 GDPR). */
export const PROVIDED = {
  contact_requests: ['salutation', 'name', 'email', 'phone', 'customerNumber', 'topic', 'concern'],
  contact_callbacks: ['name', 'phone', 'subject', 'preferredFrom', 'preferredTo'],
} as const;

/** What staff may correct on a rectification request (Art. 16 GDPR); the concern is the person's own words and stays. */
export const CORRECTABLE = {
  contact_requests: ['name', 'email', 'phone', 'customerNumber'],
  contact_callbacks: ['name', 'phone', 'subject'],
} as const;

const COLUMN: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  customerNumber: 'customer_number',
  subject: 'subject',
};
const email = z.email().max(254);

/** The stored form of a corrected value, as the public form would have stored it; refuses what the form would refuse. */
function stored(table: string, key: string, value: string | null): string | null {
  if (value === null) {
    // Name, e-mail and a callback's phone number are required by the forms (C13, C17, C20).
    if (key === 'name' || key === 'email' || (key === 'phone' && table === 'contact_callbacks')) throw new InvalidCorrection(key);
    return null;
  }
  if (key === 'email') {
    if (!email.safeParse(value).success) throw new InvalidCorrection(key);
    return value.toLowerCase();
  }
  if (key === 'phone') {
    const phone = normalisePhone(value);
    if (!phone) throw new InvalidCorrection(key);
    return phone;
  }
  if (value.length > 200 || /[\r\n]/.test(value)) throw new InvalidCorrection(key);
  return value;
}

/** Corrects a request or a callback; returns the keys whose stored value changed. */
export async function rectifyContact(
  // biome-ignore lint/suspicious/noExplicitAny: any module's database handle, as the other hooks take it
  anyDb: Kysely<any>,
  record: SubjectRecord,
  changes: Readonly<Record<string, string | null>>,
): Promise<string[]> {
  const db = anyDb as Kysely<ContactTables>;
  const table = record.table as keyof typeof CORRECTABLE;
  if (!(table in CORRECTABLE)) return [];
  const allowed: readonly string[] = CORRECTABLE[table];
  const set: Record<string, string | null> = {};
  const changed: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!allowed.includes(key)) throw new InvalidCorrection(key);
    const next = stored(table, key, value);
    if (next === (record.data[key] ?? null)) continue;
    set[COLUMN[key] as string] = next;
    changed.push(key);
  }
  if (!changed.length) return [];
  await db
    .updateTable(table)
    .set(set as never)
    .where('id', '=', record.recordId)
    .execute();
  return changed;
}
