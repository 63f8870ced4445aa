import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Adapts `node:sqlite` to the small interface Kysely's SQLite dialect drives, so the
 * embedded engine needs no native add-on. Kysely passes parameters as one array;
 * node:sqlite wants them spread, and takes neither booleans nor dates.
 */
const maxCachedStatements = 500

export function openSqliteDatabase(path: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(path)
  // Kysely prepares every query anew; the same few hundred statements recur, so they
  // are kept (preparing is a tenth of a simple query's cost).
  const statements = new Map<string, SqliteStatement>()
  return {
    raw,
    close: () => {
      statements.clear()
      raw.close()
    },
    prepare: (sql: string) => {
      let statement = statements.get(sql)
      if (!statement) {
        statement = wrapStatement(raw.prepare(sql))
        if (statements.size >= maxCachedStatements) statements.delete(statements.keys().next().value as string)
        statements.set(sql, statement)
      }
      return statement
    },
  }
}

function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  if (value === undefined) return null
  return value as SQLInputValue
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0
  const bind = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqlite)
  return {
    reader,
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => statement.iterate(...bind(parameters)),
  }
}
