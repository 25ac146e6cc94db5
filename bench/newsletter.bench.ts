// A campaign to BENCH_SUBSCRIBERS (default 100,000) addresses through an in-process SMTP server
// that counts deliveries by Message-ID, against the physical limit of the path: a bare nodemailer
// loop with the same pool size sending the same mail to the same addresses, same run, same server.
// PGlite in a temporary folder, or PostgreSQL when BENCH_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createAppContext } from '../src/core/app-context.ts';
import { systemClock } from '../src/core/clock.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { createDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { createLogger } from '../src/core/logger.ts';
import { compileCampaign, personalise } from '../src/modules/newsletter/newsletter.render.ts';
import { sendCampaign, startCampaign } from '../src/modules/newsletter/newsletter.send.ts';
import { addCampaign } from '../src/modules/newsletter/newsletter.testing.ts';
import { modules } from '../src/modules.ts';
import { machine } from './lib/machine.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const POOL = Number(process.env.BENCH_POOL ?? 4);
const MARKDOWN =
  '## Energie sparen im Winter\n\nUnsere [Energieberatung](https://www.example.org/beratung) hilft Ihnen. Mehr im [Portal](https://www.example.org/portal).';

/** Counts what arrives, by Message-ID, without keeping the messages. */
async function countingServer() {
  const seen = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '?';
        seen.set(id, (seen.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve((net.address() as { port: number }).port));
  });
  return { url: `smtp://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const smtp = await countingServer();
const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-newsletter-'));
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: dir,
  PUBLIC_URL: 'https://www.stadtwerke-musterstadt.example',
  SECRET_KEY: 'bench-secret-key-bench-secret-key-0123',
  SMTP_URL: smtp.url,
  NEWSLETTER_CONCURRENCY: String(POOL),
  NEWSLETTER_RATE_PER_SECOND: '100000',
});
const url = process.env.BENCH_DATABASE_URL;
const database = url
  ? await createDatabase({ url, schema: `bench_newsletter_${process.pid}` })
  : await createDatabase({ dataDir: path.join(dir, 'db') });
if (url) await sql`create schema if not exists ${sql.id(`bench_newsletter_${process.pid}`)}`.execute(database.db);
await migrateToLatest(database, modules);
const ctx = createAppContext(config, database, modules, systemClock, createLogger('silent'));
try {
  await sql`insert into newsletter_subscribers (email, locale, status, requested_at, request_form, statement_version, confirmed_at)
    select 'kunde' || g || '@example.org', 'de', 'active', now(), '/newsletter', 1, now() from generate_series(1, ${N}) g`.execute(
    database.db,
  );

  // Reference: the same mail (one subscriber's rendering), a bare nodemailer loop over the same pool size.
  const body = compileCampaign(MARKDOWN);
  const sample = personalise(
    config,
    { id: '00000000-0000-4000-8000-000000000001', subject: 'Neues aus Ihren Stadtwerken', trackingKey: 'a'.repeat(43) },
    body,
    {
      id: '00000000-0000-4000-8000-000000000002',
      locale: 'de',
      measure: true,
    },
  );
  const transporter = nodemailer.createTransport({
    url: smtp.url,
    pool: true,
    maxConnections: POOL,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let next = 0;
  const refStart = performance.now();
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      for (let i = next++; i < N; i = next++)
        await transporter.sendMail({
          from: 'noreply@stadtwerke-musterstadt.example',
          to: `kunde${i + 1}@example.org`,
          subject: sample.subject,
          text: sample.text,
          html: sample.html,
          headers: sample.headers,
          messageId: `<ref.${i}@stadtwerke-musterstadt.example>`,
        });
    }),
  );
  const refSeconds = (performance.now() - refStart) / 1000;
  transporter.close();
  const refDelivered = smtp.seen.size;
  smtp.seen.clear();

  const campaign = await addCampaign(database.db, { markdown: MARKDOWN });
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  await startCampaign(ctx, campaign);
  const report = await sendCampaign(ctx, campaign);
  const seconds = (performance.now() - start) / 1000;
  const duplicates = [...smtp.seen.values()].filter((n) => n > 1).length;
  const result = {
    benchmark: 'newsletter',
    description: `A campaign to ${N} subscribers (start: send rows; then claim per row with SKIP LOCKED, render, SMTP, mark) vs a bare nodemailer loop sending the same mail with the same pool; in-process SMTP server counting by Message-ID; ${url ? 'PostgreSQL' : 'PGlite'}`,
    subscribers: N,
    pool: POOL,
    platform: {
      messagesPerSecond: Math.round(N / seconds),
      seconds: Number(seconds.toFixed(1)),
      sent: report.sent,
      deliveredDistinct: smtp.seen.size,
      duplicates,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 1_048_576),
    },
    reference: {
      name: 'bare nodemailer loop, same pool',
      messagesPerSecond: Math.round(N / refSeconds),
      seconds: Number(refSeconds.toFixed(1)),
      delivered: refDelivered,
    },
    ratio: Number((refSeconds / seconds).toFixed(3)),
    machine: machine(),
  };
  console.log(JSON.stringify(result, null, 2));
  if (smtp.seen.size !== N || duplicates > 0) process.exitCode = 1;
} finally {
  if (url) await sql`drop schema if exists ${sql.id(`bench_newsletter_${process.pid}`)} cascade`.execute(database.db);
  await database.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
}
