import { z } from 'zod';
import { singleLine } from '../../core/http/index.ts';
import type { Region } from './media.obscure.ts';
import { MEDIA_BASES, MEDIA_SCOPES, type MediaBasis, type MediaScope } from './media.tables.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const uploadSchema = z
  .object({
    title: singleLine(1, 200),
    alt: z.string().trim().min(1).max(1000),
    basis: z.enum(MEDIA_BASES as [MediaBasis, ...MediaBasis[]]),
    people: z.string().optional(),
    publish: z.literal('yes').optional(),
  })
  // Checked even when another field is wrong, so every message shows at once.
  .refine((v) => v.basis !== 'consent' || /^(100|[1-9]\d?)$/.test(v.people ?? ''), {
    path: ['people'],
    message: 'people.required',
    when: (payload) => (payload.value as { basis?: unknown }).basis === 'consent',
  })
  .transform((v) => ({
    title: v.title,
    altText: v.alt,
    basis: v.basis,
    people: v.basis === 'consent' ? Number(v.people) : 0,
    published: v.publish === 'yes',
  }));

export const consentSchema = z
  .object({
    personName: singleLine(1, 200),
    scopes: z.preprocess(list, z.array(z.enum(MEDIA_SCOPES as [MediaScope, ...MediaScope[]])).min(1, 'scopes.required')),
    givenOn: z.string().regex(DATE, 'date.invalid'),
    method: z.enum(['signed-form', 'photographer']),
    validUntil: z.union([z.literal(''), z.string().regex(DATE, 'date.invalid')]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil && v.validUntil < v.givenOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'until.beforeGiven' });
  });

export const REGION_SLOTS = 3;

/** Regions from the form's fields `r1x` … `r3h`: a slot left empty is skipped, one half-filled is an error. */
export function regionsOf(body: Record<string, string | string[]>): { regions: Region[]; bad: number[] } {
  const regions: Region[] = [];
  const bad: number[] = [];
  for (let n = 1; n <= REGION_SLOTS; n++) {
    const raw = (['x', 'y', 'w', 'h'] as const).map((k) => {
      const v = body[`r${n}${k}`];
      return typeof v === 'string' ? v.trim().replace(',', '.') : '';
    });
    if (raw.every((v) => v === '')) continue;
    const [x, y, w, h] = raw.map((v) => (v === '' ? Number.NaN : Number(v))) as [number, number, number, number];
    const ok =
      [x, y, w, h].every((v) => Number.isFinite(v) && v >= 0 && v <= 100) && w > 0 && h > 0 && x + w <= 100.0001 && y + h <= 100.0001;
    if (ok) regions.push({ x, y, w, h });
    else bad.push(n);
  }
  return { regions, bad };
}

export const takedownSchema = z.object({
  picture: z.string().trim().min(1).max(2000),
  wish: z.enum(['remove', 'unrecognisable']),
  details: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || null),
  name: z
    .union([z.literal(''), singleLine(1, 200)])
    .optional()
    .transform((v) => v || null),
  email: z
    .union([z.literal(''), z.email().max(254)])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null)),
  item: z.string().optional(),
});

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The picture's id when the person pasted the address of one of our picture pages. */
export function itemIdIn(text: string): string | null {
  return UUID_IN_TEXT.exec(text)?.[0]?.toLowerCase() ?? null;
}
