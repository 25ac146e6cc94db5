#!/usr/bin/env node
// Rewrites imports of another core package's internals to the package's index.ts, merging
// them into one import per index: `node scripts/imports-through-index.mjs [files…]` (default:
// every file under src/modules and src/core, and the entry points; a core file's imports of its
// own package stay as they are). For branches built before the dependency
// rules (decision 014); afterwards run `npx biome check --write` and `npm run depcheck`, which
// names any name an index does not export yet.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const walk = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    if (statSync(full).isDirectory()) return n === 'migrations' ? [] : walk(full);
    return /\.tsx?$/.test(n) ? [full] : [];
  });
const files =
  process.argv.length > 2
    ? process.argv.slice(2).map((f) => path.resolve(f))
    : [
        ...walk(path.join(root, 'src/modules')),
        ...walk(path.join(root, 'src/core')),
        ...['modules.ts', 'main.ts', 'cli.ts', 'worker.ts'].map((f) => path.join(root, 'src', f)),
      ];
const hasIndex = (pkg) => existsSync(path.join(root, 'src/core', pkg, 'index.ts'));
const IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(\.[^']+)';\n/g;

let changed = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const own = /^src\/core\/([^/]+)\//.exec(path.relative(root, file).split(path.sep).join('/'))?.[1];
  const groups = new Map();
  let out = source.replace(IMPORT, (all, typeOnly, names, spec) => {
    const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep);
    const isInternal =
      target.length === 4 && target[0] === 'src' && target[1] === 'core' && target[3] !== 'index.ts' && hasIndex(target[2]);
    const isIndex = target.length === 4 && target[1] === 'core' && target[3] === 'index.ts';
    if ((!isInternal && !isIndex) || target[2] === own) return all;
    let index = path.relative(path.dirname(file), path.join(root, 'src/core', target[2], 'index.ts'));
    if (!index.startsWith('.')) index = `./${index}`;
    const list = names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => (typeOnly && !n.startsWith('type ') ? `type ${n}` : n));
    const first = !groups.has(index);
    groups.set(index, [...(groups.get(index) ?? []), ...list]);
    return first ? `@@${index}@@\n` : '';
  });
  for (const [index, list] of groups) {
    const byName = new Map();
    for (const n of list) {
      const bare = n.replace(/^type /, '');
      if (!byName.has(bare) || !n.startsWith('type ')) byName.set(bare, n);
    }
    const names = [...byName.values()];
    const line = names.every((n) => n.startsWith('type '))
      ? `import type { ${names.map((n) => n.slice(5)).join(', ')} } from '${index}';\n`
      : `import { ${names.join(', ')} } from '${index}';\n`;
    out = out.replace(`@@${index}@@\n`, line);
  }
  if (out !== source) {
    writeFileSync(file, out);
    changed += 1;
  }
}
console.log(`${changed} file(s) rewritten`);
