import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { domainOf, senderAddress } from './mail.sender.ts';
import type { MailTables } from './mail.tables.ts';

/** RFC 5322 field names: printable ASCII except the colon. */
const HEADER_NAME = /^[!-9;-~]+$/;
/** Fields the outbox writes itself; a caller setting them could forge or break the message. */
const RESERVED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'return-path',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);
const oneLine = (v: string) => !/[\r\n]/.test(v);
// PostgreSQL text cannot hold NUL; refused here with a clear message instead of failing the insert.
const text = () => z.string().refine((v) => !v.includes('\u0000'), 'no NUL characters');

/** What one mail may carry: enough for a few reports, well inside what mail servers accept once base64-encoded. */
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;
/** RFC 6838 type/subtype, without parameters (nodemailer adds what is needed). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/**
 * A document the application made itself, as bytes: the outbox never reads a path or a URL, and
 * a file name is only a name (no directories, nothing invisible, nothing that breaks a header).
 */
const attachmentSchema = z.object({
  filename: text()
    .min(1)
    .max(200)
    .refine((v) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(v), 'no control characters in a file name')
    .refine((v) => !/[\\/]/.test(v) && !v.startsWith('.'), 'a file name, not a path'),
  contentType: z.string().regex(MEDIA_TYPE, 'a media type such as application/pdf'),
  content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes').refine((b) => b.byteLength > 0, 'an attachment needs content'),
});

export type MailAttachment = z.input<typeof attachmentSchema>;

export const outgoingMailSchema = z.object({
  to: z.email().max(254),
  subject: text().min(1).max(500).refine(oneLine, 'no line breaks in a subject'),
  text: text().min(1),
  html: text().min(1).optional(),
  headers: z
    .record(
      z
        .string()
        .regex(HEADER_NAME, 'not a header field name')
        .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'set by the outbox itself'),
      text().max(998).refine(oneLine, 'no line breaks in a header value'),
    )
    .default({}),
  /** The processing activity that causes this mail, as the privacy register names it. */
  activity: text().min(1),
  reference: text().min(1).optional(),
  /**
   * One-time secrets in the body (an activation key, a reset or confirmation link): the outbox
   * keeps the mail after delivery with each of them cut out.
   */
  secrets: z.array(z.string().min(8)).default([]),
  /**
   * 'metadata' for mail whose text the causing record keeps itself and which must not outlive it
   * (an answer to a request deleted once handled): once delivered, only the facts of delivery stay.
   */
  keep: z.enum(['content', 'metadata']).default('content'),
  /** The one staff role that may read the mail (an officer's correspondence), not the administrators. */
  confidentialTo: z.string().min(1).optional(),
  attachments: z
    .array(attachmentSchema)
    .max(MAX_ATTACHMENTS)
    .refine(
      (list) => list.reduce((sum, a) => sum + a.content.byteLength, 0) <= MAX_ATTACHMENT_BYTES,
      `at most ${MAX_ATTACHMENT_BYTES} bytes of attachments`,
    )
    .default([]),
});

export type OutgoingMail = z.input<typeof outgoingMailSchema>;

/** The body as kept after delivery; longer secrets first, so a link is cut before the key inside it. */
export function withoutSecrets(body: string, secrets: readonly string[]): string {
  return [...secrets].sort((a, b) => b.length - a.length).reduce((text, secret) => text.split(secret).join('[…]'), body);
}

/** What enqueueing needs of the application: the time, and the sender domain for the Message-ID. */
export type MailContext = Pick<AppContext, 'config' | 'clock'>;

/**
 * Writes a message to the outbox in the caller's transaction, so the mail exists exactly when
 * the data that causes it does: a rolled-back registration sends nothing. Attachments are
 * stored with it, in the same transaction. Returns the id.
 */
// biome-ignore lint: any caller's transaction, whatever tables it knows
export async function enqueueMail(db: Kysely<any>, ctx: MailContext, message: OutgoingMail): Promise<string> {
  const mail = outgoingMailSchema.parse(message);
  const id = randomUUID();
  const now = ctx.clock.now();
  await (db as Kysely<MailTables>)
    .insertInto('mail_outbox')
    .values({
      id,
      created_at: now,
      activity: mail.activity,
      reference: mail.reference ?? null,
      recipient: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      kept_text_body: mail.secrets.length ? withoutSecrets(mail.text, mail.secrets) : null,
      kept_html_body: mail.secrets.length && mail.html ? withoutSecrets(mail.html, mail.secrets) : null,
      headers: JSON.stringify(mail.headers),
      message_id: `<${id}@${domainOf(senderAddress(ctx.config))}>`,
      next_attempt_at: now,
      last_error: null,
      sent_at: null,
      keep_after_delivery: mail.keep,
      confidential_to: mail.confidentialTo ?? null,
    })
    .execute();
  if (mail.attachments.length > 0) {
    await (db as Kysely<MailTables>)
      .insertInto('mail_attachments')
      .values(
        mail.attachments.map((a, position) => ({
          mail_id: id,
          position,
          filename: a.filename,
          content_type: a.contentType.toLowerCase(),
          content: a.content,
        })),
      )
      .execute();
  }
  return id;
}
