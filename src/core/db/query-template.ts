import type { Compilable, CompiledQuery, Kysely } from 'kysely';

type Values = Record<string, string | Date>;

/** Stand-ins for the values, unique per build: a string no caller sends, or a Date object of its own. */
function standIns<A extends Values>(sample: A, round: number): A {
  const out: Record<string, string | Date> = {};
  for (const [key, value] of Object.entries(sample)) out[key] = value instanceof Date ? new Date(round) : `\u0000${round}:${key}\u0000`;
  return out as A;
}

interface Template<O> {
  compiled: CompiledQuery<O>;
  /** Per parameter: the value's name, or undefined for a constant of the query itself. */
  slots: (string | undefined)[];
}

/**
 * Compiles `build` once per database with stand-ins for its values, and checks that every
 * parameter is either a stand-in (a value) or the same constant in two builds: a builder that
 * computed something from a value (a date minus 30 days) cannot be a template, and fails here
 * the first time it runs instead of binding the wrong thing.
 */
function compileTemplate<DB, A extends Values, O>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, args: A) => Compilable<O>,
  sample: A,
): Template<O> {
  const [one, two] = [standIns(sample, 1), standIns(sample, 2)];
  const first = build(db, one).compile();
  const second = build(db, two).compile();
  if (first.sql !== second.sql) throw new Error('queryTemplate: the statement depends on its values');
  const slots = first.parameters.map((p, i) => {
    const name = Object.keys(one).find((k) => one[k] === p);
    if (name !== undefined && second.parameters[i] === two[name]) return name;
    if (p !== second.parameters[i] && !(p instanceof Date && p.getTime() === (second.parameters[i] as Date)?.getTime()))
      throw new Error(`queryTemplate: parameter ${i + 1} is computed from a value`);
    return undefined;
  });
  return { compiled: first, slots };
}

/**
 * A query built and compiled once, then run with new values: Kysely builds and compiles a
 * statement anew on every call (for the portal overview's six sub-selects, 12 % of the web
 * process's time under load), and a text that is the very same string every time is also
 * cheap to look up as a named statement (prepared-statements.ts).
 */
export function queryTemplate<DB, A extends Values, O>(
  build: (db: Kysely<DB>, args: A) => Compilable<O>,
): (db: Kysely<DB>, args: A) => Promise<O[]> {
  // One for every database and transaction: the text depends on the query alone (both engines
  // speak PostgreSQL; the schema comes from the connection's search_path, not from the text).
  let template: Template<O> | undefined;
  return async (db, args) => {
    template ??= compileTemplate(db, build, args);
    const { compiled, slots } = template;
    const parameters = compiled.parameters.map((constant, i) => {
      const name = slots[i];
      return name === undefined ? constant : args[name];
    });
    return (await db.executeQuery<O>({ ...compiled, parameters })).rows;
  };
}
