import type { ModulePrivacy } from '../../core/privacy/index.ts';
import { ENTRIES_ACTIVITY, PHOTOS_ACTIVITY } from './contest.activities.ts';
import { contestSubjects } from './contest.subjects.ts';

export { ENTRIES_ACTIVITY, PHOTOS_ACTIVITY };
/** Months an event photo is kept after its import. */
export const PHOTO_MONTHS = 12;

/** Event photos handed out with a code (C56, C57) and the prize draw's entries (C58–C61). */
export const contestPrivacy: ModulePrivacy = {
  activities: [
    {
      id: PHOTOS_ACTIVITY,
      title: { de: 'Fotos bei Veranstaltungen', en: 'Photos at events' },
      purpose: {
        de: 'Bei Veranstaltungen fotografieren wir Besucherinnen und Besucher, die das möchten, und geben ihnen einen Abzug mit einem Code. Mit dem Code sehen Sie Ihr Foto online und entscheiden, ob es in der öffentlichen Galerie der Veranstaltung erscheint; diese Wahl können Sie jederzeit ändern. Ohne Ihre Wahl erscheint das Foto nirgends. Den Code speichern wir nur als Prüfwert, nicht im Klartext.',
        en: 'At events we photograph visitors who wish so and hand them a print with a code. With the code you see your photo online and decide whether it appears in the public gallery of the event; you can change that choice at any time. Without your choice the photo appears nowhere. We store the code only as a check value, not in plain text.',
      },
      legalBasis: ['a-consent', 'f-legitimate-interests'],
      legalBasisNote: {
        de: 'Für jede Veranstaltung ist festgehalten, auf welcher Grundlage fotografiert wird: Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), etwa durch Ihre Bitte um ein Foto, oder unser berechtigtes Interesse, über die Veranstaltung zu berichten (lit. f); veröffentlicht wird Ihr Foto in jedem Fall nur mit Ihrer Wahl.',
        en: 'For every event it is recorded on which basis photos are taken: your consent (Art. 6(1)(a) GDPR), for instance by asking for a photo, or our legitimate interest in reporting on the event (point f); your photo is published only with your choice in either case.',
      },
      dataSubjects: { de: 'Fotografierte Besucherinnen und Besucher von Veranstaltungen', en: 'Visitors photographed at events' },
      dataCategories: [
        { de: 'Ihr Foto', en: 'your photo' },
        { de: 'Ihre Wahl zur Galerie und wann Sie sie getroffen haben', en: 'your choice about the gallery and when you made it' },
      ],
      personalColumns: ['contest_photos.in_gallery', 'contest_photos.gallery_changed_at'],
      recipients: { roles: ['communications'] },
      source: { de: 'Unsere Fotografin oder unser Fotograf bei der Veranstaltung', en: 'our photographer at the event' },
      retention: [
        {
          id: 'photos',
          table: 'contest_photos',
          start: 'created_at',
          startEvent: { de: 'der Aufnahme in unser System', en: 'the photo was imported' },
          after: { months: PHOTO_MONTHS },
          action: { kind: 'delete' },
          claims: ['C56'],
        },
      ],
      claims: ['C56', 'C57'],
    },
    {
      id: ENTRIES_ACTIVITY,
      title: { de: 'Gewinnspiel mit dem Fotocode', en: 'Prize draw with the photo code' },
      purpose: {
        de: 'Mit dem Code Ihres Fotos nehmen Sie am Gewinnspiel der Veranstaltung teil. Wir brauchen Vor- und Nachnamen, Postanschrift und E-Mail-Adresse, um Sie im Gewinnfall zu benachrichtigen und den Preis zu übergeben, und verwenden sie nur für das Gewinnspiel. Nur die Unternehmenskommunikation sieht die Teilnahmen. Öffentlich ist nur ein Prüfwert je Teilnahme, aus dem niemand auf Sie schließen kann; damit kann jede und jeder die Auslosung nachrechnen. Name und Foto der Gewinnerinnen und Gewinner veröffentlichen wir nur mit ihrer gesonderten Einwilligung.',
        en: 'With the code of your photo you take part in the prize draw of the event. We need first and last name, postal address and e-mail address to tell you if you win and to hand over the prize, and use them only for the draw. Only corporate communications sees the entries. Public is only a check value per entry from which nobody can tell who you are; with it anyone can recompute the draw. We publish winners’ names and photos only with their separate consent.',
      },
      legalBasis: ['b-contract', 'a-consent'],
      legalBasisNote: {
        de: 'Die Teilnahme ist ein Vertrag nach den veröffentlichten Teilnahmebedingungen (Art. 6 Abs. 1 lit. b DSGVO); die Veröffentlichung von Name und Foto beruht allein auf Ihrer Einwilligung (lit. a), die Sie jederzeit widerrufen können.',
        en: 'Taking part is a contract under the published terms of participation (Art. 6(1)(b) GDPR); publishing name and photo rests on your consent alone (point a), which you may withdraw at any time.',
      },
      dataSubjects: { de: 'Teilnehmende am Gewinnspiel', en: 'People taking part in the prize draw' },
      dataCategories: [
        { de: 'Vor- und Nachname, Postanschrift, E-Mail-Adresse', en: 'first and last name, postal address, e-mail address' },
        { de: 'welches Foto, welche Fassung der Teilnahmebedingungen', en: 'which photo, which version of the terms' },
        {
          de: 'Gewinn, Einwilligung zur Veröffentlichung, Übergabe des Preises',
          en: 'winning, consent to publication, hand-over of the prize',
        },
      ],
      personalColumns: [
        'contest_entries.photo_id',
        'contest_entries.terms_version',
        'contest_entries.first_name',
        'contest_entries.last_name',
        'contest_entries.street',
        'contest_entries.postcode',
        'contest_entries.city',
        'contest_entries.email',
        'contest_entries.locale',
        'contest_entries.salt',
        'contest_entries.created_at',
        'contest_entries.publish_consent_at',
        'contest_entries.prize_handed_over_at',
      ],
      recipients: { roles: ['communications'] },
      source: { de: 'Ihre Eingabe im Teilnahmeformular', en: 'what you enter in the entry form' },
      retention: [
        {
          id: 'settled',
          table: 'contest_entries',
          start: 'settled_at',
          startEvent: {
            de: 'der Auslosung und der Übergabe der Preise (alle Teilnahmen; es bleibt nur das Protokoll mit Prüfwerten)',
            en: 'the draw and the hand-over of the prizes (every entry; only the protocol with check values remains)',
          },
          after: { days: 0 },
          action: { kind: 'delete' },
          claims: ['C61'],
        },
      ],
      claims: ['C58', 'C59', 'C60', 'C61'],
    },
  ],
  personalTables: {
    contest_photos: { nonPersonal: ['id', 'event_id', 'code_hash', 'created_at'] },
    contest_entries: { nonPersonal: ['id', 'draw_id', 'entry_hash', 'settled_at'] },
  },
  subjects: contestSubjects,
};
