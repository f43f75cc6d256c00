// One small table of records with an id (redirect URLs, domains, waitlist entries, tickets, access-list
// identifiers): the same insert, read, update, delete and newest-first page for each, written once.
import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from './database.js'

/** How a record becomes a row and back, for columns SQLite cannot hold as they are (JSON, booleans). */
export interface RowCodec<T> {
  toRow(record: T): Record<string, unknown>
  fromRow(row: Record<string, unknown>): T
}

const identity = <T>(): RowCodec<T> => ({
  toRow: (record) => record as Record<string, unknown>,
  fromRow: (row) => row as T,
})

type Row = Record<string, unknown>

export class RecordTable<T extends { id: string }> {
  private readonly stmts: {
    insert: Statement<Row>
    update: Statement<Row>
    get: Statement<[string], Row>
    delete: Statement<[string]>
    page: Statement<[number, number], Row>
    count: Statement<[], { count: number }>
  }
  private readonly byColumn = new Map<string, Statement<unknown[], Row>>()
  private readonly names: string

  constructor(
    private readonly db: SqliteDatabase,
    private readonly table: string,
    columns: readonly (keyof T & string)[],
    private readonly codec: RowCodec<T> = identity<T>(),
  ) {
    const names = columns.join(', ')
    const assignments = columns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ')
    this.stmts = {
      insert: db.prepare(`INSERT INTO ${table} (${names}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`),
      update: db.prepare(`UPDATE ${table} SET ${assignments} WHERE id = @id`),
      get: db.prepare(`SELECT ${names} FROM ${table} WHERE id = ?`),
      delete: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      // Newest first, as every Clerk list; rowid orders records created in the same millisecond.
      page: db.prepare(`SELECT ${names} FROM ${table} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`),
      count: db.prepare(`SELECT count(*) AS count FROM ${table}`),
    }
    this.names = names
  }

  insert(record: T): void {
    this.stmts.insert.run(this.codec.toRow(record))
  }

  update(record: T): void {
    this.stmts.update.run(this.codec.toRow(record))
  }

  get(id: string): T | undefined {
    const row = this.stmts.get.get(id)
    return row && this.codec.fromRow(row)
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  page(limit: number, offset: number): T[] {
    return this.stmts.page.all(limit, offset).map((row) => this.codec.fromRow(row))
  }

  count(): number {
    return this.stmts.count.get()?.count ?? 0
  }

  /** Records whose `where` (a fixed SQL condition with `?` placeholders) holds, newest first. */
  where(where: string, ...values: unknown[]): T[] {
    let stmt = this.byColumn.get(where)
    if (!stmt) {
      stmt = this.db.prepare(
        `SELECT ${this.names} FROM ${this.table} WHERE ${where} ORDER BY created_at DESC, rowid DESC`,
      )
      this.byColumn.set(where, stmt)
    }
    return stmt.all(...values).map((row) => this.codec.fromRow(row))
  }
}
