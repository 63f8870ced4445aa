import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Adapts `node:sqlite` to the small interface Kysely's SQLite dialect drives, so the
 * embedded engine needs no native add-on. Kysely passes parameters as one array;
 * node:sqlite wants them spread, and takes neither booleans nor dates.
 */
export function openSqliteDatabase(path: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(path)
  return {
    raw,
    close: () => raw.close(),
    prepare: (sql: string) => wrapStatement(raw.prepare(sql)),
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
