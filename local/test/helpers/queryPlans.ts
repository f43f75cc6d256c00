// What the query-plan suites share: every statement the backend prepares while a suite runs (better-sqlite3's
// `prepare`, patched until `stop()`), and the plan SQLite picks for one of them, so a suite can check that a list
// reads an index instead of every row.
import Database from 'better-sqlite3'

const originalPrepare = Database.prototype.prepare

/** Starts recording the SQL of every statement prepared from now on, in order; `stop()` puts `prepare` back. */
export function recordPreparedStatements(): { readonly statements: readonly string[]; stop(): void } {
  const statements: string[] = []
  Database.prototype.prepare = function (this: Database.Database, sql: string) {
    statements.push(sql)
    return originalPrepare.call(this, sql)
  } as typeof originalPrepare
  return {
    statements,
    stop: () => {
      Database.prototype.prepare = originalPrepare
    },
  }
}

/**
 * SQLite's plan of `sql` on `db`, one line per step, every parameter bound to a placeholder: a page's `@limit` and
 * `@offset` to 10 and 0, other named ones to null, positional ones to 'x'. Explained with the original `prepare`, so
 * the EXPLAIN statements are not recorded.
 */
export function queryPlan(db: Database.Database, sql: string): string[] {
  const named = Object.fromEntries(
    [...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name!, name === 'limit' ? 10 : name === 'offset' ? 0 : null]),
  )
  const positional = [...sql.matchAll(/\?/g)].map(() => 'x')
  const statement = originalPrepare.call(db, `EXPLAIN QUERY PLAN ${sql}`)
  const rows = (Object.keys(named).length > 0 ? statement.all(named) : statement.all(positional)) as Array<{
    detail: string
  }>
  return rows.map((row) => row.detail)
}
