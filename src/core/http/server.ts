import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { createAppContext } from '../app-context.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import type { AppContext, ModuleDefinition } from '../module.ts';
import { assertModulesFit, checkRoutesAsDeclared } from '../module-checks.ts';
import { assertRegisterMatchesSchema } from '../privacy/index.ts';
import { sortNavigation } from '../views/index.ts';
import { installBodyDrain } from './body-drain.ts';
import { frameworkErrorHandler, installErrorHandling } from './errors.tsx';
import { installHealthRoutes } from './health.ts';
import { databaseRateLimitStore, MemoryWindows } from './rate-limit-store.ts';
import { installNulGuard, installOriginGuard, installSecurityHeaders, installTlsEnforcement } from './security.ts';
import { SharedPageWindows } from './shared-page-windows.ts';

const coreAssets = path.join(path.dirname(fileURLToPath(import.meta.url)), '../views/assets');

/**
 * TLS 1.2 with forward secrecy and AEAD only (Mozilla's "intermediate" list): Node's default list
 * still offers CBC ciphers, which testssl.sh reports (LUCKY13). TLS 1.3's suites are all AEAD.
 */
const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface ServerOptions {
  config: Config;
  database: Database;
  modules: readonly ModuleDefinition[];
  clock?: Clock;
  logger?: Logger;
}

export interface Server {
  app: FastifyInstance;
  ctx: AppContext;
}

/** Builds the whole web application without listening, so tests can drive it through inject(). */
export async function buildServer(options: ServerOptions): Promise<Server> {
  const { config, database, modules } = options;
  // The register must match the schema before anything is served (boot fails otherwise).
  assertModulesFit(modules, config);
  await assertRegisterMatchesSchema(database, modules, config);
  const ctx = createAppContext(config, database, modules, options.clock, options.logger);
  const { log } = ctx;

  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
    // A hop count becomes a function: trust the nearest N proxies.
    trustProxy:
      typeof config.TRUST_PROXY === 'number' ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number) : config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    ...(config.tls
      ? {
          https: {
            cert: readFileSync(config.TLS_CERT_FILE as string),
            key: readFileSync(config.TLS_KEY_FILE as string),
            minVersion: 'TLSv1.2' as const,
            ciphers: TLS12_CIPHERS,
          },
        }
      : {}),
  }) as unknown as FastifyInstance;

  app.decorate('siteFrame', {
    org: config.organisation,
    navigation: sortNavigation(modules.flatMap((m) => m.navigation ?? [])),
    scripts: modules.flatMap((m) => m.publicScripts ?? []),
  });

  installTlsEnforcement(app, config);
  installSecurityHeaders(app, config);
  installOriginGuard(app, config);
  installNulGuard(app);
  installBodyDrain(app);
  // The embedded database serves one process only: there the page limit needs sharing with none.
  const pageCounter = database.kind === 'pglite' ? new MemoryWindows(ctx.clock) : new SharedPageWindows(database.db, ctx.clock);
  app.addHook('onClose', async () => {
    await pageCounter.close().catch(() => {});
  });
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    // Counters are announced only once exceeded (with Retry-After): they cost every response
    // and tell a well-behaved visitor nothing.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    // Counted in the database, so several instances behind a balancer share one count; the page
    // limit in memory, and on PostgreSQL shared once a second (rate-limit-store.ts, decision 022).
    store: databaseRateLimitStore(database.db, ctx.clock, { pageCounter }),
    // Without its database the request fails on its own, with a clear answer; a page that needs
    // none is still served rather than refused for a counter that cannot be read.
    skipOnError: true,
  });
  // Before any route (it mirrors the route table); after the limit, which its 404s count against.
  installErrorHandling(app, { notFoundLimit: app.rateLimit() });
  await app.register(formbody, { bodyLimit: config.BODY_LIMIT_BYTES });
  // Parses cookies only; public pages never set one (C11), signed-in areas set theirs.
  await app.register(cookie);
  await app.register(fastifyStatic, {
    root: [coreAssets, ...modules.flatMap((m) => (m.assetsDir ? [m.assetsDir] : []))],
    prefix: '/assets/',
    index: false,
    list: false,
    dotfiles: 'deny',
    // Type declarations of shared browser modules are for the compiler, not for visitors.
    allowedPath: (pathName) => !pathName.endsWith('.d.mts'),
    maxAge: '1h',
  });

  installHealthRoutes(app, database);
  checkRoutesAsDeclared(app, modules, config);
  for (const mod of modules) await mod.hooks?.(app, ctx);
  for (const mod of modules) await mod.routes?.(app, ctx);
  await app.ready();
  return { app, ctx };
}
