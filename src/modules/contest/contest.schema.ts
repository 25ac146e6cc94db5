import { z } from 'zod';
import { singleLine } from '../../core/http/index.ts';

export const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });

export const gallerySchema = z.object({ code: z.string().trim().min(1).max(40), gallery: z.enum(['yes', 'no']) });

/** The entry (C58): code, first and last name, postal address, e-mail, and the terms accepted. */
export const entrySchema = z.object({
  code: z.string().trim().min(1).max(40),
  firstName: singleLine(1, 100),
  lastName: singleLine(1, 100),
  street: singleLine(1, 200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'entry.postcodeFormat'),
  city: singleLine(1, 100),
  // Stored lower-cased, so a request about one's data finds it however it was typed.
  email: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase()),
  terms: z.literal('yes', { message: 'entry.termsRequired' }),
});
