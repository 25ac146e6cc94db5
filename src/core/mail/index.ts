import { defineModule } from '../module.ts';
import { mailJobs } from './mail.jobs.ts';
import { mailPrivacy } from './mail.privacy.ts';
import * as createOutbox from './migrations/20261127T1800_mail_create_outbox.ts';
import * as createAttachments from './migrations/20261128T1100_mail_create_attachments.ts';
import * as addKeptBodies from './migrations/20261201T0920_mail_add_kept_bodies.ts';
import * as addDeliveryOnly from './migrations/20261205T2210_mail_add_delivery_only.ts';

/**
 * The mail outbox: modules enqueue in their own transaction, a job delivers over SMTP with
 * retries. Why a mail is sent is declared by the module whose mail it is; the outbox declares
 * what it holds itself and how long it keeps sent and failed mail.
 */
export const mailModule = defineModule({
  name: 'mail',
  // The officers read their own confidential mail (mail.confidential).
  roles: ['admin', 'dpo', 'equal-treatment'],
  migrations: {
    '20261127T1800_mail_create_outbox': createOutbox,
    '20261128T1100_mail_create_attachments': createAttachments,
    '20261201T0920_mail_add_kept_bodies': addKeptBodies,
    '20261205T2210_mail_add_delivery_only': addDeliveryOnly,
  },
  jobs: mailJobs,
  privacy: mailPrivacy,
});

export { type DeliveryReport, deliverDueMail } from './mail.deliver.ts';
export { enqueueMail, type MailAttachment, type MailContext, type OutgoingMail, outgoingMailSchema } from './mail.outbox.ts';
export { CONFIDENTIAL_MAIL_ACTIVITY } from './mail.privacy.ts';
export { deleteSentMailOlderThan } from './mail.retention.ts';
export { isPermanentFailure, retryDelayMs } from './mail.retry.ts';
export { domainOf, senderAddress } from './mail.sender.ts';
export type { MailAttachmentsTable, MailOutboxTable, MailStatus, MailTables } from './mail.tables.ts';
export { createMailTransport, type MailTransport, type SendableMail } from './mail.transport.ts';
