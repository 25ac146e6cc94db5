import { z } from 'zod';
import { singleLine } from '../../core/http/index.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const day = () => z.string().trim().refine(isCalendarDay, 'error.date');
const optionalDay = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isCalendarDay(v), 'error.date');
const postcode = () =>
  z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'error.postcode');
const checked = () => z.literal('yes', { message: 'error.confirm' });

export const registerSchema = z.object({
  customerNumber: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[\w\s\-/.]+$/, 'error.customerNumber'),
  name: singleLine(1, 100),
  postcode: postcode(),
  email: z.email().max(254),
  password: z.string().min(1).max(4096),
  repeat: z.string().min(1).max(4096),
  channel: z.enum(['post', 'email']),
});

export const activateSchema = z.object({
  email: z.string().trim().min(1).max(320),
  key: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(1024),
});
export const signInSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });
export const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });
export const forgotSchema = z.object({ email: z.email().max(254) });
export const newPasswordSchema = z.object({
  key: z.string().min(1).max(100),
  password: z.string().min(1).max(4096),
  repeat: z.string().min(1).max(4096),
});

export const meterReadingSchema = z.object({
  meter: z.string().trim().min(1).max(100),
  readOn: optionalDay(),
  value: z.string().trim().min(1).max(30),
  confirm: z.string().optional(),
});

export const instalmentSchema = z.object({ contract: z.string().trim().min(1).max(100), amount: z.string().trim().min(1).max(30) });

export const bankAccountSchema = z.object({
  holder: z.string().trim().min(2).max(70),
  iban: z.string().trim().min(1).max(50),
  consent: checked(),
});

export const moveSchema = z.object({
  moveOn: day(),
  street: z.string().trim().min(1).max(200),
  postcode: postcode(),
  city: z.string().trim().min(1).max(100),
  continueSupply: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});

export const changeEmailSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(1024) });
export const changePasswordSchema = z.object({
  current: z.string().min(1).max(1024),
  password: z.string().min(1).max(4096),
  repeat: z.string().min(1).max(4096),
});
export const totpEnrolSchema = z.object({ code: z.string().trim().min(1).max(20), sealed: z.string().min(1).max(2000) });
export const passwordOnlySchema = z.object({ password: z.string().min(1).max(1024) });
export const deleteAccessSchema = z.object({ password: z.string().min(1).max(1024), confirm: checked() });
