// Users and their e-mail addresses and phone numbers in SQLite, with the Backend API's filters and ordering.
import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from './database.js'
import { parseJsonObject, toFlag } from './json.js'

export interface UserRecord {
  id: string
  external_id: string | null
  username: string | null
  first_name: string | null
  last_name: string | null
  password_enabled: boolean
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  unsafe_metadata: Record<string, unknown>
  primary_email_address_id: string | null
  primary_phone_number_id: string | null
  locale: string | null
  legal_accepted_at: number | null
  last_sign_in_at: number | null
  last_active_at: number | null
  created_at: number
  updated_at: number
}

/** An e-mail address or a phone number; both are created verified, as the Backend API does. */
export interface IdentifierRecord {
  id: string
  user_id: string
  value: string
  created_at: number
  updated_at: number
}

export interface UserFilter {
  user_id?: string[]
  external_id?: string[]
  username?: string[]
  email_address?: string[]
  phone_number?: string[]
  organization_id?: string[]
  query?: string
}

export const USER_ORDER_FIELDS = [
  'created_at',
  'updated_at',
  'first_name',
  'last_name',
  'username',
  'last_active_at',
  'last_sign_in_at',
] as const
export type UserOrderField = (typeof USER_ORDER_FIELDS)[number]
export interface UserOrder {
  field: UserOrderField
  descending: boolean
}

type UserRow = Omit<UserRecord, 'password_enabled' | 'public_metadata' | 'private_metadata' | 'unsafe_metadata'> & {
  password_enabled: number
  public_metadata: string
  private_metadata: string
  unsafe_metadata: string
}

// `password_digest` is read only by passwordDigest(): a record that is logged or serialised never carries it.
const fromRow = ({ password_digest: _digest, ...row }: UserRow & { password_digest?: string | null }): UserRecord => ({
  ...row,
  password_enabled: row.password_enabled === 1,
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
  unsafe_metadata: parseJsonObject(row.unsafe_metadata),
})

const toRow = (record: UserRecord): UserRow => ({
  ...record,
  password_enabled: toFlag(record.password_enabled),
  public_metadata: JSON.stringify(record.public_metadata),
  private_metadata: JSON.stringify(record.private_metadata),
  unsafe_metadata: JSON.stringify(record.unsafe_metadata),
})

/**
 * Array filters arrive as JSON text and are expanded with json_each, so one prepared statement serves every
 * combination of filters; only the ORDER BY varies, and those statements are cached per order.
 */
const FILTER_SQL = `
  (@user_ids IS NULL OR u.id IN (SELECT value FROM json_each(@user_ids)))
  AND (@external_ids IS NULL OR u.external_id IN (SELECT value FROM json_each(@external_ids)))
  AND (@usernames IS NULL OR u.username IN (SELECT lower(value) FROM json_each(@usernames)))
  AND (@emails IS NULL OR EXISTS (SELECT 1 FROM email_addresses e WHERE e.user_id = u.id
       AND e.email_address IN (SELECT lower(value) FROM json_each(@emails))))
  AND (@phones IS NULL OR EXISTS (SELECT 1 FROM phone_numbers p WHERE p.user_id = u.id
       AND p.phone_number IN (SELECT value FROM json_each(@phones))))
  AND (@organization_ids IS NULL OR EXISTS (SELECT 1 FROM organization_memberships m WHERE m.user_id = u.id
       AND m.organization_id IN (SELECT value FROM json_each(@organization_ids))))
  AND (@query IS NULL
       OR instr(lower(u.id), @query) OR instr(lower(coalesce(u.username, '')), @query)
       OR instr(lower(coalesce(u.first_name, '')), @query) OR instr(lower(coalesce(u.last_name, '')), @query)
       OR instr(lower(coalesce(u.external_id, '')), @query)
       OR EXISTS (SELECT 1 FROM email_addresses e WHERE e.user_id = u.id AND instr(e.email_address, @query))
       OR EXISTS (SELECT 1 FROM phone_numbers p WHERE p.user_id = u.id AND instr(p.phone_number, @query)))`

interface FilterParams {
  user_ids: string | null
  external_ids: string | null
  usernames: string | null
  emails: string | null
  phones: string | null
  organization_ids: string | null
  query: string | null
}

const jsonList = (values: string[] | undefined): string | null => (values ? JSON.stringify(values) : null)

function filterParams(filter: UserFilter): FilterParams {
  return {
    user_ids: jsonList(filter.user_id),
    external_ids: jsonList(filter.external_id),
    usernames: jsonList(filter.username),
    emails: jsonList(filter.email_address),
    phones: jsonList(filter.phone_number),
    organization_ids: jsonList(filter.organization_id),
    query: filter.query ? filter.query.toLowerCase() : null,
  }
}

export class UserStore {
  private readonly stmts
  private readonly listStmts = new Map<string, Statement<FilterParams & { limit: number; offset: number }, UserRow>>()

