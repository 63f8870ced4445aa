import { createHash } from 'node:crypto'
import type { Compilable, CompiledQuery, Kysely } from 'kysely'

/**
 * The SQL of every prepared query, with a name for it: on PostgreSQL each becomes a
 * server-side prepared statement on each connection (see open-store.ts), parsed and
 * planned once instead of at every call. Only these few fixed statements are named, so
 * a connection's statements stay few; every other query is parsed each time as before.
 */
export const statementNames = new Map<string, string>()

/** A value that stands for a named parameter while a query is built once. */
class Slot {
  readonly name: string
  constructor(name: string) {
    this.name = name
  }
}

/** A query built and compiled once, run with its parameters by name. */
export interface PreparedQuery<Parameters extends string, Row> {
  execute(values: Record<Parameters, unknown>): Promise<Row[]>
  /** Rows changed, for updates and deletes (inserts report theirs too). */
  run(values: Record<Parameters, unknown>): Promise<number>
}

/**
 * Builds a query once with Kysely and keeps its SQL, so that a query on a hot path
 * (several on every sign-in) does not build and compile its syntax tree again at each
 * call: `slot('id')` marks where a value goes, and `execute({ id })` fills it in.
 * The SQL is still Kysely's, for the engine of `db`.
 */
export function prepareQuery<Database, Parameters extends string, Row>(
  db: Kysely<Database>,
  build: (slot: (name: Parameters) => never) => Compilable<Row>,
): PreparedQuery<Parameters, Row> {
  const compiled = build((name) => new Slot(name) as never).compile()
  statementNames.set(compiled.sql, `polis_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 16)}`)
  // Each parameter is a slot, filled at each call, or a constant written in the query.
  const parameters = compiled.parameters
  const withValues = (values: Record<Parameters, unknown>): CompiledQuery<Row> => ({
    ...compiled,
    parameters: parameters.map((parameter) =>
      parameter instanceof Slot ? values[parameter.name as Parameters] : parameter,
    ),
  })
  return {
    async execute(values) {
      return (await db.executeQuery(withValues(values))).rows
    },
    async run(values) {
      const result = await db.executeQuery(withValues(values))
      return Number(result.numAffectedRows ?? 0n)
    },
  }
}
