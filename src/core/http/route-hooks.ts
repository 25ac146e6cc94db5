import type { FastifyInstance, RouteOptions } from 'fastify';

type RouteHookName = 'preValidation' | 'preHandler' | 'onSend' | 'onResponse' | 'onRequestAbort';

/**
 * Adds a hook to the routes it guards only, as they are registered, instead of to every request:
 * a hook added with `app.addHook` runs (and, when async, costs a promise) on every public page
 * too, where it only finds that it has nothing to do. Routes registered before this call are not
 * reached, so guards are installed before any module registers routes (see buildServer).
 */
export function addRouteHook<Name extends RouteHookName>(
  app: FastifyInstance,
  name: Name,
  applies: (route: RouteOptions) => boolean,
  hook: NonNullable<RouteOptions[Name]> extends infer H ? (H extends readonly (infer One)[] ? One : H) : never,
): void {
  app.addHook('onRoute', (route) => {
    if (!applies(route)) return;
    const existing = route[name] as unknown;
    const list = Array.isArray(existing) ? existing : existing ? [existing] : [];
    (route as unknown as Record<string, unknown>)[name] = [...list, hook];
  });
}
