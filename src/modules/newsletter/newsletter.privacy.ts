import type { Kysely } from 'kysely';
import type { Config } from '../../core/config/index.ts';
import { defineMessages, formatDateTime, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { ModulePrivacy, SubjectHooks, SubjectRecord } from '../../core/privacy/index.ts';
import { withdrawalHash } from './newsletter.links.ts';
import { newsletterSubjectFields } from './newsletter.subjects.fields.ts';
import { MEASUREMENT_ACTIVITY, SUBSCRIPTION_ACTIVITY } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';

/** How a data-subject request names the module's records, German first; a channel is said in words. */
const summaryMessages = defineMessages({
  subscription: { de: 'Newsletter, bestätigt am {confirmed}', en: 'Newsletter, confirmed on {confirmed}' },
  'subscription.topics': {
    de: 'Newsletter, bestätigt am {confirmed}; Themen: {topics}',
    en: 'Newsletter, confirmed on {confirmed}; topics: {topics}',
  },
  'withdrawn.one-click': {
    de: 'Newsletter abbestellt (Link in der E-Mail) am {at}',
    en: 'Newsletter unsubscribed (link in the e-mail) on {at}',
  },
  'withdrawn.preferences': {
    de: 'Newsletter abbestellt (Einstellungsseite) am {at}',
    en: 'Newsletter unsubscribed (preferences page) on {at}',
  },
  'withdrawn.hard-bounce': {
    de: 'Newsletter beendet am {at}: Adresse nicht zustellbar',
    en: 'Newsletter ended on {at}: address undeliverable',
  },
  'withdrawn.complaint': { de: 'Newsletter beendet am {at}: als Spam gemeldet', en: 'Newsletter ended on {at}: reported as spam' },
  'withdrawn.erasure': { de: 'Newsletter beendet am {at}: auf Löschantrag', en: 'Newsletter ended on {at}: on an erasure request' },
});

/**
 * Data-subject requests find a subscription by its confirmed address only (decision 009): an
 * unconfirmed request ties the address to nobody. The proof of consent is part of the answer.
 */
function subjectsFor(config: Config): SubjectHooks {
  return {
    fields: newsletterSubjectFields,
    async find(anyDb, subject) {
      if (!subject.email) return [];
      const db = anyDb as Kysely<NewsletterTables>;
      const email = subject.email.toLowerCase();
      const records: SubjectRecord[] = [];
      const sub = await db
        .selectFrom('newsletter_subscribers')
        .selectAll()
        .where('email', '=', email)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (sub) {
        const sends = await db
          .selectFrom('newsletter_sends as s')
          .innerJoin('newsletter_campaigns as c', 'c.id', 's.campaign_id')
          .select(['s.id', 'c.subject', 's.status', 's.done_at'])
          .where('s.subscriber_id', '=', sub.id)
          .orderBy('s.id')
          .execute();
        // Topics by their names, never by their ids (also those chosen at sign-up, for the letter).
        const named = [...new Set([...sub.topics, ...sub.requested_topics])];
        const topicNames = named.length
          ? await db
              .selectFrom('newsletter_topics')
              .select(['id', 'name_de', 'name_en'])
              .where('id', 'in', named)
              .orderBy('name_de')
              .execute()
          : [];
        const topics = topicNames.filter((topic) => sub.topics.includes(topic.id));
        records.push({
          activity: SUBSCRIPTION_ACTIVITY,
          table: 'newsletter_subscribers',
          recordId: sub.id,
          summary: inEveryLocale((locale) =>
            translator(summaryMessages, locale)(topics.length ? 'subscription.topics' : 'subscription', {
              confirmed: sub.confirmed_at ? formatDateTime(sub.confirmed_at, locale) : '–',
              topics: topics.map((topic) => (locale === 'de' ? topic.name_de : topic.name_en)).join(', '),
            }),
          ),
          data: {
            email: sub.email,
            salutation: sub.salutation,
            name: sub.name,
            topics: sub.topics,
            measureOpensAndClicks: sub.measure,
            consent: {
              requested: sub.requested_at,
              form: sub.request_form,
              statementVersion: sub.statement_version,
              topicsChosen: sub.requested_topics,
              confirmed: sub.confirmed_at,
            },
            pendingNewAddress: sub.new_email,
            mailings: sends.map((s) => ({ subject: s.subject, status: s.status, at: s.done_at })),
          },
          valueWords: Object.fromEntries(topicNames.map((topic) => [topic.id, { de: topic.name_de, en: topic.name_en }])),
        });
      }
      const withdrawals = await db
        .selectFrom('newsletter_withdrawals')
        .selectAll()
        .where('email_hash', '=', withdrawalHash(config, email))
        .orderBy('withdrawn_at')
        .execute();
      for (const w of withdrawals)
        records.push({
          activity: SUBSCRIPTION_ACTIVITY,
          table: 'newsletter_withdrawals',
          recordId: w.id,
          // The channel in words; its code stays in data.
          summary: inEveryLocale((locale) =>
            translator(summaryMessages, locale)(`withdrawn.${w.channel}`, { at: formatDateTime(w.withdrawn_at, locale) }),
          ),
          data: { withdrawn: w.withdrawn_at, channel: w.channel },
        });
      return records;
    },
    async erase(anyDb, records) {
      const db = anyDb as Kysely<NewsletterTables>;
      const ids = (table: string) => records.filter((r) => r.table === table).map((r) => r.recordId);
      if (ids('newsletter_subscribers').length)
        await db.deleteFrom('newsletter_subscribers').where('id', 'in', ids('newsletter_subscribers')).execute();
      if (ids('newsletter_withdrawals').length)
        await db.deleteFrom('newsletter_withdrawals').where('id', 'in', ids('newsletter_withdrawals')).execute();
      return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
    },
  };
}

export function newsletterPrivacy(config: Config): ModulePrivacy {
  return {
    activities: [
      {
        id: SUBSCRIPTION_ACTIVITY,
        title: { de: 'Newsletter „Meine Stadtwerke“', en: 'Newsletter “Meine Stadtwerke”' },
        purpose: {
          de: 'Wir schicken Ihnen den Newsletter, den Sie bestellt haben, zu den Themen, die Sie gewählt haben. Ihre Angaben verwenden wir nur dafür und geben sie nicht an Dritte weiter. Den Nachweis Ihrer Einwilligung (wann, über welches Formular, zu welcher Fassung dieser Erklärung, welche Themen, wann bestätigt) bewahren wir auf, solange Sie den Newsletter beziehen.',
          en: 'We send you the newsletter you ordered, on the topics you chose. We use your details only for this and do not pass them on to third parties. We keep the proof of your consent (when, through which form, under which version of this statement, which topics, when confirmed) as long as you receive the newsletter.',
        },
        legalBasis: ['a-consent'],
        legalBasisNote: {
          de: 'Sie können die Einwilligung jederzeit mit einem Klick widerrufen (Link in jeder Ausgabe); dann löschen wir Ihre Adresse sofort aus dem Verteiler. Einen Nachweis des Widerrufs – einen verschlüsselten Prüfwert Ihrer Adresse, Zeitpunkt und Weg – behalten wir drei Jahre, um ihn belegen zu können.',
          en: 'You can withdraw consent at any time with one click (link in every issue); we then delete your address from the list at once. A proof of the withdrawal – a keyed check value of your address, the time and the channel – is kept for three years so we can show it.',
        },
        dataSubjects: { de: 'Abonnentinnen und Abonnenten des Newsletters', en: 'Newsletter subscribers' },
        dataCategories: [
          { de: 'E-Mail-Adresse', en: 'e-mail address' },
          { de: 'freiwillig: Anrede, Name und Themen', en: 'optionally: salutation, name and topics' },
          { de: 'Nachweis der Einwilligung und ihrer Bestätigung', en: 'proof of consent and of its confirmation' },
          { de: 'Versand der einzelnen Ausgaben und Zustellfehler', en: 'sending of each issue and delivery errors' },
        ],
        personalColumns: [
          ...[
            'email',
            'salutation',
            'name',
            'topics',
            'locale',
            'measure',
            'confirm_token_hash',
            'requested_at',
            'request_form',
            'statement_version',
            'requested_topics',
            'confirmed_at',
            'new_email',
            'new_email_token_hash',
            'new_email_requested_at',
          ].map((c) => `newsletter_subscribers.${c}`),
          'newsletter_sends.subscriber_id',
          'newsletter_sends.email',
          'newsletter_sends.last_error',
          'newsletter_withdrawals.email_hash',
        ],
        // C54: marketing only; not the administrators, not another department, no processor.
        recipients: { roles: ['marketing'] },
        source: { de: 'Sie selbst, über das Anmeldeformular', en: 'you, through the subscription form' },
        retention: [
          {
            id: 'unconfirmed',
            table: 'newsletter_subscribers',
            start: 'requested_at',
            startEvent: { de: 'der Anmeldung, wenn Sie sie nicht bestätigt haben', en: 'the request, if you did not confirm it' },
            after: { days: config.NEWSLETTER_CONFIRM_DAYS },
            where: [{ column: 'status', op: '=', value: 'pending' }],
            action: { kind: 'delete' },
            claims: ['C51'],
          },
          {
            id: 'sent',
            table: 'newsletter_sends',
            start: 'done_at',
            startEvent: {
              de: 'dem Versand einer Ausgabe (der Vermerk, dass sie an Sie ging)',
              en: 'an issue was sent (the note that it went to you)',
            },
            after: { days: config.MAIL_RETENTION_DAYS },
            action: { kind: 'delete' },
            claims: ['C52'],
          },
          {
            id: 'withdrawal-proof',
            table: 'newsletter_withdrawals',
            start: 'withdrawn_at',
            startEvent: { de: 'dem Widerruf', en: 'the withdrawal' },
            after: { years: 3 },
            action: { kind: 'delete' },
            claims: ['C55'],
          },
        ],
        claims: ['C51', 'C52', 'C54', 'C55'],
      },
      {
        id: MEASUREMENT_ACTIVITY,
        title: { de: 'Auswertung von Öffnungen und Klicks im Newsletter', en: 'Measuring opens and clicks in the newsletter' },
        purpose: {
          de: 'Wir zählen, wie oft eine Ausgabe geöffnet und welche Links angeklickt wurden, um den Newsletter zu verbessern. Dafür steht in der E-Mail ein Bild und in den Links ein Pseudonym, das nur mit einem eigenen Schlüssel je Ausgabe einer Adresse zugeordnet werden könnte. Diesen Schlüssel vernichten wir nach der Auswertungszeit; danach bleiben nur anonyme Zahlen. Wer in den Einstellungen widerspricht oder Bilder nicht lädt, wird nicht gezählt.',
          en: 'We count how often an issue was opened and which links were clicked, to improve the newsletter. For this the e-mail holds an image and its links a pseudonym that could be tied to an address only with a key of its own for each issue. We destroy that key after the evaluation period; only anonymous figures remain. Whoever objects in the settings or does not load images is not counted.',
        },
        legalBasis: ['a-consent'],
        dataSubjects: {
          de: 'Abonnentinnen und Abonnenten, die der Auswertung nicht widersprochen haben',
          en: 'Subscribers who did not object to measurement',
        },
        dataCategories: [
          { de: 'Pseudonym je Ausgabe, geöffnet, angeklickter Link, Zeitpunkt', en: 'pseudonym per issue, opened, link clicked, time' },
        ],
        personalColumns: ['newsletter_events.pseudonym', 'newsletter_events.at'],
        recipients: { roles: ['marketing'] },
        source: {
          de: 'Ihr E-Mail-Programm, wenn es das Bild lädt oder Sie einen Link anklicken',
          en: 'your mail program, when it loads the image or you click a link',
        },
        retention: [
          {
            id: 'pseudonyms',
            table: 'newsletter_events',
            key: 'pseudonym',
            start: 'at',
            startEvent: {
              de: 'der Öffnung oder dem Klick (danach nur anonyme Zahlen)',
              en: 'the open or click (then only anonymous figures)',
            },
            after: { days: config.NEWSLETTER_EVALUATION_DAYS },
            action: { kind: 'delete' },
            claims: ['C53'],
          },
          {
            id: 'campaign-key',
            table: 'newsletter_campaigns',
            start: 'finished_at',
            startEvent: {
              de: 'dem Versand der Ausgabe (der Schlüssel der Pseudonyme wird vernichtet)',
              en: 'the issue was sent (the pseudonyms’ key is destroyed)',
            },
            after: { days: config.NEWSLETTER_EVALUATION_DAYS },
            action: { kind: 'anonymise', set: { tracking_key: null }, marker: 'key_destroyed_at' },
            // With the key gone the pseudonyms of the campaign can never be tied to anyone: they go too.
            prepare: async (ctx) => {
              const cutoff = new Date(ctx.clock.now().getTime() - config.NEWSLETTER_EVALUATION_DAYS * 86_400_000);
              await ctx.db
                .withTables<NewsletterTables>()
                .deleteFrom('newsletter_events')
                .where('campaign_id', 'in', (eb) =>
                  eb
                    .selectFrom('newsletter_campaigns')
                    .select('id')
                    .where('finished_at', '<', cutoff)
                    .where('key_destroyed_at', 'is', null),
                )
                .execute();
            },
            claims: ['C53'],
          },
        ],
        claims: ['C53'],
      },
    ],
    personalTables: {
      newsletter_subscribers: { nonPersonal: ['id', 'status'] },
      newsletter_sends: {
        nonPersonal: ['id', 'campaign_id', 'status', 'attempts', 'next_attempt_at', 'claimed_at', 'message_id', 'done_at'],
      },
      newsletter_withdrawals: { nonPersonal: ['id', 'withdrawn_at', 'channel'] },
      newsletter_events: { nonPersonal: ['campaign_id', 'link'] },
    },
    subjects: subjectsFor(config),
  };
}
