import type { ColumnType } from 'kysely';

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  created_at: Date;
  /** The processing activity that caused the mail (the privacy register names it). */
  activity: string;
  /** What the mail is about in the causing module, e.g. a request id. */
  reference: string | null;
  /** Personal: the recipient's address. */
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** What the row keeps of the body once the mail is delivered or given up: its secrets cut out. */
  kept_text_body: string | null;
  kept_html_body: string | null;
  /** Extra header fields, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: ColumnType<Record<string, string>, string, string>;
  /** `<id@sender-domain>`, fixed at enqueue, so a message resent after a crash keeps its identity. */
  message_id: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  /** Delivery attempts started; counted when a worker claims the message. */
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  /** 'metadata': once delivered or given up, the row keeps only when and whether, nothing personal. */
  keep_after_delivery: ColumnType<'content' | 'metadata', 'content' | 'metadata' | undefined, 'content' | 'metadata'>;
  /** The one role that may read this mail (an officer); null: the outbox's own recipients. */
  confidential_to: string | null;
}

/** A file sent with a mail; deleted with its mail (the foreign key cascades). */
export interface MailAttachmentsTable {
  mail_id: string;
  /** Order of the attachments in the message, from 0. */
  position: number;
  /** Personal: may name the person or the matter, e.g. a reference. */
  filename: string;
  content_type: string;
  /** Personal: the document itself. pg returns a Buffer, PGlite a Uint8Array. */
  content: ColumnType<Uint8Array, Uint8Array, never>;
}

export type MailTables = { mail_outbox: MailOutboxTable; mail_attachments: MailAttachmentsTable };
