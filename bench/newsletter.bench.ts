// A campaign to BENCH_SUBSCRIBERS (default 100,000) addresses through an in-process SMTP server
// that counts deliveries by Message-ID, like for like: the product's sender is the CLI
// (`newsletter send <id>`) as a process of its own, as the product runs it; the reference, the
// path's own limit, is a bare nodemailer pool (bench/servers/nodemailer-loop.js) as a process of
// its own too, with the same connections and mails in flight per connection, sending the same
// rendered mail to as many addresses. Each one's rate is taken at the server, from the first to
// the last delivery, so neither's start-up counts; the bench process only serves SMTP meanwhile.
// Then a second campaign sent by the CLI, SIGKILLed when the server has counted half of the mails,
// and started again: delivered, duplicates and missing by Message-ID, time to finish after the
// restart, the sender's peak RSS. PGlite in a temporary folder, or PostgreSQL when
// BENCH_DATABASE_URL is set.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createAppContext } from '../src/core/app-context.ts';
import { systemClock } from '../src/core/clock.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { createDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { createLogger } from '../src/core/logger.ts';
import { domainOf, senderAddress } from '../src/core/mail/index.ts';
import { compileCampaign, personalise } from '../src/modules/newsletter/newsletter.render.ts';
import { startCampaign } from '../src/modules/newsletter/newsletter.send.ts';
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

/** A node process of its own (no tsx or npm wrapper), so its RSS is the sender's and SIGKILL hits the sender. */
function ownProcess(args: string[], extra: Record<string, string>): ChildProcess {
  const child = spawn(nodeBin, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return child;
}

/** The CLI as the product runs it. */
const cliSend = (campaignId: string, extra: Record<string, string> = {}) =>
  ownProcess(['--import', 'tsx', 'src/cli.ts', 'newsletter', 'send', campaignId], { LOG_LEVEL: 'warn', ...env, ...extra });

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

/**
 * Runs one sender process to its end against the reset server: its rate from the first to the
 * last delivery counted at the server, its peak RSS, and what it delivered.
 */
async function measure(name: string, child: ChildProcess) {
  const spawned = performance.now();
  const exit = await finished(child);
  const ended = performance.now();
  const { first, last } = smtp.acceptedBetween();
  const delivered = smtp.seen.size;
  const seconds = first !== undefined && last !== undefined ? (last - first) / 1000 : Number.NaN;
  const seen = new Set(smtp.seen.keys());
  const duplicates = smtp.duplicates().messages;
  smtp.reset();
  return {
    seen,
    figures: {
      name,
      messagesPerSecond: Math.round(delivered / seconds),
      firstToLastDeliverySeconds: Number(seconds.toFixed(1)),
      firstDeliveryAfterSeconds: first === undefined ? null : Number(((first - spawned) / 1000).toFixed(1)),
      processSeconds: Number(((ended - spawned) / 1000).toFixed(1)),
      exit: exit.code,
      peakRssMiB: exit.peakRssMiB,
      deliveredDistinct: delivered,
      duplicates,
    },
  };
}

try {
  await sql`insert into newsletter_subscribers (email, locale, status, requested_at, request_form, statement_version, confirmed_at)
    select 'kunde' || g || '@example.org', 'de', 'active', now(), '/newsletter', 1, now() from generate_series(1, ${N}) g`.execute(
    database.db,
  );

  // Both campaigns start now, while this process holds the database; the senders are other processes.
  const campaign = await addCampaign(database.db, { markdown: MARKDOWN });
  await startCampaign(ctx, campaign);
  const second = await addCampaign(database.db, { markdown: MARKDOWN });
  await startCampaign(ctx, second);
  await database.close(); // the embedded database is one process's at a time

  // Reference: the same mail (one subscriber's rendering, the product's sender address), a bare nodemailer pool.
  const sample = personalise(
    config,
    { id: '00000000-0000-4000-8000-000000000001', subject: 'Neues aus Ihren Stadtwerken', trackingKey: 'a'.repeat(43) },
    compileCampaign(MARKDOWN),
    { id: '00000000-0000-4000-8000-000000000002', locale: 'de', measure: true },
  );
  const mailFile = path.join(dir, 'reference-mail.json');
  const from = { name: config.organisation.name, address: senderAddress(config) };
  writeFileSync(mailFile, JSON.stringify({ from, subject: sample.subject, text: sample.text, html: sample.html, headers: sample.headers }));
  const loadBefore = load();
  const reference = await measure(
    'bare nodemailer pool, same connections and mails in flight, own process',
    ownProcess(['bench/servers/nodemailer-loop.js'], {
      SMTP_URL: smtp.url,
      COUNT: String(N),
      POOL: String(POOL),
      IN_FLIGHT: String(IN_FLIGHT),
      MAIL_FILE: mailFile,
      MESSAGE_ID_DOMAIN: domainOf(from.address),
    }),
  );
  const loadAfterReference = load();

  // The platform: the CLI sends the first campaign to its end, as the product runs it.
  const platform = await measure('newsletter send <id> (the CLI), own process', cliSend(campaign));
  const loadAfter = load();

  // Kill and resume: the CLI sends the second campaign; SIGKILL when the server has counted half.
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
  const rowsOf = (id: string) =>
    database.db
      .withTables<NewsletterTables>()
      .selectFrom('newsletter_sends')
      .select(['message_id', 'status'])
      .where('campaign_id', '=', id)
      .execute();
  const platformRows = await rowsOf(campaign);
  const rows = await rowsOf(second);
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
    description: `A campaign to ${N} subscribers sent by the product's CLI in its own process (claim 200 rows per statement, render from the compiled layout, ${POOL} SMTP connections × ${IN_FLIGHT} in flight, group-committed marks) vs a bare nodemailer pool in its own process (same connections and mails in flight, the same rendered mail, as many addresses); each rate from the first to the last delivery counted by Message-ID at the SMTP server in the bench process; then the CLI killed at half and resumed; ${url ? 'PostgreSQL' : 'PGlite'}. No in-process figures any more: there the sender shared a thread with the SMTP server (and PGlite), the reference did not`,
    subscribers: N,
    pool: POOL,
    inFlightPerConnection: IN_FLIGHT,
    platform: {
      ...platform.figures,
      missing: platformRows.filter((r) => !platform.seen.has(r.message_id)).length,
      rowsNotSent: platformRows.filter((r) => r.status !== 'sent').length,
    },
    reference: reference.figures,
    ratio: Number((platform.figures.messagesPerSecond / reference.figures.messagesPerSecond).toFixed(3)),
    killAndResume,
    loadAverage: { before: loadBefore, afterReference: loadAfterReference, afterPlatform: loadAfter, end: load() },
    machine: machine(),
  };
  console.log(JSON.stringify(result, null, 2));
  const ok =
    reference.figures.exit === 0 &&
    reference.figures.deliveredDistinct === N &&
    platform.figures.exit === 0 &&
    result.platform.deliveredDistinct === N &&
    result.platform.duplicates === 0 &&
    result.platform.missing === 0 &&
    result.platform.rowsNotSent === 0 &&
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
