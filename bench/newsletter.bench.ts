// A campaign to BENCH_SUBSCRIBERS (default 100,000) addresses through an in-process SMTP server
// that counts deliveries by Message-ID, against the physical limit of the path: a bare nodemailer
// loop with the same pool size sending the same mail to the same addresses, same run, same server.
// Then a second campaign sent by the product's CLI (`newsletter send <id>`) as a process of its
// own, SIGKILLed when the server has counted half of the mails, and started again: delivered,
// duplicates and missing by Message-ID, time to finish after the restart, the sender's peak RSS.
// PGlite in a temporary folder, or PostgreSQL when BENCH_DATABASE_URL is set.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { createAppContext } from '../src/core/app-context.ts';
import { systemClock } from '../src/core/clock.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { createDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { createLogger } from '../src/core/logger.ts';
import { compileCampaign, personalise } from '../src/modules/newsletter/newsletter.render.ts';
import { sendCampaign, startCampaign } from '../src/modules/newsletter/newsletter.send.ts';
import type { NewsletterTables } from '../src/modules/newsletter/newsletter.tables.ts';
import { addCampaign } from '../src/modules/newsletter/newsletter.testing.ts';
import { modules } from '../src/modules.ts';
import { machine } from './lib/machine.ts';
import { nodeBin, root } from './lib/processes.ts';
import { countingSmtpServer, peakRssMiB } from './lib/smtp-counter.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const POOL = Number(process.env.BENCH_POOL ?? 4);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 2);
const MARKDOWN =
  '## Energie sparen im Winter\n\nUnsere [Energieberatung](https://www.example.org/beratung) hilft Ihnen. Mehr im [Portal](https://www.example.org/portal).';
const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));

const smtp = await countingSmtpServer();
const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-newsletter-'));
const url = process.env.BENCH_DATABASE_URL;
const schema = `bench_newsletter_${process.pid}`;
const env: Record<string, string> = {
  NODE_ENV: 'test',
  DATA_DIR: dir,
  PUBLIC_URL: 'https://www.stadtwerke-musterstadt.example',
  SECRET_KEY: 'bench-secret-key-bench-secret-key-0123',
  SMTP_URL: smtp.url,
  NEWSLETTER_CONCURRENCY: String(POOL),
  NEWSLETTER_IN_FLIGHT: String(IN_FLIGHT),
  NEWSLETTER_RATE_PER_SECOND: '100000',
  ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : {}),
};
const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
const open = () => (url ? createDatabase({ url, schema }) : createDatabase({ dataDir: dir }));
let database = await open();
if (url) await sql`create schema if not exists ${sql.id(schema)}`.execute(database.db);
await migrateToLatest(database, modules);
const ctx = createAppContext(config, database, modules, systemClock, createLogger('silent'));

/** The CLI as the product runs it, one node process (no tsx wrapper), so SIGKILL hits the sender. */
function cliSend(campaignId: string, extra: Record<string, string> = {}): ChildProcess {
  const child = spawn(nodeBin, ['--import', 'tsx', 'src/cli.ts', 'newsletter', 'send', campaignId], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return child;
}

/** Resolves with the exit code or signal once the process is gone; tracks its peak RSS meanwhile. */
function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null; peakRssMiB: number | null }> {
  let peak: number | null = null;
  const poll = setInterval(() => {
    peak = peakRssMiB(child.pid as number) ?? peak;
  }, 100);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, peakRssMiB: peak });
    }),
  );
}

