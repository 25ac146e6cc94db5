// `npm run bench`: every benchmark in its own process, one after another (they would disturb
// each other's figures if run together). Each prints its own JSON document.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { root, tsxBin } from './lib/processes.ts';

const only = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stderr.write(`\n▶ ${bench}\n`);
  const result = spawnSync(tsxBin, [path.join('bench', bench)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
