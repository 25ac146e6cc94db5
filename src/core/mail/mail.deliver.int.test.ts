import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { DAY_MS } from '../clock.ts';
import { createDatabase } from '../db/index.ts';
import { deliverDueMail } from './mail.deliver.ts';
import { mailJobs } from './mail.jobs.ts';
import { enqueueMail, type OutgoingMail } from './mail.outbox.ts';
import { deleteSentMailOlderThan } from './mail.retention.ts';
import type { MailTables } from './mail.tables.ts';

const MINUTE = 60_000;

let smtp: TestSmtpServer;
let t: TestContext;
const db = () => t.db as unknown as Kysely<MailTables>;
const rows = () => db().selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('recipient').execute();

function message(n: number, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: `kunde${n}@example.org`,
    subject: `Nachricht ${n}`,
    text: `Text ${n}`,
    activity: 'test.mail',
    reference: `r-${n}`,
    ...extra,
  };
}

async function enqueue(...messages: OutgoingMail[]): Promise<string[]> {
  return t.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const m of messages) ids.push(await enqueueMail(trx, t, m));
    return ids;
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await smtp?.stop();
  await t?.database.close();
});
beforeEach(async () => {
  if (smtp.received.length > 0) smtp.received.splice(0);
  smtp.unknownMailboxes.clear();
  await sql`delete from mail_outbox`.execute(t.db);
  t.clock.set('2026-06-15T10:00:00Z');
});

