// M2M tokens in SQLite: the opaque ones with their token (what verification looks up, and what a reuse request hands
// out again), the JWT ones as a record of what was minted.
import type { SqliteDatabase } from './database.js'
import { parseJsonArray, parseJsonObject, toFlag } from './json.js'

export interface M2MTokenRecord {
  /** `mt_…`. */
  id: string
  machine_id: string
  /** The opaque token (`mt_…`); null for a JWT, which is not kept. */
  token: string | null
  format: 'opaque' | 'jwt'
  /** The machines the minting machine could reach when the token was minted. */
  scopes: string[]
  claims: Record<string, unknown> | null
  revoked: boolean
  revocation_reason: string | null
  /** Milliseconds; null: never. */
  expiration: number | null
  created_at: number
  updated_at: number
}

export interface M2MTokenFilter {
  machine_id: string
  /** Include revoked tokens. */
  revoked: boolean
  /** Include expired tokens. */
  expired: boolean
  now: number
}

type Row = Omit<M2MTokenRecord, 'scopes' | 'claims' | 'revoked'> & {
  scopes: string
  claims: string | null
  revoked: number
}

const fromRow = (row: Row): M2MTokenRecord => ({
  ...row,
  scopes: parseJsonArray(row.scopes),
  claims: row.claims === null ? null : parseJsonObject(row.claims),
  revoked: row.revoked === 1,
})
const toRow = (record: M2MTokenRecord): Row => ({
  ...record,
  scopes: JSON.stringify(record.scopes),
  claims: record.claims === null ? null : JSON.stringify(record.claims),
  revoked: toFlag(record.revoked),
})

const COLUMNS =
  'id, machine_id, token, format, scopes, claims, revoked, revocation_reason, expiration, created_at, updated_at'
const FILTER = `machine_id = @machine_id AND (@revoked = 1 OR revoked = 0)
  AND (@expired = 1 OR expiration IS NULL OR expiration > @now)`
const filterParams = (filter: M2MTokenFilter) => ({
  machine_id: filter.machine_id,
  revoked: toFlag(filter.revoked),
  expired: toFlag(filter.expired),
  now: filter.now,
})

export class M2MTokenStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<Row>(`INSERT INTO m2m_tokens (${COLUMNS}) VALUES (@id, @machine_id, @token, @format, @scopes,
        @claims, @revoked, @revocation_reason, @expiration, @created_at, @updated_at)`),
      get: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM m2m_tokens WHERE id = ?`),
      byToken: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM m2m_tokens WHERE token = ?`),
      revoke: db.prepare<[string | null, number, string]>(
        'UPDATE m2m_tokens SET revoked = 1, revocation_reason = ?, updated_at = ? WHERE id = ?',
      ),
      list: db.prepare<ReturnType<typeof filterParams> & { limit: number; offset: number }, Row>(
        `SELECT ${COLUMNS} FROM m2m_tokens WHERE ${FILTER} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
      ),
      count: db.prepare<ReturnType<typeof filterParams>, { count: number }>(
        `SELECT count(*) AS count FROM m2m_tokens WHERE ${FILTER}`,
      ),
      reusable: db.prepare<{ machine_id: string; scopes: string; claims: string | null; until: number }, Row>(
        `SELECT ${COLUMNS} FROM m2m_tokens WHERE machine_id = @machine_id AND format = 'opaque' AND revoked = 0
         AND scopes = @scopes AND claims IS @claims AND (expiration IS NULL OR expiration >= @until)
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
    }
  }

  insert(record: M2MTokenRecord): void {
    this.stmts.insert.run(toRow(record))
  }

  get(id: string): M2MTokenRecord | undefined {
    const row = this.stmts.get.get(id)
    return row && fromRow(row)
  }

  byToken(token: string): M2MTokenRecord | undefined {
    const row = this.stmts.byToken.get(token)
    return row && fromRow(row)
  }

  revoke(id: string, reason: string | null, now: number): void {
    this.stmts.revoke.run(reason, now, id)
  }

  list(filter: M2MTokenFilter, limit: number, offset: number): M2MTokenRecord[] {
    return this.stmts.list.all({ ...filterParams(filter), limit, offset }).map(fromRow)
  }

  count(filter: M2MTokenFilter): number {
    return this.stmts.count.get(filterParams(filter))?.count ?? 0
  }

  /**
   * The newest live opaque token of the machine with exactly these scopes and claims that lasts at least until
   * `until`: what a create call with `min_remaining_ttl_seconds` returns instead of minting. Claims compare as the
   * JSON text they were stored as, so key order counts (Clerk's comparison is not documented further).
   */
  reusable(
    machineId: string,
    scopes: string[],
    claims: Record<string, unknown> | null,
    until: number,
  ): M2MTokenRecord | undefined {
    const row = this.stmts.reusable.get({
      machine_id: machineId,
      scopes: JSON.stringify(scopes),
      claims: claims === null ? null : JSON.stringify(claims),
      until,
    })
    return row && fromRow(row)
  }
}
