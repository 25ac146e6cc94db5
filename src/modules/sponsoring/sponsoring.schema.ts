import { z } from 'zod';
import type { Config } from '../../core/config/index.ts';
import { singleLine } from '../../core/http/index.ts';

/** Euros as typed ("1500", "1.500", "1500,50", "1500.50") in cents, or null. */
export function euroCents(input: string): number | null {
  const v = input.replace(/[\s€]/g, '');
  let m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) {
    m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(v);
    if (!m) return null;
    m[1] = (m[1] as string).replace(/\./g, '');
  }
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !/(?![\n\r\t])\p{Cc}/u.test(v));

export const applySchema = (config: Config) =>
  z.object({
    title: singleLine(3, 120),
    description: text(20, 5000),
    budget: z
      .string()
      .trim()
      .min(1)
      .refine((v) => {
        const c = euroCents(v);
        return c !== null && c >= config.SPONSORING_MIN_REQUEST_CENTS && c <= config.SPONSORING_MAX_REQUEST_CENTS;
      }, 'error.budget')
      .transform((v) => euroCents(v) as number),
    sponsorName: singleLine(2, 150),
    sponsorStreet: singleLine(3, 150),
    sponsorPostcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'error.postcode'),
    sponsorCity: singleLine(2, 100),
    contactName: singleLine(2, 150),
    contactEmail: z.email().max(254),
    contactPhone: singleLine(5, 40).refine((v) => /^\+?[\d\s/()-]{5,}$/.test(v), 'error.phone'),
    terms: z.literal('yes', { message: 'error.terms' }),
  });

export const registerSchema = z.object({
  email: z.email().max(254),
  salutation: z.enum(['ms', 'mr', 'none']),
  firstName: singleLine(1, 100),
  lastName: singleLine(1, 100),
});

export const customerSchema = z.object({
  customerNumber: singleLine(3, 30),
  customerName: singleLine(1, 100),
});