describe('mail outbox', () => {
  test('a mail enqueued in a rolled-back transaction is never sent; a committed one is, with its headers', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, t, message(1));
        throw new Error('registration failed');
      }),
    ).rejects.toThrow('registration failed');

    const [id] = await enqueue(
      message(2, {
        subject: 'Bitte bestätigen Sie Ihre Anmeldung',
        html: '<p>Bitte bestätigen</p>',
        headers: {
          'List-Unsubscribe': '<https://www.stadtwerke-musterstadt.example/newsletter/abmelden/abc123>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }),
    );
    const job = mailJobs.find((j) => j.name === 'mail.deliver');
    expect(job?.cron).toBe('* * * * *');
    expect(await job?.run(t, {})).toEqual({ sent: 1, deferred: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    const [row] = await rows();
    expect(row).toMatchObject({
      id,
      status: 'sent',
      attempts: 1,
      recipient: 'kunde2@example.org',
      reference: 'r-2',
      activity: 'test.mail',
    });
    expect(row?.sent_at?.toISOString()).toBe('2026-06-15T10:00:00.000Z');
    expect(mail?.to).toEqual(['kunde2@example.org']);
    expect(mail?.from).toBe('noreply@stadtwerke-musterstadt.example');
    expect(mail?.header('from')).toContain('<noreply@stadtwerke-musterstadt.example>');
    expect(mail?.header('message-id')).toBe(row?.message_id);
    expect(row?.message_id).toBe(`<${id}@stadtwerke-musterstadt.example>`);
    expect(mail?.header('list-unsubscribe')).toBe('<https://www.stadtwerke-musterstadt.example/newsletter/abmelden/abc123>');
    expect(mail?.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail?.header('subject')).toMatch(/^=\?UTF-8\?/); // non-ASCII subject, MIME-encoded
    expect(mail?.header('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail?.raw).not.toContain('Nachricht 1');
  });

  test('while the server is down nothing is lost: attempts grow, back-off is kept, then each mail arrives exactly once', async () => {
    await enqueue(message(1), message(2), message(3));
    await smtp.stop();
    try {
      const expectedDelays = [1, 2, 4, 8];
      for (const [i, delay] of expectedDelays.entries()) {
        expect(await deliverDueMail(t)).toEqual({ sent: 0, deferred: 3, failed: 0 });
        const now = t.clock.now().getTime();
        for (const row of await rows()) {
          expect(row.status).toBe('pending');
          expect(row.attempts).toBe(i + 1);
          expect(row.last_error).toBeTruthy();
          expect(row.next_attempt_at.getTime()).toBe(now + delay * MINUTE);
        }
        // Not due before its time: a run a second early attempts nothing.
        t.clock.advance(delay * MINUTE - 1000);
        expect(await deliverDueMail(t)).toEqual({ sent: 0, deferred: 0, failed: 0 });
        expect((await rows()).map((r) => r.attempts)).toEqual([i + 1, i + 1, i + 1]);
        t.clock.advance(1000);
      }
    } finally {
      await smtp.restart();
    }
    expect(await deliverDueMail(t)).toEqual({ sent: 3, deferred: 0, failed: 0 });
    t.clock.advance(2 * 60 * MINUTE);
    expect(await deliverDueMail(t)).toEqual({ sent: 0, deferred: 0, failed: 0 });

    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['kunde1@example.org', 'kunde2@example.org', 'kunde3@example.org']);
    expect(new Set(smtp.received.map((m) => m.header('message-id'))).size).toBe(3);
    const after = await rows();
    expect(after.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 5],
      ['sent', 5],
      ['sent', 5],
    ]);
    expect(after.every((r) => r.last_error === null)).toBe(true);
  });

  test('after MAIL_MAX_ATTEMPTS failed attempts a mail is marked failed and never sent', async () => {
    const ctx = { ...t, config: { ...t.config, MAIL_MAX_ATTEMPTS: 3 } };
    await enqueue(message(1));
    await smtp.stop();
    try {
      for (const expected of [
        { deferred: 1, failed: 0 },
        { deferred: 1, failed: 0 },
        { deferred: 0, failed: 1 },
      ]) {
        expect(await deliverDueMail(ctx)).toEqual({ sent: 0, ...expected });
        t.clock.advance(60 * MINUTE);
      }
    } finally {
      await smtp.restart();
    }
    expect(await deliverDueMail(ctx)).toEqual({ sent: 0, deferred: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
  });

  test('a mailbox the server rejects for good fails at once; the other mail of the batch goes out', async () => {
    smtp.unknownMailboxes.add('kunde2@example.org');
    await enqueue(message(1), message(2), message(3));
    expect(await deliverDueMail(t)).toEqual({ sent: 2, deferred: 0, failed: 1 });
    const byRecipient = Object.fromEntries((await rows()).map((r) => [r.recipient, r]));
    expect(byRecipient['kunde2@example.org']).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byRecipient['kunde2@example.org']?.last_error).toContain('550');
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['kunde1@example.org', 'kunde3@example.org']);
  });

  test('two delivery runs racing (two workers, each with its own connections on PostgreSQL) send each mail once', async () => {
    const n = 60;
    await enqueue(...Array.from({ length: n }, (_, i) => message(i)));
    const second =
      t.database.kind === 'postgres' ? await createDatabase({ url: t.database.url, schema: t.database.schema, poolSize: 3 }) : t.database;
    try {
      const reports = await Promise.all([
        deliverDueMail(t, { batchSize: 4 }),
        deliverDueMail({ ...t, db: second.db }, { batchSize: 4 }),
        deliverDueMail(t, { batchSize: 4 }),
      ]);
      expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(n);
      if (t.database.kind === 'postgres') expect(reports.every((r) => r.sent > 0)).toBe(true);
    } finally {
      if (second !== t.database) await second.close();
    }
    await smtp.waitForMessages(n);
    const ids = smtp.received.map((m) => m.header('message-id'));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect((await rows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  test('without SMTP_URL (outside production) each mail is written to DATA_DIR/mail as an .eml file', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-mail-'));
    const ctx = { ...t, config: { ...t.config, SMTP_URL: undefined, dataDir } };
    await enqueue(message(7, { headers: { 'List-Unsubscribe': '<mailto:abmelden@example.org>' } }));
    expect(await deliverDueMail(ctx)).toEqual({ sent: 1, deferred: 0, failed: 0 });
    const files = readdirSync(path.join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(path.join(dataDir, 'mail', files[0] as string), 'utf8');
    expect(eml).toContain('To: kunde7@example.org');
    expect(eml).toContain('List-Unsubscribe: <mailto:abmelden@example.org>');
    expect(eml).toContain('Text 7');
    expect(smtp.received).toHaveLength(0);
    // Only the service's own user reads the demo mail (security finding 13).
    expect(statSync(path.join(dataDir, 'mail', files[0] as string)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'mail')).mode & 0o777).toBe(0o700);
  });

  test('sent mail older than N days can be deleted; younger, pending and failed mail stays', async () => {
    await enqueue(message(1));
    await deliverDueMail(t); // sent on day 0
    t.clock.advance(20 * DAY_MS);
    await enqueue(message(2));
    await deliverDueMail(t); // sent on day 20
    await enqueue(message(3));
    smtp.unknownMailboxes.add('kunde4@example.org');
    await enqueue(message(4));
    await deliverDueMail(t); // 3 sent, 4 failed, on day 20
    t.clock.advance(15 * DAY_MS); // day 35
    await enqueue(message(5));

    expect(await deleteSentMailOlderThan(t.db, 30, t.clock.now(), 1)).toBe(1);
    expect((await rows()).map((r) => [r.recipient, r.status])).toEqual([
      ['kunde2@example.org', 'sent'],
      ['kunde3@example.org', 'sent'],
      ['kunde4@example.org', 'failed'],
      ['kunde5@example.org', 'pending'],
    ]);
  });

  test('a one-time secret leaves with the mail and is then cut from the outbox: a delivered or given-up mail keeps its text without it (security finding 9)', async () => {
    const link = 'http://localhost:3000/portal/passwort-neu?key=s3cr3t-token-value-0123456789';
    const [sentId, failedId] = await enqueue(
      message(1, { text: `Ihr Link:\n${link}\nSchlüssel ABCD-EFGH-JKMN-PQRS`, secrets: [link, 'ABCD-EFGH-JKMN-PQRS'] }),
      message(2, { text: `Ihr Link:\n${link}`, secrets: [link] }),
    );
    smtp.unknownMailboxes.add('kunde2@example.org');
    // While it waits to be sent, the row must hold the secret.
    expect((await rows()).find((r) => r.id === sentId)?.text_body).toContain(link);
    await deliverDueMail(t);
    expect(smtp.received[0]?.raw).toContain('s3cr3t-token-value-0123456789');
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(byId.get(sentId as string)?.status).toBe('sent');
    expect(byId.get(sentId as string)?.text_body).toBe('Ihr Link:\n[…]\nSchlüssel […]');
    expect(byId.get(failedId as string)?.status).toBe('failed');
    expect(byId.get(failedId as string)?.text_body).toBe('Ihr Link:\n[…]');
    expect(JSON.stringify([...byId.values()])).not.toContain('s3cr3t');
  });
});
