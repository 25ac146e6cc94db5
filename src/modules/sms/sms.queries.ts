import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
// The free SMS are counted per Berlin calendar day.
import { berlinDay } from '../../core/i18n/index.ts';
import type { SmsOutboxTable, SmsTables } from './sms.tables.ts';

type Db = Kysely<SmsTables> | Transaction<SmsTables>;

export type SendOutcome = { queued: true; id: string; sentToday: number } | { queued: false };

/**
 * Takes one SMS of the customer's daily allowance and queues the message, in one transaction
 * (C62). The allowance is a counter row per customer and day, raised by one conditional upsert:
 * the database serialises concurrent sends on that row, so however many arrive at once, no more
 * than `limit` get through. No read-then-write in the application.
 */
export async function queueSms(
  db: Kysely<SmsTables>,
  input: { customerId: string; customerNumber: string; ip: string; recipient: string; text: string; now: Date; limit: number },
): Promise<SendOutcome> {
  if (input.limit <= 0) return { queued: false };
  const day = berlinDay(input.now);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ sent: number }>`
      insert into sms_daily_usage (customer_id, day, sent) values (${input.customerId}, ${day}::date, 1)
      on conflict (customer_id, day) do update set sent = sms_daily_usage.sent + 1
      where sms_daily_usage.sent < ${input.limit}
      returning sent`.execute(trx);
    const counted = rows[0];
    if (!counted) return { queued: false };
    const id = randomUUID();
    await trx
      .insertInto('sms_outbox')
      .values({
        id,
        customer_id: input.customerId,
        usage_day: day,
        recipient: input.recipient,
        body: input.text,
        status: 'pending',
        attempts: 0,
        next_attempt_at: input.now,
        last_error: null,
        created_at: input.now,
        finished_at: null,
      })
      .execute();
    // The record against abuse (C64): who, when, from where – not to whom, not what.
    await trx.insertInto('sms_abuse_record').values({ customer_number: input.customerNumber, sent_at: input.now, ip: input.ip }).execute();
    return { queued: true, id, sentToday: counted.sent };
  });
}

/** SMS the customer has used today (failed ones were given back). */
export async function usedToday(db: Db, customerId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sms_daily_usage')
    .select('sent')
    .where('customer_id', '=', customerId)
    .where('day', '=', berlinDay(now))
    .executeTakeFirst();
  return row?.sent ?? 0;
}

/** A message claimed for one delivery attempt: columns as the outbox table declares them. */
export type ClaimedSms = Pick<Selectable<SmsOutboxTable>, 'id' | 'recipient' | 'body' | 'attempts'>;

/**
 * Claims due messages for one delivery attempt (SKIP LOCKED, and a lease pushed into
 * next_attempt_at), so two workers never send the same message; one that died mid-send leaves
 * it due again when the lease runs out. `onlyId` claims one message (the send right after queueing).
 */
export async function claimDueSms(
  db: Kysely<SmsTables>,
  now: Date,
  limit: number,
  leaseUntil: Date,
  onlyId?: string,
): Promise<ClaimedSms[]> {
  const { rows } = await sql<ClaimedSms>`
    with due as (
      select id from sms_outbox
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        ${onlyId ? sql`and id = ${onlyId}::uuid` : sql``}
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked
    )
    update sms_outbox s set attempts = s.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
    from due where s.id = due.id
    returning s.id, s.recipient, s.body, s.attempts`.execute(db);
  return rows;
}

export async function markSmsSent(db: Kysely<SmsTables>, id: string, now: Date): Promise<void> {
  await db.updateTable('sms_outbox').set({ status: 'sent', finished_at: now, last_error: null }).where('id', '=', id).execute();
}

/** A failed attempt: tried again later, or given up – then the day's allowance gets the SMS back. */
export async function markSmsAttemptFailed(
  db: Kysely<SmsTables>,
  id: string,
  outcome: { error: string; giveUp: boolean; nextAttemptAt: Date; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('sms_outbox')
      .set({
        status: outcome.giveUp ? 'failed' : 'pending',
        last_error: outcome.error.slice(0, 500),
        next_attempt_at: outcome.nextAttemptAt,
        finished_at: outcome.giveUp ? outcome.now : null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(['customer_id', 'usage_day'])
      .executeTakeFirst();
    if (row && outcome.giveUp) {
      await sql`update sms_daily_usage set sent = greatest(sent - 1, 0) where customer_id = ${row.customer_id} and day = ${row.usage_day}::date`.execute(
        trx,
      );
    }
  });
}
