import { retryDelayMs } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { withdraw } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';

/** What a mail server reported about one newsletter mail or address. */
export interface BounceReport {
  type: 'hard' | 'soft' | 'complaint';
  email?: string | undefined;
  messageId?: string | undefined;
}

export type BounceOutcome = 'removed' | 'unknown' | 'retry' | 'ignored';

/**
 * Hard bounces and complaints take the address off the list (the withdrawal records the
 * channel); a soft bounce sends that one mail again later, up to MAIL_MAX_ATTEMPTS. The bounce
 * endpoint and the DSN mailbox reader both end here.
 */
export async function applyBounce(ctx: AppContext, b: BounceReport): Promise<BounceOutcome> {
  const db = ctx.db.withTables<NewsletterTables>();
  const send = b.messageId
    ? await db
        .selectFrom('newsletter_sends')
        .select(['id', 'campaign_id', 'subscriber_id', 'attempts'])
        .where('message_id', '=', b.messageId)
        .executeTakeFirst()
    : undefined;
  if (b.type === 'soft') {
    if (!send || send.attempts >= ctx.config.MAIL_MAX_ATTEMPTS) return 'ignored';
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('newsletter_sends')
        .set({ status: 'pending', done_at: null, next_attempt_at: new Date(ctx.clock.now().getTime() + retryDelayMs(send.attempts)) })
        .where('id', '=', send.id)
        .where('status', '=', 'sent')
        .execute();
      await trx
        .updateTable('newsletter_campaigns')
        .set({ status: 'sending', finished_at: null })
        .where('id', '=', send.campaign_id)
        .where('status', '=', 'sent')
        .execute();
    });
    return 'retry';
  }
  const channel = b.type === 'hard' ? 'hard-bounce' : 'complaint';
  const match = send?.subscriber_id ? { id: send.subscriber_id } : b.email ? { email: b.email } : null;
  const removed = match ? await db.transaction().execute((trx) => withdraw(ctx, trx, match, channel)) : false;
  return removed ? 'removed' : 'unknown';
}
