import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config/index.ts';
import { outgoingMailSchema } from './mail.outbox.ts';
import { senderAddress } from './mail.sender.ts';

const valid = { to: 'erika@example.org', subject: 'Ihre Anfrage', text: 'Hallo', activity: 'contact.requests' };

describe('outgoing mail', () => {
  test('a well-formed message with one-click unsubscribe headers passes', () => {
    const parsed = outgoingMailSchema.parse({
      ...valid,
      headers: { 'List-Unsubscribe': '<https://example.org/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    expect(parsed.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  test('header injection and forged fields are refused', () => {
    const bad = [
      { ...valid, subject: 'Hallo\r\nBcc: all@example.org' },
      { ...valid, headers: { 'X-Note': 'a\nBcc: all@example.org' } },
      { ...valid, headers: { 'Bad Name': 'x' } },
      { ...valid, headers: { from: 'ceo@example.org' } },
      { ...valid, headers: { 'Message-ID': '<x@y>' } },
      { ...valid, to: 'erika@example.org\r\nBcc: all@example.org' },
      { ...valid, to: 'not an address' },
      { ...valid, activity: '' },
      { ...valid, text: 'NUL \u0000 cannot be stored' },
    ];
    for (const message of bad) expect(outgoingMailSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });
});

/** The keys a configuration is refused for (other production requirements may join them). */
function badKeys(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => p.split(':')[0] ?? '');
  }
}

describe('mail configuration', () => {
  test('the sender defaults to noreply at the organisation domain, MAIL_FROM overrides it', () => {
    expect(senderAddress(loadConfig({}))).toBe('noreply@stadtwerke-musterstadt.example');
    expect(senderAddress(loadConfig({ MAIL_FROM: 'post@example.org' }))).toBe('post@example.org');
    expect(loadConfig({}).MAIL_MAX_ATTEMPTS).toBe(10);
  });

  test('production without an SMTP server, or with a URL of another scheme, is a configuration error', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://example.org', TRUST_PROXY: '1' };
    expect(badKeys(production)).toContain('SMTP_URL');
    expect(badKeys({ ...production, SMTP_URL: 'smtps://user:pw@mail.example.org:465' })).not.toContain('SMTP_URL');
    expect(badKeys({ SMTP_URL: 'http://mail.example.org' })).toEqual(['SMTP_URL']);
    expect(badKeys({ MAIL_MAX_ATTEMPTS: '0' })).toEqual(['MAIL_MAX_ATTEMPTS']);
    expect(badKeys({ MAIL_FROM: 'noreply' })).toEqual(['MAIL_FROM']);
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
  });
});
