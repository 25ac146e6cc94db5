import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { countSegments, MAX_SEGMENTS } from './sms.segments.ts';

/** Number types a text message can reach; premium-rate, shared-cost and the like are refused. */
const REACHABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', undefined]);

/**
 * A recipient as typed ("0171 1234567", "+49 171 …", "0049 …") in E.164, or null. Numbers
 * without a country code are German. libphonenumber's full metadata checks the number plan.
 */
export function recipientE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input, 'DE');
  if (!parsed?.isValid()) return null;
  if (!REACHABLE.has(parsed.getType())) return null;
  return parsed.number;
}

export const smsSchema = z.object({
  recipient: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .refine((v) => recipientE164(v) !== null, 'error.recipient'),
  // NUL cannot be stored and no handset shows control characters; line breaks are fine.
  text: z
    .string()
    .min(1)
    .max(1000)
    .refine((v) => v.trim().length > 0, 'error.empty')
    .refine((v) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'error.control')
    .refine((v) => countSegments(v.replace(/\r\n/g, '\n')).segments <= MAX_SEGMENTS, 'error.tooLong'),
});
