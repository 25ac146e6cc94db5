import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../core/module.ts';
import { applyBounce } from './newsletter.bounces.ts';
import { readReport } from './newsletter.dsn.ts';

export interface MaildirRun {
  /** Mails read from `new/`. */
  mails: number;
  removed: number;
  retried: number;
  /** Reports about no mail of ours (a forgery, or a mail already gone). */
  unknown: number;
  /** Mails that are no report: moved to `cur/` for the postmaster. */
  other: number;
}

/**
 * Reads the bounce mailbox, a Maildir the mail server delivers the newsletter's return path to
 * (decision 019): every mail in `new/` (the server moves it there from `tmp/` when complete) is
 * read once. Only reports that return one of our own mails – found by its Message-ID, which
 * nobody outside knows – act: anyone can send mail to the return path, so an address named in
 * a report alone changes nothing. A report is deleted once acted on (it names an address);
 * any other mail is moved to `cur/`, unread by us again. Running twice acts once: withdrawing
 * an address twice changes nothing.
 */
export async function readBounceMaildir(ctx: AppContext, dir: string): Promise<MaildirRun> {
  const run: MaildirRun = { mails: 0, removed: 0, retried: 0, unknown: 0, other: 0 };
  const fresh = path.join(dir, 'new');
  const names = (await readdir(fresh).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
  if (names.length) await mkdir(path.join(dir, 'cur'), { recursive: true });
  for (const name of names) {
    const file = path.join(fresh, name);
    const raw = await readFile(file).catch(() => null);
    // Taken by a parallel reader.
    if (!raw) continue;
    run.mails += 1;
    const reports = (await readReport(raw).catch(() => [])).filter((r) => r.messageId);
    if (reports.length === 0) {
      run.other += 1;
      await rename(file, path.join(dir, 'cur', `${name}:2,`)).catch(() => undefined);
      continue;
    }
    for (const r of reports) {
      const outcome = await applyBounce(ctx, { type: r.type, messageId: r.messageId });
      if (outcome === 'removed') run.removed += 1;
      else if (outcome === 'retry') run.retried += 1;
      else run.unknown += 1;
    }
    await rm(file, { force: true });
  }
  if (run.mails) ctx.log.info(run, 'bounce mailbox read');
  return run;
}
