import { z } from 'zod';
import { singleLine } from '../../core/http/index.ts';

/** Optional text fields: an empty field is "not given". */
const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal('').transform(() => undefined), schema]).optional();

/** GET /solar/suche?strasse=…&nr=… (the same names on the English page). */
export const searchSchema = z.object({
  strasse: z.string().min(1, 'search.error.street').max(100),
  nr: z.string().max(20).optional(),
});

export const objectionSchema = z.object({
  role: z.enum(['owner', 'tenant']),
  street: z.string().min(1).max(100),
  number: z.string().min(1).max(20).regex(/^\d/, 'objection.error.number'),
  postcode: optional(z.string().regex(/^\d{5}$/, 'objection.error.postcode')),
  town: optional(z.string().max(100)),
  name: singleLine(2, 200),
  email: z.email().max(254),
});
export type ObjectionInput = z.infer<typeof objectionSchema>;

/**
 * The request for the detailed report (C25): the building (as for an objection), who asks and
 * in what role, where the report goes. A postcode abroad may have letters and spaces.
 */
export const reportRequestSchema = z.object({
  street: z.string().min(1).max(100),
  number: z.string().min(1).max(20).regex(/^\d/, 'objection.error.number'),
  postcode: optional(z.string().regex(/^\d{5}$/, 'objection.error.postcode')),
  town: optional(z.string().max(100)),
  role: z.enum(['owner', 'tenant']),
  name: singleLine(2, 200),
  postalStreet: z.string().min(1).max(200),
  postalPostcode: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 -]{2,9}$/, 'request.error.postalPostcode'),
  postalTown: z.string().min(1).max(100),
  postalCountry: optional(z.string().max(60)),
  email: z.email().max(254),
  delivery: z.enum(['email', 'letter']),
});
export type ReportRequestInput = z.infer<typeof reportRequestSchema>;
