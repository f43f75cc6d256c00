// Prepared statements for SQL that varies by a few shapes (an ORDER BY, a filter that is there or not), and the
// organization scope those lists share.
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

/**
 * The WHERE of a list of one organization's rows, or (without an id) of every organization's. The organization is
 * a plain equality, never `@organization_id IS NULL OR …`, which SQLite cannot answer from an index: one
 * organization's list never scans the others'.
 */
export const whereOrganization = (
  organizationId: string | null | undefined,
  filter: string,
  column = 'organization_id',
): string =>
  `WHERE ${organizationId === undefined || organizationId === null ? '1' : `${column} = @organization_id`} AND ${filter}`
