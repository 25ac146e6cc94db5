import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../../core/cli/index.ts';
import type { AppContext, CliCommand } from '../../core/module.ts';
import { stageLocalImage } from '../../core/uploads/index.ts';
import { type PublishedDraw, verifyDraw } from './contest.draw.ts';
import { PATHS } from './contest.paths.ts';
import { type ImportedPhoto, importPhotos, photoPolicy } from './contest.photos.ts';
import { eventBySlug } from './contest.queries.ts';
import { renderCodeSheet } from './contest.sheet.ts';
import type { ContestTables } from './contest.tables.ts';

const IMAGE_NAME = /\.(jpe?g|png|webp|avif)$/i;

export interface ImportReport {
  imported: ImportedPhoto[];
  skipped: { file: string; problem: string }[];
  sheet: string;
}

/**
 * Imports a folder of photos into an event, one photo per transaction (an interruption keeps
 * what is done), and writes the code sheet. Every file is checked and re-encoded like an upload.
 */
export async function importFolder(
  ctx: AppContext,
  slug: string,
  folder: string,
  opts: { sheet?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport | { error: string }> {
  const event = await eventBySlug(ctx.db.withTables<ContestTables>(), slug);
  if (!event) return { error: `no event with the short name ${slug}` };
  const names = (await readdir(folder)).filter((n) => IMAGE_NAME.test(n)).sort();
  const imported: ImportedPhoto[] = [];
  const skipped: ImportReport['skipped'] = [];
  for (const [i, name] of names.entries()) {
    const file = path.join(folder, name);
    if (!(await stat(file)).isFile()) continue;
    const staged = await stageLocalImage(ctx, photoPolicy, 'photos', file);
    if (!staged.ok) skipped.push({ file: name, problem: staged.problem });
    else {
      try {
        imported.push(...(await importPhotos(ctx, event.id, [staged.file])));
      } finally {
        await staged.discard();
      }
    }
    opts.onProgress?.(i + 1, names.length);
  }
  const sheet = opts.sheet ?? path.join(folder, `fotocodes-${slug}-${ctx.clock.now().toISOString().slice(0, 19).replace(/:/g, '')}.pdf`);
  const pdf = await renderCodeSheet(imported, {
    eventTitle: event.title,
    redeemUrl: `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}${PATHS.code.de}`,
    heading: 'Fotocodes',
    date: ctx.clock.now(),
  });
  // Written without permission for others: the sheet holds the codes in plain text.
  await writeFile(sheet, pdf, { mode: 0o600 });
  return { imported, skipped, sheet };
}

export const contestCommands: CliCommand[] = [
  {
    name: 'contest import',
    summary: 'Import the photos of an event from a folder; writes the code sheet (PDF)',
    usage: 'contest import <event> <folder> [--sheet file.pdf]',
    async run(args, ctx) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { sheet: { type: 'string' } } });
      const [slug, folder] = positionals;
      if (!slug || !folder) {
        console.error('usage: contest import <event> <folder> [--sheet file.pdf]');
        return 2;
      }
      let bar: ReturnType<typeof progressBar> | undefined;
      const report = await importFolder(ctx, slug, folder, {
        ...(values.sheet ? { sheet: values.sheet } : {}),
        onProgress: (done, total) => {
          bar ??= progressBar('contest import', total, 'photos');
          bar.update(done);
        },
      });
      bar?.stop();
      if ('error' in report) {
        console.error(report.error);
        return 1;
      }
      console.log(`${report.imported.length} photos imported, ${report.skipped.length} skipped; code sheet: ${report.sheet}`);
      for (const s of report.skipped) console.log(`skipped ${s.file}: ${s.problem}`);
      return report.skipped.length ? 1 : 0;
    },
  },
  {
    name: 'contest draw verify',
    summary: 'Recompute a prize draw from its published list and random value (offline)',
    usage: 'contest draw verify <auslosung.json>',
    needsDatabase: false,
    async run(args) {
      const [file] = args;
      if (!file) {
        console.error('usage: contest draw verify <auslosung.json>');
        return 2;
      }
      const published = JSON.parse(await readFile(file, 'utf8')) as PublishedDraw;
      const v = verifyDraw(published);
      console.log(`entries: ${published.entryHashes.length}`);
      console.log(`commitment: ${v.recomputedCommitment} ${v.commitmentMatches ? 'matches' : 'DOES NOT MATCH the published one'}`);
      if (v.winnersMatch === null) console.log('no random value yet: nothing drawn');
      else {
        console.log(`winners recomputed from "${published.seed}":`);
        for (const [i, h] of v.recomputedWinners.entries()) console.log(`${i + 1}. ${h}`);
        console.log(v.winnersMatch ? 'the published winners match' : 'the published winners DO NOT MATCH');
      }
      return v.commitmentMatches && v.winnersMatch !== false ? 0 : 1;
    },
  },
];
