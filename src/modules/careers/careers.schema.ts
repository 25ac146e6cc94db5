import { z } from 'zod';
import type { CareersConfig } from '../../core/config/index.ts';
import { singleLine } from '../../core/http/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { careersMessages } from './careers.messages.ts';

type Category = CareersConfig['categories'][number];

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null));

/** A phone number as people write it: digits, spaces, +, /, -, parentheses. */
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;

/**
 * The application form of a category (C27): name, e-mail, optional phone and covering letter,
 * and the category's own fields from the configuration, required where it says so.
 */
export function applicationSchema(category: Category) {
  const extra: Record<string, z.ZodType> = {};
  for (const f of category.fields) {
    let field: z.ZodType;
    if (f.kind === 'select') {
      const values = f.options.map((o) => o.value) as [string, ...string[]];
      field = f.required ? z.enum(values) : z.union([z.enum(values), z.literal('')]).optional();
    } else {
      const max = f.kind === 'textarea' ? 5000 : 200;
      field = f.required ? (f.kind === 'textarea' ? z.string().trim().min(1).max(max) : singleLine(1, max)) : optionalText(max);
    }
    extra[f.id] = field;
  }
  return z.object({
    name: singleLine(1, 200),
    email: z
      .email()
      .max(254)
      .transform((v) => v.toLowerCase()),
    phone: optionalText(30).refine((v) => v === null || PHONE.test(v), { message: 'phone.invalid' }),
    message: optionalText(5000),
    ...extra,
  });
}

/** The visible label of every field, in form order: the error summary and messages use them. */
export function applicationLabels(category: Category, locale: Locale): Record<string, string> {
  const t = (k: keyof typeof careersMessages) => careersMessages[k][locale];
  return {
    name: t('field.name'),
    email: t('field.email'),
    phone: t('field.phone'),
    ...Object.fromEntries(category.fields.map((f) => [f.id, f.label[locale]])),
    message: t('field.message'),
    cv: t('field.cv'),
    certificates: t('field.certificates'),
  };
}

/** What the category's fields hold, as text (select values as their labels are shown to staff). */
export function answersOf(category: Category, data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of category.fields) {
    const v = data[f.id];
    if (typeof v === 'string' && v !== '') out[f.id] = v;
  }
  return out;
}
