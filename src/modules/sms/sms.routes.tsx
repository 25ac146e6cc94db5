import type { FastifyInstance } from 'fastify';
import { HttpError, validateForm } from '../../core/http/index.ts';
import { LOCALES, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { sendPage, viewContextFor } from '../../core/views/index.ts';
import { recordPortalAction } from '../portal/index.ts';
import { deliverDueSms } from './sms.deliver.ts';
import { smsMessages } from './sms.messages.ts';
import { smsAvailable } from './sms.provider.ts';
import { queueSms, usedToday } from './sms.queries.ts';
import { recipientE164, smsSchemaFor } from './sms.schema.ts';
import type { SmsTables } from './sms.tables.ts';
import { SMS_PATH, SmsPage, smsLabels } from './sms.views.tsx';

/**
 * The free SMS page inside the customer portal (C62): only for a signed-in customer (the portal's
 * guard, `config.customer`), at most SMS_DAILY_LIMIT a day however many requests arrive at once.
 */
export function registerSmsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<SmsTables>();
  const limit = ctx.config.SMS_DAILY_LIMIT;
  const available = smsAvailable(ctx.config);
  const alternates = { de: SMS_PATH.de, en: SMS_PATH.en };

  for (const locale of LOCALES) {
    const t = translator(smsMessages, locale);
    app.get(SMS_PATH[locale], { config: { customer: 'signed-in' } }, async (request, reply) => {
      const customer = request.customer;
      if (!customer) throw new HttpError(403);
      const used = await usedToday(db, customer.customerId, ctx.clock.now());
      return sendPage(
        reply,
        <SmsPage view={viewContextFor(request, alternates)} customer={customer} limit={limit} used={used} available={available} />,
      );
    });

    app.post(SMS_PATH[locale], { config: { customer: 'signed-in' } }, async (request, reply) => {
      const customer = request.customer;
      if (!customer) throw new HttpError(403);
      const view = viewContextFor(request, alternates);
      const now = ctx.clock.now();
      if (!available) return sendPage(reply, <SmsPage view={view} customer={customer} limit={limit} used={0} available={false} />, 503);
      const form = validateForm(smsSchemaFor(ctx.config.SMS_COUNTRIES), request.body, {
        locale,
        labels: smsLabels(view),
        messages: smsMessages,
      });
      if (!form.ok) {
        const used = await usedToday(db, customer.customerId, now);
        return sendPage(
          reply,
          <SmsPage view={view} customer={customer} limit={limit} used={used} available values={form.values} errors={form.errors} />,
          400,
        );
      }
      const recipient = recipientE164(form.data.recipient, ctx.config.SMS_COUNTRIES) as string;
      const text = form.data.text.replace(/\r\n/g, '\n');
      const outcome = await queueSms(db, {
        customerId: customer.customerId,
        customerNumber: customer.customerNumber,
        ip: request.ip,
        recipient,
        text,
        now,
        limit,
      });
      if (!outcome.queued) {
        return sendPage(
          reply,
          <SmsPage view={view} customer={customer} limit={limit} used={limit} available notice={t('limit', { limit })} />,
          429,
        );
      }
      await recordPortalAction(ctx.db, { accountId: customer.accountId, action: 'sms-sent', ip: request.ip, at: now });
      // Sent right away; if the provider fails, the outbox job tries again.
      const report = await deliverDueSms(ctx, { onlyId: outcome.id });
      const used = await usedToday(db, customer.customerId, ctx.clock.now());
      const left = Math.max(0, limit - used);
      const notice = report.sent ? t('sent', { recipient, left, limit }) : t('queued', { recipient, left, limit });
      return sendPage(reply, <SmsPage view={view} customer={customer} limit={limit} used={used} available notice={notice} />);
    });
  }
}
