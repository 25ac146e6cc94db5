import type { AppContext, ModuleDefinition } from './module.ts';

/** Per server: the modules whose demo data is still loading (the demo serves meanwhile). */
const loading = new WeakMap<AppContext, Set<string>>();

/** Whether this server is still loading the module's demo data, so its pages can say so. */
export function demoDataLoading(ctx: AppContext, module: string): boolean {
  return loading.get(ctx)?.has(module) ?? false;
}

/** Fills every module with its demo data; each module's seed is idempotent. */
export async function seedDemo(ctx: AppContext, modules: readonly ModuleDefinition[]): Promise<void> {
  const pending = new Set(modules.filter((m) => m.seedDemo).map((m) => m.name));
  loading.set(ctx, pending);
  try {
    for (const mod of modules) {
      if (!mod.seedDemo) continue;
      const started = performance.now();
      await mod.seedDemo(ctx);
      pending.delete(mod.name);
      ctx.log.debug({ module: mod.name, ms: Math.round(performance.now() - started) }, 'demo data ready');
    }
  } finally {
    loading.delete(ctx);
  }
}
