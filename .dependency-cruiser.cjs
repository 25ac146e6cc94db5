/**
 * The platform's dependency rules (decision 014), checked by `npm run depcheck` in CI.
 * Packages: each folder under src/core/ and src/modules/ is one package whose public face is its
 * `index.ts`; a file directly under src/core/ (module.ts, clock.ts, …) is a package of its own.
 * Tests (`*.test.ts`) may reach into what they test, so the boundary rules skip them. The
 * boundary rules count type-only imports as well (an internal type is an internal: see
 * .dependency-cruiser.types.cjs); the cycle rule does not, since they vanish at run time.
 */
const TEST = '\\.test\\.tsx?$';
const MIGRATION = '/migrations/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-not-to-modules',
      comment: 'core never imports a module: a module plugs into core through defineModule (src/modules.ts lists them)',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST },
      to: { path: '^src/(modules/|modules\\.ts$)' },
    },
    {
      name: 'module-through-index',
      comment: 'a module (or an entry point) imports a core package only through its index.ts',
      severity: 'error',
      from: { path: '^src/(modules/|[^/]+\\.ts$)', pathNot: [TEST, MIGRATION] },
      to: { path: '^src/core/[^/]+/', pathNot: '^src/core/[^/]+/index\\.ts$' },
    },
    {
      name: 'core-to-core-through-index',
      comment: "a core package imports another core package only through that package's index.ts",
      severity: 'error',
      from: { path: '^src/core/([^/]+)/', pathNot: [TEST, MIGRATION] },
      to: { path: '^src/core/[^/]+/', pathNot: ['^src/core/$1/', '^src/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'core-file-through-index',
      comment: "a single-file core package (module-checks.ts, …) imports a core folder only through its index.ts",
      severity: 'error',
      from: { path: '^src/core/[^/]+\\.tsx?$', pathNot: TEST },
      to: { path: '^src/core/[^/]+/', pathNot: '^src/core/[^/]+/index\\.ts$' },
    },
    {
      name: 'privacy-engine-serves-pages',
      comment:
        'the privacy engine (src/core/privacy: register, retention, holds, row scope, audit) never imports the pages it serves (src/modules/gdpr: statement, request form, DPO back office) and renders no page itself',
      severity: 'error',
      from: { path: '^src/core/privacy/', pathNot: TEST },
      to: { path: ['^src/modules/gdpr/', '^src/core/(views|http)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'module-to-module-through-index',
      comment: "a module imports another module only through that module's index.ts",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: [TEST, MIGRATION] },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'migration-imports-no-app-code',
      comment: 'a migration never imports app code, so old migrations keep working when the app changes',
      severity: 'error',
      from: { path: MIGRATION },
      // A type (the Migration signature) is gone at run time and cannot break an old migration.
      to: { path: '^src/', pathNot: MIGRATION, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, static or lazy: split the shared part into a file both import',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.mts$' },
    // Type-only imports vanish at run time and cannot make a cycle that matters; scripts/depcheck.mjs
    // runs the boundary rules a second time with them (.dependency-cruiser.types.cjs).
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
