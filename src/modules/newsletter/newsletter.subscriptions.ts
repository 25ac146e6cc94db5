import type { Kysely, Transaction } from 'kysely';
import { hashToken, randomToken } from '../../core/auth/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { ensureStatementVersion, type PrivacyTables } from '../../core/privacy/index.ts';
import { confirmUrl, preferencesUrl, withdrawalHash } from './newsletter.links.ts';
import { newsletterMessages } from './newsletter.messages.ts';
import type { NewsletterTables, WithdrawalChannel } from './newsletter.tables.ts';
import { stopCounting } from './newsletter.tracking.ts';

export const SUBSCRIPTION_ACTIVITY = 'newsletter.subscriptions';
export const MEASUREMENT_ACTIVITY = 'newsletter.measurement';

export type NewsletterDb = Kysely<NewsletterTables>;

// The register cannot change while a process runs: the statement's version is settled once.
const versions = new WeakMap<AppContext['db'], Promise<number>>();
function statementVersion(ctx: AppContext): Promise<number> {
  let version = versions.get(ctx.db);
  if (!version) {
    version = ensureStatementVersion(ctx.db.withTables<PrivacyTables>(), ctx.config, ctx.modules, ctx.clock.now()).then((v) => v.number);
    version.catch(() => versions.delete(ctx.db));
    versions.set(ctx.db, version);
  }
  return version;
}

export interface SubscribeRequest {
  email: string;
  salutation: string | null;
  name: string | null;
  topics: string[];
  measure: boolean;
  locale: Locale;
  /** Which form the request came through, e.g. `/newsletter`: part of the proof of consent. */
  form: string;
}

/**
 * Double opt-in, step one. Whatever the address's state, the person typing it sees the same
 * page; the mailbox's owner gets a confirmation link (new or pending) or, when already
 * subscribed, a link to their settings — nothing changes for a subscription typed by someone else.
 */
export async function requestSubscription(ctx: AppContext, request: SubscribeRequest): Promise<void> {
  const db = ctx.db.withTables<NewsletterTables>();
  const t = translator(newsletterMessages, request.locale);
  const org = ctx.config.organisation.shortName;
  const version = await statementVersion(ctx);
  await db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const token = randomToken();
    const consent = {
      salutation: request.salutation,
      name: request.name,
      topics: request.topics,
      measure: request.measure,
      locale: request.locale,
      confirm_token_hash: hashToken(token),
      requested_at: now,
      request_form: request.form,
      statement_version: version,
      requested_topics: request.topics,
    };
    // The unique address decides under races: one row, however many requests arrive at once.
    const inserted = await trx
      .insertInto('newsletter_subscribers')
      .values({
        email: request.email,
        status: 'pending',
        confirmed_at: null,
        new_email: null,
        new_email_token_hash: null,
        new_email_requested_at: null,
        ...consent,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    let sendConfirmation = Boolean(inserted);
    if (!inserted) {
      const existing = await trx
        .selectFrom('newsletter_subscribers')
        .select(['id', 'status', 'locale'])
        .where('email', '=', request.email)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (existing.status === 'pending') {
        // A new request replaces the unconfirmed one: the proof is of the request that gets confirmed.
        await trx.updateTable('newsletter_subscribers').set(consent).where('id', '=', existing.id).execute();
        sendConfirmation = true;
      } else {
        const link = preferencesUrl(ctx.config, existing.id, request.locale);
        await enqueueMail(trx, ctx, {
          to: request.email,
          subject: t('mail.already.subject'),
          text: t('mail.already.body', { org, link }),
          activity: SUBSCRIPTION_ACTIVITY,
          secrets: [link],
        });
      }
    }
    if (sendConfirmation) {
      const link = confirmUrl(ctx.config, token, request.locale);
      // No advertising and nothing the person typed: only the link and what it is for.
      await enqueueMail(trx, ctx, {
        to: request.email,
        subject: t('mail.confirm.subject'),
        text: t('mail.confirm.body', { org, link, days: ctx.config.NEWSLETTER_CONFIRM_DAYS }),
        activity: SUBSCRIPTION_ACTIVITY,
        secrets: [link],
      });
    }
  });
}

export type ConfirmOutcome = { kind: 'subscribed' | 'address'; id: string } | { kind: 'invalid' };

