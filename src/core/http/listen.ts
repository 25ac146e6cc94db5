import { type AddressInfo, createServer, type Server } from 'node:net';
import type { FastifyInstance, FastifyListenOptions } from 'fastify';

export interface ListenOptions {
  host: string;
  port: number;
  /**
   * Listening sockets on the one port (SO_REUSEPORT, Linux only; elsewhere always one). libuv
   * accepts one connection per listening socket per turn of the event loop (libuv 1.45, PR
   * #3696), and a turn serves every connection that has a request waiting, so under load new
   * connections queue in the kernel while the established ones are served: measured on the
   * platform with 256 connections opened at once, the last were accepted 4–5 s after the first,
   * and a visitor arriving then waited as long (decision 027). The kernel spreads new
   * connections over the sockets, so each turn accepts up to this many.
   */
  acceptSockets: number;
}

/** Whether the kernel balances connections over sockets bound to one port (Linux's SO_REUSEPORT). */
export const balancesAcceptSockets = process.platform === 'linux';

/**
 * Binds and releases the port without SO_REUSEPORT, so a second instance started on a port in
 * use fails with EADDRINUSE as before instead of quietly sharing the connections of the first.
 */
function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listenSpare(app: FastifyInstance, address: AddressInfo): Promise<Server> {
  // What http.Server sets on the connections it accepts itself (no Nagle delay on answers).
  const spare = createServer({ noDelay: true }, (socket) => app.server.emit('connection', socket));
  return new Promise((resolve, reject) => {
    spare.once('error', reject);
    spare.listen({ host: address.address, port: address.port, reusePort: true }, () => {
      spare.off('error', reject);
      spare.on('error', (err) => app.log.error({ err }, 'spare listening socket failed'));
      resolve(spare);
    });
  });
}

export interface Listening {
  /** Stops the spare sockets accepting; call before `app.close()`, which stops the app's own and ends the connections. */
  stopAccepting(): Promise<void>;
}

/**
 * Starts serving the app on `host:port` with `acceptSockets` listening sockets. The spare ones
 * hand each connection to the app's server, which then treats it as one it accepted itself
 * (TLS, keep-alive, timeouts, closing idle connections on shutdown).
 */
export async function listenWithAcceptSockets(app: FastifyInstance, options: ListenOptions): Promise<Listening> {
  const count = balancesAcceptSockets ? Math.max(1, options.acceptSockets) : 1;
  const spares: Server[] = [];
  // Not waiting for 'close': a spare counts the connections it accepted and emits it only once
  // they ended, and the app's server, which ends them (idle keep-alive ones included), closes
  // after this. The listening socket itself is released at once.
  const stopAccepting = async () => {
    for (const spare of spares.splice(0)) spare.close();
  };
  if (count === 1) {
    await app.listen({ host: options.host, port: options.port });
    return { stopAccepting };
  }
  if (options.port !== 0) await assertPortFree(options.host, options.port);
  // Fastify hands its listen options on to net.Server#listen whole; its types lack reusePort.
  const shared: FastifyListenOptions = { host: options.host, port: options.port, ...{ reusePort: true } };
  await app.listen(shared);
  const address = app.server.address() as AddressInfo;
  try {
    for (let i = 1; i < count; i++) spares.push(await listenSpare(app, address));
  } catch (err) {
    await stopAccepting();
    await app.close();
    throw err;
  }
  return { stopAccepting };
}
