import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  test('defaults give a working demo with the embedded database', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RUN_JOBS).toBe(true);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.organisation.shortName).toBe('Stadtwerke Musterstadt');
  });

  test('the free SMS reaches Germany by default; SMS_COUNTRIES names others, and a bad code is refused', () => {
    expect(loadConfig({}).SMS_COUNTRIES).toEqual(['DE']);
    expect(loadConfig({ SMS_COUNTRIES: 'de, at' }).SMS_COUNTRIES).toEqual(['DE', 'AT']);
    expect(() => loadConfig({ SMS_COUNTRIES: 'Germany' })).toThrow(/SMS_COUNTRIES/);
  });

  test('a bad configuration lists every bad key, not just the first', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe?', TLS_CERT_FILE: '/x.pem' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = error?.problems.map((p) => p.split(':')[0]);
    expect(keys).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'TRUST_PROXY', 'TLS_CERT_FILE/TLS_KEY_FILE']));
  });

  test('production refuses to start without TLS or a TLS-terminating proxy', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://example.org' })).toThrow(/TRUST_PROXY[\s\S]*PUBLIC_URL/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://example.org',
      TRUST_PROXY: '1',
      SMTP_URL: 'smtp://mail.example.org',
      SECRET_KEY: 'x'.repeat(40),
    });
    expect(ok.TRUST_PROXY).toBe(1);
    expect(ok.isProduction).toBe(true);
  });

  test('uploads: the files stay in the data folder by default; a default per file above the ceiling is refused', () => {
    const config = loadConfig({ DATA_DIR: '/srv/stadtwerk' });
    expect([config.UPLOAD_STORE, config.uploadDir]).toEqual(['disk', '/srv/stadtwerk/files']);
    expect(() => loadConfig({ UPLOAD_DEFAULT_MAX_FILE_BYTES: '2000000', UPLOAD_MAX_FILE_BYTES: '1000000' })).toThrow(
      /UPLOAD_DEFAULT_MAX_FILE_BYTES: must not exceed UPLOAD_MAX_FILE_BYTES/,
    );
    expect(() => loadConfig({ UPLOAD_STORE: 's3' })).toThrow(/UPLOAD_STORE/);
  });

  test('TRUST_PROXY accepts booleans, hop counts and address lists', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  test('an organisation file that does not fit the schema names the bad fields', () => {
    expect(() => loadConfig({ ORGANISATION_FILE: '/nonexistent/org.json' })).toThrow(/ORGANISATION_FILE/);
  });
});
