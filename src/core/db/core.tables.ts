/**
 * Tables owned by the core. Modules describe their own tables in `<module>.tables.ts` and widen
 * the handle with `db.withTables<ModuleTables>()`, so no module has to know another's schema.
 */
// biome-ignore lint: grows with the privacy engine and staff accounts
export type CoreTables = {};