try {
  await sql`insert into newsletter_subscribers (email, locale, status, requested_at, request_form, statement_version, confirmed_at)
    select 'kunde' || g || '@example.org', 'de', 'active', now(), '/newsletter', 1, now() from generate_series(1, ${N}) g`.execute(
    database.db,
  );

  // Reference: the same mail (one subscriber's rendering), a bare nodemailer loop over the same pool size.
  const sample = personalise(
    config,
    { id: '00000000-0000-4000-8000-000000000001', subject: 'Neues aus Ihren Stadtwerken', trackingKey: 'a'.repeat(43) },
    compileCampaign(MARKDOWN),
    { id: '00000000-0000-4000-8000-000000000002', locale: 'de', measure: true },
  );
  const transporter = nodemailer.createTransport({
    url: smtp.url,
    pool: true,
    maxConnections: POOL,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let next = 0;
  const loadBefore = load();
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

  // The platform in this process, beside the same server: the ratio to the reference.
  const campaign = await addCampaign(database.db, { markdown: MARKDOWN });
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  await startCampaign(ctx, campaign);
  const startSeconds = (performance.now() - start) / 1000;
  const report = await sendCampaign(ctx, campaign);
  const seconds = (performance.now() - start) / 1000;
  const platform = {
    messagesPerSecond: Math.round(N / seconds),
    seconds: Number(seconds.toFixed(1)),
    startSeconds: Number(startSeconds.toFixed(1)),
    sent: report.sent,
    deliveredDistinct: smtp.seen.size,
    duplicates: smtp.duplicates().messages,
    benchProcessPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 1_048_576),
  };
  const loadAfter = load();
  smtp.seen.clear();

  // Kill and resume: the CLI sends a second campaign; SIGKILL when the server has counted half.
  const second = await addCampaign(database.db, { markdown: MARKDOWN });
  await startCampaign(ctx, second);
  await database.close(); // the embedded database is one process's at a time
  const first = cliSend(second);
  const firstDone = finished(first);
  let peakAtKill: number | null = null;
  const firstStart = performance.now();
  smtp.whenAccepted((distinct) => {
    if (distinct < N / 2 || first.killed) return;
    peakAtKill = peakRssMiB(first.pid as number);
    first.kill('SIGKILL');
  });
  const killed = await firstDone;
  const firstSeconds = (performance.now() - firstStart) / 1000;
  smtp.whenAccepted(undefined);
  const deliveredAtKill = smtp.seen.size;
  // The dead process's lease (600 s by default) is over at once here, so its claimed rows are taken up now.
  const restartStart = performance.now();
  const resumed = await finished(cliSend(second, { NEWSLETTER_SEND_LEASE_SECONDS: '0' }));
  const restartSeconds = (performance.now() - restartStart) / 1000;

  database = await open();
  const rows = await database.db
    .withTables<NewsletterTables>()
    .selectFrom('newsletter_sends')
    .select(['message_id', 'status'])
    .where('campaign_id', '=', second)
    .execute();
  const missing = rows.filter((r) => !smtp.seen.has(r.message_id)).length;
  const repeated = smtp.duplicates();
  const killAndResume = {
    killedBy: killed.signal,
    killedAfterSeconds: Number(firstSeconds.toFixed(1)),
    deliveredAtKill,
    senderPeakRssMiBAtKill: peakAtKill,
    restartExit: resumed.code,
    restartSeconds: Number(restartSeconds.toFixed(1)),
    restartMessagesPerSecond: Math.round((smtp.seen.size - deliveredAtKill) / restartSeconds),
    senderPeakRssMiBRestart: resumed.peakRssMiB,
    delivered: smtp.seen.size,
    duplicates: repeated.messages,
    extraCopies: repeated.extraCopies,
    duplicateBound: POOL * IN_FLIGHT,
    missing,
    rowsNotSent: rows.filter((r) => r.status !== 'sent').length,
  };

  const result = {
    benchmark: 'newsletter',
    description: `A campaign to ${N} subscribers (claim 200 rows per statement, render from the compiled layout, ${POOL} SMTP connections × ${IN_FLIGHT} in flight, group-committed marks) vs a bare nodemailer loop sending the same mail with the same pool; in-process SMTP server counting by Message-ID; then the CLI killed at half and resumed; ${url ? 'PostgreSQL' : 'PGlite'}`,
    subscribers: N,
    pool: POOL,
    inFlightPerConnection: IN_FLIGHT,
    platform,
    reference: {
      name: 'bare nodemailer loop, same pool',
      messagesPerSecond: Math.round(N / refSeconds),
      seconds: Number(refSeconds.toFixed(1)),
      delivered: refDelivered,
    },
    ratio: Number((refSeconds / seconds).toFixed(3)),
    killAndResume,
    loadAverage: { before: loadBefore, afterPlatform: loadAfter, end: load() },
    machine: machine(),
  };
  console.log(JSON.stringify(result, null, 2));
  const ok =
    platform.deliveredDistinct === N &&
    platform.duplicates === 0 &&
    killAndResume.missing === 0 &&
    killAndResume.delivered === N &&
    killAndResume.duplicates <= killAndResume.duplicateBound &&
    killAndResume.rowsNotSent === 0;
  if (!ok) process.exitCode = 1;
} finally {
  if (url) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
  await database.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
}
