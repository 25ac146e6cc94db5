import { type Kysely, sql } from 'kysely';
import { DAY_MS } from '../clock.ts';

/**
 * Deletes sent mail whose sending is more than `days` days before `now`, in bounded batches so
 * no lock is held for long. Pending and failed mail is left alone. Returns how many went.
 */
// biome-ignore lint: any caller's handle
export async function deleteSentMailOlderThan(db: Kysely<any>, days: number, now: Date, batchSize = 5_000): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from mail_outbox where id in (
        select id from mail_outbox
        where status = 'sent' and sent_at < ${cutoff.toISOString()}::timestamptz
        limit ${batchSize}
      )`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    total += n;
    if (n < batchSize) return total;
  }
}
