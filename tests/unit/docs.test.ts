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
});
