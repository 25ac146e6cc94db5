import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { DAY_MS } from '../clock.ts';
import { eraseSubject, findSubject, runRetention } from '../privacy/index.ts';
import { deliverDueMail } from './mail.deliver.ts';
import { enqueueMail, type OutgoingMail } from './mail.outbox.ts';
import { MAIL_ACTIVITY } from './mail.privacy.ts';
import type { MailTables } from './mail.tables.ts';

let smtp: TestSmtpServer;
let t: TestContext;
const db = () => t.db as unknown as Kysely<MailTables>;
const attachmentRows = () =>
  db().selectFrom('mail_attachments').select(['mail_id', 'position', 'filename']).orderBy('mail_id').orderBy('position').execute();

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

/** The leaf parts of a MIME message (multiparts opened recursively), headers unfolded. */
function leafParts(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary || !/^multipart\//i.test(headers.get('content-type') ?? '')) return [{ headers, body }];
  const inner = body.split(`--${boundary}`).slice(1, -1);
  return inner.flatMap((part) => leafParts(part.replace(/^\r\n/, '')));
}

/** A parameter of a header value, plain or RFC 2231-encoded (`name*0*=utf-8''…`, continued). */
function param(value: string, name: string): string | undefined {
  const plain = new RegExp(`(?:^|;)\\s*${name}="?([^";]*)"?`, 'i').exec(value)?.[1];
  if (plain !== undefined) return plain;
  const pieces = [...value.matchAll(new RegExp(`${name}\\*(\\d+)?\\*?="?([^";]*)"?`, 'gi'))].sort(
    (a, b) => Number(a[1] ?? 0) - Number(b[1] ?? 0),
  );
  if (pieces.length === 0) return undefined;
  return decodeURIComponent(
    pieces
      .map((p) => p[2])
      .join('')
      .replace(/^utf-8''/i, ''),
  );
}

async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Solarpotenzial Holzstraße 2', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setCreationDate(new Date('2026-06-15T10:00:00Z'));
  return doc.save();
}

function message(extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: 'erika@example.org',
    subject: 'Ihre Auswertung',
    text: 'Die Auswertung liegt bei.',
    activity: 'test.mail',
    reference: 'SOL-1',
    ...extra,
  };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ env: { SMTP_URL: smtp.url, MAIL_RETENTION_DAYS: '30' } });
});
afterAll(async () => {
  await smtp?.stop();
  await t?.database.close();
});
beforeEach(async () => {
  smtp.received.splice(0);
  await sql`delete from mail_outbox`.execute(t.db);
  t.clock.set('2026-06-15T10:00:00Z');
});

