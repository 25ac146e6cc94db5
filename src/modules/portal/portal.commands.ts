import { progressBar } from '../../core/cli/index.ts';
import type { CliCommand } from '../../core/module.ts';
import type { PortalTables } from './portal.tables.ts';

export const portalCommands: CliCommand[] = [
  {
    name: 'portal import',
    summary: "Import the billing system's export (CSV files, docs/portal-import.md) into the customer portal",
    usage: 'portal import <dir>',
    async run(args, ctx) {
      const dir = args[0];
      if (!dir || args.length > 1) {
        console.error('usage: portal import <dir>');
        return 2;
      }
      // Loaded here: the CSV parser and the writers are needed by this command only.
      const { ImportError, importBillingExport } = await import('./portal.import.ts');
      let bar: ReturnType<typeof progressBar> | undefined;
      const started = performance.now();
      try {
        const report = await importBillingExport(ctx.db.withTables<PortalTables>(), dir, {
          now: ctx.clock.now(),
          onProgress: (read, total) => {
            bar ??= progressBar('portal import', Math.max(1, Math.ceil(total / 1024)), 'KiB');
            bar.update(Math.floor(read / 1024));
          },
        });
        bar?.stop();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        for (const f of report.files) {
          console.log(
            `${f.file.padEnd(20)} ${String(f.rows).padStart(9)} rows: ${f.inserted} new, ${f.updated} changed, ${f.unchanged} unchanged`,
          );
          if (f.ignored.length)
            console.log(`${''.padEnd(20)} ignored column(s) ${f.ignored.join(', ')}: the portal holds only data of the supply contracts`);
        }
        console.log(`imported in ${seconds} s`);
        return 0;
      } catch (err) {
        bar?.stop();
        if (err instanceof ImportError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    },
  },
];
