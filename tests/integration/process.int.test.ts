import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { createDatabase } from '../../src/core/db/database.ts';
import { makeLocalhostCertificate } from '../support/certificate.ts';
import { dropSchemas } from '../support/postgres.ts';
import { ensureTemplate } from '../support/template-db.ts';
import { TEST_DATABASE_URL, testSchemaName } from '../support/test-db.ts';
import { TEST_SECRET } from '../support/test-server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Resolves when the process prints `pattern`; the test's own timeout bounds the wait. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) resolve(out);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`)));
  });
}

function request(url: string, ca?: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) }));
    });
    req.on('error', reject);
  });
}

describe('the web process', () => {
  test('[C14] serves HTTPS, redirects plain HTTP, and on SIGTERM drains and flushes the access log', async () => {
    const { certFile, keyFile, cert } = await makeLocalhostCertificate();
    const [port, redirectPort] = [await freePort(), await freePort()];
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      HTTP_REDIRECT_PORT: String(redirectPort),
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
      PUBLIC_URL: `https://localhost:${port}`,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SECRET_KEY: TEST_SECRET,
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
      ACCESSLOG_FLUSH_INTERVAL_MS: '600000', // nothing is written before shutdown
      ACCESSLOG_BATCH_SIZE: '10000',
    };
    const schema = onPostgres ? testSchemaName() : '';
    if (onPostgres) {
      env.DATABASE_URL = TEST_DATABASE_URL;
      env.DATABASE_SCHEMA = schema;
    } else {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-process-'));
      cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
      env.DATA_DIR = dataDir;
    }
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'serve'], { cwd: root, env, stdio: 'pipe' });
    try {
      await waitForOutput(child, /is running at/);
      for (let i = 0; i < 7; i++) expect((await request(`https://localhost:${port}/strom`, cert)).status).toBe(200);
      const redirect = await request(`http://127.0.0.1:${redirectPort}/gas?x=1`);
      expect(redirect).toEqual({ status: 301, location: `https://localhost:${port}/gas?x=1` });

      const exited = new Promise<number | null>((r) => child.on('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }

    const database = onPostgres
      ? await createDatabase({ url: TEST_DATABASE_URL, schema })
      : await createDatabase({ dataDir: env.DATA_DIR });
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from accesslog_entries where path = '/strom'`.execute(
        database.db,
      );
      expect(rows[0]?.n).toBe(7);
    } finally {
      await database.close();
      if (onPostgres) await dropSchemas(schema);
      else rmSync(env.DATA_DIR as string, { recursive: true, force: true });
    }
  });
});
