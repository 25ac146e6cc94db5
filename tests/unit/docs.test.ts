import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { envSchema } from '../../src/core/config/config.ts';
import { modules } from '../../src/modules.ts';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('documentation stays true', () => {
  test('the README configuration table names every environment key', () => {
    for (const key of Object.keys(envSchema.shape)) expect(readme, key).toContain(`| \`${key}\` |`);
  });

  test('the README CLI reference names every module command', () => {
    for (const command of modules.flatMap((m) => m.commands ?? [])) expect(readme, command.name).toContain(`\`${command.name}`);
  });

  test('docs/ARCHITECTURE.md has a line for every module folder', () => {
    const architecture = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    // Core parts registered like modules (mail, letters) live in src/core/.
    for (const mod of modules) expect(architecture, mod.name).toMatch(new RegExp(`src/(modules|core)/${mod.name}/`));
  });

  test('docs/security.md names test files that exist, and each quoted test title is in its file', () => {
    const doc = readFileSync(path.join(root, 'docs/security.md'), 'utf8');
    const files = [...doc.matchAll(/`((?:src|tests)\/[\w./-]+\.test\.ts)`/g)].map((m) => m[1] as string);
    expect(files.length).toBeGreaterThan(8);
    for (const row of doc.split('\n')) {
      const file = /`((?:src|tests)\/[\w./-]+\.test\.ts)`/.exec(row)?.[1];
      if (!file) continue;
      const source = readFileSync(path.join(root, file), 'utf8');
      // Titles in italics; an ellipsis stands for a part left out.
      for (const [, title] of row.matchAll(/(?<!\*)\*([^*]+?)\*(?!\*)/g))
        for (const part of (title as string)
          .split('…')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const found = source.includes(part) || files.some((f) => readFileSync(path.join(root, f), 'utf8').includes(part));
          expect(found, `${part} (${file})`).toBe(true);
        }
    }
  });
});
