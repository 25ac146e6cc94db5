import { z } from 'zod';
import { singleLine } from '../../core/http/index.ts';

export const SALUTATIONS = ['ms', 'mr', 'diverse', 'none'] as const;

const email = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase());

/** Checkbox lists arrive as a string, a list or nothing. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** C51: only the address is required; everything else may stay empty. */
export function subscribeSchema(topicIds: readonly string[]) {
  return z.object({
    email,
    salutation: z
      .enum(SALUTATIONS)
      .optional()
      .or(z.literal('').transform(() => undefined))
      .transform((v) => (v && v !== 'none' ? v : null)),
    name: singleLine(0, 200)
      .optional()
      .transform((v) => (v ? v : null)),
    topics: list.refine((v) => v.every((t) => topicIds.includes(t)), 'topics.invalid').transform((v) => [...new Set(v)]),
    noMeasure: z.literal('yes').optional(),
  });
}

export type SubscribeForm = z.output<ReturnType<typeof subscribeSchema>>;
