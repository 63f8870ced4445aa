import { createHash } from 'node:crypto'
import { type Compilable, CompiledQuery, type Insertable, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Statements named on PostgreSQL, by their SQL. */
const statementNames = new Map<string, string>()
/** How often each other statement has been seen (forgotten wholesale when it grows large). */
const seen = new Map<string, number>()
const maxNamed = 400
const hotAfter = 3

const nameOf = (sql: string) => `polis_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`

/**
 * The name under which PostgreSQL keeps a statement prepared, if it should: every
 * prepared query's, and any other statement with parameters once it has run a few times.
 * node-postgres then parses and plans it once per connection, and afterwards only binds
 * and executes it. The names are few (at most a few hundred), so that a query written
 * anew each time (a list of values of varying length) never fills a connection's memory.
 */
export function statementName(sql: string): string | undefined {
  const name = statementNames.get(sql)
  if (name || statementNames.size >= maxNamed) return name
  const count = (seen.get(sql) ?? 0) + 1
  if (count < hotAfter) {
    if (seen.size >= 10 * maxNamed) seen.clear()
    seen.set(sql, count)
    return undefined
  }
  seen.delete(sql)
  statementNames.set(sql, nameOf(sql))
  return statementNames.get(sql)
}

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
  /** The query with these values, to run later or with others. */
  compile(values: Record<Parameters, unknown>): CompiledQuery<Row>
}

/**
 * Builds a query once with Kysely and keeps its SQL, so that a query on a hot path
 * (several on every sign-in) does not build and compile its syntax tree again at each
 * call: `slot('id')` marks where a value goes, and `execute({ id })` fills it in.
 * The SQL is still Kysely's, for the engine of `db`.
 */
export function prepareQuery<Schema, Parameters extends string, Row>(
  db: Kysely<Schema>,
  build: (slot: (name: Parameters) => never) => Compilable<Row>,
): PreparedQuery<Parameters, Row> {
  const compiled = build((name) => new Slot(name) as never).compile()
  if (!statementNames.has(compiled.sql) && statementNames.size < maxNamed)
    statementNames.set(compiled.sql, nameOf(compiled.sql))
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
    compile: withValues,
  }
}

/**
 * A query prepared once for each database it runs on, for code that is handed its store
 * at each call: `const read = preparedQuery((db, slot) => …)`, then `read(store.db).execute(…)`.
 * Not for use inside a transaction, whose handle is another each time.
 */
export function preparedQuery<Row>(
  build: (db: Kysely<Database>, slot: (name: string) => never) => Compilable<Row>,
): (db: Kysely<Database>) => PreparedQuery<string, Row> {
  const byDatabase = new WeakMap<Kysely<Database>, PreparedQuery<string, Row>>()
  return (db) => {
    let query = byDatabase.get(db)
    if (!query) {
      query = prepareQuery(db, (slot) => build(db, slot))
      byDatabase.set(db, query)
    }
    return query
  }
}

/**
 * Several statements sent as one on PostgreSQL, each a named part (a data-modifying CTE
 * where it writes), then `select` over the parts by name: one round trip for what would
 * be several. Each part's parameters are numbered on after those of the parts before it.
 * All parts see one snapshot and are applied together; a part does not see another's writes.
 */
export function combineStatements<Row>(
  parts: Record<string, CompiledQuery<unknown>>,
  select: string,
): CompiledQuery<Row> {
  const parameters: unknown[] = []
  const ctes = Object.entries(parts).map(([name, part]) => {
    if (!/^\w+$/.test(name)) throw new RangeError('a plain part name')
    // Parameters are renumbered wherever `$n` stands: never where a literal holds one.
    if (/'[^']*\$\d/.test(part.sql)) throw new RangeError('a part with $n in a literal')
    const offset = parameters.length
    parameters.push(...part.parameters)
    return `${name} as (${part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`
  })
  return CompiledQuery.raw(`with ${ctes.join(', ')} ${select}`, parameters) as CompiledQuery<Row>
}

/**
 * Inserts rows into `table` in one statement, built and compiled by Kysely once for each
 * number of rows (at most `counts` of them kept): for the tables written on every request
 * a few rows at a time (the access log, the exchange's records), where compiling the rows
 * anew cost more than the database's insert of them. Every row has the same columns, in
 * the same order: the statement's parameters are the rows' values, row by row.
 */
export function rowsInserter<Table extends keyof Database & string>(
  db: Kysely<Database>,
  table: Table,
  options: { counts?: number } = {},
): (rows: Array<Insertable<Database[Table]>>) => Promise<void> {
  const statements = new Map<number, CompiledQuery>()
  return async (rows) => {
    if (rows.length === 0) return
    let statement = statements.get(rows.length)
    if (!statement) {
      statement = db
        .insertInto(table)
        .values(rows as never)
        .compile()
      if (statements.size < (options.counts ?? 256)) statements.set(rows.length, statement)
      await db.executeQuery(statement)
      return
    }
    await db.executeQuery({ ...statement, parameters: rows.flatMap((row) => Object.values(row)) })
  }
}
