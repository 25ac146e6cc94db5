import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config/index.ts';
import { HttpError, sendError } from './errors.tsx';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

/**
 * The headers helmet would set, worked out once: none of them depends on the request (the CSP
 * carries no nonce), so helmet runs here against a recording response instead of per request.
 */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

/**
 * Security headers on every response, as one object set in one call. helmet's middleware ran
 * per request (ten setHeader calls on the raw response) and @fastify/helmet even rebuilt it and
 * re-parsed the CSP each time; the headers are the same for every answer, so they are computed
 * at boot. HSTS depends on the transport and is added per request.
 */
export function installSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers = {
    ...helmetHeaders({
      // Strict: nothing inline, nothing from another origin. Maps draw into blob workers.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Set per request below: only a response that travelled over TLS may pin TLS.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'same-origin' },
      // Old browsers read X-Frame-Options only: it says what frame-ancestors 'none' says.
      xFrameOptions: { action: 'deny' },
      // Headers for Internet Explorer, Flash and Acrobat only.
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    }),
    'permissions-policy': PERMISSIONS_POLICY,
  };
  const overTls = { ...headers, 'strict-transport-security': HSTS_VALUE };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.protocol === 'https' ? overTls : headers);
    done();
  });
}

function allowedOrigins(config: Config, request: FastifyRequest): Set<string> {
  return new Set([new URL(config.PUBLIC_URL).origin, `${request.protocol}://${request.host}`]);
}

/**
 * Refuses state-changing requests that another site triggered. Browsers tell us through
 * Fetch-Metadata (Sec-Fetch-Site) or Origin; clients that send neither (curl, old browsers)
 * pass, and signed-in forms carry CSRF tokens on top.
 */
export function installOriginGuard(app: FastifyInstance, config: Config): void {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
      return sendError(request, reply, 403, 'error.403.origin');
    }
    const origin = request.headers.origin;
    if (typeof origin === 'string' && !allowedOrigins(config, request).has(origin)) {
      return sendError(request, reply, 403, 'error.403.origin');
    }
  };
  // A GET passes at once, without the promise an async hook costs on every page.
  app.addHook('onRequest', (request, reply, done) => {
    if (!UNSAFE.has(request.method)) return done();
    // A refusal has been sent: the chain stops there.
    guard(request, reply).then((refused) => {
      if (!refused) done();
    }, done);
  });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNul(v, depth + 1));
}

/** Form posts: `validateForm` names the field that holds a NUL, so the person can correct it. */
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * PostgreSQL cannot store a NUL character in text, and no form or API of ours has a use for
 * one: a query or a JSON body that carries one is refused here, before any route could pass it
 * to the database. Form bodies go on to `validateForm`, which answers with a field message; the
 * hostile-input test sends NUL in every field of every form route to keep that true.
 */
export function installNulGuard(app: FastifyInstance): void {
  // Callback style: it runs on every request, and an async hook costs a promise each time.
  app.addHook('preValidation', (request, _reply, done) => {
    const isForm = FORM_TYPES.test(request.headers['content-type'] ?? '');
    if (hasNul(request.query) || (!isForm && hasNul(request.body))) return done(new HttpError(400));
    done();
  });
}

/**
 * In production every page is HTTPS only (C14): plain HTTP GETs are redirected, and data sent
 * over plain HTTP is refused rather than processed.
 */
export function installTlsEnforcement(app: FastifyInstance, config: Config): void {
  if (!config.isProduction) return;
  const target = new URL(config.PUBLIC_URL);
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') return;
    if (request.method === 'GET' || request.method === 'HEAD') {
      return reply.redirect(`${target.origin}${request.url}`, 301);
    }
    return sendError(request, reply, 403, 'error.403.tls');
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The URL path carries a secret (a one-time token of a link sent by mail): logs record the
     * route's pattern, e.g. `/staff/einladung/:token`, never the token.
     */
    secretInPath?: boolean;
    /**
     * Not a visit: a machine's probe (a load balancer polls it every few seconds), kept out of the
     * access log so it neither fills the log nor counts as a page in the statistics.
     */
    probe?: boolean;
  }
}
