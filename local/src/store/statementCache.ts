// Prepared statements for SQL that varies by a few shapes (an ORDER BY, a filter that is there or not).
import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from './database.js'

/** Each distinct SQL text is prepared once; lists build their SQL from a handful of fixed pieces, so this stays small. */
export class StatementCache {
  private readonly statements = new Map<string, Statement<Record<string, unknown>, unknown>>()

  constructor(private readonly db: SqliteDatabase) {}

  get(sql: string): Statement<Record<string, unknown>, unknown> {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}
