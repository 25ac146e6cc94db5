import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DAY_MS } from '../../core/clock.ts';
import type { AppContext } from '../../core/module.ts';
import { ACCESSLOG_RETENTION_DAYS } from './accesslog.constants.ts';
import { writeDemoLog } from './accesslog.demo-log.ts';
import { importCombinedLog } from './accesslog.import.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

const DEMO_FILE = 'demo-access.log';

/** Four weeks of proxy log for the statistics pages, imported once through the real import. */
export async function seedAccesslogDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<AccesslogTables>();
  const done = await db.selectFrom('accesslog_imports').select('id').where('file_name', '=', DEMO_FILE).executeTakeFirst();
  if (done) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-demo-'));
  const file = path.join(dir, DEMO_FILE);
  try {
    const now = ctx.clock.now();
    await writeDemoLog(file, { lines: 20_000, from: new Date(now.getTime() - 28 * DAY_MS), to: now, seed: 2026 });
    await importCombinedLog(db, file, { now, retentionDays: ACCESSLOG_RETENTION_DAYS, embedded: ctx.database.pglite });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
