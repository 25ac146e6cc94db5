import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { freePort } from '../../bench/lib/processes.ts';

const root = path.resolve(import.meta.dirname, '../..');
// `start` is the demo on the embedded database: one run is enough, on either project.
const onPostgres = process.env.TEST_DB === 'postgres';

describe.skipIf(onPostgres)('the demo start', () => {
  test('a fresh start serves before the demo data is loaded, says the map is being computed meanwhile, and prints only the welcome', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-start-'));
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SOLAR_DATA_DIR: dataDir };
    delete env.LOG_LEVEL;
    delete env.SOLAR_WEATHER_FILE;
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'start'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) resolve();
        };
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}; output:\n${out}`)));
        check();
      });
    const base = `http://127.0.0.1:${port}`;
    try {
      await seen(/is running at /);
      // Served at once: the welcome comes before the demo data is in.
      expect(out).not.toContain('Demo data loaded');
      const early = await fetch(`${base}/solar`);
      expect(early.status).toBe(200);
      const earlyPage = await early.text();
      // Unless the demo finished in between, the page says the map is not complete yet.
      if (!out.includes('Demo data loaded')) expect(earlyPage).toContain('Die Karte wird gerade berechnet');

      await seen(/Demo data loaded/);
      const page = await (await fetch(`${base}/solar`)).text();
      expect(page).not.toContain('Die Karte wird gerade berechnet');
      const map = (await (await fetch(`${base}/solar/karte.geojson`)).json()) as { features: unknown[] };
      expect(map.features.length).toBeGreaterThan(80);

      // The console: the welcome and the demo's links, no log lines at the default level.
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      expect(lines.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
      expect(lines[0]).toMatch(/is running at http:\/\/localhost:\d+/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
