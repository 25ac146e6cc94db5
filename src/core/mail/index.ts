import { defineModule } from '../module.ts';
import { mailJobs } from './mail.jobs.ts';
import * as createOutbox from './migrations/20261127T1800_mail_create_outbox.ts';

/**
 * The mail outbox: modules enqueue in their own transaction, a job delivers over SMTP with
 * retries. Processing activities are declared by the modules whose mail it is.
 */
export const mailModule = defineModule({
  name: 'mail',
  migrations: { '20261127T1800_mail_create_outbox': createOutbox },
  jobs: mailJobs,
});

export { type MailContext, type OutgoingMail, enqueueMail, outgoingMailSchema } from './mail.outbox.ts';
export { type DeliveryReport, deliverDueMail } from './mail.deliver.ts';
export { deleteSentMailOlderThan } from './mail.retention.ts';
export { senderAddress } from './mail.sender.ts';
export type { MailOutboxTable, MailStatus, MailTables } from './mail.tables.ts';
