import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../core/auth/index.ts';
import { isSpam, validateForm } from '../../core/http/index.ts';
import { LOCALES, type Locale, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { createViewContext, sendPage } from '../../core/views/index.ts';
import { PATHS, validSubscriberSignature } from './newsletter.links.ts';
import { newsletterMessages } from './newsletter.messages.ts';
import { subscribeSchema } from './newsletter.schema.ts';
import { confirm, type NewsletterDb, requestSubscription, unsubscribe, updatePreferences } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { ButtonPage, labelsOf, MessagePage, PreferencesPage, SubscribePage } from './newsletter.views.tsx';

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function topicOptions(db: NewsletterDb, locale: Locale) {
  const rows = await db.selectFrom('newsletter_topics').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ value: r.id, label: locale === 'de' ? r.name_de : r.name_en }));
}

/**
 * The public side: subscribe (double opt-in), confirm, the signed preference page and the
 * one-click unsubscribe (RFC 8058). Cookie-free and without JavaScript like every public form.
 */
export function registerNewsletterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<NewsletterTables>();
  const rateLimit = { rateLimit: { max: ctx.config.FORM_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  for (const locale of LOCALES) {
    const t = translator(newsletterMessages, locale);
    const view = (path: string, base: keyof typeof PATHS, tail = '') =>
      createViewContext(app.siteFrame, path, { [locale]: path, [other(locale)]: `${PATHS[base][other(locale)]}${tail}` }, locale);
    const invalid = (reply: FastifyReply, path: string) =>
      sendPage(reply, <MessagePage view={view(path, 'subscribe')} title={t('invalid.title')} lines={[t('invalid.text')]} />, 404);
    const validation = {
      locale,
      labels: labelsOf(locale),
      messages: { 'topics.invalid': { de: 'Bitte wählen Sie nur angebotene Themen.', en: 'Please choose only offered topics.' } },
    };

    const subscribePath = PATHS.subscribe[locale];
    app.get(subscribePath, async (_request, reply) =>
      sendPage(reply, <SubscribePage view={view(subscribePath, 'subscribe')} topics={await topicOptions(db, locale)} />),
    );
    app.post(subscribePath, { config: rateLimit }, async (request, reply) => {
      const topics = await topicOptions(db, locale);
      const form = validateForm(subscribeSchema(topics.map((x) => x.value)), request.body, validation);
      if (!form.ok)
        return sendPage(
          reply,
          <SubscribePage view={view(subscribePath, 'subscribe')} topics={topics} values={form.values} errors={form.errors} />,
          400,
        );
      const done = <MessagePage view={view(subscribePath, 'subscribe')} title={t('check.title')} lines={[t('check.text')]} />;
      if (isSpam(request.body)) return sendPage(reply, done);
      const d = form.data;
      await requestSubscription(ctx, {
        email: d.email,
        salutation: d.salutation,
        name: d.name,
        topics: d.topics,
        measure: d.noMeasure !== 'yes',
        locale,
        form: subscribePath,
      });
      // The same answer for a new, a pending and an active address (C51: nothing is revealed).
      return sendPage(reply, done);
    });

    // A GET only shows a button: mail scanners that open links must not confirm anything.
    const confirmPath = `${PATHS.confirm[locale]}/:token`;
    app.get(confirmPath, async (request, reply) => {
      const { token } = request.params as { token: string };
      const path = `${PATHS.confirm[locale]}/${token}`;
      if (!TOKEN.test(token)) return invalid(reply, path);
      return sendPage(
        reply,
        <ButtonPage
          view={view(path, 'confirm', `/${token}`)}
          title={t('confirm.title')}
          text={t('confirm.text')}
          button={t('confirm.button')}
          name="confirm"
          value="yes"
        />,
      );
    });
    app.post(confirmPath, { config: rateLimit }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const path = `${PATHS.confirm[locale]}/${token}`;
      const outcome = TOKEN.test(token) ? await confirm(ctx, token) : { kind: 'invalid' as const };
      if (outcome.kind === 'invalid') return invalid(reply, path);
      const lines = outcome.kind === 'subscribed' ? [t('confirmed.text')] : [t('confirmed.address')];
      return sendPage(reply, <MessagePage view={view(path, 'confirm', `/${token}`)} title={t('confirmed.title')} lines={lines} />);
    });

    /** The subscriber a signed link names, or null: the signature is the proof, nothing typed is. */
    const signed = async (request: FastifyRequest) => {
      const { id, sig } = request.params as { id: string; sig: string };
      if (!isUuid(id) || typeof sig !== 'string' || !validSubscriberSignature(ctx.config, id, sig)) return null;
      return (
        (await db
          .selectFrom('newsletter_subscribers')
          .selectAll()
          .where('id', '=', id)
          .where('status', '=', 'active')
          .executeTakeFirst()) ?? null
      );
    };
    const linkTail = (request: FastifyRequest) => {
      const { id, sig } = request.params as { id: string; sig: string };
      return `/${id}/${sig}`;
    };

    const prefsPath = `${PATHS.preferences[locale]}/:id/:sig`;
    const prefsPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: { values?: Record<string, string | string[]>; errors?: Record<string, string>; notice?: string },
      status = 200,
    ) => {
      const sub = await signed(request);
      const path = `${PATHS.preferences[locale]}${linkTail(request)}`;
      if (!sub) return invalid(reply, path);
      const values = extra.values ?? {
        email: sub.email,
        salutation: sub.salutation ?? 'none',
        name: sub.name ?? '',
        topics: sub.topics,
        ...(sub.measure ? {} : { noMeasure: 'yes' }),
      };
      return sendPage(
        reply,
        <PreferencesPage
          view={view(path, 'preferences', linkTail(request))}
          topics={await topicOptions(db, locale)}
          values={values}
          errors={extra.errors}
          notice={extra.notice}
          pendingEmail={sub.new_email}
          unsubscribePath={`${PATHS.unsubscribe[locale]}${linkTail(request)}`}
        />,
        status,
      );
    };
    app.get(prefsPath, async (request, reply) => prefsPage(request, reply, {}));
    app.post(prefsPath, { config: rateLimit }, async (request, reply) => {
      const sub = await signed(request);
      if (!sub) return invalid(reply, `${PATHS.preferences[locale]}${linkTail(request)}`);
      const topics = await topicOptions(db, locale);
      const form = validateForm(subscribeSchema(topics.map((x) => x.value)), request.body, validation);
      if (!form.ok) return prefsPage(request, reply, { values: form.values, errors: form.errors }, 400);
      const d = form.data;
      const asked = await updatePreferences(
        ctx,
        sub.id,
        { email: d.email, salutation: d.salutation, name: d.name, topics: d.topics, measure: d.noMeasure !== 'yes' },
        locale,
      );
      return prefsPage(request, reply, { notice: t(asked ? 'prefs.savedNewAddress' : 'prefs.saved') });
    });

    const unsubPath = `${PATHS.unsubscribe[locale]}/:id/:sig`;
    app.get(unsubPath, async (request, reply) => {
      const path = `${PATHS.unsubscribe[locale]}${linkTail(request)}`;
      if (!(await signed(request))) return invalid(reply, path);
      return sendPage(
        reply,
        <ButtonPage
          view={view(path, 'unsubscribe', linkTail(request))}
          title={t('unsub.title')}
          text={t('unsub.text')}
          button={t('unsub.button')}
          name="List-Unsubscribe"
          value="One-Click"
        />,
      );
    });
    // RFC 8058: a mail program posts `List-Unsubscribe=One-Click` here; so does the button. No further step.
    app.post(unsubPath, async (request, reply) => {
      const path = `${PATHS.unsubscribe[locale]}${linkTail(request)}`;
      const sub = await signed(request);
      if (!sub) return invalid(reply, path);
      await unsubscribe(ctx, sub.id, 'one-click');
      return sendPage(
        reply,
        <MessagePage view={view(path, 'unsubscribe', linkTail(request))} title={t('unsub.done.title')} lines={[t('unsub.done.text')]} />,
      );
    });
  }
}
