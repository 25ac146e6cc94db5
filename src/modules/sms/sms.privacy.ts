import type { Kysely } from 'kysely';
import type { Config } from '../../core/config/index.ts';
import { defineMessages, formatDateTime, inEveryLocale, translator } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type ModulePrivacy, type SubjectFields, type SubjectHooks } from '../../core/privacy/index.ts';
import type { SmsStatus, SmsTables } from './sms.tables.ts';

/** How a data-subject request names the module's records, German first. */
const summaryMessages = defineMessages({
  abuse: { de: 'Kostenlose SMS von {customer} am {sentAt}', en: 'Free SMS from {customer} on {sentAt}' },
  'sms.pending': { de: 'SMS an {recipient} vom {created}, wartet auf Versand', en: 'SMS to {recipient} of {created}, waiting to be sent' },
  'sms.sent': { de: 'SMS an {recipient} vom {created}, versandt', en: 'SMS to {recipient} of {created}, sent' },
  'sms.failed': { de: 'SMS an {recipient} vom {created}, nicht zugestellt', en: 'SMS to {recipient} of {created}, not delivered' },
});
/** How a letter answering an access request names the keys of the module's records. */
const fieldMessages = defineMessages({
  customerNumber: { de: 'Kundennummer', en: 'Customer number' },
  sentAt: { de: 'Gesendet am', en: 'Sent on' },
  ip: { de: 'IP-Adresse', en: 'IP address' },
  recipient: { de: 'Empfänger', en: 'Recipient' },
  text: { de: 'Text', en: 'Text' },
  status: { de: 'Stand', en: 'Status' },
  'status.pending': { de: 'wartet auf Versand', en: 'waiting to be sent' },
  'status.sent': { de: 'versandt', en: 'sent' },
  'status.failed': { de: 'nicht zugestellt', en: 'not delivered' },
  created: { de: 'Geschrieben am', en: 'Written on' },
});
const smsFields: SubjectFields = {
  ...labelledAs(fieldMessages, ['customerNumber', 'sentAt', 'ip', 'recipient', 'text', 'created']),
  status: { label: fieldMessages.status, values: fieldValues(fieldMessages, 'status') },
};
const say = (key: keyof typeof summaryMessages, params: (locale: 'de' | 'en') => Record<string, string>) =>
  inEveryLocale((locale) => translator(summaryMessages, locale)(key, params(locale)));
const smsKey = (status: SmsStatus) => `sms.${status}` as const;

export const SMS_ACTIVITY = 'sms.free-sms';
export const ABUSE_ACTIVITY = 'sms.abuse-record';
/** Days the record against abuse is kept (C64). */
export const ABUSE_RECORD_DAYS = 90;

/**
 * Data-subject requests: the sender is found by customer number (abuse record), a recipient by
 * phone number (outbox). A recipient's message not yet sent is deleted on erasure (it is not
 * sent then); the abuse record stays its 90 days, for the purpose it is kept for.
 */
const smsSubjects: SubjectHooks = {
  fields: smsFields,
  async find(anyDb, subject) {
    const db = anyDb as Kysely<SmsTables>;
    const records = [];
    if (subject.customerNumber) {
      const number = subject.customerNumber.replace(/[\s\-/.]/g, '').toUpperCase();
      const rows = await db
        .selectFrom('sms_abuse_record')
        .select(['id', 'customer_number', 'sent_at', 'ip'])
        .where('customer_number', '=', number)
        .orderBy('sent_at')
        .execute();
      for (const r of rows)
        records.push({
          activity: ABUSE_ACTIVITY,
          table: 'sms_abuse_record',
          recordId: String(r.id),
          // An ISO timestamp is no way to show a time to people: formatted for each language.
          summary: say('abuse', (locale) => ({ customer: r.customer_number, sentAt: formatDateTime(r.sent_at, locale) })),
          data: { customerNumber: r.customer_number, sentAt: r.sent_at, ip: r.ip },
        });
    }
    if (subject.phone) {
      const rows = await db
        .selectFrom('sms_outbox')
        .select(['id', 'recipient', 'body', 'status', 'created_at'])
        .where('recipient', '=', subject.phone)
        .execute();
      for (const r of rows)
        records.push({
          activity: SMS_ACTIVITY,
          table: 'sms_outbox',
          recordId: r.id,
          summary: say(smsKey(r.status), (locale) => ({ recipient: r.recipient, created: formatDateTime(r.created_at, locale) })),
          data: { recipient: r.recipient, text: r.body, status: r.status, created: r.created_at },
        });
    }
    return records;
  },
  async erase(anyDb, records) {
    const db = anyDb as Kysely<SmsTables>;
    const outcomes = [];
    for (const r of records) {
      if (r.table === 'sms_outbox') {
        await db.deleteFrom('sms_outbox').where('id', '=', r.recordId).execute();
        outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const });
      } else {
        outcomes.push({
          activity: r.activity,
          table: r.table,
          recordId: r.recordId,
          outcome: 'kept' as const,
          reason: { kind: 'abuse-record' as const, days: ABUSE_RECORD_DAYS },
        });
      }
    }
    return outcomes;
  },
};

