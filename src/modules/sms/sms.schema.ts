import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { countSegments, MAX_SEGMENTS } from './sms.segments.ts';

/**
 * A recipient as typed ("0171 1234567", "+49 171 …", "0049 …") in E.164, or null. Numbers
 * without a country code are German. Only mobile numbers of the configured countries (by default
 * Germany) are reached: a free SMS to a foreign or premium-rate number costs the utility money
 * and helps nobody here. libphonenumber's full metadata checks the number plan and the type.
 */
export function recipientE164(input: string, countries: readonly string[] = ['DE']): string | null {
  const parsed = parsePhoneNumberFromString(input, 'DE');
  if (!parsed?.isValid()) return null;
  if (parsed.getType() !== 'MOBILE' || !parsed.country || !countries.includes(parsed.country)) return null;
  return parsed.number;
}

export const smsSchemaFor = (countries: readonly string[]) =>
  z.object({
    recipient: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .refine((v) => recipientE164(v, countries) !== null, 'error.recipient'),
    // NUL cannot be stored and no handset shows control characters; line breaks are fine.
    text: z
      .string()
      .min(1)
      .max(1000)
      .refine((v) => v.trim().length > 0, 'error.empty')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      .refine((v) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'error.control')
      .refine((v) => countSegments(v.replace(/\r\n/g, '\n')).segments <= MAX_SEGMENTS, 'error.tooLong'),
  });

/** The schema with the default countries (Germany only). */
export const smsSchema = smsSchemaFor(['DE']);
