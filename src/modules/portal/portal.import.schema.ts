import { isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { isCalendarDay } from './portal.schema.ts';
import { COMMODITIES } from './portal.tables.ts';

// The billing system's export, one CSV file per table (docs/portal-import.md). Each file's header
// must name exactly these columns: a column the portal does not know is refused, because the
// portal holds nothing beyond what concluding and running the supply contracts yields (C37).

const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .transform((v) => (v === '' ? null : v));
const day = () => z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD');
const optionalDay = () =>
  z
    .string()
    .refine((v) => v === '' || isCalendarDay(v), 'expected a date YYYY-MM-DD or nothing')
    .transform((v) => (v === '' ? null : v));
const cents = () =>
  z
    .string()
    .regex(/^-?\d{1,9}$/, 'expected whole cents, e.g. 8500')
    .transform(Number);
const positiveCents = () =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected whole cents (not negative), e.g. 8500')
    .transform(Number);
const quantity = () =>
  z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'expected a number with a decimal point and at most 3 decimals, e.g. 12345.6');
const key = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(40, 'at most 40 characters')
    .regex(/^[A-Za-z0-9\-/.]+$/, 'only letters, digits, - / .');

export const customerRow = z.object({
  customer_number: key().transform((v) => v.replace(/[-/.]/g, '').toUpperCase()),
  salutation: z.enum(['ms', 'mr', ''], { message: 'expected ms, mr or nothing' }).transform((v) => (v === '' ? null : v)),
  first_name: optionalText(100).transform((v) => v ?? ''),
  last_name: text(100),
  street: text(200),
  postcode: z.string().regex(/^\d{5}$/, 'expected a five-digit postcode'),
  city: text(100),
  email: z
    .string()
    .max(254)
    .refine((v) => v === '' || z.email().safeParse(v).success, 'expected an e-mail address or nothing')
    .transform((v) => (v === '' ? null : v)),
  phone: z
    .string()
    .max(40)
    .refine((v) => v === '' || /^\+[1-9]\d{6,14}$/.test(v), 'expected a phone number in E.164 (+4921112345) or nothing')
    .transform((v) => (v === '' ? null : v)),
});

export const contractRow = z
  .object({
    contract_number: key(),
    customer_number: key().transform((v) => v.replace(/[-/.]/g, '').toUpperCase()),
    commodity: z.enum(COMMODITIES as [string, ...string[]], { message: `expected one of ${COMMODITIES.join(', ')}` }),
    tariff: text(100),
    supply_street: text(200),
    supply_postcode: z.string().regex(/^\d{5}$/, 'expected a five-digit postcode'),
    supply_city: text(100),
    start_date: day(),
    end_date: optionalDay(),
    instalment_cents: positiveCents(),
    annual_estimate: quantity(),
  })
  .refine((r) => r.end_date === null || r.end_date >= r.start_date, { message: 'end_date before start_date', path: ['end_date'] });

export const meteringPointRow = z.object({ location_id: key(), contract_number: key() });

export const meterRow = z
  .object({
    meter_number: key(),
    location_id: key(),
    unit: z.enum(['kWh', 'm3'], { message: 'expected kWh or m3' }),
    installed_on: day(),
    removed_on: optionalDay(),
  })
  .refine((r) => r.removed_on === null || r.removed_on >= r.installed_on, {
    message: 'removed_on before installed_on',
    path: ['removed_on'],
  });

export const readingRow = z.object({
  meter_number: key(),
  read_on: day(),
  value: quantity(),
  source: z.enum(['billing', 'estimate', 'customer'], { message: 'expected billing, estimate or customer' }),
});

export const instalmentRow = z.object({ contract_number: key(), due_on: day(), amount_cents: positiveCents() });

export const invoiceRow = z
  .object({
    invoice_number: key(),
    contract_number: key(),
    issued_on: day(),
    period_from: day(),
    period_to: day(),
    consumption: quantity(),
    net_cents: cents(),
    vat_cents: cents(),
    gross_cents: cents(),
    instalments_paid_cents: positiveCents(),
  })
  .refine((r) => r.period_to >= r.period_from, { message: 'period_to before period_from', path: ['period_to'] })
  .refine((r) => r.net_cents + r.vat_cents === r.gross_cents, {
    message: 'gross_cents is not net_cents + vat_cents',
    path: ['gross_cents'],
  });

export const mandateRow = z
  .object({
    mandate_reference: z.string().min(1).max(35, 'at most 35 characters (SEPA)'),
    customer_number: key().transform((v) => v.replace(/[-/.]/g, '').toUpperCase()),
    account_holder: text(70),
    iban: z
      .string()
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().refine((v) => isValidIBAN(v), 'not a valid IBAN (length or check digits)')),
    signed_on: day(),
    revoked_on: optionalDay(),
  })
  .refine((r) => r.revoked_on === null || r.revoked_on >= r.signed_on, { message: 'revoked_on before signed_on', path: ['revoked_on'] });

/** Every file of the export, in the order they are read: a row may only name rows of earlier files. */
export const IMPORT_FILES = [
  { file: 'customers.csv', schema: customerRow, key: (r: z.output<typeof customerRow>) => r.customer_number },
  { file: 'contracts.csv', schema: contractRow, key: (r: z.output<typeof contractRow>) => r.contract_number },
  { file: 'metering_points.csv', schema: meteringPointRow, key: (r: z.output<typeof meteringPointRow>) => r.location_id },
  { file: 'meters.csv', schema: meterRow, key: (r: z.output<typeof meterRow>) => r.meter_number },
  { file: 'readings.csv', schema: readingRow, key: (r: z.output<typeof readingRow>) => `${r.meter_number}|${r.read_on}|${r.source}` },
  { file: 'instalments.csv', schema: instalmentRow, key: (r: z.output<typeof instalmentRow>) => `${r.contract_number}|${r.due_on}` },
  { file: 'invoices.csv', schema: invoiceRow, key: (r: z.output<typeof invoiceRow>) => r.invoice_number },
  { file: 'mandates.csv', schema: mandateRow, key: (r: z.output<typeof mandateRow>) => r.mandate_reference },
] as const;

export type ImportFileName = (typeof IMPORT_FILES)[number]['file'];

/** The columns a file's header must name (in any order). */
export function columnsOf(schema: z.ZodType): string[] {
  let s: z.ZodType = schema;
  // refine() keeps the object schema inside; unwrap to read its shape.
  while (!(s instanceof z.ZodObject) && 'def' in s && (s as { def: { in?: z.ZodType; schema?: z.ZodType } }).def) {
    const def = (s as { def: { in?: z.ZodType; schema?: z.ZodType } }).def;
    const inner = def.in ?? def.schema;
    if (!inner) break;
    s = inner;
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