/** Step two: the link from the mail. Confirms a subscription or a new address; each token once. */
export async function confirm(ctx: AppContext, token: string): Promise<ConfirmOutcome> {
  const db = ctx.db.withTables<NewsletterTables>();
  const hash = hashToken(token);
  return db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
    const now = ctx.clock.now();
    const pending = await trx
      .updateTable('newsletter_subscribers')
      .set({ status: 'active', confirmed_at: now, confirm_token_hash: null })
      .where('confirm_token_hash', '=', hash)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (pending) return { kind: 'subscribed', id: pending.id };
    const moving = await trx
      .selectFrom('newsletter_subscribers')
      .select(['id', 'new_email'])
      .where('new_email_token_hash', '=', hash)
      .forUpdate()
      .executeTakeFirst();
    if (!moving?.new_email) return { kind: 'invalid' };
    const taken = await trx.selectFrom('newsletter_subscribers').select('id').where('email', '=', moving.new_email).executeTakeFirst();
    if (taken) {
      // The new address has its own subscription already: that one stays, this one goes.
      await trx.deleteFrom('newsletter_subscribers').where('id', '=', moving.id).execute();
      return { kind: 'address', id: taken.id };
    }
    await trx
      .updateTable('newsletter_subscribers')
      .set({ email: moving.new_email, new_email: null, new_email_token_hash: null, new_email_requested_at: null })
      .where('id', '=', moving.id)
      .execute();
    return { kind: 'address', id: moving.id };
  });
}

export interface Preferences {
  email: string;
  salutation: string | null;
  name: string | null;
  topics: string[];
  measure: boolean;
}

/** Changes from the signed preference page; a new address waits for its own confirmation. Returns whether one was asked for. */
export async function updatePreferences(ctx: AppContext, id: string, prefs: Preferences, locale: Locale): Promise<boolean> {
  const db = ctx.db.withTables<NewsletterTables>();
  const t = translator(newsletterMessages, locale);
  let objected = false;
  const asked = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('newsletter_subscribers')
      .select(['email', 'measure'])
      .where('id', '=', id)
      .where('status', '=', 'active')
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false;
    objected = row.measure && !prefs.measure;
    const changes = { salutation: prefs.salutation, name: prefs.name, topics: prefs.topics, measure: prefs.measure };
    if (prefs.email === row.email) {
      await trx
        .updateTable('newsletter_subscribers')
        .set({ ...changes, new_email: null, new_email_token_hash: null, new_email_requested_at: null })
        .where('id', '=', id)
        .execute();
      return false;
    }
    const token = randomToken();
    await trx
      .updateTable('newsletter_subscribers')
      .set({ ...changes, new_email: prefs.email, new_email_token_hash: hashToken(token), new_email_requested_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    const link = confirmUrl(ctx.config, token, locale);
    await enqueueMail(trx, ctx, {
      to: prefs.email,
      subject: t('mail.newAddress.subject'),
      text: t('mail.newAddress.body', { org: ctx.config.organisation.shortName, link }),
      activity: SUBSCRIPTION_ACTIVITY,
      secrets: [link],
    });
    return true;
  });
  if (objected) await stopCounting(ctx, id);
  return asked;
}

/**
 * C55: the address leaves the list at once — the subscriber row and every mail not yet sent to
 * it. What stays proves the withdrawal and nothing more: a keyed hash of the address, when, how.
 */
export async function withdraw(
  ctx: AppContext,
  trx: Transaction<NewsletterTables> | NewsletterDb,
  match: { id: string } | { email: string },
  channel: WithdrawalChannel,
): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('newsletter_subscribers')
    .where('id' in match ? 'id' : 'email', '=', 'id' in match ? match.id : match.email.toLowerCase())
    .returning(['email'])
    .executeTakeFirst();
  if (!deleted) return false;
  await trx
    .insertInto('newsletter_withdrawals')
    .values({ email_hash: withdrawalHash(ctx.config, deleted.email), withdrawn_at: ctx.clock.now(), channel })
    .execute();
  return true;
}

export async function unsubscribe(ctx: AppContext, id: string, channel: WithdrawalChannel): Promise<boolean> {
  return ctx.db
    .withTables<NewsletterTables>()
    .transaction()
    .execute((trx) => withdraw(ctx, trx, { id }, channel));
}
