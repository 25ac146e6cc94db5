import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import { defineMessages, formatDateTime, inEveryLocale, translator } from '../i18n/index.ts';
import { fieldValues, labelledAs, type ModulePrivacy, type SubjectHooks } from '../privacy/index.ts';
import type { MailTables } from './mail.tables.ts';

export const MAIL_ACTIVITY = 'mail.outbox';
/** Mail only one officer may read (`confidential_to`): an officer's correspondence (C21). */
export const CONFIDENTIAL_MAIL_ACTIVITY = 'mail.confidential';
/** The roles whose mail the outbox keeps from the administrators: each reads only its own. */
const CONFIDENTIAL_ROLES = ['dpo', 'equal-treatment'] as const;

/**
 * Mail waiting for delivery or kept as proof of sending. Data-subject requests find it by the
 * recipient's address; erasing it also stops mail not yet sent.
 */
/** How a data-subject request names a mail, German first: its delivery in words, never its status code. */
const summaryMessages = defineMessages({
  pending: { de: '„{subject}“ vom {created}, wartet auf Versand', en: '“{subject}” of {created}, waiting to be sent' },
  sent: { de: '„{subject}“, versandt am {sent}', en: '“{subject}”, sent on {sent}' },
  failed: { de: '„{subject}“ vom {created}, nicht zugestellt', en: '“{subject}” of {created}, not delivered' },
});

/** How a letter answering an access request names the keys of a mail's record. */
const fieldMessages = defineMessages({
  recipient: { de: 'Empfänger', en: 'Recipient' },
  subject: { de: 'Betreff', en: 'Subject' },
  status: { de: 'Stand', en: 'Status' },
  created: { de: 'Erstellt am', en: 'Created on' },
  sent: { de: 'Versandt am', en: 'Sent on' },
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  cause: { de: 'Anlass', en: 'Cause' },
  attachments: { de: 'Anhänge', en: 'Attachments' },
  'status.pending': { de: 'wartet auf Versand', en: 'waiting to be sent' },
  'status.sent': { de: 'versandt', en: 'sent' },
  'status.failed': { de: 'nicht zugestellt', en: 'not delivered' },
});

