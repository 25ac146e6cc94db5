import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../core/module.ts';
import { cycleById } from './sponsoring.cycles.ts';
import type { SponsoringTables } from './sponsoring.tables.ts';
import { type PublishedResult, publishedResult, verifyResult } from './sponsoring.tally.ts';

/**
 * `vote verify <cycle> [file]`: recounts the totals from the published ballot list – from a saved
 * copy of the result's JSON when a file is named (anyone can do this), else from the list this
 * installation publishes – and says whether they match the published totals.
 */
export async function verifyCommand(args: string[], ctx: AppContext): Promise<number> {
  const [cycleId, file] = args;
  if (!cycleId) {
    process.stderr.write('usage: vote verify <cycle> [published-result.json]\n');
    return 2;
  }
  let result: PublishedResult;
  if (file) {
    result = JSON.parse(await readFile(file, 'utf8')) as PublishedResult;
    if (result.cycle !== cycleId) {
      process.stderr.write(`the file is the result of cycle ${result.cycle}, not ${cycleId}\n`);
      return 1;
    }
  } else {
    const db = ctx.db.withTables<SponsoringTables>();
    const cycle = await cycleById(db, cycleId);
    if (!cycle?.closed_at) {
      process.stderr.write(`cycle ${cycleId} has no result yet\n`);
      return 1;
    }
    result = (await publishedResult(db, cycle)).result;
  }
  const check = verifyResult(result);
  for (const p of result.projects)
    process.stdout.write(`project ${p.number}: published ${p.votes}, recounted ${check.totals[String(p.number)] ?? 0}\n`);
  process.stdout.write(`${result.ballots.length} ballots\n`);
  for (const problem of check.problems) process.stdout.write(`MISMATCH ${problem}\n`);
  process.stdout.write(check.ok ? 'OK: the totals match the ballot list\n' : 'FAILED: the totals do not match the ballot list\n');
  return check.ok ? 0 : 1;
}