describe('mail with attachments', () => {
  test('a PDF and a text file arrive as attachments, byte for byte, with their names and types', async () => {
    const pdf = await samplePdf();
    const id = await t.db.transaction().execute((trx) =>
      enqueueMail(
        trx,
        t,
        message({
          attachments: [
            { filename: 'auswertung-SOL-1.pdf', contentType: 'application/pdf', content: pdf },
            { filename: 'Übersicht März.txt', contentType: 'text/plain', content: new TextEncoder().encode('Jan 10\nFeb 20\n') },
          ],
        }),
      ),
    );
    expect(await attachmentRows()).toEqual([
      { mail_id: id, position: 0, filename: 'auswertung-SOL-1.pdf' },
      { mail_id: id, position: 1, filename: 'Übersicht März.txt' },
    ]);
    expect(await deliverDueMail(t)).toEqual({ sent: 1, deferred: 0, failed: 0 });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.header('content-type')).toMatch(/^multipart\/mixed/);
    const parts = leafParts(mail?.raw ?? '');
    expect(parts).toHaveLength(3);
    expect(Buffer.from((parts[0]?.body ?? '').replace(/=\r\n/g, ''), 'latin1').toString()).toContain('Die Auswertung liegt bei.');

    const [pdfPart, textPart] = parts.slice(1) as [MimePart, MimePart];
    expect(pdfPart.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(pdfPart.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(param(pdfPart.headers.get('content-disposition') ?? '', 'filename')).toBe('auswertung-SOL-1.pdf');
    expect(pdfPart.headers.get('content-transfer-encoding')).toBe('base64');
    const received = new Uint8Array(Buffer.from(pdfPart.body.replace(/\s+/g, ''), 'base64'));
    expect(Buffer.compare(received, pdf)).toBe(0);
    expect((await PDFDocument.load(received)).getPageCount()).toBe(1);

    expect(textPart.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(param(textPart.headers.get('content-disposition') ?? '', 'filename')).toBe('Übersicht März.txt');
  });

  test('a rolled-back transaction leaves no attachment; a mail without attachments stays a plain message', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(
          trx,
          t,
          message({ attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: await samplePdf() }] }),
        );
        throw new Error('request failed');
      }),
    ).rejects.toThrow('request failed');
    expect(await attachmentRows()).toEqual([]);
    await enqueueMail(t.db, t, message());
    await deliverDueMail(t);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.header('content-type')).toMatch(/^text\/plain/);
  });

  test('attachments go with their mail: after the retention period, and on erasure; a data-subject search names them', async () => {
    const pdf = await samplePdf();
    const sent = await enqueueMail(
      t.db,
      t,
      message({ to: 'alt@example.org', attachments: [{ filename: 'alt.pdf', contentType: 'application/pdf', content: pdf }] }),
    );
    await deliverDueMail(t);
    const waiting = await enqueueMail(
      t.db,
      t,
      message({ to: 'Neu@Example.org', attachments: [{ filename: 'neu.pdf', contentType: 'application/pdf', content: pdf }] }),
    );
    await db()
      .updateTable('mail_outbox')
      .set({ next_attempt_at: new Date('2027-01-01T00:00:00Z') })
      .where('id', '=', waiting)
      .execute();

    t.clock.advance(31 * DAY_MS);
    const report = await runRetention(t, { trigger: 'test', activity: MAIL_ACTIVITY });
    expect(report.rules.find((r) => r.rule === 'sent')?.affected).toBe(1);
    expect((await attachmentRows()).map((r) => r.mail_id)).toEqual([waiting]);
    expect(await db().selectFrom('mail_outbox').select('id').where('id', '=', sent).execute()).toEqual([]);

    const found = (await findSubject(t, { email: 'neu@example.org' })).filter((r) => r.activity === MAIL_ACTIVITY);
    expect(found.map((r) => r.recordId)).toEqual([waiting]);
    expect(found[0]?.data.attachments).toEqual(['neu.pdf']);
    expect(await eraseSubject(t, found)).toEqual([
      { activity: MAIL_ACTIVITY, table: 'mail_outbox', recordId: waiting, outcome: 'deleted' },
    ]);
    expect(await attachmentRows()).toEqual([]);
  });

  test('without SMTP_URL the .eml file carries the attachment too', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-mail-'));
    const ctx = { ...t, config: { ...t.config, SMTP_URL: undefined, dataDir } };
    const pdf = await samplePdf();
    await enqueueMail(t.db, t, message({ attachments: [{ filename: 'auswertung.pdf', contentType: 'application/pdf', content: pdf }] }));
    expect(await deliverDueMail(ctx)).toEqual({ sent: 1, deferred: 0, failed: 0 });
    const [file] = readdirSync(path.join(dataDir, 'mail'));
    const parts = leafParts(readFileSync(path.join(dataDir, 'mail', file as string), 'latin1'));
    const attached = parts.find((p) => param(p.headers.get('content-disposition') ?? '', 'filename') === 'auswertung.pdf');
    expect(Buffer.compare(Buffer.from(attached?.body.replace(/\s+/g, '') ?? '', 'base64'), pdf)).toBe(0);
  });
});
