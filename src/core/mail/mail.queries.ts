import { type Kysely, type Selectable, sql } from 'kysely';
import type { MailOutboxTable, MailTables } from './mail.tables.ts';

/** A mail claimed for one delivery attempt; `attempts` includes the one just claimed. */
export type ClaimedMail = Pick<
  Selectable<MailOutboxTable>,
  'id' | 'recipient' | 'subject' | 'text_body' | 'html_body' | 'headers' | 'message_id' | 'attempts'
>;

/**
 * Claims up to `limit` due messages for one delivery attempt. Rows are taken with SKIP LOCKED,
 * and the claim moves their next attempt to `leaseUntil` before the statement commits, so a
 * second worker neither waits for them nor sees them as due: each message goes to one worker.
 * If that worker dies mid-send, the message becomes due again when the lease runs out.
 */
export async function claimDueMail(db: Kysely<MailTables>, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMail[]> {
  const { rows } = await sql<ClaimedMail & { created_at: Date }>`
    with due as (
      select id from mail_outbox
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked
    )
    update mail_outbox m
    set attempts = m.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
    from due
    where m.id = due.id
    returning m.id, m.recipient, m.subject, m.text_body, m.html_body, m.headers, m.message_id, m.attempts, m.created_at`.execute(db);
  return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map(({ created_at: _, ...mail }) => mail);
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** The attachments of the given mail, each mail's in its order; read only when a batch is sent. */
export async function attachmentsOf(db: Kysely<MailTables>, mailIds: readonly string[]): Promise<Map<string, StoredAttachment[]>> {
  const byMail = new Map<string, StoredAttachment[]>();
  if (mailIds.length === 0) return byMail;
  const rows = await db
    .selectFrom('mail_attachments')
    .select(['mail_id', 'filename', 'content_type', 'content'])
    .where('mail_id', 'in', [...mailIds])
    .orderBy('mail_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byMail.get(r.mail_id) ?? [];
    list.push({ filename: r.filename, contentType: r.content_type, content: r.content });
    byMail.set(r.mail_id, list);
  }
  return byMail;
}

/** Once a mail is out (or given up) its one-time secrets have no business in the outbox. */
const dropSecrets = {
  text_body: sql<string>`coalesce(kept_text_body, text_body)`,
  html_body: sql<string | null>`coalesce(kept_html_body, html_body)`,
  kept_text_body: null,
  kept_html_body: null,
};

/**
 * A delivered (or given-up) mail that keeps only metadata: everything personal goes (address,
 * subject, text, headers, reference, attachments); id, cause, status, attempts and times stay.
 */
async function reduceToMetadata(db: Kysely<MailTables>, id: string): Promise<void> {
  const reduced = await db
    .updateTable('mail_outbox')
    .set({
      recipient: '',
      subject: '',
      text_body: '',
      html_body: null,
      kept_text_body: null,
      kept_html_body: null,
      headers: '{}',
      reference: null,
      last_error: null,
    })
    .where('id', '=', id)
    .where('keep_after_delivery', '=', 'metadata')
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  if (Number(reduced.numUpdatedRows) > 0) await db.deleteFrom('mail_attachments').where('mail_id', '=', id).execute();
}

export async function markSent(db: Kysely<MailTables>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: at, last_error: null, ...dropSecrets })
    .where('id', '=', id)
    .execute();
  await reduceToMetadata(db, id);
}

export async function markAttemptFailed(
  db: Kysely<MailTables>,
  id: string,
  outcome: { error: string; giveUp: boolean; nextAttemptAt: Date },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      status: outcome.giveUp ? 'failed' : 'pending',
      last_error: outcome.error.slice(0, 1000),
      next_attempt_at: outcome.nextAttemptAt,
      ...(outcome.giveUp ? dropSecrets : {}),
    })
    .where('id', '=', id)
    .execute();
  if (outcome.giveUp) await reduceToMetadata(db, id);
}
