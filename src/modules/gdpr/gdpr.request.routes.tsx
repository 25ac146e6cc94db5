import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isSpam, singleLine, validateForm } from '../../core/forms/index.ts';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { DSR_KINDS, type PrivacyTables, statementPaths } from '../../core/privacy/index.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { dsrMessages } from './gdpr.request.messages.ts';
import { confirmRequest, createRequest, requestByToken } from './gdpr.request.queries.ts';
import { CodePage, codeLabels, dsrLabels, MessagePage, RequestFormPage } from './gdpr.request.views.tsx';
import { redeemLetterCode, sendLetterCode } from './gdpr.verification.ts';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const requestSchema = z
  .object({
    kind: z.enum(DSR_KINDS),
    name: singleLine(1, 200),
    email: z.email().max(254),
    phone: optional(40).refine((v) => v === null || /^[+\d][\d\s/()-]{4,}$/.test(v), 'invalid phone'),
    customerNumber: optional(30),
    message: optional(5000),
  })
  // A correction needs to know what is wrong (Art. 16 GDPR): the person says it in the message.
  .refine((v) => v.kind !== 'rectification' || v.message !== null, { path: ['message'], message: 'rectification-needs-message' });

const codeSchema = z.object({
  reference: z.string().trim().min(1).max(40),
  code: z.string().trim().min(1).max(40),
});

export function registerDsrPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  const confirmPath = { de: '/datenschutz/anfrage/bestaetigen', en: '/en/privacy/request/confirm' } as const;

  for (const locale of ['de', 'en'] as Locale[]) {
    const path = statementPaths[locale].request;
    const otherPath = statementPaths[locale === 'de' ? 'en' : 'de'].request;
    const view = (p: string) => createViewContext(app.siteFrame, p, { [locale]: p, [locale === 'de' ? 'en' : 'de']: otherPath }, locale);
    const t = translator(dsrMessages, locale);

    // The statement links each right to the form with that right chosen (`?kind=rectification`).
    app.get(path, async (request, reply) => {
      const kind = (request.query as Record<string, unknown> | undefined)?.kind;
      const values = typeof kind === 'string' && (DSR_KINDS as readonly string[]).includes(kind) ? { kind } : undefined;
      return sendPage(reply, <RequestFormPage view={view(path)} action={path} values={values} />);
    });

    app.post(
      path,
      { config: { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const v = view(path);
        const form = validateForm(requestSchema, request.body, {
          locale,
          labels: dsrLabels(locale),
          messages: { 'rectification-needs-message': dsrMessages['form.messageNeeded'] },
        });
        if (!form.ok) return sendPage(reply, <RequestFormPage view={v} action={path} values={form.values} errors={form.errors} />, 400);
        // A bot gets the same answer as a person, and nothing is stored or sent.
        if (isSpam(request.body))
          return sendPage(reply, <MessagePage view={v} title={t('sent.title')} text={t('sent.text', { reference: '–' })} />);
        const now = ctx.clock.now();
        const created = await db.transaction().execute(async (trx) => {
          const r = await createRequest(trx, { ...form.data, locale }, now);
          const link = `${ctx.config.PUBLIC_URL}${confirmPath[locale]}/${r.token}`;
          await enqueueMail(trx, ctx, {
            to: form.data.email,
            subject: t('mail.subject', { reference: r.reference }),
            // The address is not confirmed yet: nothing the sender typed goes into this mail.
            text: t('mail.body', { reference: r.reference, link, org: ctx.config.organisation.shortName }),
            activity: 'privacy.subject-requests',
            reference: r.reference,
            secrets: [link],
          });
          return r;
        });
        return sendPage(reply, <MessagePage view={v} title={t('sent.title')} text={t('sent.text', { reference: created.reference })} />);
      },
    );

    // The link in the mail shows a button; only the POST confirms, so mail scanners that follow
    // links cannot confirm on the person's behalf.
    app.get(`${confirmPath[locale]}/:token`, { config: { secretInPath: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const p = `${confirmPath[locale]}/${token}`;
      const row = await requestByToken(db, token);
      if (row?.status !== 'unconfirmed')
        return sendPage(reply, <MessagePage view={view(p)} title={t('confirm.title')} text={t('confirm.invalid')} />, 404);
      return sendPage(
        reply,
        <MessagePage view={view(p)} title={t('confirm.title')} text={t('confirm.text', { reference: row.reference })}>
          <form method="post" action={p}>
            <button type="submit" class="button">
              {t('confirm.button')}
            </button>
          </form>
        </MessagePage>,
      );
    });

    app.post(`${confirmPath[locale]}/:token`, { config: { secretInPath: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const p = `${confirmPath[locale]}/${token}`;
      const row = await confirmRequest(db, token, ctx.clock.now(), (trx, r) => sendLetterCode(trx, ctx, r));
      if (!row?.deadline_at)
        return sendPage(reply, <MessagePage view={view(p)} title={t('confirm.title')} text={t('confirm.invalid')} />, 404);
      const deadline = formatDateTime(row.deadline_at, locale).split(',')[0] as string;
      return sendPage(
        reply,
        <MessagePage view={view(p)} title={t('confirm.title')} text={t('confirm.done', { reference: row.reference, deadline })}>
          {row.customer_number ? (
            <p>
              {t('confirm.letter')} <a href={`${path}/code`}>{t('code.title')}</a>
            </p>
          ) : null}
        </MessagePage>,
      );
    });

    // The code from the letter to the address on file proves the customer number of a request.
    const codePath = `${path}/code`;
    const codeView = () =>
      createViewContext(app.siteFrame, codePath, { [locale]: codePath, [locale === 'de' ? 'en' : 'de']: `${otherPath}/code` }, locale);
    app.get(codePath, async (_request, reply) => sendPage(reply, <CodePage view={codeView()} action={codePath} />));
    app.post(
      codePath,
      { config: { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const v = codeView();
        const form = validateForm(codeSchema, request.body, { locale, labels: codeLabels(locale) });
        if (!form.ok) return sendPage(reply, <CodePage view={v} action={codePath} values={form.values} errors={form.errors} />, 400);
        const result = await redeemLetterCode(db, form.data.reference, form.data.code, ctx.clock.now());
        if (result !== 'verified')
          return sendPage(
            reply,
            <CodePage view={v} action={codePath} values={{ reference: form.data.reference }} errors={{ code: t('code.invalid') }} />,
            400,
          );
        return sendPage(reply, <MessagePage view={v} title={t('code.title')} text={t('code.done')} />);
      },
    );
  }
}
