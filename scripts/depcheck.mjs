#!/usr/bin/env node
// The dependency rules (.dependency-cruiser.cjs) with a report a person can act on: for each
// import that reaches into another package, the index.ts to import from instead, and whether
// that index exports the file's names yet.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const bin = path.join(import.meta.dirname, '..', 'node_modules', '.bin', 'depcruise');
/** The violations of one cruise; depcruise exits non-zero when a rule is broken, with the JSON on stdout all the same. */
function cruise(config) {
  let out;
  try {
    out = execFileSync(bin, ['src', '--config', config, '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  } catch (err) {
    if (!err.stdout) throw err;
    out = err.stdout;
  }
  return JSON.parse(out).summary;
}
// Run time (all rules, cycles among them), then the boundary rules once more with type-only imports.
const summary = cruise('.dependency-cruiser.cjs');
const seen = new Set(summary.violations.map((v) => `${v.rule.name} ${v.from} ${v.to}`));
for (const v of cruise('.dependency-cruiser.types.cjs').violations) {
  if (!seen.has(`${v.rule.name} ${v.from} ${v.to}`)) summary.violations.push(v);
}

/** The index.ts of the package `file` belongs to, or null for a single-file package. */
function indexOf(file) {
  const m = /^src\/(core|modules)\/([^/]+)\//.exec(file);
  return m ? `src/${m[1]}/${m[2]}/index.ts` : null;
}

const lines = [];
for (const v of summary.violations) {
  const rule = v.rule.name;
  if (rule === 'no-circular') {
    lines.push(`✗ ${rule}: ${[v.from, ...(v.cycle ?? []).map((c) => c.name ?? c)].join(' → ')}`);
    continue;
  }
  let advice = '';
  if (['module-through-index', 'module-to-module-through-index', 'core-to-core-through-index', 'core-file-through-index'].includes(rule)) {
    const index = indexOf(v.to);
    if (index) {
      const exported = existsSync(index) && readFileSync(index, 'utf8').includes(`'./${path.basename(v.to)}'`);
      advice = `\n    → import from ${index}${exported ? '' : ` (it does not export from ./${path.basename(v.to)} yet: append the export to the index)`}`;
    }
  } else if (rule === 'privacy-engine-serves-pages') {
    advice = '\n    → the engine must not know its pages: move the page to src/modules/gdpr, or hand the engine what it needs';
  } else if (rule === 'core-not-to-modules') {
    advice = '\n    → core must not know modules: let the module hand it over through defineModule (src/core/module.ts)';
  }
  lines.push(`✗ ${rule}: ${v.from} imports ${v.to}${advice}`);
}

if (lines.length > 0) {
  console.error(lines.join('\n'));
  console.error(`\n${lines.length} dependency rule violation(s); the rules and why: docs/ARCHITECTURE.md, .dependency-cruiser.cjs`);
  process.exit(1);
}
console.log(`dependency rules hold: ${summary.totalCruised} files, ${summary.totalDependenciesCruised} imports`);
