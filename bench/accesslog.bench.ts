// Import + statistics of a 1,000,000-line combined log against GoAccess on the same file, in
// the same run, both timed as whole processes. BENCH_REF_DIR names another checkout (e.g. the
// main branch) to run its import too, run for run in turn, for a before/after under the same
// load; BENCH_LOGS=recent (or historic) runs one of the two logs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DAY_MS } from '../src/core/clock.ts';
import { writeDemoLog } from '../src/modules/accesslog/accesslog.demo-log.ts';
import { machine, median } from './lib/machine.ts';
import { root, tsxBin } from './lib/processes.ts';
import { ensureDebianTool } from './lib/tools.ts';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const RUNS = 3;
const REFERENCE = process.env.BENCH_REF_DIR ? path.resolve(process.env.BENCH_REF_DIR) : null;
const ONLY = process.env.BENCH_LOGS?.split(',');
const work = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-accesslog-'));

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

function run(command: string, args: string[], env: Record<string, string> = {}, cwd = root): void {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
}

/** Our side: a fresh migrated data folder per run, then the import and its statistics as JSON. */
function platformSeconds(template: string, file: string, checkout = root): number {
  const dataDir = mkdtempSync(path.join(work, 'data-'));
  cpSync(template, dataDir, { recursive: true });
  try {
    // What `npm run cli -- accesslog import <file> --stats json --output …` runs.
    return timed(() =>
      run(
        tsxBin,
        ['--liftoff-only', 'src/cli.ts', 'accesslog', 'import', file, '--stats', 'json', '--output', path.join(dataDir, 'stats.json')],
        {
          DATA_DIR: dataDir,
        },
        checkout,
      ),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function goaccessSeconds(goaccess: string, file: string): number {
  return timed(() =>
    execFileSync(goaccess, [file, '--log-format=COMBINED', '--no-progress', '-o', path.join(work, 'goaccess.json')], { stdio: 'ignore' }),
  );
}

try {
  const goaccess = ensureDebianTool('goaccess');
  const goaccessVersion = execFileSync(goaccess, ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim();
  const template = path.join(work, 'template');
  run(tsxBin, ['src/cli.ts', 'migrate'], { DATA_DIR: template });
  const referenceTemplate = path.join(work, 'reference-template');
  if (REFERENCE) run(tsxBin, ['src/cli.ts', 'migrate'], { DATA_DIR: referenceTemplate }, REFERENCE);

  // A historic log (January 2026): statistics only, every line is past the 90-day limit.
  // A recent log (the last 30 days): statistics, and every line kept as an entry.
  const now = Date.now();
  const logs = [
    { name: 'historic', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') },
    { name: 'recent', from: new Date(now - 30 * DAY_MS), to: new Date(now - 60_000) },
  ];
  const results = [];
  for (const log of logs.filter((l) => !ONLY || ONLY.includes(l.name))) {
    const file = path.join(work, `${log.name}.log`);
    await writeDemoLog(file, { lines: LINES, from: log.from, to: log.to, seed: 1 });
    const ours: number[] = [];
    const theirs: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      theirs.push(goaccessSeconds(goaccess, file));
      ours.push(platformSeconds(template, file));
      if (REFERENCE) before.push(platformSeconds(referenceTemplate, file, REFERENCE));
    }
    const platformLps = LINES / median(ours);
    const goaccessLps = LINES / median(theirs);
    results.push({
      log: log.name,
      keptAsEntries: log.name === 'recent' ? LINES : 0,
      fileMB: Number((statSync(file).size / 1e6).toFixed(1)),
      platform: {
        secondsMedian: Number(median(ours).toFixed(2)),
        runs: ours.map((s) => Number(s.toFixed(2))),
        linesPerSecond: Math.round(platformLps),
      },
      goaccess: {
        secondsMedian: Number(median(theirs).toFixed(2)),
        runs: theirs.map((s) => Number(s.toFixed(2))),
        linesPerSecond: Math.round(goaccessLps),
      },
      ratio: Number((platformLps / goaccessLps).toFixed(2)),
      ...(REFERENCE
        ? {
            reference: {
              checkout: REFERENCE,
              secondsMedian: Number(median(before).toFixed(2)),
              runs: before.map((s) => Number(s.toFixed(2))),
              ratio: Number((LINES / median(before) / goaccessLps).toFixed(2)),
            },
          }
        : {}),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
    });
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'accesslog',
        description: `\`accesslog import <file> --stats json\` (one CLI process: import, then the statistics of the imported period as JSON; embedded database) vs \`goaccess --log-format=COMBINED -o json\`, ${LINES.toLocaleString('en')} deterministic lines, median of ${RUNS}`,
        reference: goaccessVersion,
        target: { ratio: 1.5 },
        results,
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
