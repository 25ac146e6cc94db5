import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { describe, expect, test } from 'vitest';
import { makeLocalhostCertificate } from '../../../tests/support/certificate.ts';
import { createTestApp, TEST_SECRET } from '../../../tests/support/test-server.ts';

function httpsGet(url: string, ca: string): Promise<{ status: number; headers: Record<string, unknown>; protocol: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca }, (res) => {
      const protocol = (res.socket as { getProtocol?: () => string }).getProtocol?.() ?? '';
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, protocol }));
    });
    req.on('error', reject);
  });
}

describe('TLS only (C14)', () => {
  test('[C14] with a certificate the server speaks HTTPS and pins it with HSTS', async () => {
    const { certFile, keyFile, cert } = await makeLocalhostCertificate();
    const t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        TLS_CERT_FILE: certFile,
        TLS_KEY_FILE: keyFile,
        PUBLIC_URL: 'https://localhost',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SECRET_KEY: TEST_SECRET,
      },
    });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const res = await httpsGet(`https://localhost:${port}/`, cert);
      expect(res.status).toBe(200);
      expect(res.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      // Plain HTTP on the TLS port gets no page.
      const plain = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect(plain).not.toBe(200);
    } finally {
      await t.close();
    }
  });

  test('[C14] the TLS listener offers TLS 1.2 only with AEAD ciphers: a client limited to CBC or to TLS 1.1 gets no connection', async () => {
    const { certFile, keyFile, cert } = await makeLocalhostCertificate();
    const t = await createTestApp({ env: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PUBLIC_URL: 'https://localhost' } });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const handshake = (options: tls.ConnectionOptions) =>
        new Promise<string>((resolve) => {
          const socket = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: cert, ...options }, () => {
            resolve(`${socket.getProtocol()} ${socket.getCipher().name}`);
            socket.end();
          });
          socket.on('error', () => resolve('refused'));
        });
      // LUCKY13 and friends need a CBC cipher (testssl.sh reported them before).
      expect(await handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:AES128-SHA' })).toBe(
        'refused',
      );
      expect(await handshake({ maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' })).toBe('refused');
      expect(await handshake({ maxVersion: 'TLSv1.2' })).toMatch(/^TLSv1\.2 ECDHE-RSA-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
      expect(await handshake({})).toMatch(/^TLSv1\.3 /);
    } finally {
      await t.close();
    }
  });

  test('[C14] behind a TLS proxy in production, plain HTTP is redirected and form data over it is refused', async () => {
    const t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        TRUST_PROXY: '1',
        PUBLIC_URL: 'https://www.stadtwerke.example',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SECRET_KEY: TEST_SECRET,
      },
    });
    try {
      const get = await t.app.inject({ method: 'GET', url: '/strom?x=1', headers: { 'x-forwarded-proto': 'http' } });
      expect(get.statusCode).toBe(301);
      expect(get.headers.location).toBe('https://www.stadtwerke.example/strom?x=1');
      expect(get.headers['strict-transport-security']).toBeUndefined();

      const post = await t.app.inject({
        method: 'POST',
        url: '/strom',
        headers: { 'x-forwarded-proto': 'http', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Erika',
      });
      expect(post.statusCode).toBe(403);
      expect(post.body).toContain('verschlüsselte Verbindung');

      const secure = await t.app.inject({ method: 'GET', url: '/strom', headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.statusCode).toBe(200);
      expect(secure.headers['strict-transport-security']).toContain('max-age=63072000');
    } finally {
      await t.close();
    }
  });

  test('X-Forwarded-For is believed only when a proxy is configured', async () => {
    const direct = await createTestApp();
    try {
      await direct.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-for': '6.6.6.6' } });
      await direct.app.accessLog.flush();
      const rows = await direct.database.db
        .withTables<{ accesslog_entries: { client_ip: string } }>()
        .selectFrom('accesslog_entries')
        .select('client_ip')
        .execute();
      expect(rows.map((r) => r.client_ip)).toEqual(['127.0.0.1']);
    } finally {
      await direct.close();
    }
  });
});
