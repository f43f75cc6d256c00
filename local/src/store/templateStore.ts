// JWT templates in SQLite.
import type { SqliteDatabase } from './database.js'
import { parseJsonObject } from './json.js'

export interface TemplateRecord {
  id: string
  name: string
  claims: Record<string, unknown>
  lifetime: number
  allowed_clock_skew: number
  /** null: signed with the instance key (RS256). */
  signing_algorithm: string | null
  signing_key: string | null
  /** Bumped on every update; compiled templates are cached per (id, version). */
  version: number
  created_at: number
  updated_at: number
}

type TemplateRow = Omit<TemplateRecord, 'claims'> & { claims: string }

const fromRow = (row: TemplateRow): TemplateRecord => ({ ...row, claims: parseJsonObject(row.claims) })
const toRow = (record: TemplateRecord): TemplateRow => ({ ...record, claims: JSON.stringify(record.claims) })

export class TemplateStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<TemplateRow>(`INSERT INTO jwt_templates (id, name, claims, lifetime, allowed_clock_skew,
        signing_algorithm, signing_key, version, created_at, updated_at) VALUES (@id, @name, @claims, @lifetime,
        @allowed_clock_skew, @signing_algorithm, @signing_key, @version, @created_at, @updated_at)`),
      update: db.prepare<TemplateRow>(`UPDATE jwt_templates SET name = @name, claims = @claims, lifetime = @lifetime,
        allowed_clock_skew = @allowed_clock_skew, signing_algorithm = @signing_algorithm, signing_key = @signing_key,
        version = @version, updated_at = @updated_at WHERE id = @id`),
      get: db.prepare<[string], TemplateRow>('SELECT * FROM jwt_templates WHERE id = ?'),
      getByName: db.prepare<[string], TemplateRow>('SELECT * FROM jwt_templates WHERE name = ?'),
      versionByName: db.prepare<[string], { id: string; version: number }>(
        'SELECT id, version FROM jwt_templates WHERE name = ?',
      ),
      list: db.prepare<[number, number], TemplateRow>(
        'SELECT * FROM jwt_templates ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
      ),
      count: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM jwt_templates'),
      delete: db.prepare<[string]>('DELETE FROM jwt_templates WHERE id = ?'),
    }
  }

  insert(record: TemplateRecord): void {
    this.stmts.insert.run(toRow(record))
  }

  update(record: TemplateRecord): void {
    this.stmts.update.run(toRow(record))
  }

  get(id: string): TemplateRecord | undefined {
    const row = this.stmts.get.get(id)
    return row && fromRow(row)
  }

  getByName(name: string): TemplateRecord | undefined {
    const row = this.stmts.getByName.get(name)
    return row && fromRow(row)
  }

  /** Cheap lookup for the minter: claims are only loaded and parsed when the cached version is stale. */
  versionByName(name: string): { id: string; version: number } | undefined {
    return this.stmts.versionByName.get(name)
  }

  list(limit: number, offset: number): TemplateRecord[] {
    return this.stmts.list.all(limit, offset).map(fromRow)
  }

  count(): number {
    return this.stmts.count.get()?.count ?? 0
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }
}