const mailSubjects: SubjectHooks = {
  // `cause` holds an activity id; the letter says it by the activity's title.
  fields: {
    ...labelledAs(fieldMessages, ['recipient', 'subject', 'created', 'sent', 'reference', 'cause', 'attachments']),
    status: { label: fieldMessages.status, values: fieldValues(fieldMessages, 'status') },
  },
  async find(db, subject) {
    if (!subject.email) return [];
    const rows = await (db as Kysely<MailTables>)
      .selectFrom('mail_outbox')
      .select(['id', 'created_at', 'activity', 'reference', 'recipient', 'subject', 'status', 'sent_at', 'confidential_to'])
      // the outbox keeps an address as it was given; the index is on lower(recipient)
      .where((eb) => eb(eb.fn('lower', ['recipient']), '=', subject.email as string))
      .orderBy('created_at')
      .execute();
    // Attachments are named, not copied into the answer: the person gets the mail's documents by name.
    const files = rows.length
      ? await (db as Kysely<MailTables>)
          .selectFrom('mail_attachments')
          .select(['mail_id', 'filename'])
          .where(
            'mail_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('mail_id')
          .orderBy('position')
          .execute()
      : [];
    return rows.map((r) => ({
      activity: r.confidential_to ? CONFIDENTIAL_MAIL_ACTIVITY : MAIL_ACTIVITY,
      scope: r.confidential_to,
      table: 'mail_outbox',
      recordId: r.id,
      summary: inEveryLocale((locale) =>
        translator(summaryMessages, locale)(r.status, {
          subject: r.subject,
          created: formatDateTime(r.created_at, locale),
          sent: r.sent_at ? formatDateTime(r.sent_at, locale) : '–',
        }),
      ),
      data: {
        recipient: r.recipient,
        subject: r.subject,
        status: r.status,
        created: r.created_at,
        sent: r.sent_at,
        reference: r.reference,
        cause: r.activity,
        attachments: files.filter((f) => f.mail_id === r.id).map((f) => f.filename),
      },
    }));
  },
  // Attachments go with their mail (the foreign key cascades).
  async erase(db, records) {
    const ids = records.map((r) => r.recordId);
    if (ids.length) await (db as Kysely<MailTables>).deleteFrom('mail_outbox').where('id', 'in', ids).execute();
    return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
  },
};

/** The outbox's own processing: every mail any module sends passes through it. */
export function mailPrivacy(config: Config): ModulePrivacy {
  const days = { days: config.MAIL_RETENTION_DAYS };
  return {
    activities: [
      {
        id: MAIL_ACTIVITY,
        title: { de: 'Versand von E-Mails', en: 'Sending e-mail' },
        purpose: {
          de: 'E-Mails, die wir Ihnen im Rahmen einer der hier beschriebenen Verarbeitungen schicken (etwa eine Eingangsbestätigung oder unsere Antwort), liegen bis zum Versand in unserem Postausgang. Danach bewahren wir sie eine Zeit lang auf, um nachweisen zu können, dass und was wir Ihnen geschickt haben, und um Zustellprobleme zu klären.',
          en: 'E-mails we send you within one of the processing activities described here (such as an acknowledgement of receipt or our answer) wait in our outbox until they are sent. Afterwards we keep them for a while, to be able to prove that and what we sent you and to resolve delivery problems.',
        },
        legalBasis: ['f-legitimate-interests'],
        legalBasisNote: {
          de: 'Ob wir Ihnen überhaupt schreiben, richtet sich nach der Rechtsgrundlage der jeweiligen Verarbeitung; für den Nachweis des Versands stützen wir uns auf unser berechtigtes Interesse.',
          en: 'Whether we write to you at all follows the legal basis of the processing concerned; for the proof of sending we rely on our legitimate interest.',
        },
        dataSubjects: { de: 'Empfängerinnen und Empfänger unserer E-Mails', en: 'Recipients of our e-mails' },
        dataCategories: [
          { de: 'E-Mail-Adresse', en: 'e-mail address' },
          { de: 'Betreff, Text und Aktenzeichen der E-Mail', en: 'subject, text and reference of the e-mail' },
          {
            de: 'Anhänge der E-Mail (etwa eine Auswertung als PDF), die mit ihr gelöscht werden',
            en: 'attachments of the e-mail (such as a report as PDF), deleted with it',
          },
          {
            de: 'Zustellversuche und Fehlermeldungen des empfangenden Servers',
            en: 'delivery attempts and error messages of the receiving server',
          },
        ],
        personalColumns: [
          'mail_outbox.recipient',
          'mail_outbox.subject',
          'mail_outbox.text_body',
          'mail_outbox.html_body',
          'mail_outbox.kept_text_body',
          'mail_outbox.kept_html_body',
          'mail_outbox.headers',
          'mail_outbox.last_error',
          'mail_outbox.reference',
          'mail_attachments.filename',
          'mail_attachments.content',
        ],
        // Only the people who run the system look into the outbox, to resolve delivery problems.
        recipients: { roles: ['admin'] },
        source: { de: 'die Verarbeitung, die die E-Mail auslöst', en: 'the processing that causes the e-mail' },
        notes: [
          {
            de: 'Die E-Mails der Beauftragten sehen die Administratoren nicht (siehe „E-Mails der Beauftragten“). Antworten auf Anfragen, die wir nach der Bearbeitung löschen, behalten wir nach der Zustellung nur als Zustellnachweis ohne Adresse und Inhalt.',
            en: 'The administrators do not see the officers\' e-mail (see "The officers\' e-mail"). Of answers to requests that we delete once handled, we keep after delivery only the proof of delivery, without address or content.',
          },
        ],
        retention: [
          {
            id: 'sent',
            table: 'mail_outbox',
            start: 'sent_at',
            startEvent: { de: 'dem Versand', en: 'it was sent' },
            after: days,
            where: [{ column: 'status', op: '=', value: 'sent' }],
            action: { kind: 'delete' },
            claims: [],
          },
          {
            id: 'failed',
            table: 'mail_outbox',
            start: 'created_at',
            startEvent: {
              de: 'dem Versandauftrag, wenn die E-Mail nicht zugestellt werden konnte',
              en: 'it was queued, if it could not be delivered',
            },
            after: days,
            where: [{ column: 'status', op: '=', value: 'failed' }],
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
      {
        id: CONFIDENTIAL_MAIL_ACTIVITY,
        title: { de: 'E-Mails der Beauftragten', en: "The officers' e-mail" },
        purpose: {
          de: 'Antworten der Datenschutzbeauftragten und der Gleichstellungsbeauftragten gehen durch denselben Postausgang, lesen kann sie aber nur die jeweilige Beauftragte, nicht die Administration. Ist eine solche E-Mail zugestellt, behalten wir von ihr nur, wann und ob sie zugestellt wurde: Adresse, Betreff und Text löschen wir sofort.',
          en: 'Answers of the data-protection officer and of the equal-treatment officer pass through the same outbox, but only the officer concerned can read them, not the administrators. Once such an e-mail is delivered we keep only when and whether it was delivered: address, subject and text are deleted at once.',
        },
        legalBasis: ['f-legitimate-interests'],
        dataSubjects: { de: 'Personen, die einer Beauftragten geschrieben haben', en: 'People who wrote to an officer' },
        dataCategories: [
          { de: 'E-Mail-Adresse, Betreff und Text, bis zur Zustellung', en: 'e-mail address, subject and text, until delivery' },
        ],
        personalColumns: [
          'mail_outbox.recipient',
          'mail_outbox.subject',
          'mail_outbox.text_body',
          'mail_outbox.html_body',
          'mail_outbox.kept_text_body',
          'mail_outbox.kept_html_body',
          'mail_outbox.headers',
          'mail_outbox.last_error',
          'mail_outbox.reference',
          'mail_attachments.filename',
          'mail_attachments.content',
        ],
        recipients: {
          roles: [...CONFIDENTIAL_ROLES],
          // each officer reads only the mail confidential to her own role
          scope: {
            column: 'confidential_to',
            valueFor: (role) => ((CONFIDENTIAL_ROLES as readonly string[]).includes(role) ? role : null),
          },
        },
        source: { de: 'die Beauftragte, die antwortet', en: 'the officer who answers' },
        retention: [
          {
            id: 'delivered',
            table: 'mail_outbox',
            start: 'created_at',
            startEvent: {
              de: 'dem Versandauftrag (nur noch Zustellzeitpunkt und -status)',
              en: 'it was queued (only time and status of delivery left)',
            },
            after: days,
            where: [
              { column: 'confidential_to', op: 'is not null' },
              { column: 'status', op: 'in', value: ['sent', 'failed'] },
            ],
            action: { kind: 'delete' },
            claims: ['C21', 'C22'],
          },
        ],
        claims: ['C21', 'C22'],
      },
    ],
    personalTables: {
      mail_outbox: {
        nonPersonal: [
          'id',
          'created_at',
          'activity',
          'message_id',
          'status',
          'attempts',
          'next_attempt_at',
          'sent_at',
          'keep_after_delivery',
          'confidential_to',
        ],
      },
      mail_attachments: { nonPersonal: ['mail_id', 'position', 'content_type'] },
    },
    subjects: mailSubjects,
  };
}
