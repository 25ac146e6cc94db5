// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
// self time by package (node_modules/<name>, the app's own files, node's internals), as text.
// Optionally writes an icicle-style flame graph as a small SVG (frames under 1 % dropped).
//   tsx bench/lib/profile-summary.ts <file.cpuprofile> [--top 30] [--skip seconds] [--svg out.svg]
import { readFileSync, writeFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N] [--svg out.svg]');
const top = Number(args[args.indexOf('--top') + 1] || 30);
const svgOut = args.includes('--svg') ? args[args.indexOf('--svg') + 1] : undefined;

const skipSeconds = args.includes('--skip') ? Number(args[args.indexOf('--skip') + 1]) : 0;

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
// --skip N: leaves out the first N seconds (start-up), so the figures are those under load.
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  if (elapsedUs >= skipSeconds * 1e6) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/src/')) return `app ${url.slice(url.indexOf('/src/') + 1)}`;
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native)' : url;
}
const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${where(f)}:${f.lineNumber + 1}`;
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;

const fnSelf = new Map<string, number>();
const pkgSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = (byId.get(id) as ProfileNode).callFrame;
  fnSelf.set(label(frame), (fnSelf.get(label(frame)) ?? 0) + us);
  const pkg = where(frame).replace(/^app .*/, 'app (src/)');
  pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
}
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by package`);
for (const [name, us] of sorted(pkgSelf).slice(0, 15)) console.log(`${pct(us)}  ${name}`);
console.log(`\ntop ${top} functions by self time`);
for (const [name, us] of sorted(fnSelf).slice(0, top)) console.log(`${pct(us)}  ${name}`);

// Inclusive time per node (the node and everything it called).
const inclusive = new Map<number, number>();
const sum = (node: ProfileNode): number => {
  const own = selfUs.get(node.id) ?? 0;
  const all = own + (node.children ?? []).reduce((a, c) => a + sum(byId.get(c) as ProfileNode), 0);
  inclusive.set(node.id, all);
  return all;
};
const root = profile.nodes[0] as ProfileNode;
sum(root);
// The app's own functions with what they called (a function on several paths counted once per path).
const appTotal = new Map<string, number>();
for (const node of profile.nodes) {
  if (!where(node.callFrame).startsWith('app ')) continue;
  appTotal.set(label(node.callFrame), (appTotal.get(label(node.callFrame)) ?? 0) + (inclusive.get(node.id) ?? 0));
}
console.log(`\ntop ${top} of the app's functions by total time (self and callees)`);
for (const [name, us] of sorted(appTotal).slice(0, top)) console.log(`${pct(us)}  ${name}`);

// What holds the event loop in one piece: runs of consecutive samples whose stacks all pass
// through the same package (or (garbage collector)). Samples are ~1 ms apart; a long run of
// one package's frames is work no request could interrupt, the cause of a latency tail.
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const packagesOf = new Map<number, Set<string>>();
const packagesOnStack = (id: number): Set<string> => {
  const known = packagesOf.get(id);
  if (known) return known;
  const node = byId.get(id) as ProfileNode;
  const parent = parentOf.get(id);
  const set = new Set(parent === undefined ? [] : packagesOnStack(parent));
  const w = where(node.callFrame);
  if (node.callFrame.functionName === '(garbage collector)') set.add('(garbage collector)');
  else if (w.startsWith('wasm://')) set.add('(wasm)');
  else if (!w.startsWith('node:') && w !== '(native)') set.add(w.replace(/^app .*/, 'app (src/)'));
  packagesOf.set(id, set);
  return set;
};
const open = new Map<string, number>();
const stretches = new Map<string, number[]>();
let t = 0;
const closeStretch = (pkg: string) => {
  const from = open.get(pkg) as number;
  const list = stretches.get(pkg) ?? [];
  list.push(t - from);
  stretches.set(pkg, list);
  open.delete(pkg);
};
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t < skipSeconds * 1e6) return;
  const here = packagesOnStack(id);
  for (const pkg of [...open.keys()]) if (!here.has(pkg)) closeStretch(pkg);
  for (const pkg of here) if (!open.has(pkg)) open.set(pkg, t);
});
for (const pkg of [...open.keys()]) closeStretch(pkg);
console.log('\nlongest uninterrupted stretches (consecutive samples inside one package), ms');
const stretchRows = [...stretches].map(([pkg, list]) => {
  const s = [...list].sort((a, b) => b - a);
  return { pkg, longest: (s[0] ?? 0) / 1000, over5: s.filter((d) => d > 5000).length, over20: s.filter((d) => d > 20_000).length };
});
for (const r of stretchRows.sort((a, b) => b.longest - a.longest).slice(0, 12))
  console.log(`${r.longest.toFixed(1).padStart(7)}  ${r.pkg}  (${r.over5} over 5 ms, ${r.over20} over 20 ms)`);

if (svgOut) {
  // Drawn root at the top, frames under 1 % left out.
  const width = 1200;
  const rowHeight = 16;
  const rects: string[] = [];
  let depthMax = 0;
  const draw = (node: ProfileNode, x: number, depth: number) => {
    const w = ((inclusive.get(node.id) ?? 0) / total) * width;
    if (w < width * 0.01) return;
    depthMax = Math.max(depthMax, depth);
    const name = label(node.callFrame).replace(/[<>&"]/g, '');
    const hue = where(node.callFrame).startsWith('app') ? 30 : where(node.callFrame).startsWith('node:') ? 200 : 0;
    rects.push(
      `<g><title>${name} (${pct(inclusive.get(node.id) ?? 0).trim()})</title><rect x="${x.toFixed(1)}" y="${depth * rowHeight}" width="${w.toFixed(1)}" height="${rowHeight - 1}" fill="hsl(${hue},70%,${60 + ((depth * 7) % 20)}%)"/>` +
        (w > 60
          ? `<text x="${(x + 3).toFixed(1)}" y="${depth * rowHeight + 12}" font-size="10" font-family="monospace">${name.slice(0, Math.floor(w / 6.2))}</text>`
          : '') +
        '</g>',
    );
    let cx = x;
    for (const c of node.children ?? []) {
      const child = byId.get(c) as ProfileNode;
      draw(child, cx, depth + 1);
      cx += ((inclusive.get(child.id) ?? 0) / total) * width;
    }
  };
  draw(root, 0, 0);
  writeFileSync(
    svgOut,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${(depthMax + 1) * rowHeight}">${rects.join('')}</svg>\n`,
  );
  console.log(`\nflame graph (icicle, root at the top): ${svgOut}`);
}
