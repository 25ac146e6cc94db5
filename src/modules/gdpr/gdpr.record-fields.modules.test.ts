import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../core/config/index.ts';
import { privacyOf } from '../../core/privacy/index.ts';
import { modules } from '../../modules.ts';

const config = loadConfig({});

/**
 * Each module that answers data-subject requests says how its records' keys read in the letter;
 * without labels its keys would reach a German letter as English words made from the key name.
 * Which keys a found record carries, gdpr.letter.int.test.ts checks on real records.
 */
describe('the modules of the installation label their record fields', () => {
  const answering = modules.flatMap((mod) => {
    const subjects = privacyOf(mod, config)?.subjects;
    return subjects ? [{ name: mod.name, fields: subjects.fields }] : [];
  });

  test('[C04] every module with subject hooks gives field labels', () => {
    expect(answering.filter((m) => !m.fields || !Object.keys(m.fields).length).map((m) => m.name)).toEqual([]);
    expect(answering.map((m) => m.name)).toEqual(
      expect.arrayContaining(['auth', 'portal', 'sms', 'contact', 'solar', 'contest', 'careers', 'newsletter', 'media', 'sponsoring']),
    );
  });

  test('[C04] every label and every value is said in German and in English, and not as its key', () => {
    for (const { name, fields } of answering)
      for (const [key, field] of Object.entries(fields ?? {})) {
        for (const words of [field.label, ...Object.values(field.values ?? {})]) {
          expect(words.de.trim(), `${name}.${key}`).not.toBe('');
          expect(words.en.trim(), `${name}.${key}`).not.toBe('');
        }
        expect(field.label.de, `${name}.${key}`).not.toBe(key);
      }
  });
});
