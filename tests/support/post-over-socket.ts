import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * POSTs a body over a real socket (inject cannot show a connection cut mid-upload) and
 * reports the answer's status, followed by the error the sender met, if any: a browser cut
 * off before it has sent the whole body shows a connection error instead of the answer.
 * `chunked` sends the body in pieces without announcing its length.
 */
export async function postOverSocket(
  app: FastifyInstance,
  path: string,
  contentType: string,
  body: Buffer,
  chunked = false,
): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve) => {
    let status = 'no answer';
    let failure = '';
    const headers = { 'content-type': contentType, ...(chunked ? {} : { 'content-length': body.length }) };
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        status = String(res.statusCode);
      });
    });
    req.on('error', (err) => {
      failure = ` ${err.message}`;
    });
    req.on('close', () => resolve(`${status}${failure}`));
    if (!chunked) return void req.end(body);
    for (let at = 0; at < body.length; at += 1_048_576) req.write(body.subarray(at, at + 1_048_576));
    req.end();
  });
}
