import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { newsletterJobs } from './newsletter.jobs.ts';
import { sendCampaign, startCampaign } from './newsletter.send.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { addCampaign, addSubscribers } from './newsletter.testing.ts';

let smtp: TestSmtpServer;
let t: TestApp;
let maildir: string;
const db = () => t.database.db.withTables<NewsletterTables>();

beforeAll(async () => {
  maildir = mkdtempSync(path.join(os.tmpdir(), 'bounces-'));
  for (const sub of ['tmp', 'new', 'cur']) mkdirSync(path.join(maildir, sub));
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '100000', NEWSLETTER_BOUNCE_MAILDIR: maildir } });
  t.clock.set('2026-06-02T10:00:00Z');
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
  rmSync(maildir, { recursive: true, force: true });
});

let delivered = 0;
/** Delivers a mail the way an MTA does: written to `tmp/`, then renamed into `new/`. */
function deliver(lines: string[]) {
  const name = `${1_780_000_000 + delivered++}.M1P1.mx.stadtwerk.example`;
  writeFileSync(path.join(maildir, 'tmp', name), lines.join('\r\n'));
  renameSync(path.join(maildir, 'tmp', name), path.join(maildir, 'new', name));
}

/** A delivery status notification (RFC 3464) as Postfix writes it, returning our mail or its headers. */
function dsn(o: { to: string; messageId: string; action: string; status: string; headersOnly?: boolean }): string[] {
  const original = ['From: Stadtwerk <newsletter@stadtwerk.example>', `To: ${o.to}`, `Message-ID: ${o.messageId}`, 'Subject: Neuigkeiten'];
  return [
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'To: newsletter@stadtwerk.example',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN-1"',
    '',
    '--DSN-1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.net. I am sorry to have to inform you ...',
    '',
    '--DSN-1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    'X-Postfix-Queue-ID: 4F1A2B3C',
    'Arrival-Date: Tue,  2 Jun 2026 12:00:01 +0200 (CEST)',
    '',
    `Final-Recipient: rfc822; ${o.to}`,
    `Original-Recipient: rfc822;${o.to}`,
    `Action: ${o.action}`,
    `Status: ${o.status}`,
    'Remote-MTA: dns; mail.example.org',
    `Diagnostic-Code: smtp; ${o.status.startsWith('5') ? '550' : '452'} ${o.status} <${o.to}>:`,
    '    Recipient address rejected',
    '',
    '--DSN-1',
    `Content-Type: ${o.headersOnly ? 'text/rfc822-headers' : 'message/rfc822'}`,
    '',
    ...original,
    ...(o.headersOnly ? [] : ['', 'Hallo, hier sind die Neuigkeiten.']),
    '--DSN-1--',
    '',
  ];
}

/** An abuse report (ARF, RFC 5965) as a mailbox provider sends it when a reader clicks "spam". */
function arf(o: { to: string; messageId: string; feedbackType?: string }): string[] {
  return [
    'From: abuse@mailbox.example',
    'To: newsletter@stadtwerk.example',
    'Subject: FW: Neuigkeiten',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="ARF-1"',
    '',
    '--ARF-1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    '--ARF-1',
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${o.feedbackType ?? 'abuse'}`,
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${o.to}`,
    '',
    '--ARF-1',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: newsletter@stadtwerk.example',
    `To: ${o.to}`,
    `Message-ID: ${o.messageId}`,
    'Subject: Neuigkeiten',
    '',
    'Hallo.',
    '--ARF-1--',
    '',
  ];
}

const readMailbox = () => (newsletterJobs.find((j) => j.name === 'newsletter.bounces') as (typeof newsletterJobs)[number]).run(t.ctx, {});

test('DSN mails and abuse reports from the bounce mailbox: hard bounces and complaints stop sending, soft bounces send again, forgeries and other mail change nothing', async () => {
  const people = [
    'gone@example.org',
    'full@example.org',
    'later@example.org',
    'angry@example.org',
    'stays@example.org',
    'likes@example.org',
  ];
  await addSubscribers(t.database.db, people);
  const campaign = await addCampaign(t.database.db, { markdown: 'Neuigkeiten aus dem Stadtwerk' });
  await startCampaign(t.ctx, campaign);
  await sendCampaign(t.ctx, campaign);
  expect(smtp.received).toHaveLength(people.length);
  const sends = await db().selectFrom('newsletter_sends').select(['email', 'message_id']).execute();
  const id = (email: string) => sends.find((s) => s.email === email)?.message_id as string;

  deliver(dsn({ to: 'gone@example.org', messageId: id('gone@example.org'), action: 'failed', status: '5.1.1' }));
  deliver(dsn({ to: 'full@example.org', messageId: id('full@example.org'), action: 'failed', status: '4.2.2', headersOnly: true }));
  deliver(dsn({ to: 'later@example.org', messageId: id('later@example.org'), action: 'delayed', status: '4.4.1' }));
  deliver(arf({ to: 'angry@example.org', messageId: id('angry@example.org') }));
  // "Not spam" is no complaint; a relayed message no bounce.
  deliver(arf({ to: 'likes@example.org', messageId: id('likes@example.org'), feedbackType: 'not-spam' }));
  deliver(dsn({ to: 'likes@example.org', messageId: id('likes@example.org'), action: 'relayed', status: '2.0.0' }));
  // A forgery: a real subscriber's address, but no mail of ours.
  deliver(dsn({ to: 'stays@example.org', messageId: '<nl.forged@stadtwerk.example>', action: 'failed', status: '5.1.1' }));
  // An auto-reply is no report.
  deliver([
    'From: stays@example.org',
    'To: newsletter@stadtwerk.example',
    'Subject: Abwesenheitsnotiz',
    'Auto-Submitted: auto-replied',
    '',
    'Ich bin bis zum 15. Juni nicht im Büro.',
  ]);

  expect(await readMailbox()).toEqual({ mails: 8, removed: 2, retried: 2, unknown: 1, other: 3 });
  const left = await db().selectFrom('newsletter_subscribers').select('email').orderBy('email').execute();
  expect(left.map((s) => s.email)).toEqual(['full@example.org', 'later@example.org', 'likes@example.org', 'stays@example.org']);
  const withdrawals = await db().selectFrom('newsletter_withdrawals').select('channel').orderBy('channel').execute();
  expect(withdrawals.map((w) => w.channel)).toEqual(['complaint', 'hard-bounce']);
  // Reports acted on are gone (they name an address); the other mail waits for the postmaster in cur/.
  expect(readdirSync(path.join(maildir, 'new'))).toEqual([]);
  expect(readdirSync(path.join(maildir, 'cur'))).toHaveLength(3);

  // The soft bounces are sent again, with their own Message-IDs, to them only.
  smtp.received.splice(0);
  t.clock.advance(24 * 3_600_000);
  await sendCampaign(t.ctx, campaign);
  expect(smtp.received.map((m) => [m.to[0], m.header('message-id')]).sort()).toEqual([
    ['full@example.org', id('full@example.org')],
    ['later@example.org', id('later@example.org')],
  ]);

  // Read again: nothing new, nothing changes.
  expect(await readMailbox()).toEqual({ mails: 0, removed: 0, retried: 0, unknown: 0, other: 0 });
});
