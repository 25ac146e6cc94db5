import { existsSync } from 'node:fs';
import { createAppContext } from './core/app-context.ts';
import { ConfigError, loadConfig } from './core/config/index.ts';
import { BackupError, backup, collectMigrations, DataDirInUseError, openMigratedDatabase, restore } from './core/db/index.ts';
import type { CliCommand } from './core/module.ts';
import { seedDemo } from './core/seed.ts';
import { modules } from './modules.ts';

/**
 * Commands of the core; modules add theirs (e.g. "accesslog import"). The web server and the job
 * runner are imported only by the commands that start them, so short commands start fast.
 */
const coreCommands: CliCommand[] = [
  {
    name: 'start',
    summary: 'Demo: migrate, load the demo data and serve (what `npm start` runs)',
    usage: 'start',
    needsDatabase: false,
    run: async () => {
      const { startWeb } = await import('./main.ts');
      // The demo's console shows the welcome, the demo links and problems; LOG_LEVEL=info shows more.
      await startWeb(loadConfig({ LOG_LEVEL: 'warn', ...process.env }), { seed: true });
      return -1;
    },
  },
  {
    name: 'serve',
    summary: 'Migrate and serve the website (production)',
    usage: 'serve',
    needsDatabase: false,
    run: async () => {
      const { startWeb } = await import('./main.ts');
      await startWeb(loadConfig());
      return -1;
    },
  },
  {
    name: 'worker',
    summary: 'Run scheduled and queued jobs (one or more per installation)',
    usage: 'worker',
    needsDatabase: false,
    run: async () => {
      const { startWorker } = await import('./worker.ts');
      await startWorker();
      return -1;
    },
  },
  {
    name: 'backup',
    summary: 'Back up the database (pg_dump, or a copy of the embedded data folder) and uploaded files into a new folder',
    usage: 'backup <folder>',
    needsDatabase: false,
    run: async (args) => {
      const [target, ...rest] = args;
      if (!target || rest.length > 0) {
        console.error('Usage: stadtwerk backup <folder>   (a new or empty folder)');
        return 2;
      }
      const manifest = await backup(loadConfig(), target);
      console.log(`backup of the ${manifest.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database written to ${target}`);
    },
  },
  {
    name: 'restore',
    summary: 'Restore a backup made by `backup` (stop every web and worker process first)',
    usage: 'restore <folder> [--replace]',
    needsDatabase: false,
    run: async (args) => {
      const replace = args.includes('--replace');
      const rest = args.filter((a) => a !== '--replace');
      if (rest.length !== 1 || rest[0]?.startsWith('-')) {
        console.error('Usage: stadtwerk restore <folder> [--replace]   (--replace overwrites an installation that holds data)');
        return 2;
      }
      await restore(loadConfig(), rest[0] as string, { replace });
      console.log(`restored from ${rest[0]}; start the processes again (they migrate to the current version)`);
    },
  },
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date',
    usage: 'migrate',
    run: async () => {
      console.log(`schema up to date (${Object.keys(collectMigrations(modules)).length} migrations)`);
    },
  },
  {
    name: 'seed-demo',
    summary: 'Load the demo data of "Stadtwerke Musterstadt" (idempotent)',
    usage: 'seed-demo',
    run: async (_args, ctx) => {
      await seedDemo(ctx, modules);
      console.log('demo data loaded');
    },
  },
];

const commands = [...coreCommands, ...modules.flatMap((m) => m.commands ?? [])];

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'Usage: stadtwerk <command> [options]   (npm run cli -- <command>)',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment; see README.md.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: CliCommand; args: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, args: argv.slice(words) };
  }
  return null;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    console.log(help());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const config = loadConfig();
  if (found.command.needsDatabase === false) return (await found.command.run(found.args, undefined as never)) ?? 0;
  const database = await openMigratedDatabase(config, modules);
  try {
    const ctx = createAppContext(config, database, modules);
    return (await found.command.run(found.args, ctx)) ?? 0;
  } finally {
    await database.close();
  }
}

// A .env file in the working directory fills keys the environment does not set.
if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const code = await main(process.argv.slice(2));
  // -1: a long-running command (server, worker) that exits on its own signal handling.
  if (code !== -1) process.exit(code);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  // An operator's mistake (a folder in use, not empty, not a backup) is said in one line.
  if (err instanceof BackupError || err instanceof DataDirInUseError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
}
