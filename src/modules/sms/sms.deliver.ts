import type { AppContext } from '../../core/module.ts';
import { ProviderError, type SmsProvider, smsAvailable, smsProvider } from './sms.provider.ts';
import { claimDueSms, markSmsAttemptFailed, markSmsSent } from './sms.queries.ts';
import type { SmsTables } from './sms.tables.ts';

const BATCH = 10;
/** Reserved for one worker; far longer than an attempt can take with the adapter's timeout. */
const LEASE_MS = 5 * 60_000;

/** Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function smsRetryDelayMs(attemptsMade: number): number {
  return Math.min(2 ** Math.max(0, attemptsMade - 1), 60) * 60_000;
}

export interface SmsDeliveryReport {
  sent: number;
  deferred: number;
  failed: number;
}

/**
 * Hands due messages of the outbox to the provider (C63), a batch at a time; a failed attempt is
 * retried with back-off until SMS_MAX_ATTEMPTS, and a message given up returns its place in the
 * customer's daily allowance. Safe to run in several workers at once.
 */
export async function deliverDueSms(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock' | 'log'>,
  options: { onlyId?: string; provider?: SmsProvider } = {},
): Promise<SmsDeliveryReport> {
  const report: SmsDeliveryReport = { sent: 0, deferred: 0, failed: 0 };
  if (!smsAvailable(ctx.config)) return report;
  const db = ctx.db.withTables<SmsTables>();
  const provider = options.provider ?? smsProvider(ctx.config, ctx.log);
  for (;;) {
    const now = ctx.clock.now();
    const batch = await claimDueSms(db, now, BATCH, new Date(now.getTime() + LEASE_MS), options.onlyId);
    for (const sms of batch) {
      try {
        await provider.send({ to: sms.recipient, text: sms.body });
      } catch (err) {
        const at = ctx.clock.now();
        const permanent = err instanceof ProviderError && err.permanent;
        const giveUp = permanent || sms.attempts >= ctx.config.SMS_MAX_ATTEMPTS;
        await markSmsAttemptFailed(db, sms.id, {
          error: (err as Error).message,
          giveUp,
          nextAttemptAt: new Date(at.getTime() + smsRetryDelayMs(sms.attempts)),
          now: at,
        });
        if (giveUp) report.failed++;
        else report.deferred++;
        // Neither number nor text goes to the process log.
        ctx.log.warn({ sms: sms.id, attempts: sms.attempts, giveUp }, 'sms not delivered');
        continue;
      }
      await markSmsSent(db, sms.id, ctx.clock.now());
      report.sent++;
    }
    if (options.onlyId || batch.length < BATCH) return report;
  }
}
