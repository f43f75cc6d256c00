// One-time handshake nonces (and satellite link tokens) in SQLite, so they work across processes and expire.
import type { SqliteDatabase } from './database.js'

export interface NonceRecord {
  nonce: string
  /** `Set-Cookie` values the app's server applies after redeeming the nonce. */
  directives: string[]
  created_at: number
  expires_at: number
}

/**
 * Satellite link tokens (fapi/satelliteSync.ts) share the table under this prefix; the Backend API's
 * `handshake_payload` never redeems one.
 */
export const LINK_TOKEN_PREFIX = 'link_'

/** Handshake nonces: written by the Frontend API handshake, redeemed once by the Backend API. */
export class NonceStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<{ nonce: string; directives: string; created_at: number; expires_at: number }>(
        'INSERT INTO handshake_nonces (nonce, directives, created_at, expires_at) VALUES (@nonce, @directives, @created_at, @expires_at)',
      ),
      take: db.prepare<[string], { directives: string; expires_at: number }>(
        'DELETE FROM handshake_nonces WHERE nonce = ? RETURNING directives, expires_at',
      ),
      purge: db.prepare<[number]>('DELETE FROM handshake_nonces WHERE expires_at <= ?'),
    }
  }

  insert(record: NonceRecord): void {
    this.stmts.insert.run({ ...record, directives: JSON.stringify(record.directives) })
  }

  /** Removes the nonce whatever happens, so it can be redeemed at most once; expired ones yield undefined. */
  take(nonce: string, now: number): string[] | undefined {
    const row = this.stmts.take.get(nonce)
    if (!row || row.expires_at <= now) return undefined
    return JSON.parse(row.directives) as string[]
  }

  purgeExpired(now: number): void {
    this.stmts.purge.run(now)
  }
}
