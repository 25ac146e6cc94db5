import type { AppContext, ModuleDefinition } from './module.ts';

/** Fills every module with its demo data; each module's seed is idempotent. */
export async function seedDemo(ctx: AppContext, modules: readonly ModuleDefinition[]): Promise<void> {
  for (const mod of modules) {
    if (!mod.seedDemo) continue;
    const started = performance.now();
    await mod.seedDemo(ctx);
    ctx.log.info({ module: mod.name, ms: Math.round(performance.now() - started) }, 'demo data ready');
  }
}
