import nodemailer from 'nodemailer';
import type { Config } from '../../core/config/index.ts';
import { createMailTransport, type MailTransport } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';

/**
 * A pool of `connections` SMTP connections kept open for a whole campaign (the outbox's transport
 * has one); without SMTP_URL, outside production, the outbox's .eml files.
 */
export function createNewsletterTransport(ctx: Pick<AppContext, 'config' | 'log'>, connections: number): MailTransport {
  const config: Config = ctx.config;
  if (!config.SMTP_URL) return createMailTransport(config, ctx.log);
  const transporter = nodemailer.createTransport({
    url: config.SMTP_URL,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: mail.headers,
        messageId: mail.messageId,
        date: mail.date,
      });
    },
    close: () => transporter.close(),
  };
}
