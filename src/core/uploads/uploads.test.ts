import { describe, expect, test } from 'vitest';
import { testConfig } from '../../../tests/support/test-server.ts';
import { bodyLimitOf, defineUploadPolicy, effectiveField, FIELDS_ALLOWANCE_BYTES } from './uploads.policy.ts';
import { cleanFileName } from './uploads.receive.ts';
import { contentDisposition, downloadName } from './uploads.serve.ts';

describe('upload policies', () => {
  const config = testConfig({ UPLOAD_DEFAULT_MAX_FILE_BYTES: '2048', UPLOAD_MAX_FILE_BYTES: '4096', UPLOAD_MAX_FILES: '3' });

  test('a policy gets the configured defaults and never passes the ceilings', () => {
    expect(effectiveField(config, { accept: ['pdf'] })).toMatchObject({ maxBytes: 2048, maxFiles: 1, mediaTypes: ['application/pdf'] });
    expect(effectiveField(config, { accept: ['image'], maxBytes: 1_000_000, maxFiles: 50 })).toMatchObject({ maxBytes: 4096, maxFiles: 3 });
  });

  test('the body limit of a form follows from its policy', () => {
    const policy = defineUploadPolicy({
      activity: 'x.y',
      purpose: 'p',
      fields: { a: { accept: ['pdf'], maxFiles: 2 }, b: { accept: ['image'] } },
    });
    expect(bodyLimitOf(config, policy)).toBe(FIELDS_ALLOWANCE_BYTES + 2 * (2048 + 1024) + (2048 + 1024));
  });

  test('a variant cannot take the name of the original', () => {
    expect(() =>
      defineUploadPolicy({
        activity: 'x.y',
        purpose: 'p',
        fields: { a: { accept: ['image'], variants: [{ name: 'original', maxEdge: 10 }] } },
      }),
    ).toThrow(/bad variant name/);
  });
});

describe('file names', () => {
  test('a sent name loses its path and control characters', () => {
    expect(cleanFileName('C:\\Users\\erika\\Befund Müller.pdf')).toBe('Befund Müller.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u001b.pdf')).toBe('ab.pdf');
    expect(cleanFileName('')).toBe('datei');
  });

  test('downloads carry the served type in the name and an ASCII fallback beside the UTF-8 name', () => {
    expect(downloadName({ originalName: 'Urlaub.HEIC' }, { name: 'w640', mediaType: 'image/webp' })).toBe('Urlaub-w640.webp');
    expect(contentDisposition('attachment', 'Zeugnis "Müller"; 100%.pdf')).toBe(
      `attachment; filename="Zeugnis _Muller__ 100_.pdf"; filename*=UTF-8''Zeugnis%20%22M%C3%BCller%22%3B%20100%25.pdf`,
    );
  });
});
