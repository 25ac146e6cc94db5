import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLocalhostCertificate } from '../../../tests/support/certificate.ts';
import { countLoopTurns } from '../../../tests/support/loop-turns.ts';
import { balancesAcceptSockets, type Listening, listenWithAcceptSockets } from './listen.ts';

const BURST = 64;

let open: { app: FastifyInstance; listening: Listening }[] = [];
afterEach(async () => {
  for (const { app, listening } of open) {
    await listening.stopAccepting();
    await app.close();
  }
  open = [];
});

/** The status of one GET through `get` (http's or https's), once the whole answer is in. */
function statusOf(get: typeof http.get, options: http.RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    get(options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function serve(acceptSockets: number, httpsOptions?: { key: Buffer; cert: Buffer }) {
  // One type for both: the tests use only what http and https servers share.
  const app = (httpsOptions ? Fastify({ https: httpsOptions }) : Fastify()) as unknown as FastifyInstance;
  app.get('/', async () => 'ok');
  const listening = await listenWithAcceptSockets(app, { host: '127.0.0.1', port: 0, acceptSockets });
  open.push({ app, listening });
  return { app, listening, port: (app.server.address() as AddressInfo).port };
}

/**
 * Opens BURST connections at once, each asking for `/`, and reports the most connections the
 * server accepted between two turns of the event loop (server and clients share this process;
 * on loopback the kernel completes a handshake within connect(), so all are queued before the
 * server's next turn).
 */
async function mostAcceptedInOneTurn(app: FastifyInstance, port: number): Promise<{ most: number; answered: number }> {
  const turns = countLoopTurns();
  const perTurn = new Map<number, number>();
  const onConnection = () => perTurn.set(turns.turns, (perTurn.get(turns.turns) ?? 0) + 1);
  app.server.on('connection', onConnection);
  const answers = Array.from(
    { length: BURST },
    () =>
      new Promise<string>((resolve, reject) => {
        const socket: Socket = connect({ host: '127.0.0.1', port }, () =>
          socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk.toString();
        });
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      }),
  );
  const texts = await Promise.all(answers);
  turns.stop();
  app.server.off('connection', onConnection);
  return { most: Math.max(...perTurn.values()), answered: texts.filter((t) => t.startsWith('HTTP/1.1 200') && t.endsWith('ok')).length };
}

describe('listening on several sockets (decision 027)', () => {
  test('with one listening socket the server accepts at most one new connection per turn of the loop (why there are more)', async () => {
    const { app, port } = await serve(1);
    const { most, answered } = await mostAcceptedInOneTurn(app, port);
    expect(answered).toBe(BURST);
    expect(most).toBe(1);
  });

  test.runIf(balancesAcceptSockets)(
    'with several listening sockets a burst of new connections is accepted several per turn, and every one is answered',
    async () => {
      const { app, port } = await serve(8);
      const { most, answered } = await mostAcceptedInOneTurn(app, port);
      expect(answered).toBe(BURST);
      expect(most).toBeGreaterThan(1);
    },
  );

  test.runIf(balancesAcceptSockets)('connections accepted by a spare socket speak TLS like the others', async () => {
    const { certFile, keyFile, cert } = await makeLocalhostCertificate();
    const { port } = await serve(8, { key: readFileSync(keyFile), cert: readFileSync(certFile) });
    const agentless = () =>
      statusOf(https.get, { host: '127.0.0.1', port, servername: 'localhost', ca: cert, agent: false } as https.RequestOptions);
    // Each request on a connection of its own, spread by the kernel over the eight sockets.
    const statuses = await Promise.all(Array.from({ length: 32 }, agentless));
    expect(statuses).toEqual(Array(32).fill(200));
  });

  test('a second server on a port in use fails as it did with one socket, instead of sharing the connections', async () => {
    const { port } = await serve(8);
    const second = Fastify();
    await expect(listenWithAcceptSockets(second, { host: '127.0.0.1', port, acceptSockets: 8 })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await second.close();
  });

  test.runIf(balancesAcceptSockets)(
    'keep-alive connections taken by spare sockets do not hold up the shutdown',
    async () => {
      const { app, listening, port } = await serve(8);
      open = [];
      const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
      const get = () => statusOf(http.get, { host: '127.0.0.1', port, agent });
      expect(await Promise.all(Array.from({ length: 32 }, get))).toEqual(Array(32).fill(200));
      // 32 idle connections stay open in the agent, spread over the eight sockets.
      await listening.stopAccepting();
      await app.close();
      agent.destroy();
    },
    30_000,
  );

  test('once stopped and closed, every socket has let go of the port', async () => {
    const { app, listening, port } = await serve(8);
    open = [];
    await listening.stopAccepting();
    await app.close();
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen({ host: '127.0.0.1', port, exclusive: true }, resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });
});
