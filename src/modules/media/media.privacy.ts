import type { ModulePrivacy } from '../../core/privacy/index.ts';
import { ACTIVITY } from './media.paths.ts';
import { mediaSubjects } from './media.subjects.ts';

const editors = { roles: ['editor', 'communications'] as const };

/**
 * The media library's processing. What a data-subject request can match: only the e-mail
 * address a person gave with a takedown request (their own contact, as in the contact form).
 * Consent records name the depicted person, but a name is no proven identifier – namesakes
 * exist, and nobody proves a name by e-mail, phone or customer number – so a request by
 * address never releases "picture X shows Erika Müller"; a depicted person reaches their
 * picture through the takedown form, which names the picture instead.
 */
export const mediaPrivacy: ModulePrivacy = {
  activities: [
    {
      id: ACTIVITY.library,
      title: { de: 'Bilder auf unserer Website (Mediathek)', en: 'Pictures on our website (media library)' },
      purpose: {
        de: 'Wir zeigen Bilder aus unserem Unternehmen und von Veranstaltungen auf unserer Website, in der Bildergalerie und in Druckwerken. Bilder speichern wir neu kodiert, ohne Metadaten wie Aufnahmeort, Kamera und Zeitpunkt. Ein Bild mit erkennbaren Personen zeigen wir nur, solange für jede von ihnen eine gültige Einwilligung für diesen Zweck vorliegt oder eine gesetzliche Ausnahme gilt (§ 23 KUG: Menschenmenge, Personen als Beiwerk, Person der Zeitgeschichte). Läuft eine Einwilligung ab, ist das Bild sofort nicht mehr zu sehen.',
        en: 'We show pictures of our company and our events on our website, in the picture gallery and in printed matter. Pictures are stored re-encoded, without metadata such as location, camera and time. A picture with recognisable people is shown only while each of them has given a valid consent for that use, or a legal exception applies (§ 23 KUG: a crowd, people incidental to a place, a figure of contemporary history). When a consent expires, the picture is no longer shown, at once.',
      },
      legalBasis: ['a-consent', 'f-legitimate-interests'],
      legalBasisNote: {
        de: 'Mit Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO, § 22 KUG); ohne sie nur, wo § 23 Abs. 1 KUG die Veröffentlichung erlaubt, auf Grundlage unseres berechtigten Interesses an der Darstellung unseres Unternehmens.',
        en: 'With your consent (Art. 6(1)(a) GDPR, § 22 KUG); without it only where § 23(1) KUG allows publication, based on our legitimate interest in presenting our company.',
      },
      dataSubjects: { de: 'Personen, die auf Bildern zu sehen sind', en: 'People shown in pictures' },
      dataCategories: [
        { de: 'das Bild in mehreren Größen', en: 'the picture in several sizes' },
        { de: 'Titel und Bildbeschreibung', en: 'title and description' },
      ],
      personalColumns: ['media_items.title', 'media_items.alt_text', 'media_items.uploaded_by'],
      recipients: editors,
      source: { de: 'unsere Fotografinnen und Fotografen', en: 'our photographers' },
      retention: [
        {
          // A picture nobody has shown for two years is of no more use to us.
          id: 'unused',
          table: 'media_items',
          start: 'unpublished_at',
          startEvent: { de: 'dem Tag, an dem wir es zuletzt gezeigt haben', en: 'the day we last showed it' },
          after: { years: 2 },
          where: [{ column: 'published', op: '=', value: false }],
          action: { kind: 'delete' },
          claims: ['C31'],
        },
      ],
      notes: [
        {
          de: 'Auf Antrag einer abgebildeten Person entfernen wir ein Bild oder machen sie darauf unkenntlich, sofort, ob sie eingewilligt hatte oder nicht; das ursprüngliche Bild vernichten wir dabei in jeder gespeicherten Größe. Den Antrag stellen Sie über das Formular „Bild entfernen lassen“.',
          en: 'On a depicted person’s request we take a picture down or make them unrecognisable in it, at once, whether they had consented or not; the original picture is destroyed in every stored size. You make the request with the form “Have a picture taken down”.',
        },
      ],
      claims: ['C31', 'C32'],
    },
    {
      id: ACTIVITY.consents,
      title: { de: 'Einwilligungen abgebildeter Personen', en: 'Consents of people shown in pictures' },
      purpose: {
        de: 'Wir halten fest, wer wofür (Website, Druck, Bildergalerie), wann, wie (unterschriebene Einwilligung oder Zusicherung der Fotografin oder des Fotografen) und bis wann in die Veröffentlichung eines Bildes eingewilligt hat, damit wir Bilder nur so zeigen und es nachweisen können.',
        en: 'We record who consented to the publication of a picture, for what (website, print, gallery), when, how (a signed form or the photographer’s assurance) and until when, so that we show pictures only so and can prove it.',
      },
      legalBasis: ['c-legal-obligation'],
      legalBasisNote: {
        de: 'Art. 7 Abs. 1 DSGVO verpflichtet uns, eine Einwilligung nachweisen zu können.',
        en: 'Art. 7(1) GDPR obliges us to be able to prove a consent.',
      },
      dataSubjects: { de: 'Personen, die auf Bildern zu sehen sind', en: 'People shown in pictures' },
      dataCategories: [
        { de: 'Name', en: 'name' },
        { de: 'Umfang, Datum, Art und Dauer der Einwilligung', en: 'scope, date, form and duration of the consent' },
        { de: 'die unterschriebene Einwilligung', en: 'the signed consent form' },
      ],
      personalColumns: [
        'media_consents.person_name',
        'media_consents.given_on',
        'media_consents.valid_until',
        'media_consents.recorded_by',
      ],
      recipients: editors,
      source: {
        de: 'Sie selbst, mit der Einwilligung; oder die Fotografin oder der Fotograf',
        en: 'you, with the consent; or the photographer',
      },
      retention: [
        {
          // Proof for as long as a claim about the publication could be raised (§ 195 BGB).
          id: 'expired',
          table: 'media_consents',
          start: 'valid_until',
          startEvent: { de: 'dem Ende der Einwilligung', en: 'the consent has ended' },
          after: { years: 3 },
          action: { kind: 'delete' },
          claims: ['C31'],
        },
      ],
      notes: [
        {
          de: 'Eine Einwilligung ohne Enddatum gilt bis zum Widerruf; sie wird mit dem Bild gelöscht. Ein Auskunftsersuchen per E-Mail-Adresse findet Einwilligungen nicht, denn wir speichern dazu nur den Namen, und ein Name beweist nicht, wer fragt. Wenden Sie sich mit dem Formular „Bild entfernen lassen“ oder an unsere Datenschutzbeauftragte.',
          en: 'A consent without an end date holds until revoked; it is deleted with the picture. A request by e-mail address does not find consents, because we keep only the name with them, and a name does not prove who is asking. Use the form “Have a picture taken down” or write to our data-protection officer.',
        },
      ],
      claims: ['C31'],
    },
    {
      id: ACTIVITY.takedowns,
      title: { de: 'Anträge, ein Bild zu entfernen', en: 'Requests to take a picture down' },
      purpose: {
        de: 'Wir entfernen das Bild, das Sie nennen, oder machen Sie darauf unkenntlich, und schreiben Ihnen, wenn Sie eine E-Mail-Adresse angegeben haben.',
        en: 'We take down the picture you name or make you unrecognisable in it, and write to you if you gave an e-mail address.',
      },
      legalBasis: ['c-legal-obligation'],
      legalBasisNote: {
        de: 'Art. 17 und 21 DSGVO, §§ 22, 23 Abs. 2 KUG.',
        en: 'Art. 17 and 21 GDPR, §§ 22, 23(2) KUG.',
      },
      dataSubjects: { de: 'Personen, die einen Antrag stellen', en: 'People who make a request' },
      dataCategories: [
        { de: 'das genannte Bild und Ihr Wunsch', en: 'the picture named and your wish' },
        {
          de: 'freiwillig: Name, E-Mail-Adresse, wo Sie auf dem Bild sind',
          en: 'optionally: name, e-mail address, where you are in the picture',
        },
      ],
      personalColumns: [
        'media_takedowns.picture',
        'media_takedowns.details',
        'media_takedowns.name',
        'media_takedowns.email',
        'media_takedowns.handled_by',
      ],
      recipients: editors,
      source: { de: 'Sie selbst, mit dem Formular', en: 'you, with the form' },
      retention: [
        {
          id: 'contact',
          table: 'media_takedowns',
          start: 'handled_at',
          startEvent: { de: 'der Erledigung', en: 'the request was handled' },
          after: { days: 30 },
          action: {
            kind: 'anonymise',
            set: { picture: '–', details: null, name: null, email: null, handled_by: null },
            marker: 'anonymised_at',
          },
          claims: ['C32'],
        },
        {
          // What was asked and done, without who asked: proof that we acted.
          id: 'proof',
          table: 'media_takedowns',
          start: 'handled_at',
          startEvent: { de: 'der Erledigung', en: 'the request was handled' },
          after: { years: 3 },
          action: { kind: 'delete' },
          claims: ['C32'],
        },
      ],
      claims: ['C32'],
    },
  ],
  personalTables: {
    media_items: {
      nonPersonal: ['id', 'basis', 'people', 'published', 'unpublished_at', 'unpublished_reason', 'altered_at', 'created_at'],
    },
    media_consents: { nonPersonal: ['id', 'item_id', 'scope_web', 'scope_print', 'scope_gallery', 'method', 'created_at'] },
    media_takedowns: {
      nonPersonal: ['id', 'reference', 'item_id', 'wish', 'locale', 'created_at', 'handled_at', 'outcome', 'anonymised_at'],
    },
  },
  subjects: mediaSubjects,
};
