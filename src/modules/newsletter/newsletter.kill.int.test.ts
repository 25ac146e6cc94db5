import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { killWhenPaused as killChildWhenPaused } from '../../../tests/support/pause-kill.ts';
import { withAdminClient } from '../../../tests/support/postgres.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { ensureTemplate } from '../../../tests/support/template-db.ts';
import { TEST_DATABASE_URL, testSchemaName } from '../../../tests/support/test-db.ts';
import { TEST_SECRET } from '../../../tests/support/test-server.ts';
import { createAppContext } from '../../core/app-context.ts';
import { ManualClock } from '../../core/clock.ts';
import { loadConfig } from '../../core/config/index.ts';
import { createDatabase, type Database, migrateToLatest } from '../../core/db/index.ts';
import { createLogger } from '../../core/logger.ts';
import { modules } from '../../modules.ts';
import { CLAIM_BATCH, startCampaign } from './newsletter.send.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { addCampaign, addSubscribers } from './newsletter.testing.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const RECIPIENTS = 30;
/** What the first claim takes. */
const CLAIMED = Math.min(CLAIM_BATCH, RECIPIENTS);
const dataDirs: string[] = [];
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  smtp.received.splice(0);
});

/** A database of its own with RECIPIENTS subscribers and a started campaign to them. */
async function prepared(): Promise<{ env: Record<string, string>; open: () => Promise<Database>; campaignId: string }> {
  let env: Record<string, string>;
  if (onPostgres) {
    env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: testSchemaName() };
    await withAdminClient((client) => client.query(`create schema ${env.DATABASE_SCHEMA}`));
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-nl-kill-'));
    dataDirs.push(dataDir);
    cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
    env = { DATA_DIR: dataDir };
  }
  env = {
    ...env,
    SMTP_URL: smtp.url,
    SECRET_KEY: TEST_SECRET,
    PUBLIC_URL: 'http://localhost:3000',
    NEWSLETTER_CONCURRENCY: '1',
    // One mail at a time, so the pause points' passes are the mails' order.
    NEWSLETTER_IN_FLIGHT: '1',
    NEWSLETTER_RATE_PER_SECOND: '100000',
  };
  const open = async () =>
    onPostgres ? createDatabase({ url: TEST_DATABASE_URL, schema: env.DATABASE_SCHEMA }) : createDatabase({ dataDir: env.DATA_DIR });
  const database = await open();
  if (onPostgres) await migrateToLatest(database, modules);
  await addSubscribers(
    database.db,
    Array.from({ length: RECIPIENTS }, (_, i) => `kunde${i}@example.org`),
  );
  const campaignId = await addCampaign(database.db);
  const ctx = createAppContext(loadConfig({ ...env, NODE_ENV: 'test' }), database, modules, new ManualClock(), createLogger('silent'));
  await startCampaign(ctx, campaignId);
  await database.close();
  return { env, open, campaignId };
}

/** One node process (no tsx wrapper), so SIGKILL hits the process that sends. */
function start(env: Record<string, string>, campaignId: string): ChildProcess {
  return spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'src/cli.ts', 'newsletter', 'send', campaignId], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
}

function run(env: Record<string, string>, campaignId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = start(env, campaignId);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
  });
}

/** Runs the sender until it reports holding at the pause point, then SIGKILLs it there. */
async function killWhenPaused(env: Record<string, string>, campaignId: string, pauseAt: string): Promise<void> {
  await killChildWhenPaused(start({ ...env, TEST_PAUSE_AT: pauseAt }, campaignId), pauseAt);
}

async function rows(open: () => Promise<Database>) {
  const database = await open();
  try {
    const db = database.db.withTables<NewsletterTables>();
    const sends = await db.selectFrom('newsletter_sends').select(['status', 'message_id']).execute();
    const campaign = await db.selectFrom('newsletter_campaigns').select('status').executeTakeFirstOrThrow();
    const count = (s: string) => sends.filter((r) => r.status === s).length;
    return {
      sent: count('sent'),
      sending: count('sending'),
      pending: count('pending'),
      campaign: campaign.status,
      ids: sends.map((s) => s.message_id),
    };
  } finally {
    await database.close();
  }
}

/** Deliveries per Message-ID at the SMTP server. */
function deliveries(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of smtp.received) {
    const id = m.header('message-id') as string;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('sending, killed mid-way with SIGKILL and resumed', () => {
  test('killed after claiming its 11th mail, before the SMTP call: the resumed run mails every address exactly once', async () => {
    const { env, open, campaignId } = await prepared();
    await killWhenPaused(env, campaignId, 'newsletter-send-claimed:11');
    expect(smtp.received).toHaveLength(10);
    // The 11th and the rest of its claimed batch are marked as possibly sent; none of them went out.
    expect(await rows(open)).toMatchObject({ sent: 10, sending: CLAIMED - 10, pending: RECIPIENTS - CLAIMED, campaign: 'sending' });

    // The killed process's lease is over (0 s in this run): its claimed row is taken up again.
    await run({ ...env, NEWSLETTER_SEND_LEASE_SECONDS: '0' }, campaignId);
    const after = await rows(open);
    expect(after).toMatchObject({ sent: RECIPIENTS, sending: 0, pending: 0, campaign: 'sent' });
    const counts = deliveries();
    expect(smtp.received).toHaveLength(RECIPIENTS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set(after.ids));
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(RECIPIENTS);
  }, 240_000);

  test('killed after the server accepted its 11th mail, before marking it: that one mail arrives again with the same Message-ID, none is lost', async () => {
    const { env, open, campaignId } = await prepared();
    await killWhenPaused(env, campaignId, 'newsletter-send-accepted:11');
    expect(smtp.received).toHaveLength(11);
    const window = smtp.received[10]?.header('message-id');
    expect(await rows(open)).toMatchObject({ sent: 10, sending: CLAIMED - 10, pending: RECIPIENTS - CLAIMED, campaign: 'sending' });

    await run({ ...env, NEWSLETTER_SEND_LEASE_SECONDS: '0' }, campaignId);
    const after = await rows(open);
    expect(after).toMatchObject({ sent: RECIPIENTS, sending: 0, campaign: 'sent' });
    const counts = deliveries();
    // The documented window: the message in flight at the kill is sent again as the same message.
    expect(counts.size).toBe(RECIPIENTS);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([[window, 2]]);
    expect(new Set(counts.keys())).toEqual(new Set(after.ids));
  }, 240_000);
});
