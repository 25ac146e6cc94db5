import { describe, expect, test } from 'vitest';
import { demoOrganisation } from '../../core/config/index.ts';
import { validateForm } from '../../core/http/index.ts';
import { contactMessages } from './contact.messages.ts';
import { formatPhone, normalisePhone } from './contact.phone.ts';
import { callbackSchema, generalSchema, officerSchema } from './contact.schema.ts';
import { labelsOf } from './contact.views.tsx';

describe('phone numbers', () => {
  test('German numbers by default, in any usual notation, become E.164; foreign ones need their code', () => {
    for (const typed of ['0211 1234567', '0211/123 45-67', '(0211) 1234567', '+49 211 1234567', '0049 211 1234567', '+49 (0)211 1234567']) {
      expect(normalisePhone(typed), typed).toBe('+492111234567');
    }
    expect(normalisePhone('0171 1234567')).toBe('+491711234567');
    expect(normalisePhone('+33 1 23 45 67 89')).toBe('+33123456789');
    for (const bad of [
      '',
      '12',
      '0211 12',
      'abc',
      '+49 999 1',
      '0000000000',
      '0211 1234567 bitte abends',
      'Tel. 0211 1234567',
      '0211 1234567 x 12',
      '0211 1234567\u0000',
    ]) {
      expect(normalisePhone(bad), bad).toBeNull();
    }
  });

  test('shown as dialled at home for German numbers, internationally for others', () => {
    expect(formatPhone('+492111234567')).toBe('0211 1234567');
    expect(formatPhone('+33123456789')).toBe('+33 1 23 45 67 89');
  });
});

describe('form schemas', () => {
  const opts = (kind: 'general' | 'callback' | 'dpo', locale: 'de' | 'en' = 'de') => ({
    locale,
    labels: labelsOf(kind, locale),
    messages: contactMessages,
  });

  test('[C13] the general form: salutation, name, e-mail, topic and concern required; e-mail lower-cased, optional fields null', () => {
    const schema = generalSchema(demoOrganisation);
    const ok = validateForm(
      schema,
      { salutation: 'mr', name: 'Max', email: 'Max@Example.ORG', topic: 'grid', concern: 'Frage', phone: '', customerNumber: '' },
      opts('general'),
    );
    expect(ok).toMatchObject({ ok: true, data: { email: 'max@example.org', phone: null, customerNumber: null, topic: 'grid' } });
    const bad = validateForm(schema, { topic: 'water', salutation: 'sir' }, opts('general'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['concern', 'email', 'name', 'salutation', 'topic']);
    if (!bad.ok) expect(bad.errors.topic).toBe('Bitte wählen Sie eine der angebotenen Möglichkeiten für „Thema“.');
  });

  test('[C20] the officers’ forms: salutation, name, a valid e-mail and the concern', () => {
    const res = validateForm(officerSchema, { salutation: 'none', name: ' ', email: 'a@b', concern: '' }, opts('dpo', 'en'));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors.email).toBe('Please enter a valid e-mail address, e.g. name@example.com.');
      expect(res.errors.concern).toBe('Please fill in “Your concern”.');
    }
  });

  test('[C17] the callback form: name, phone and a preferred day and time; the number in E.164', () => {
    const ok = validateForm(callbackSchema, { name: 'Lena', phone: '030 123456', day: '2026-06-03', slot: '09:00' }, opts('callback'));
    expect(ok).toMatchObject({ ok: true, data: { phone: '+4930123456', subject: null } });
    const bad = validateForm(callbackSchema, { name: 'Lena', phone: '030', day: 'morgen', slot: '9 Uhr' }, opts('callback'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.phone).toBe('Bitte geben Sie eine gültige Telefonnummer an, z. B. 0211 1234567 oder +49 211 1234567.');
      expect(Object.keys(bad.errors).sort()).toEqual(['day', 'phone', 'slot']);
    }
  });
});
