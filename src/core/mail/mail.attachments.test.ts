import { describe, expect, test } from 'vitest';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, outgoingMailSchema } from './mail.outbox.ts';

const valid = { to: 'erika@example.org', subject: 'Ihre Auswertung', text: 'Im Anhang.', activity: 'solar.report-requests' };
const pdf = { filename: 'auswertung-SOL-2026-ABCD.pdf', contentType: 'application/pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]) };

describe('mail attachments', () => {
  test('bytes with a plain file name and a media type pass; a Buffer is bytes too', () => {
    const parsed = outgoingMailSchema.parse({
      ...valid,
      attachments: [pdf, { filename: 'Übersicht März.txt', contentType: 'text/plain', content: Buffer.from('Hallo') }],
    });
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['auswertung-SOL-2026-ABCD.pdf', 'Übersicht März.txt']);
    expect(outgoingMailSchema.parse(valid).attachments).toEqual([]);
  });

  test('paths, invisible characters, empty or non-byte content, odd media types and too much are refused', () => {
    const bad = [
      { ...pdf, filename: '../../etc/passwd' },
      { ...pdf, filename: 'C:\\Windows\\win.ini' },
      { ...pdf, filename: '.hidden.pdf' },
      { ...pdf, filename: 'a\r\nContent-Type: text/html.pdf' },
      { ...pdf, filename: 'rechnung\u202Efdp.exe' },
      { ...pdf, filename: '' },
      { ...pdf, filename: 'x'.repeat(201) },
      { ...pdf, content: new Uint8Array(0) },
      { ...pdf, content: 'JVBERi0xLjc=' },
      { ...pdf, content: { path: '/etc/passwd' } },
      { ...pdf, contentType: 'application/pdf; name=x' },
      { ...pdf, contentType: 'pdf' },
      { ...pdf, contentType: 'text/html\r\nBcc: all@example.org' },
    ];
    for (const attachment of bad)
      expect(outgoingMailSchema.safeParse({ ...valid, attachments: [attachment] }).success, JSON.stringify(attachment.filename)).toBe(
        false,
      );
    const many = Array.from({ length: MAX_ATTACHMENTS + 1 }, () => pdf);
    expect(outgoingMailSchema.safeParse({ ...valid, attachments: many }).success).toBe(false);
    const half = { ...pdf, content: new Uint8Array(MAX_ATTACHMENT_BYTES / 2 + 1) };
    expect(outgoingMailSchema.safeParse({ ...valid, attachments: [half] }).success).toBe(true);
    expect(outgoingMailSchema.safeParse({ ...valid, attachments: [half, half] }).success).toBe(false);
  });
});
