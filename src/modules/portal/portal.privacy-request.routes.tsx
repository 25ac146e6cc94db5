import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { HttpError, validateForm } from '../../core/http/index.ts';
import { formatDateTime, LOCALES, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { createSignedInRequest } from '../gdpr/index.ts';
import { accountMessages } from './portal.account.messages.ts';
import { alternatesOf, PORTAL_PATHS } from './portal.paths.ts';
import { DSR_KINDS, PrivacyRequestPage, privacyRequestLabels } from './portal.privacy-request.views.tsx';
import type { PortalTables } from './portal.tables.ts';
import { validation } from './portal.validation.ts';

const SIGNED_IN = { customer: 'signed-in' } as const;

const schema = z
  .object({
    kind: z.enum(DSR_KINDS),
    message: z
      .string()
      .trim()
      .max(5000)
      .optional()
      .transform((v) => v || null),
  })
  // A correction needs to know what is wrong (Art. 16 GDPR).
  .refine((v) => v.kind !== 'rectification' || v.message !== null, { path: ['message'], message: 'dsr.messageNeeded' });

/**
 * A data-subject request started in the portal: the signed-in session proves the customer
 * number, so the request is open at once. The account's address counts as proven only where it
 * is the one the contract holds; otherwise staff see it unverified and leave it out.
 */
export function registerPrivacyRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PortalTables>();
  for (const locale of LOCALES) {
    const path = PORTAL_PATHS.privacyRequest[locale];
    const t = translator(accountMessages, locale);
    app.get(path, { config: SIGNED_IN }, async (request, reply) => {
      if (!request.customer) throw new HttpError(403);
      return sendPage(
        reply,
        <PrivacyRequestPage view={viewContextFor(request, alternatesOf('privacyRequest'))} customer={request.customer} />,
      );
    });
    app.post(path, { config: SIGNED_IN }, async (request, reply) => {
      const c = request.customer;
      if (!c) throw new HttpError(403);
      const view = viewContextFor(request, alternatesOf('privacyRequest'));
      const form = validateForm(schema, request.body, validation(locale, privacyRequestLabels(locale)));
      if (!form.ok) return sendPage(reply, <PrivacyRequestPage view={view} customer={c} values={form.values} errors={form.errors} />, 400);
      const billing = await db
        .selectFrom('portal_customers')
        .select('email')
        .where('id', '=', c.customerId)
        .where(sql<string>`lower(email)`, '=', c.email.toLowerCase())
        .executeTakeFirst();
      const created = await createSignedInRequest(
        ctx.db.withTables<PrivacyTables>(),
        {
          kind: form.data.kind,
          name: c.name,
          email: c.email,
          phone: null,
          customerNumber: c.customerNumber,
          message: form.data.message,
          locale,
        },
        billing ? ['customer-number', 'email'] : ['customer-number'],
        ctx.clock.now(),
      );
      const deadline = formatDateTime(created.deadline, locale).split(',')[0] as string;
      return sendPage(
        reply,
        <PrivacyRequestPage view={view} customer={c} done={t('dsr.done', { reference: created.reference, deadline })} />,
      );
    });
  }
}
