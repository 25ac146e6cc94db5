/**
 * The boundary rules of .dependency-cruiser.cjs once more, counting type-only imports: an
 * internal type is an internal too. The cycle rule stays with the run-time cruise (a type-only
 * import vanishes at run time, and dependency-cruiser reports a cycle only once, so a typed edge
 * in the one it picks would hide a real one). scripts/depcheck.mjs runs both.
 */
const base = require('./.dependency-cruiser.cjs');

module.exports = {
  ...base,
  forbidden: base.forbidden.filter((rule) => rule.name !== 'no-circular'),
  options: { ...base.options, tsPreCompilationDeps: true },
};
