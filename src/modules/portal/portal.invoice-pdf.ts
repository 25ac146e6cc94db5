import type { Organisation } from '../../core/config/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { renderLetter } from '../../core/letters/index.ts';
import { salutationOf } from './portal.addressee.ts';
import { appMessages } from './portal.app.messages.ts';
import { formatDay, formatQuantity, unitLabel } from './portal.format.ts';
import { portalMessages } from './portal.messages.ts';
import { formatEuro } from './portal.money.ts';
import type { InvoiceRow } from './portal.queries.ts';
import type { Addressee, MeterUnit } from './portal.tables.ts';

/**
 * An invoice as a PDF, rendered on demand from the stored invoice data (nothing is stored as a
 * file). The letter is dated with the invoice date, so the same invoice always gives the same bytes.
 */
export async function renderInvoicePdf(
  invoice: InvoiceRow & { tariff: string; supply: string },
  customer: Addressee,
  unit: MeterUnit,
  org: Organisation,
  locale: Locale,
): Promise<Uint8Array> {
  const t = translator(appMessages, locale);
  const pt = translator(portalMessages, locale);
  const balance = invoice.gross_cents - invoice.instalments_paid_cents;
  const euro = (c: number) => formatEuro(c, locale);
  const prefix = locale === 'de' ? { ms: 'Frau', mr: 'Herrn' } : { ms: 'Ms', mr: 'Mr' };
  const name = `${customer.salutation ? `${prefix[customer.salutation]} ` : ''}${customer.first_name} ${customer.last_name}`
    .replace(/\s+/g, ' ')
    .trim();
  const { pdf } = await renderLetter(
    {
      recipient: { name, address: [customer.street, `${customer.postcode} ${customer.city}`] },
      subject: t('invoicePdf.subject', { number: invoice.invoice_number }),
      salutation: salutationOf(customer, locale),
      paragraphs: [
        t('invoicePdf.period', { from: formatDay(invoice.period_from, locale), to: formatDay(invoice.period_to, locale) }),
        t('invoicePdf.contract', {
          number: invoice.contract_number,
          commodity: t(`commodity.${invoice.commodity}`),
          tariff: invoice.tariff,
          supply: invoice.supply,
        }),
        t('invoicePdf.amounts', {
          consumption: formatQuantity(invoice.consumption, unit, locale),
          unit: unitLabel(unit, locale),
          net: euro(invoice.net_cents),
          vat: euro(invoice.vat_cents),
          gross: euro(invoice.gross_cents),
          paid: euro(invoice.instalments_paid_cents),
        }),
        balance > 0
          ? t('invoicePdf.due', { amount: euro(balance) })
          : balance < 0
            ? t('invoicePdf.credit', { amount: euro(-balance) })
            : t('invoicePdf.even'),
      ],
      closing: pt('letter.closing'),
      reference: invoice.invoice_number,
      references: [{ label: locale === 'de' ? 'Ihre Kundennummer' : 'Your customer number', value: customer.customer_number }],
      language: locale,
    },
    org,
    new Date(`${invoice.issued_on}T10:00:00Z`),
  );
  return pdf;
}
