import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';

export interface SendableMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers: Record<string, string>;
  /** Sent as they are; nothing is read from a path or URL (the transports refuse that too). */
  attachments?: readonly { filename: string; contentType: string; content: Uint8Array }[];
  messageId: string;
  date: Date;
}

export interface MailTransport {
  /** Resolves once the SMTP server has accepted the message (or it is written to its file). */
  send(mail: SendableMail): Promise<void>;
  close(): void;
}

// Short enough that a dead server fails a delivery run in seconds, not in nodemailer's minutes.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

function composed(mail: SendableMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    headers: mail.headers,
    ...(mail.attachments?.length
      ? {
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          })),
        }
      : {}),
    messageId: mail.messageId,
    date: mail.date,
  };
}

/**
 * SMTP when SMTP_URL is set; otherwise (never in production, the configuration refuses that)
 * each message becomes an .eml file in DATA_DIR/mail, so the demo runs without a mail server.
 */
export function createMailTransport(config: Pick<Config, 'SMTP_URL' | 'isProduction' | 'dataDir'>, log: Logger): MailTransport {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL);
  if (config.isProduction) throw new Error('SMTP_URL is required in production');
  return fileTransport(path.join(config.dataDir, 'mail'), log);
}

function smtpTransport(url: string): MailTransport {
  // One pooled connection per delivery run; options in the URL's query (e.g. requireTLS=true) win.
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    ...TIMEOUTS,
    // The outbox sends only what it stores; nothing may pull in files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail(composed(mail));
    },
    close: () => transporter.close(),
  };
}

function fileTransport(dir: string, log: Logger): MailTransport {
  const transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    send: async (mail) => {
      const info = await transporter.sendMail(composed(mail));
      // The files hold whole mails (addresses, links): readable by the service's own user only.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stamp = mail.date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      const file = path.join(dir, `${stamp}-${mail.messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9-]/g, '_')}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      log.info({ file }, 'no SMTP_URL set: mail written to a file instead of sent');
    },
    close: () => transporter.close(),
  };
}