  constructor(private readonly db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<UserRow & { password_digest: string | null }>(`INSERT INTO users (id, external_id, username, first_name, last_name,
        password_enabled, public_metadata, private_metadata, unsafe_metadata, primary_email_address_id,
        primary_phone_number_id, locale, legal_accepted_at, last_sign_in_at, last_active_at, created_at, updated_at,
        password_digest)
        VALUES (@id, @external_id, @username, @first_name, @last_name, @password_enabled, @public_metadata,
        @private_metadata, @unsafe_metadata, @primary_email_address_id, @primary_phone_number_id, @locale,
        @legal_accepted_at, @last_sign_in_at, @last_active_at, @created_at, @updated_at, @password_digest)`),
      passwordDigest: db.prepare<[string], { password_digest: string | null }>('SELECT password_digest FROM users WHERE id = ?'),
      get: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM users WHERE id = ?'),
      touchSignIn: db.prepare<[number, number, string]>(
        'UPDATE users SET last_sign_in_at = ?, last_active_at = ? WHERE id = ?',
      ),
      usernameTaken: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?'),
      insertEmail: db.prepare<IdentifierRecord>(
        'INSERT INTO email_addresses (id, user_id, email_address, created_at, updated_at) VALUES (@id, @user_id, @value, @created_at, @updated_at)',
      ),
      insertPhone: db.prepare<IdentifierRecord>(
        'INSERT INTO phone_numbers (id, user_id, phone_number, created_at, updated_at) VALUES (@id, @user_id, @value, @created_at, @updated_at)',
      ),
      emails: db.prepare<[string], IdentifierRecord>(
        'SELECT id, user_id, email_address AS value, created_at, updated_at FROM email_addresses WHERE user_id = ? ORDER BY rowid',
      ),
      phones: db.prepare<[string], IdentifierRecord>(
        'SELECT id, user_id, phone_number AS value, created_at, updated_at FROM phone_numbers WHERE user_id = ? ORDER BY rowid',
      ),
      userIdByEmail: db.prepare<[string], { user_id: string }>(
        'SELECT user_id FROM email_addresses WHERE email_address = ?',
      ),
      userIdByPhone: db.prepare<[string], { user_id: string }>(
        'SELECT user_id FROM phone_numbers WHERE phone_number = ?',
      ),
      count: db.prepare<FilterParams, { count: number }>(`SELECT count(*) AS count FROM users u WHERE ${FILTER_SQL}`),
    }
  }

  /** `passwordDigest`: see services/passwords.ts; null for a user without a password. */
  insert(record: UserRecord, emails: IdentifierRecord[], phones: IdentifierRecord[], passwordDigest: string | null = null): void {
    this.stmts.insert.run({ ...toRow(record), password_digest: passwordDigest })
    for (const email of emails) this.stmts.insertEmail.run(email)
    for (const phone of phones) this.stmts.insertPhone.run(phone)
  }

  get(id: string): UserRecord | undefined {
    const row = this.stmts.get.get(id)
    return row && fromRow(row)
  }

  passwordDigest(userId: string): string | undefined {
    return this.stmts.passwordDigest.get(userId)?.password_digest ?? undefined
  }

  emails(userId: string): IdentifierRecord[] {
    return this.stmts.emails.all(userId)
  }

  phones(userId: string): IdentifierRecord[] {
    return this.stmts.phones.all(userId)
  }

  /** Addresses are stored lower-cased, so the lookup is case-insensitive. */
  userIdByEmail(email: string): string | undefined {
    return this.stmts.userIdByEmail.get(email.toLowerCase())?.user_id
  }

  userIdByPhone(phone: string): string | undefined {
    return this.stmts.userIdByPhone.get(phone)?.user_id
  }

  userIdByUsername(username: string): string | undefined {
    return this.stmts.usernameTaken.get(username.toLowerCase())?.id
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  touchSignIn(id: string, now: number): void {
    this.stmts.touchSignIn.run(now, now, id)
  }

  list(filter: UserFilter, order: UserOrder, limit: number, offset: number): UserRecord[] {
    return this.listStatement(order)
      .all({ ...filterParams(filter), limit, offset })
      .map(fromRow)
  }

  count(filter: UserFilter): number {
    return this.stmts.count.get(filterParams(filter))?.count ?? 0
  }

  private listStatement(order: UserOrder) {
    const key = `${order.field}:${order.descending}`
    let stmt = this.listStmts.get(key)
    if (!stmt) {
      const direction = order.descending ? 'DESC' : 'ASC'
      // rowid breaks ties in insertion order, so equal timestamps (a frozen test clock) still sort stably.
      stmt = this.db.prepare(
        `SELECT u.* FROM users u WHERE ${FILTER_SQL} ORDER BY u.${order.field} ${direction}, u.rowid ${direction} LIMIT @limit OFFSET @offset`,
      )
      this.listStmts.set(key, stmt)
    }
    return stmt
  }
}
