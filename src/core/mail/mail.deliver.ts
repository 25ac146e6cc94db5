import type { Kysely } from 'kysely';
import type { AppContext } from '../module.ts';
import { attachmentsOf, claimDueMail, markAttemptFailed, markSent } from './mail.queries.ts';
import { isPermanentFailure, retryDelayMs } from './mail.retry.ts';
import { senderAddress } from './mail.sender.ts';
import type { MailTables } from './mail.tables.ts';
import { createMailTransport, type MailTransport } from './mail.transport.ts';

/** Messages one claim takes: small, so a slow server never holds many messages at once. */
export const DELIVERY_BATCH_SIZE = 10;
/**
 * How long a claimed message is reserved for its worker. Far longer than a batch can take with
 * the transport's timeouts; only a worker that died mid-batch lets it run out.
 */
export const DELIVERY_LEASE_MS = 15 * 60_000;

export interface DeliveryReport {
  sent: number;
  /** Failed this time, tried again later. */
  deferred: number;
  /** Given up: rejected for good, or out of attempts. */
  failed: number;
}

export type DeliveryContext = Pick<AppContext, 'db' | 'config' | 'clock' | 'log'>;

/**
 * Sends every due message of the outbox, a small batch at a time, and marks each one sent as
 * soon as the server has accepted it. A failed attempt is retried with exponential back-off
 * until MAIL_MAX_ATTEMPTS. Safe to run in several workers at once.
 */
export async function deliverDueMail(
  ctx: DeliveryContext,
  options: { transport?: MailTransport; batchSize?: number } = {},
): Promise<DeliveryReport> {
  const db = ctx.db as unknown as Kysely<MailTables>;
  const batchSize = options.batchSize ?? DELIVERY_BATCH_SIZE;
  const report: DeliveryReport = { sent: 0, deferred: 0, failed: 0 };
  // Nothing connects before the first message, so an idle run costs nothing.
  const transport = options.transport ?? createMailTransport(ctx.config, ctx.log);
  try {
    for (;;) {
      const claimedAt = ctx.clock.now();
      const batch = await claimDueMail(db, claimedAt, batchSize, new Date(claimedAt.getTime() + DELIVERY_LEASE_MS));
      const attachments = await attachmentsOf(
        db,
        batch.map((m) => m.id),
      );
      for (const mail of batch) {
        try {
          await transport.send({
            from: { name: ctx.config.organisation.name, address: senderAddress(ctx.config) },
            to: mail.recipient,
            subject: mail.subject,
            text: mail.text_body,
            html: mail.html_body ?? undefined,
            headers: mail.headers,
            attachments: attachments.get(mail.id) ?? [],
            messageId: mail.message_id,
            date: ctx.clock.now(),
          });
        } catch (err) {
          const now = ctx.clock.now();
          const giveUp = isPermanentFailure(err) || mail.attempts >= ctx.config.MAIL_MAX_ATTEMPTS;
          await markAttemptFailed(db, mail.id, {
            error: (err as Error).message ?? String(err),
            giveUp,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)),
          });
          if (giveUp) report.failed++;
          else report.deferred++;
          // The server's text often quotes the address: it stays in the row, not in the process log.
          const { code, responseCode } = err as { code?: string; responseCode?: number };
          ctx.log.warn({ mail: mail.id, attempts: mail.attempts, giveUp, code, responseCode }, 'mail not delivered');
          continue;
        }
        // Accepted: record it before anything else can fail, so a retry never sends it again.
        await markSent(db, mail.id, ctx.clock.now());
        report.sent++;
      }
      if (batch.length < batchSize) return report;
    }
  } finally {
    if (!options.transport) transport.close();
  }
}
