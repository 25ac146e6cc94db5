import type { FastifyInstance } from 'fastify';
import { isSpam, validateForm } from '../../core/http/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { townKey } from './solar.address.ts';
import { solarMessages } from './solar.messages.ts';
import { buildingsAtAddress } from './solar.queries.ts';
import { receiptMail } from './solar.report.mail.ts';
import { requestMessages } from './solar.request.messages.ts';
import { REQUEST_PATHS, RequestPage, RequestReceivedPage, requestLabels } from './solar.request.views.tsx';
import { insertReportRequest, type RequestsDb } from './solar.requests.queries.ts';
import { reportRequestSchema } from './solar.schema.ts';
import type { SolarTables } from './solar.tables.ts';

const LOCALES: readonly Locale[] = ['de', 'en'];
const messages = { ...solarMessages, ...requestMessages };

/**
 * The public request for the detailed report (C25): cookie-free, works without JavaScript,
 * honeypot and rate limit against bots, field messages with 400 and nothing stored on error.
 * The building must be in the cadastre (blacked out or not: its owner may still ask).
 */
export function registerRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const solarDb = ctx.db.withTables<SolarTables>();
  const db = ctx.db.withTables<RequestsDb>();
  for (const locale of LOCALES) {
    const path = REQUEST_PATHS.form[locale];
    app.get(path, (request, reply) => sendPage(reply, <RequestPage view={viewContextFor(request, REQUEST_PATHS.form)} />));
    app.post(
      path,
      { config: { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const view = viewContextFor(request, REQUEST_PATHS.form);
        const form = validateForm(reportRequestSchema, request.body, { locale, labels: requestLabels(locale), messages });
        if (!form.ok) return sendPage(reply, <RequestPage view={view} values={form.values} errors={form.errors} />, 400);
        // A bot gets the answer a person gets, and nothing is stored or sent.
        if (isSpam(request.body)) return sendPage(reply, <RequestReceivedPage view={view} reference="–" />);
        const input = form.data;
        const matches = await buildingsAtAddress(solarDb, input);
        const towns = new Set(matches.map((m) => townKey(m.town ?? '')));
        const problem =
          matches.length === 0 ? { street: 'request.error.notFound' } : towns.size > 1 ? { postcode: 'request.error.ambiguous' } : null;
        if (problem) {
          const errors = Object.fromEntries(
            Object.entries(problem).map(([field, key]) => [field, requestMessages[key as keyof typeof requestMessages][locale]]),
          );
          return sendPage(reply, <RequestPage view={view} values={form.values} errors={errors} />, 400);
        }
        const now = ctx.clock.now();
        const { reference } = await db.transaction().execute(async (trx) => {
          const created = await insertReportRequest(
            trx,
            {
              locale,
              role: input.role,
              delivery: input.delivery,
              name: input.name,
              email: input.email,
              postalStreet: input.postalStreet,
              postalPostcode: input.postalPostcode,
              postalTown: input.postalTown,
              postalCountry: input.postalCountry ?? null,
              buildingStreet: input.street,
              buildingNumber: input.number,
              buildingPostcode: input.postcode ?? null,
              buildingTown: input.town ?? null,
            },
            now,
          );
          await enqueueMail(trx, ctx, receiptMail(input.email, created.reference, locale, ctx.config.organisation));
          return created;
        });
        return sendPage(reply, <RequestReceivedPage view={view} reference={reference} />);
      },
    );
  }
}
