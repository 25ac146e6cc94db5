import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/module.ts';
import { loadRouteMatcher, pageRoutesOf, saveKnownRoutes } from './accesslog.anonymity.ts';
import { pagePath, referringPage } from './accesslog.normalise.ts';
import type { AccesslogTables } from './accesslog.tables.ts';
import { browserAndOs } from './accesslog.user-agent.ts';
import { AccessLogWriter } from './accesslog.writer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    accessLogBytes?: number;
  }
  interface FastifyInstance {
    accessLog: AccessLogWriter;
  }
}

function isReadable(payload: unknown): payload is NodeJS.ReadableStream {
  return typeof payload === 'object' && payload !== null && typeof (payload as { pipe?: unknown }).pipe === 'function';
}

/** Records one entry per request (C05) without waiting for the database. */
export function installAccessLog(app: FastifyInstance, ctx: AppContext): void {
  const writer = new AccessLogWriter({
    db: ctx.db.withTables<AccesslogTables>(),
    log: ctx.log,
    flushIntervalMs: ctx.config.ACCESSLOG_FLUSH_INTERVAL_MS,
    batchSize: ctx.config.ACCESSLOG_BATCH_SIZE,
    embedded: ctx.database.pglite,
  });
  app.decorate('accessLog', writer);

  // Callback-style hooks: these run on every request, and an async function costs a promise each.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (typeof payload === 'string') request.accessLogBytes = Buffer.byteLength(payload);
    else if (Buffer.isBuffer(payload)) request.accessLogBytes = payload.length;
    else if (isReadable(payload)) {
      // Streamed bodies (static files) are counted as they pass.
      request.accessLogBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          request.accessLogBytes = (request.accessLogBytes ?? 0) + chunk.length;
          done(null, chunk);
        },
      });
      (payload as NodeJS.ReadableStream).on('error', (err) => counter.destroy(err));
      done(null, (payload as NodeJS.ReadableStream).pipe(counter));
      return;
    }
    done(null, payload);
  });

  const publicOrigin = new URL(ctx.config.PUBLIC_URL).origin;
  app.addHook('onResponse', (request, reply, done) => {
    if (request.routeOptions.config?.probe) {
      done();
      return;
    }
    const { browser, os } = browserAndOs(request.headers['user-agent']);
    const referer = request.headers.referer;
    const own = [publicOrigin, `${request.protocol}://${request.host}`];
    writer.record({
      occurredAt: ctx.clock.now(),
      clientIp: request.ip,
      method: request.method.slice(0, 16),
      // A one-time token in the path would stay readable in the log for 90 days.
      path: request.routeOptions.config?.secretInPath ? (request.routeOptions.url ?? '/') : pagePath(request.url),
      referrer: referringPage(typeof referer === 'string' ? referer : undefined, own),
      status: reply.statusCode,
      bytesSent: request.method === 'HEAD' ? 0 : (request.accessLogBytes ?? 0),
      browser,
      os,
    });
    done();
  });

  // The routes statistics count pages by (C08): written once the server is complete, and read
  // back once for the writer, which counts every entry it stores.
  app.addHook('onReady', async () => {
    await saveKnownRoutes(ctx.db, pageRoutesOf(app.routeTable));
    writer.useRoutes(await loadRouteMatcher(ctx.db));
  });

  app.addHook('onClose', async () => {
    await writer.close();
  });
}
