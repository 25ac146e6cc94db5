import type { Config } from '../config/index.ts';
import type { ModulePrivacy } from '../privacy/index.ts';

export const LETTERS_ACTIVITY = 'letters.print-room';

/**
 * Letters waiting for the print room, and printed ones for a while (a jammed or lost run is
 * printed again). The print room is run by customer service, who send most letters anyway;
 * administrators get no access, since running the system needs no reading of letters. Letters
 * that must stay with one person (the officers' answers) are never queued here.
 */
export function lettersPrivacy(config: Config): ModulePrivacy {
  return {
    activities: [
      {
        id: LETTERS_ACTIVITY,
        title: { de: 'Briefe', en: 'Letters' },
        purpose: {
          de: 'Briefe, die wir Ihnen im Rahmen einer der hier beschriebenen Verarbeitungen schicken (etwa eine schriftliche Antwort), erzeugen wir als PDF und drucken sie einmal täglich gesammelt aus, um sie per Post zu versenden.',
          en: 'Letters we send you within one of the processing activities described here (such as a written answer) are made as PDF and printed together once a day, to be sent by post.',
        },
        legalBasis: ['f-legitimate-interests'],
        legalBasisNote: {
          de: 'Ob wir Ihnen überhaupt schreiben, richtet sich nach der Rechtsgrundlage der jeweiligen Verarbeitung; für den gesammelten Druck und den Nachdruck verlorener Briefe stützen wir uns auf unser berechtigtes Interesse.',
          en: 'Whether we write to you at all follows the legal basis of the processing concerned; for printing together and reprinting lost letters we rely on our legitimate interest.',
        },
        dataSubjects: { de: 'Empfängerinnen und Empfänger unserer Briefe', en: 'Recipients of our letters' },
        dataCategories: [
          { de: 'Name und Anschrift', en: 'name and address' },
          { de: 'Inhalt und Aktenzeichen des Briefs', en: 'content and reference of the letter' },
        ],
        personalColumns: ['letters.recipient_name', 'letters.pdf', 'letters.reference'],
        recipients: { roles: ['customer-service'] },
        source: { de: 'die Verarbeitung, die den Brief auslöst', en: 'the processing that causes the letter' },
        retention: [
          {
            id: 'printed',
            table: 'letters',
            start: 'printed_at',
            startEvent: { de: 'dem Druck', en: 'it was printed' },
            after: { days: config.LETTER_RETENTION_DAYS },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
    ],
    personalTables: {
      letters: { nonPersonal: ['id', 'created_at', 'day', 'kind', 'activity', 'pages', 'printed_at', 'keep_after_print'] },
    },
  };
}
