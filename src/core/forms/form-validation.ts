import { z } from 'zod';
import { interpolate, type Locale, type Messages } from '../i18n/index.ts';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

export interface FormMessages {
  locale: Locale;
  /** Visible label of each field, used inside the messages. */
  labels: Record<string, string>;
  /** The module's catalogue; a schema message that is a key in it is translated. */
  messages?: Messages;
}

const generic = {
  required: { de: 'Bitte füllen Sie „{label}“ aus.', en: 'Please fill in “{label}”.' },
  email: {
    de: 'Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.',
    en: 'Please enter a valid e-mail address, e.g. name@example.com.',
  },
  format: { de: '„{label}“ hat nicht das erwartete Format.', en: '“{label}” is not in the expected format.' },
  tooShort: { de: '„{label}“ muss mindestens {n} Zeichen lang sein.', en: '“{label}” must be at least {n} characters long.' },
  tooLong: { de: '„{label}“ darf höchstens {n} Zeichen lang sein.', en: '“{label}” must be at most {n} characters long.' },
  tooSmall: { de: '„{label}“ muss mindestens {n} sein.', en: '“{label}” must be at least {n}.' },
  tooBig: { de: '„{label}“ darf höchstens {n} sein.', en: '“{label}” must be at most {n}.' },
  choose: { de: 'Bitte wählen Sie „{label}“ aus.', en: 'Please choose “{label}”.' },
  confirm: { de: 'Bitte bestätigen Sie „{label}“.', en: 'Please confirm “{label}”.' },
  choice: {
    de: 'Bitte wählen Sie eine der angebotenen Möglichkeiten für „{label}“.',
    en: 'Please choose one of the options for “{label}”.',
  },
  number: { de: 'Bitte geben Sie für „{label}“ eine Zahl an.', en: 'Please enter a number for “{label}”.' },
  invalid: { de: 'Bitte prüfen Sie „{label}“.', en: 'Please check “{label}”.' },
  singleLine: {
    de: 'Bitte geben Sie „{label}“ in einer Zeile an, ohne Zeilenumbrüche oder Steuerzeichen.',
    en: 'Please enter “{label}” on one line, without line breaks or control characters.',
  },
} as const;

const SINGLE_LINE = 'single-line';
/** Line breaks, control and invisible format characters: none belongs in a name. */
const NOT_SINGLE_LINE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * A name or another one-line field: trimmed, and refused with a field message when it holds a
 * line break or a control character, so nobody can write paragraphs into a mail or letter that
 * quotes it.
 */
export function singleLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !NOT_SINGLE_LINE.test(v), SINGLE_LINE);
}

const CHOOSE = 'choose';
const NOT_OFFERED = 'not-offered';

/**
 * A value picked from a list the page builds (a day, a time slot): empty asks to choose, and a
 * value of the wrong shape says to pick one of those offered, as a select's message should.
 */
export function pickedFrom(pattern: RegExp) {
  return z.string().min(1, CHOOSE).regex(pattern, NOT_OFFERED);
}

type Issue = z.core.$ZodIssue;

function messageFor(issue: Issue, input: unknown, label: string, opts: FormMessages): string {
  const L = opts.locale;
  const say = (m: { de: string; en: string }, n?: unknown) => interpolate(m[L], { label, n: String(n ?? '') });
  const custom = opts.messages?.[issue.message];
  if (custom) return interpolate(custom[L], { label });
  if (issue.message === SINGLE_LINE) return say(generic.singleLine);
  if (issue.message === CHOOSE) return say(generic.choose);
  if (issue.message === NOT_OFFERED) return say(generic.choice);
  const empty = input === undefined || input === null || input === '' || (Array.isArray(input) && input.length === 0);
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return say(generic.required);
      return issue.expected === 'number' ? say(generic.number) : say(generic.invalid);
    case 'too_small':
      if (empty || (issue.origin === 'string' && Number(issue.minimum) === 1)) return say(generic.required);
      return issue.origin === 'string' ? say(generic.tooShort, issue.minimum) : say(generic.tooSmall, issue.minimum);
    case 'too_big':
      return issue.origin === 'string' ? say(generic.tooLong, issue.maximum) : say(generic.tooBig, issue.maximum);
    case 'invalid_format':
      if (empty) return say(generic.required);
      return issue.format === 'email' ? say(generic.email) : say(generic.format);
    case 'invalid_value':
      // A field with a fixed set of values is a select, radio group or checkbox: nothing to fill
      // in, something to choose; a single allowed value is a checkbox that must be ticked.
      if (empty) return issue.values.length === 1 ? say(generic.confirm) : say(generic.choose);
      return say(generic.choice);
    case 'invalid_union':
      return empty ? say(generic.choose) : say(generic.choice);
    default:
      return say(generic.invalid);
  }
}

/** Whether the hidden honeypot field was filled: a bot, not a person. */
export function isSpam(body: unknown): boolean {
  const v = (body as Record<string, unknown> | null)?.website;
  return typeof v === 'string' && v.trim() !== '';
}

/** Keeps only plain strings (and string lists), trimmed: what a form can legitimately send. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (typeof raw === 'string') values[key] = raw.trim();
    else if (Array.isArray(raw)) values[key] = raw.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  }
  return values;
}

/**
 * Validates a submitted form: either typed data, or one clear message per field in the
 * visitor's language plus the values to show again.
 */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown, opts: FormMessages): FormResult<z.output<S>> {
  const values = formValues(body);
  // No field of ours takes a NUL character, and PostgreSQL text cannot hold one: the field is
  // named, not the insert failed.
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(values)) {
    if ((Array.isArray(value) ? value : [value]).some((v) => v.includes('\u0000'))) {
      errors[field] = interpolate(generic.invalid[opts.locale], { label: opts.labels[field] ?? field });
    }
  }
  const result = schema.safeParse(values);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data, values };
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    errors[field] = messageFor(issue, values[field], opts.labels[field] ?? field, opts);
  }
  return { ok: false, errors: inFieldOrder(errors, opts.labels), values };
}

/**
 * The error summary lists problems in the order the form shows its fields (GOV.UK, KERN): the
 * order of the labels, which every form declares top to bottom; unlabelled keys follow.
 */
export function inFieldOrder(errors: FieldErrors, labels: Record<string, string>): FieldErrors {
  const order = Object.keys(labels);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
