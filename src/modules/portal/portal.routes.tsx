import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUuid } from '../../core/auth/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { LOCALES } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { berlinToday } from './portal.format.ts';
import type { PortalCustomer } from './portal.guard.ts';
import { renderInvoicePdf } from './portal.invoice-pdf.ts';
import { logOfAccount, recordPortalAction } from './portal.log.ts';
import { contractViews, overviewOf } from './portal.overview.ts';
import { alternatesOf, PORTAL_PATHS } from './portal.paths.ts';
import { contractOf, customerOf, invoiceOf, invoicesOf, metersOf, readingsOf, upcomingInstalments } from './portal.queries.ts';
import type { PortalTables } from './portal.tables.ts';
import { ContractPage, InvoicesPage, LogPage, latestYear, OverviewPage, unitOf } from './portal.views.tsx';

/** How long customer service's answers stay on the overview (the mail keeps them longer). */
const ANSWERS_SHOWN_DAYS = 60;

const SIGNED_IN = { customer: 'signed-in' } as const;

/** Overview, contract details, invoices (PDF on demand) and the log: every query by the session's customer (C33, C34). */
export function registerPortalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  const me = (request: FastifyRequest): PortalCustomer => {
    if (!request.customer) throw new HttpError(403);
    return request.customer;
  };

  for (const locale of LOCALES) {
    app.get(PORTAL_PATHS.overview[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const now = ctx.clock.now();
      const today = berlinToday(now);
      const { contracts, tasks, answers } = await overviewOf(
        db,
        customer.customerId,
        today,
        new Date(now.getTime() - ANSWERS_SHOWN_DAYS * 86_400_000),
      );
      return sendPage(
        reply,
        <OverviewPage
          view={viewContextFor(request, alternatesOf('overview'))}
          customer={customer}
          contracts={contracts}
          tasks={tasks}
          answers={answers}
          year={Number(today.slice(0, 4))}
        />,
      );
    });

    app.get(PORTAL_PATHS.contract[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new HttpError(404);
      const today = berlinToday(ctx.clock.now());
      const [c] = await contractViews(db, customer.customerId, today, id);
      if (!c) throw new HttpError(404);
      const years = [...new Set(c.months.map((m) => Number(m.month.slice(0, 4))))].sort((a, b) => b - a);
      const asked = Number((request.query as Record<string, unknown>).jahr);
      const year = years.includes(asked) ? asked : latestYear(c.months, Number(today.slice(0, 4)));
      const [readings, invoices, instalments] = await Promise.all([
        readingsOf(db, customer.customerId, id),
        invoicesOf(db, customer.customerId, id),
        upcomingInstalments(db, customer.customerId, today, id),
      ]);
      return sendPage(
        reply,
        <ContractPage
          view={viewContextFor(request, alternatesOf('contract', id))}
          customer={customer}
          c={c}
          year={year}
          years={years}
          readings={readings.reverse().slice(0, 24)}
          instalments={instalments}
          invoices={invoices}
        />,
      );
    });

    app.get(PORTAL_PATHS.invoices[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const invoices = await invoicesOf(db, customer.customerId);
      return sendPage(
        reply,
        <InvoicesPage view={viewContextFor(request, alternatesOf('invoices'))} customer={customer} invoices={invoices} />,
      );
    });

    app.get(PORTAL_PATHS.invoice[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const { id } = request.params as { id: string };
      const invoice = isUuid(id) ? await invoiceOf(db, customer.customerId, id) : undefined;
      if (!invoice) throw new HttpError(404);
      const contract = await contractOf(db, customer.customerId, invoice.contract_id);
      if (!contract) throw new HttpError(404);
      const meters = await metersOf(db, customer.customerId, contract.id);
      const pdf = await renderInvoicePdf(
        { ...invoice, tariff: contract.tariff, supply: `${contract.supply_street}, ${contract.supply_postcode} ${contract.supply_city}` },
        await customerOf(db, customer.customerId),
        unitOf(contract.commodity, meters),
        ctx.config.organisation,
        locale,
      );
      await recordPortalAction(db, {
        accountId: customer.accountId,
        action: 'invoice-downloaded',
        detail: invoice.invoice_number,
        ip: request.ip,
        at: ctx.clock.now(),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${invoice.invoice_number.replace(/[^\w.-]/g, '_')}.pdf"`)
        .send(Buffer.from(pdf));
    });

    app.get(PORTAL_PATHS.log[locale], { config: SIGNED_IN }, async (request, reply) => {
      const customer = me(request);
      const entries = await logOfAccount(db, customer.accountId);
      return sendPage(reply, <LogPage view={viewContextFor(request, alternatesOf('log'))} customer={customer} entries={entries} />);
    });
  }
}
