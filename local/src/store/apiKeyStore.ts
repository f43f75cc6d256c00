// API keys in SQLite: keys issued to a user or an organization (the subject), looked up by their secret to verify
// them and listed per subject.
import type { SqliteDatabase } from './database.js'
import { parseJsonArray, parseJsonObject, toFlag } from './json.js'

export interface ApiKeyRecord {
  /** `ak_…`. */
  id: string
  name: string
  /** A user (`user_…`) or an organization (`org_…`). */
  subject: string
  /** The key itself (`ak_…`), what a client sends and `GET /api_keys/{id}/secret` returns. */
  secret: string
  description: string | null
  scopes: string[]
  claims: Record<string, unknown> | null
  created_by: string | null
  revoked: boolean
  revocation_reason: string | null
  /** Milliseconds; null: never. */
  expiration: number | null
  last_used_at: number | null
  created_at: number
  updated_at: number
}

type Row = Omit<ApiKeyRecord, 'scopes' | 'claims' | 'revoked'> & {
  scopes: string
  claims: string | null
  revoked: number
}

const fromRow = (row: Row): ApiKeyRecord => ({
  ...row,
  scopes: parseJsonArray(row.scopes),
  claims: row.claims === null ? null : parseJsonObject(row.claims),
  revoked: row.revoked === 1,
})
const toRow = (record: ApiKeyRecord): Row => ({
  ...record,
  scopes: JSON.stringify(record.scopes),
  claims: record.claims === null ? null : JSON.stringify(record.claims),
  revoked: toFlag(record.revoked),
})

const COLUMNS =
  'id, name, subject, secret, description, scopes, claims, created_by, revoked, revocation_reason, expiration, last_used_at, created_at, updated_at'
/** A subject's keys; without `invalid`, only those neither revoked nor expired. */
const FILTER = 'subject = @subject AND (@invalid = 1 OR (revoked = 0 AND (expiration IS NULL OR expiration > @now)))'

interface FilterParams {
  subject: string
  invalid: number
  now: number
}

export class ApiKeyStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<Row>(`INSERT INTO api_keys (${COLUMNS}) VALUES (@id, @name, @subject, @secret, @description,
        @scopes, @claims, @created_by, @revoked, @revocation_reason, @expiration, @last_used_at, @created_at, @updated_at)`),
      update: db.prepare<Row>(`UPDATE api_keys SET subject = @subject, description = @description, scopes = @scopes,
        claims = @claims, revoked = @revoked, revocation_reason = @revocation_reason, expiration = @expiration,
        last_used_at = @last_used_at, updated_at = @updated_at WHERE id = @id`),
      get: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`),
      bySecret: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM api_keys WHERE secret = ?`),
      delete: db.prepare<[string]>('DELETE FROM api_keys WHERE id = ?'),
      list: db.prepare<FilterParams & { limit: number; offset: number }, Row>(
        `SELECT ${COLUMNS} FROM api_keys WHERE ${FILTER} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
      ),
      count: db.prepare<FilterParams, { count: number }>(`SELECT count(*) AS count FROM api_keys WHERE ${FILTER}`),
      touch: db.prepare<[number, string]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    }
  }

  insert(record: ApiKeyRecord): void {
    this.stmts.insert.run(toRow(record))
  }

  update(record: ApiKeyRecord): void {
    this.stmts.update.run(toRow(record))
  }

  get(id: string): ApiKeyRecord | undefined {
    const row = this.stmts.get.get(id)
    return row && fromRow(row)
  }

  bySecret(secret: string): ApiKeyRecord | undefined {
    const row = this.stmts.bySecret.get(secret)
    return row && fromRow(row)
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  list(subject: string, includeInvalid: boolean, now: number, limit: number, offset: number): ApiKeyRecord[] {
    return this.stmts.list.all({ subject, invalid: toFlag(includeInvalid), now, limit, offset }).map(fromRow)
  }

  count(subject: string, includeInvalid: boolean, now: number): number {
    return this.stmts.count.get({ subject, invalid: toFlag(includeInvalid), now })?.count ?? 0
  }

  /** Records a successful verification. */
  touch(id: string, now: number): void {
    this.stmts.touch.run(now, id)
  }
}
