import { closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../module.ts';
import { type PrivacyTables, recordAudit } from '../privacy/index.ts';
import { DAY_PATTERN, dayInBerlin } from './letters.day.ts';
import { LETTERS_ACTIVITY } from './letters.privacy.ts';
import { mergeLettersOfDay } from './letters.queue.ts';

/** Who runs the command, as the operating system knows them. */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const USAGE = 'letters print [--date YYYY-MM-DD] [--output file.pdf] [--reprint] [--duplex]';

export const lettersCommands: CliCommand[] = [
  {
    name: 'letters print',
    summary: "Write one day's waiting letters as one PDF for the print room and mark them printed",
    usage: USAGE,
    async run(args, ctx) {
      let values: { date?: string | undefined; output?: string | undefined; reprint?: boolean | undefined; duplex?: boolean | undefined };
      try {
        ({ values } = parseArgs({
          args,
          options: { date: { type: 'string' }, output: { type: 'string' }, reprint: { type: 'boolean' }, duplex: { type: 'boolean' } },
        }));
      } catch (err) {
        console.error(`${(err as Error).message}\nusage: ${USAGE}`);
        return 2;
      }
      const day = values.date ?? dayInBerlin(ctx.clock.now());
      if (!DAY_PATTERN.test(day) || Number.isNaN(Date.parse(day))) {
        console.error(`--date must be a day, YYYY-MM-DD\nusage: ${USAGE}`);
        return 2;
      }
      const output = values.output ?? `letters-${day}.pdf`;
      // A file beside the output is opened before any letter is marked printed, so one that cannot
      // be written stops the run first; it replaces the output only once it is complete.
      const partial = `${output}.partial-${process.pid}`;
      let fd: number | null = openSync(partial, 'w');
      try {
        // The run and its audit entry commit together: no letter leaves unrecorded, as in the
        // print room (C04); the operator's account stands where a staff member would.
        const run = await ctx.db.transaction().execute(async (trx) => {
          const merged = await mergeLettersOfDay(trx, day, {
            now: ctx.clock.now(),
            reprint: values.reprint ?? false,
            duplex: values.duplex ?? false,
          });
          if (merged)
            await recordAudit(trx.withTables<PrivacyTables>(), {
              at: ctx.clock.now(),
              staffId: null,
              staffEmail: `cli:${operator()}`,
              activity: LETTERS_ACTIVITY,
              action: 'export',
              recordIds: merged.ids,
              reason: `${values.reprint ? 'Nachdruck' : 'Druck'} der Briefe vom ${day} (letters print)`,
              ip: null,
              path: `letters print ${day}`,
            });
          return merged;
        });
        if (!run) {
          console.log(`no letters waiting for ${day}${values.reprint ? '' : ' (--reprint for letters printed before)'}`);
          return 0;
        }
        writeFileSync(fd, run.pdf);
        closeSync(fd);
        fd = null;
        renameSync(partial, output);
        console.log(`${run.letters} letters, ${run.pages} pages for ${day} written to ${output}`);
        return 0;
      } finally {
        if (fd !== null) closeSync(fd);
        rmSync(partial, { force: true });
      }
    },
  },
];
