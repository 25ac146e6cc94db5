import { z } from 'zod';
import type { Organisation } from '../../core/config/index.ts';
import { pickedFrom, singleLine } from '../../core/http/index.ts';
import { normalisePhone } from './contact.phone.ts';
import type { Salutation } from './contact.tables.ts';

export const SALUTATIONS: readonly Salutation[] = ['ms', 'mr', 'diverse', 'none'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Letters, digits and the separators printed on bills; the portal checks the number itself. */
const CUSTOMER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 ./-]{2,29}$/;

/** A message key of contact.messages.ts: validateForm shows it in the visitor's language. */
export const PHONE_INVALID = 'phone.invalid';

function toE164(value: string, ctx: z.RefinementCtx): string {
  const phone = normalisePhone(value);
  if (phone) return phone;
  ctx.addIssue({ code: 'custom', message: PHONE_INVALID });
  return z.NEVER;
}

/** A text field; NUL characters are refused for every form by `validateForm`. */
export const text = (min: number, max: number) => z.string().min(min).max(max);

const optional = (max: number) =>
  text(0, max)
    .optional()
    .transform((v) => (v ? v : null));

// One line: a name is quoted in mails and letters, where a line break would let it write paragraphs.
const name = singleLine(1, 200);
// Stored lower-cased, so a data-subject request finds it however it was typed.
const email = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase());
const concern = text(1, 5000);

/** C20: salutation, name, a valid e-mail address and the concern. */
export const officerSchema = z.object({
  salutation: z.enum(SALUTATIONS as [Salutation, ...Salutation[]]),
  name,
  email,
  concern,
});

/** C13: what the officers' forms ask, plus the topic that routes it; phone and customer number optional. */
export function generalSchema(org: Organisation) {
  const topics = org.departments.map((d) => d.id) as [string, ...string[]];
  return officerSchema.extend({
    topic: z.enum(topics),
    phone: z
      .string()
      .optional()
      .transform((v, ctx) => (v ? toE164(v, ctx) : null)),
    customerNumber: optional(30).refine((v) => v === null || CUSTOMER_NUMBER.test(v), { message: 'customerNumber.invalid' }),
  });
}

/**
 * C17: name, phone number and a preferred day and time. Whether the day and time are offered
 * (business hours, holidays) is checked against the clock afterwards, see contact.hours.ts.
 */
export const callbackSchema = z.object({
  name,
  phone: z
    .string()
    .min(1)
    .transform((v, ctx) => toE164(v, ctx)),
  day: pickedFrom(DAY),
  slot: pickedFrom(TIME),
  subject: optional(300),
});

export type OfficerForm = z.output<typeof officerSchema>;
export type GeneralForm = z.output<ReturnType<typeof generalSchema>>;
export type CallbackForm = z.output<typeof callbackSchema>;
