import { DAY_MS } from '../../core/clock.ts';
import { berlinToUtc } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { callbackDays, StateHolidays } from './contact.hours.ts';
import type { ContactDb } from './contact.queries.ts';
import type { RequestKind, Salutation } from './contact.tables.ts';

type DemoRequest = [
  reference: string,
  kind: RequestKind,
  topic: string | null,
  salutation: Salutation,
  name: string,
  email: string,
  concern: string,
  daysAgo: number,
];

const REQUESTS: DemoRequest[] = [
  [
    'K-2026-DEMO0001',
    'general',
    'billing',
    'ms',
    'Erika Mustermann',
    'erika.mustermann@example.org',
    'Meine Jahresabrechnung weist einen Zählerstand aus, den ich nicht abgelesen habe. Können Sie das bitte prüfen?',
    4,
  ],
  [
    'K-2026-DEMO0002',
    'general',
    'grid',
    'mr',
    'Max Mustermann',
    'max.mustermann@example.org',
    'Wir bauen ein Einfamilienhaus im Neubaugebiet Am Mühlbach. Wie beantragen wir einen Hausanschluss für Strom und Wasser?',
    2,
  ],
  [
    'K-2026-DEMO0003',
    'general',
    'energy-advice',
    'diverse',
    'Kim Beispiel',
    'kim.beispiel@example.org',
    'Lohnt sich bei meinem Altbau eine Wärmepumpe? Ich hätte gern einen Beratungstermin.',
    1,
  ],
  [
    'K-2026-DEMO0004',
    'general',
    'customer-service',
    'none',
    'Jona Test',
    'jona.test@example.org',
    'Ich ziehe zum 1. des nächsten Monats um und möchte meinen Stromvertrag mitnehmen.',
    0,
  ],
  [
    'K-2026-DEMO0005',
    'general',
    'billing',
    'mr',
    'Hans Meier',
    'hans.meier@example.org',
    'Bitte ändern Sie meine Bankverbindung für den Abschlag.',
    6,
  ],
  [
    'DSB-2026-DEMO0001',
    'dpo',
    null,
    'ms',
    'Petra Privat',
    'petra.privat@example.org',
    'Welche Daten speichert das Solarkataster über mein Haus, und wer sieht sie?',
    3,
  ],
  [
    'DSB-2026-DEMO0002',
    'dpo',
    null,
    'mr',
    'Otto Offen',
    'otto.offen@example.org',
    'Ich habe eine E-Mail bekommen, die angeblich von Ihnen stammt und nach meinem Passwort fragt. Ist das echt?',
    0,
  ],
  [
    'GB-2026-DEMO0001',
    'equal-treatment',
    null,
    'ms',
    'Gerda Gleich',
    'gerda.gleich@example.org',
    'Gibt es bei Ihnen Teilzeitstellen in Führungspositionen?',
    5,
  ],
  [
    'GB-2026-DEMO0002',
    'equal-treatment',
    null,
    'none',
    'Alex Anders',
    'alex.anders@example.org',
    'Ihr Bewerbungsformular kennt nur zwei Anreden. Ist eine neutrale Anrede geplant?',
    1,
  ],
];

const CALLBACKS: [reference: string, name: string, phone: string, subject: string | null][] = [
  ['R-2026-DEMO0001', 'Sabine Schmidt', '+492111234567', 'Abschlag anpassen'],
  ['R-2026-DEMO0002', 'Ahmet Yılmaz', '+491711234567', 'Zählerwechsel'],
  ['R-2026-DEMO0003', 'Lena Weber', '+4930123456', null],
  ['R-2026-DEMO0004', 'Paul Becker', '+492211234567', 'Umzug'],
];

/** A handful of requests in every inbox; fixed references, so running it again adds nothing. */
export async function seedContactDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<ContactDb>();
  const now = ctx.clock.now();
  await db
    .insertInto('contact_requests')
    .values(
      REQUESTS.map(([reference, kind, topic, salutation, name, email, concern, daysAgo]) => ({
        reference,
        kind,
        topic,
        salutation,
        name,
        email,
        phone: null,
        customer_number: kind === 'general' && topic === 'billing' ? '4711-0815' : null,
        concern,
        locale: 'de',
        created_at: new Date(now.getTime() - daysAgo * DAY_MS - 3_600_000),
        assigned_to: null,
        handled_at: null,
      })),
    )
    .onConflict((oc) => oc.column('reference').doNothing())
    .execute();

  const days = callbackDays(ctx.config.organisation.callbackHours, new StateHolidays(ctx.config.organisation.state), now);
  const slots = days.flatMap((d) => d.slots.map((s) => ({ day: d.day, ...s })));
  const callbacks = CALLBACKS.flatMap(([reference, name, phone, subject], i) => {
    const slot = slots[i * 3];
    return slot
      ? [
          {
            reference,
            name,
            phone,
            subject,
            slot_start: berlinToUtc(slot.day, slot.start),
            slot_end: berlinToUtc(slot.day, slot.end),
            locale: 'de',
            created_at: now,
            assigned_to: null,
            done_at: null,
          },
        ]
      : [];
  });
  if (callbacks.length)
    await db
      .insertInto('contact_callbacks')
      .values(callbacks)
      .onConflict((oc) => oc.column('reference').doNothing())
      .execute();
}
