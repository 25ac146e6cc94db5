import { describe, expect, test } from 'vitest';
import { auditReasonText } from './gdpr.audit-reasons.ts';

describe('access-log reasons in words', () => {
  test('codes, alone or before a note, in German and English', () => {
    expect(auditReasonText('proof: Widerspruch anhängig', 'de')).toBe('Nachweisbarkeit: Widerspruch anhängig');
    expect(auditReasonText('restriction: Richtigkeit bestritten', 'en')).toBe(
      'Restriction of processing (Art. 18 GDPR): Richtigkeit bestritten',
    );
    expect(auditReasonText('subscriber-list', 'de')).toBe('Abonnentenliste des Newsletters (CSV) für den Versand');
    expect(auditReasonText('ropa', 'en')).toBe('Record of processing activities (Art. 30 GDPR)');
    expect(auditReasonText(null, 'de')).toBe('');
  });

  test('sentences written before the codes get the same words, their details formatted for the reader', () => {
    expect(auditReasonText('restriction (Art. 18 GDPR): DS-2026-ABC: bestritten', 'de')).toBe(
      'Einschränkung der Verarbeitung (Art. 18 DSGVO): DS-2026-ABC: bestritten',
    );
    expect(auditReasonText('restriction lifted: geklärt', 'de')).toBe('Einschränkung aufgehoben: geklärt');
    expect(auditReasonText('picture removed on a depicted person’s request (C32)', 'de')).toBe(
      'Bild auf Wunsch einer abgebildeten Person entfernt',
    );
    expect(auditReasonText('Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)', 'en')).toBe(
      'Record of processing activities (Art. 30 GDPR)',
    );
    expect(auditReasonText('pixelate: 1,2,3,4; 5,6,7,8 (C32)', 'de')).toBe('Bereiche unkenntlich gemacht (verpixelt): 2');
    expect(auditReasonText('case 12 Js 3/26: SMS abuse record of customer 7001234, 2026-11-01 to 2026-11-30', 'en')).toBe(
      'Abuse record of the free SMS for customer number 7001234, 1 Nov 2026 to 30 Nov 2026, case 12 Js 3/26',
    );
    expect(auditReasonText('rectification DS-2026-ABC: changed fields name, phone', 'de')).toBe(
      'Berichtigung zur Anfrage DS-2026-ABC: 2 Angaben geändert',
    );
    expect(auditReasonText('officer role approved (0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f, requested by x)', 'de')).toBe(
      'Beauftragtenrolle bestätigt (vier Augen)',
    );
    expect(auditReasonText('Druck der Briefe vom 2026-06-15 (letters print)', 'en')).toBe('Print run of the letters of 15 Jun 2026');
    expect(auditReasonText('Nachdruck der Briefe vom 15.06.2026', 'de')).toBe('Nachdruck der Briefe vom 15.06.2026');
  });

  test('anything else is a note a member of staff typed: quoted and labelled as such', () => {
    expect(auditReasonText('Antwort an die Person', 'de')).toBe('Vermerk: „Antwort an die Person“');
    expect(auditReasonText('Antwort an die Person', 'en')).toBe('Note: “Antwort an die Person”');
    // A note that happens to start like a code is not taken for one without the separator.
    expect(auditReasonText('proofread by HR', 'en')).toBe('Note: “proofread by HR”');
  });
});
