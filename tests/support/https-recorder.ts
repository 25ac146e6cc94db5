import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeLocalhostCertificate } from './certificate.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Whether the request arrived over TLS (it always does here: the server speaks nothing else). */
  encrypted: boolean;
}

export interface HttpsRecorder {
  url: string;
  /** The certificate (PEM file) a client must trust: the server's own, self-signed. */
  caFile: string;
  received: RecordedRequest[];
  /** Status codes to answer with, in turn; when used up, 200. */
  answers: number[];
  waitFor(count: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/**
 * A local HTTPS server with a throwaway certificate that records every request exactly as it
 * arrived (headers and body), playing an SMS provider in tests.
 */
export async function startHttpsRecorder(): Promise<HttpsRecorder> {
  const { certFile, keyFile } = await makeLocalhostCertificate();
  const received: RecordedRequest[] = [];
  const answers: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
        encrypted: (req.socket as { encrypted?: boolean }).encrypted === true,
      });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"status":"accepted"}' : '{"error":"nope"}');
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/v1/messages`,
    caFile: certFile,
    received,
    answers,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      // No timer of its own: the test's timeout bounds the wait, on a slow machine as on a fast one.
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
