// Machines in SQLite: their secret keys (the current one, and the previous one for a while after a rotation) and
// the machines each may mint M2M tokens for.
import type { SqliteDatabase } from './database.js'
import { StatementCache } from './statementCache.js'

export interface MachineRecord {
  id: string
  name: string
  /** Seconds: the lifetime of a token the machine mints without `seconds_until_expiration`. */
  default_token_ttl: number
  secret_key: string
  /** The key before the last rotation, accepted until `previous_secret_key_expires_at` (milliseconds). */
  previous_secret_key: string | null
  previous_secret_key_expires_at: number | null
  created_at: number
  updated_at: number
}

export interface MachineListParams {
  /** A substring of the id or the name. */
  query: string | undefined
  order: { field: 'name' | 'created_at'; descending: boolean }
  limit: number
  offset: number
}

const COLUMNS =
  'id, name, default_token_ttl, secret_key, previous_secret_key, previous_secret_key_expires_at, created_at, updated_at'
// instr() rather than LIKE: the query is the user's text, and LIKE would read its % and _ as wildcards.
const MATCHES = '(@query IS NULL OR instr(lower(id), lower(@query)) > 0 OR instr(lower(name), lower(@query)) > 0)'

export class MachineStore {
  private readonly stmts
  private readonly lists: StatementCache

  constructor(db: SqliteDatabase) {
    this.lists = new StatementCache(db)
    this.stmts = {
      insert: db.prepare<MachineRecord>(`INSERT INTO machines (${COLUMNS}) VALUES (@id, @name, @default_token_ttl,
        @secret_key, @previous_secret_key, @previous_secret_key_expires_at, @created_at, @updated_at)`),
      update: db.prepare<MachineRecord>(`UPDATE machines SET name = @name, default_token_ttl = @default_token_ttl,
        secret_key = @secret_key, previous_secret_key = @previous_secret_key,
        previous_secret_key_expires_at = @previous_secret_key_expires_at, updated_at = @updated_at WHERE id = @id`),
      get: db.prepare<[string], MachineRecord>(`SELECT ${COLUMNS} FROM machines WHERE id = ?`),
      byKey: db.prepare<[string, string, number], MachineRecord>(`SELECT ${COLUMNS} FROM machines WHERE secret_key = ?
        OR (previous_secret_key = ? AND previous_secret_key_expires_at > ?)`),
      delete: db.prepare<[string]>('DELETE FROM machines WHERE id = ?'),
      count: db.prepare<{ query: string | null }, { count: number }>(
        `SELECT count(*) AS count FROM machines WHERE ${MATCHES}`,
      ),
      scoped: db.prepare<[string], MachineRecord>(`SELECT ${COLUMNS.replace(/(\w+)/g, 'm.$1')} FROM machine_scopes s
        JOIN machines m ON m.id = s.to_machine_id WHERE s.from_machine_id = ? ORDER BY s.created_at, s.rowid`),
      addScope: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO machine_scopes (from_machine_id, to_machine_id, created_at) VALUES (?, ?, ?)',
      ),
      scope: db.prepare<[string, string], { created_at: number }>(
        'SELECT created_at FROM machine_scopes WHERE from_machine_id = ? AND to_machine_id = ?',
      ),
      removeScope: db.prepare<[string, string]>(
        'DELETE FROM machine_scopes WHERE from_machine_id = ? AND to_machine_id = ?',
      ),
    }
  }

  insert(record: MachineRecord): void {
    this.stmts.insert.run(record)
  }

  update(record: MachineRecord): void {
    this.stmts.update.run(record)
  }

  get(id: string): MachineRecord | undefined {
    return this.stmts.get.get(id)
  }

  /** The machine whose current key this is, or whose previous key it is and still counts. */
  byKey(secretKey: string, now: number): MachineRecord | undefined {
    return this.stmts.byKey.get(secretKey, secretKey, now)
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  list({ query, order, limit, offset }: MachineListParams): MachineRecord[] {
    const direction = order.descending ? 'DESC' : 'ASC'
    const sql = `SELECT ${COLUMNS} FROM machines WHERE ${MATCHES} ORDER BY ${order.field} ${direction}, rowid ${direction}
      LIMIT @limit OFFSET @offset`
    return this.lists.get(sql).all({ query: query ?? null, limit, offset }) as MachineRecord[]
  }

  count(query: string | undefined): number {
    return this.stmts.count.get({ query: query ?? null })?.count ?? 0
  }

  /** The machines `id` may mint tokens for, in the order they were added. */
  scopedMachines(id: string): MachineRecord[] {
    return this.stmts.scoped.all(id)
  }

  /** Returns when the scope was created (now, or earlier if it existed). */
  addScope(from: string, to: string, now: number): number {
    this.stmts.addScope.run(from, to, now)
    return this.stmts.scope.get(from, to)!.created_at
  }

  hasScope(from: string, to: string): boolean {
    return this.stmts.scope.get(from, to) !== undefined
  }

  removeScope(from: string, to: string): boolean {
    return this.stmts.removeScope.run(from, to).changes > 0
  }
}
