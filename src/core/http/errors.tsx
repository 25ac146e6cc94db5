import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { isDatabaseUnavailable } from '../db/index.ts';
import type { CoreMessageKey } from '../i18n/index.ts';
import { Layout, StaffLayout, sendPage, viewContextFor } from '../views/index.ts';

export interface RouteEntry {
  method: string;
  url: string;
  /** The route's `config` (e.g. its staff access), for tests that walk every route. */
  config: Readonly<Record<string, unknown>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern): for the 405 answer and for tests. */
    routeTable: readonly RouteEntry[];
  }
}

export type ErrorStatus = 400 | 403 | 404 | 405 | 413 | 415 | 429 | 500 | 503;

const KNOWN: readonly ErrorStatus[] = [400, 403, 404, 405, 413, 415, 429, 500, 503];

/** An error a route throws on purpose; its status and optional detail reach the visitor. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: ErrorStatus,
    readonly detailKey?: CoreMessageKey,
  ) {
    super(`HTTP ${statusCode}`);
  }
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  if (request.url.startsWith('/api/')) return true;
  return /application\/(\w+\+)?json/.test(accept) && !/text\/html/.test(accept);
}

function statusOf(error: FastifyError | HttpError): ErrorStatus {
  const code = (error as { statusCode?: number }).statusCode ?? 500;
  if ((KNOWN as readonly number[]).includes(code)) return code as ErrorStatus;
  if (code === 414 || code === 431) return 400;
  if (code >= 400 && code < 500) return 400;
  return 500;
}

/** Renders an error as an HTML page or as JSON, whichever the client asked for. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: ErrorStatus, detailKey?: CoreMessageKey): FastifyReply {
  if (wantsJson(request)) {
    const view = viewContextFor(request);
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          status,
          title: view.t(`error.${status}.title` as CoreMessageKey),
          message: view.t(detailKey ?? (`error.${status}.text` as CoreMessageKey)),
        },
      });
  }
  const view = viewContextFor(request);
  const title = view.t(`error.${status}.title` as CoreMessageKey);
  const home = view.locale === 'de' ? '/' : '/en';
  // In the back office an error keeps its frame (no consent question, no public menu) and leads
  // back to the staff overview, not to the public home page.
  if (request.url.startsWith('/staff'))
    return sendPage(
      reply,
      <StaffLayout view={view} title={title}>
        <h1>{title}</h1>
        <p>{view.t(detailKey ?? (`error.${status}.text` as CoreMessageKey))}</p>
        <p>
          <a href="/staff">{view.t('error.backStaff')}</a>
        </p>
      </StaffLayout>,
      status,
    );
  return sendPage(
    reply,
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{view.t(detailKey ?? (`error.${status}.text` as CoreMessageKey))}</p>
      <p>
        <a href={home}>{view.t('error.backHome')}</a> ·{' '}
        <a href={view.locale === 'de' ? '/sitemap' : '/en/sitemap'}>{view.t('error.sitemap')}</a>
      </p>
    </Layout>,
    status,
  );
}

/** What a 503 during a database outage asks the client to wait before trying again. */
const DATABASE_RETRY_AFTER_SECONDS = 30;

/**
 * One error handler for the whole server. Anything a client can cause maps to a 4xx; only a
 * genuine fault on our side is a 500, and its details go to the log, never to the visitor.
 */
export function installErrorHandling(app: FastifyInstance, options: { notFoundLimit: preHandlerHookHandler }): void {
  // A mirror of the route table, so an unknown method on a known path answers 405, not 404.
  const routes = FindMyWay();
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, config: (route.config ?? {}) as Record<string, unknown> });
      try {
        routes.on(method as HTTPMethod, route.url, () => {});
      } catch {
        // duplicate shapes (e.g. trailing slash variants) are already covered
      }
    }
  });

  // Unknown paths count against the page limit like pages: a scanner trying thousands of paths
  // from one address is refused like any other client past the limit.
  app.setNotFoundHandler({ preHandler: options.notFoundLimit }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (m) => m !== request.method && routes.find(m as HTTPMethod, path) !== null,
    );
    if (allowed.length > 0) {
      reply.header('allow', allowed.includes('GET') ? [...allowed, 'HEAD'].join(', ') : allowed.join(', '));
      return sendError(request, reply, 405);
    }
    return sendError(request, reply, 404);
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    // The database out of reach is an outage, not a fault: 503, and the visitor may try again.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ code: (error as { code?: string }).code, message: error.message }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendError(request, reply, 503);
    }
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 429) {
      const retry = reply.getHeader('retry-after');
      if (retry === undefined) reply.header('retry-after', '60');
    }
    return sendError(request, reply, status, error instanceof HttpError ? error.detailKey : undefined);
  });
}

/** Errors Fastify raises before a route runs (bad URL encoding, bad content type, …). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendError(request, reply, statusOf(error));
}
