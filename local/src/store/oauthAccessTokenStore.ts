// OAuth access tokens in SQLite: the opaque ones (`oat_…`) that remix-clerk-local/testing mints for an app's tests,
// as if the instance, acting as an OAuth provider, had issued them to a client application.
import type { SqliteDatabase } from './database.js'
import { parseJsonArray, toFlag } from './json.js'

export interface OAuthAccessTokenRecord {
  /** `oat_…`, the token's id (its `jti` in JWT form). */
  id: string
  /** The opaque token (`oat_…`) a client sends. */
  token: string
  client_id: string
  user_id: string
  scopes: string[]
  /** `aud`: the resources the token is for; null when the token names none. */
  audience: string[] | null
  revoked: boolean
  revocation_reason: string | null
  /** Milliseconds; null: never. */
  expiration: number | null
  created_at: number
  updated_at: number
}

type Row = Omit<OAuthAccessTokenRecord, 'scopes' | 'audience' | 'revoked'> & {
  scopes: string
  audience: string | null
  revoked: number
}

const fromRow = (row: Row): OAuthAccessTokenRecord => ({
  ...row,
  scopes: parseJsonArray(row.scopes),
  audience: row.audience === null ? null : parseJsonArray(row.audience),
  revoked: row.revoked === 1,
})
const toRow = (record: OAuthAccessTokenRecord): Row => ({
  ...record,
  scopes: JSON.stringify(record.scopes),
  audience: record.audience === null ? null : JSON.stringify(record.audience),
  revoked: toFlag(record.revoked),
})

const COLUMNS =
  'id, token, client_id, user_id, scopes, audience, revoked, revocation_reason, expiration, created_at, updated_at'

export class OAuthAccessTokenStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<Row>(`INSERT INTO oauth_access_tokens (${COLUMNS}) VALUES (@id, @token, @client_id, @user_id,
        @scopes, @audience, @revoked, @revocation_reason, @expiration, @created_at, @updated_at)`),
      byToken: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM oauth_access_tokens WHERE token = ?`),
      revoke: db.prepare<[string | null, number, string]>(
        'UPDATE oauth_access_tokens SET revoked = 1, revocation_reason = ?, updated_at = ? WHERE id = ?',
      ),
    }
  }

  insert(record: OAuthAccessTokenRecord): void {
    this.stmts.insert.run(toRow(record))
  }

  byToken(token: string): OAuthAccessTokenRecord | undefined {
    const row = this.stmts.byToken.get(token)
    return row && fromRow(row)
  }

  revoke(id: string, reason: string | null, now: number): void {
    this.stmts.revoke.run(reason, now, id)
  }
}