/** The free SMS (C62, C63) and the record kept against its abuse (C64, C65). */
export function smsPrivacy(config: Config): ModulePrivacy {
  return {
    activities: [
      {
        id: SMS_ACTIVITY,
        title: { de: 'Kostenlose SMS', en: 'Free text messages' },
        purpose: {
          de: `Angemeldete Kundinnen und Kunden können im Kundenportal bis zu ${config.SMS_DAILY_LIMIT} SMS am Tag kostenlos versenden. An unseren SMS-Dienstleister geben wir nur die Rufnummer des Empfängers und den Text weiter, verschlüsselt über HTTPS. Bis zum Versand liegt die SMS in unserem Postausgang; gelingt der Versand nicht, versuchen wir es erneut, und eine SMS, die endgültig nicht zugestellt werden kann, zählt nicht gegen Ihr Tageskontingent.`,
          en: `Signed-in customers can send up to ${config.SMS_DAILY_LIMIT} text messages a day free of charge in the customer portal. We pass only the recipient's number and the text to our SMS provider, encrypted over HTTPS. Until it is sent the message waits in our outbox; if sending fails we try again, and a message that finally cannot be delivered does not count against your daily allowance.`,
        },
        legalBasis: ['b-contract'],
        dataSubjects: {
          de: 'Kundinnen und Kunden mit Zugang zum Kundenportal und die Empfänger ihrer SMS',
          en: 'Customers with access to the customer portal and the recipients of their messages',
        },
        dataCategories: [
          { de: 'Rufnummer des Empfängers und Text der SMS', en: "recipient's phone number and text of the message" },
          { de: 'wer die SMS versendet hat und wie viele SMS am Tag', en: 'who sent the message and how many messages a day' },
        ],
        personalColumns: [
          'sms_outbox.customer_id',
          'sms_outbox.usage_day',
          'sms_outbox.recipient',
          'sms_outbox.body',
          'sms_outbox.last_error',
          'sms_outbox.created_at',
          'sms_daily_usage.customer_id',
          'sms_daily_usage.day',
          'sms_daily_usage.sent',
        ],
        recipients: { roles: [], processors: [config.SMS_PROCESSOR] },
        source: { de: 'Ihre Eingabe im Kundenportal', en: 'what you enter in the customer portal' },
        retention: [
          {
            id: 'sent',
            table: 'sms_outbox',
            start: 'finished_at',
            startEvent: {
              de: 'dem Versand oder dem endgültigen Fehlschlag (Rufnummer und Text)',
              en: 'it was sent or finally failed (number and text)',
            },
            after: { days: config.SMS_RETENTION_DAYS },
            where: [{ column: 'status', op: 'in', value: ['sent', 'failed'] }],
            action: { kind: 'delete' },
            claims: ['C63'],
          },
          {
            id: 'daily-count',
            table: 'sms_daily_usage',
            start: 'day',
            startEvent: { de: 'dem Tag (Tageszähler)', en: 'the day (daily count)' },
            after: { days: 2 },
            action: { kind: 'delete' },
            claims: ['C62'],
          },
        ],
        claims: ['C62', 'C63'],
      },
      {
        id: ABUSE_ACTIVITY,
        title: { de: 'Schutz der kostenlosen SMS vor Missbrauch', en: 'Protecting the free text messages against abuse' },
        purpose: {
          de: 'Zu jeder versendeten SMS speichern wir Ihre Kundennummer, den Zeitpunkt und Ihre IP-Adresse – nicht den Empfänger und nicht den Text. So können wir Missbrauch (etwa Belästigung oder Betrug) aufklären. Erstattet jemand Strafanzeige, geben wir diesen Nachweis auf Anforderung an die Strafverfolgungsbehörden heraus; jede solche Herausgabe wird protokolliert.',
          en: 'For every message sent we keep your customer number, the time and your IP address – not the recipient and not the text. This lets us clear up abuse (such as harassment or fraud). If someone files a criminal complaint, we hand this record to the law enforcement authorities on request; every such hand-over is logged.',
        },
        legalBasis: ['f-legitimate-interests'],
        legalBasisNote: {
          de: 'Unser berechtigtes Interesse ist, Missbrauch unseres SMS-Angebots zu verhindern und aufzuklären.',
          en: 'Our legitimate interest is to prevent and clear up abuse of our text message service.',
        },
        dataSubjects: { de: 'Kundinnen und Kunden, die kostenlose SMS versenden', en: 'Customers who send free text messages' },
        dataCategories: [{ de: 'Kundennummer, Zeitpunkt des Versands, IP-Adresse', en: 'customer number, time of sending, IP address' }],
        personalColumns: ['sms_abuse_record.customer_number', 'sms_abuse_record.sent_at', 'sms_abuse_record.ip'],
        recipients: {
          roles: ['legal'],
          others: [
            {
              de: 'Strafverfolgungsbehörden, wenn Strafanzeige erstattet wurde',
              en: 'law enforcement authorities, when a criminal complaint was filed',
            },
          ],
        },
        source: { de: 'Ihr Versand einer SMS', en: 'your sending a message' },
        retention: [
          {
            id: 'expire',
            table: 'sms_abuse_record',
            start: 'sent_at',
            startEvent: { de: 'dem Versand', en: 'the message was sent' },
            after: { days: ABUSE_RECORD_DAYS },
            action: { kind: 'delete' },
            claims: ['C64'],
          },
        ],
        claims: ['C64', 'C65'],
      },
    ],
    personalTables: {
      sms_outbox: { nonPersonal: ['id', 'status', 'attempts', 'next_attempt_at', 'finished_at'] },
      sms_daily_usage: { nonPersonal: ['id'] },
      sms_abuse_record: { nonPersonal: ['id'] },
    },
    subjects: smsSubjects,
  };
}
