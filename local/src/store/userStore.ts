// Users and their e-mail addresses and phone numbers in SQLite, with the Backend API's filters and ordering.
import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from './database.js'
import { parseJsonObject, toFlag } from './json.js'
import { type UserFilter, type UserOrder, userListQuery } from './userQuery.js'

export type { UserFilter, UserOrder, UserOrderField } from './userQuery.js'
export { USER_ORDER_FIELDS } from './userQuery.js'

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
  /** Banned users cannot sign in, and their sessions were revoked (`POST /v1/users/{id}/ban`). */
  banned: boolean
  /** Milliseconds; a lock (`POST /v1/users/{id}/lock`) keeps the user from signing in until then. */
  locked_until: number | null
  /** The uploaded profile image (`images` table), served at `/images/{id}`. */
  image_id: string | null
  delete_self_enabled: boolean
  create_organization_enabled: boolean
  create_organizations_limit: number | null
  created_at: number
  updated_at: number
}

/** How an e-mail address or phone number was verified; null in a record means "by an administrator". */
export interface IdentifierVerification {
  status: 'unverified' | 'verified' | 'failed' | 'expired'
  strategy: string
  attempts: number | null
  /** Milliseconds; null when nothing expires. */
  expire_at: number | null
}

/** An e-mail address or a phone number. */
export interface IdentifierRecord {
  id: string
  user_id: string
  value: string
  /** null: verified by an administrator (the Backend API creates identifiers verified). */
  verification: IdentifierVerification | null
  created_at: number
  updated_at: number
}

export type IdentifierKind = 'email' | 'phone'

type Flags = 'password_enabled' | 'banned' | 'delete_self_enabled' | 'create_organization_enabled'
type UserRow = Omit<UserRecord, Flags | 'public_metadata' | 'private_metadata' | 'unsafe_metadata'> & {
  [K in Flags]: number
} & {
  public_metadata: string
  private_metadata: string
  unsafe_metadata: string
}
type IdentifierRow = Omit<IdentifierRecord, 'verification'> & { verification: string | null }

/** Columns of a user's row that are not the record's (`SELECT *` reads them). */
type ExtraColumns = {
  password_digest?: string | null
  primary_email_address?: string | null
  primary_phone_number?: string | null
}

// `password_digest` is read only by passwordDigest(): a record that is logged or serialised never carries it. The
// primary identifiers' copies (migration 8, kept by triggers) are only what the list is ordered by.
const fromRow = ({
  password_digest: _digest,
  primary_email_address: _email,
  primary_phone_number: _phone,
  ...row
}: UserRow & ExtraColumns): UserRecord => ({
  ...row,
  password_enabled: row.password_enabled === 1,
  banned: row.banned === 1,
  delete_self_enabled: row.delete_self_enabled === 1,
  create_organization_enabled: row.create_organization_enabled === 1,
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
  unsafe_metadata: parseJsonObject(row.unsafe_metadata),
})

const toRow = (record: UserRecord): UserRow => ({
  ...record,
  password_enabled: toFlag(record.password_enabled),
  banned: toFlag(record.banned),
  delete_self_enabled: toFlag(record.delete_self_enabled),
  create_organization_enabled: toFlag(record.create_organization_enabled),
  public_metadata: JSON.stringify(record.public_metadata),
  private_metadata: JSON.stringify(record.private_metadata),
  unsafe_metadata: JSON.stringify(record.unsafe_metadata),
})

const identifierFromRow = (row: IdentifierRow): IdentifierRecord => ({
  ...row,
  verification: row.verification === null ? null : (JSON.parse(row.verification) as IdentifierVerification),
})
const identifierToRow = (record: IdentifierRecord): IdentifierRow => ({
  ...record,
  verification: record.verification === null ? null : JSON.stringify(record.verification),
})

const COLUMNS = `id, external_id, username, first_name, last_name, password_enabled, public_metadata, private_metadata,
  unsafe_metadata, primary_email_address_id, primary_phone_number_id, locale, legal_accepted_at, last_sign_in_at,
  last_active_at, banned, locked_until, image_id, delete_self_enabled, create_organization_enabled,
  create_organizations_limit, created_at, updated_at`
const VALUES = COLUMNS.replace(/(\w+)/g, '@$1')
const ASSIGNMENTS = COLUMNS.split(',')
  .map((column) => column.trim())
  .filter((column) => column !== 'id')
  .map((column) => `${column} = @${column}`)
  .join(', ')

/** The text `query` searches, one line per user in the trigram index: the same expression migration 4 filled it with. */
const SEARCH_TEXT = `lower(u.id || ' ' || coalesce(u.username, '') || ' ' || coalesce(u.first_name, '') || ' ' ||
  coalesce(u.last_name, '') || ' ' || coalesce(u.external_id, '') || ' ' ||
  coalesce((SELECT group_concat(e.email_address, ' ') FROM email_addresses e WHERE e.user_id = u.id), '') || ' ' ||
  coalesce((SELECT group_concat(p.phone_number, ' ') FROM phone_numbers p WHERE p.user_id = u.id), ''))`

const IDENTIFIER_TABLES = {
  email: { table: 'email_addresses', column: 'email_address' },
  phone: { table: 'phone_numbers', column: 'phone_number' },
} as const

function identifierStatements(db: SqliteDatabase, kind: IdentifierKind) {
  const { table, column } = IDENTIFIER_TABLES[kind]
  const select = `SELECT id, user_id, ${column} AS value, verification, created_at, updated_at FROM ${table}`
  return {
    insert: db.prepare<IdentifierRow>(
      `INSERT INTO ${table} (id, user_id, ${column}, verification, created_at, updated_at) VALUES (@id, @user_id, @value, @verification, @created_at, @updated_at)`,
    ),
    update: db.prepare<IdentifierRow>(
      `UPDATE ${table} SET ${column} = @value, verification = @verification, updated_at = @updated_at WHERE id = @id`,
    ),
    ofUser: db.prepare<[string], IdentifierRow>(`${select} WHERE user_id = ? ORDER BY rowid`),
    byId: db.prepare<[string], IdentifierRow>(`${select} WHERE id = ?`),
    byValue: db.prepare<[string], IdentifierRow>(`${select} WHERE ${column} = ?`),
    delete: db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`),
  }
}

export class UserStore {
  private readonly stmts
  private readonly identifiers
  private readonly listStmts = new Map<string, Statement<Record<string, unknown>, UserRow>>()
  private readonly countStmts = new Map<string, Statement<Record<string, unknown>, { count: number }>>()
  /** Inside withDeferredSearch(): the search documents whose line is written at its end. */
  private pendingSearch: Set<number> | undefined

  constructor(private readonly db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<UserRow & { password_digest: string | null }>(
        `INSERT INTO users (${COLUMNS}, password_digest) VALUES (${VALUES}, @password_digest)`,
      ),
      update: db.prepare<UserRow>(`UPDATE users SET ${ASSIGNMENTS} WHERE id = @id`),
      passwordDigest: db.prepare<[string], { password_digest: string | null }>(
        'SELECT password_digest FROM users WHERE id = ?',
      ),
      setPasswordDigest: db.prepare<[string | null, number, number, string]>(
        'UPDATE users SET password_digest = ?, password_enabled = ?, updated_at = ? WHERE id = ?',
      ),
      get: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM users WHERE id = ?'),
      touchSignIn: db.prepare<[number, number, string]>(
        'UPDATE users SET last_sign_in_at = ?, last_active_at = ? WHERE id = ?',
      ),
      usernameTaken: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?'),
      searchDoc: db.prepare<[string], { doc: number }>('SELECT doc FROM user_search_docs WHERE user_id = ?'),
      newSearchDoc: db.prepare<[string]>('INSERT INTO user_search_docs (user_id) VALUES (?)'),
      deleteSearchText: db.prepare<[number]>('DELETE FROM user_search WHERE rowid = ?'),
      insertSearchText: db.prepare<[number, string]>(
        `INSERT INTO user_search (rowid, text) SELECT ?, ${SEARCH_TEXT} FROM users u WHERE u.id = ?`,
      ),
      insertSearchTexts: db.prepare<[string]>(
        `INSERT INTO user_search (rowid, text) SELECT d.doc, ${SEARCH_TEXT}
        FROM user_search_docs d JOIN users u ON u.id = d.user_id WHERE d.doc IN (SELECT value FROM json_each(?))`,
      ),
    }
    this.identifiers = { email: identifierStatements(db, 'email'), phone: identifierStatements(db, 'phone') }
  }

  /** `passwordDigest`: see services/passwords.ts; null for a user without a password. */
  insert(
    record: UserRecord,
    emails: IdentifierRecord[],
    phones: IdentifierRecord[],
    passwordDigest: string | null = null,
  ): void {
    this.stmts.insert.run({ ...toRow(record), password_digest: passwordDigest })
    for (const email of emails) this.identifiers.email.insert.run(identifierToRow(email))
    for (const phone of phones) this.identifiers.phone.insert.run(identifierToRow(phone))
    // A new user has no line in the search index yet: no need to look for one (seeding inserts thousands).
    const doc = Number(this.stmts.newSearchDoc.run(record.id).lastInsertRowid)
    if (this.pendingSearch) this.pendingSearch.add(doc)
    else this.stmts.insertSearchText.run(doc, record.id)
  }

  /**
   * Runs `work` with the search index lines of the users it creates written at its end, in one statement: half the
   * cost of seeding a user is its line written alone (measured at 10 000 users). `query` does not find them until
   * then, so only bulk work that searches nothing may use it (Store.bulkTransaction).
   */
  withDeferredSearch<T>(work: () => T): T {
    if (this.pendingSearch) return work()
    const pending = (this.pendingSearch = new Set<number>())
    try {
      const result = work()
      if (pending.size > 0) this.stmts.insertSearchTexts.run(JSON.stringify([...pending]))
      return result
    } finally {
      this.pendingSearch = undefined
    }
  }

  /** Writes every field of the record (the caller read it, changed what it changes, and moved `updated_at`). */
  update(record: UserRecord): void {
    this.stmts.update.run(toRow(record))
    this.reindex(record.id)
  }

  get(id: string): UserRecord | undefined {
    const row = this.stmts.get.get(id)
    return row && fromRow(row)
  }

  passwordDigest(userId: string): string | undefined {
    return this.stmts.passwordDigest.get(userId)?.password_digest ?? undefined
  }

  /** A new password digest, or null to remove the password. */
  setPasswordDigest(userId: string, digest: string | null, now: number): void {
    this.stmts.setPasswordDigest.run(digest, toFlag(digest !== null), now, userId)
  }

  emails(userId: string): IdentifierRecord[] {
    return this.identifiers.email.ofUser.all(userId).map(identifierFromRow)
  }

  phones(userId: string): IdentifierRecord[] {
    return this.identifiers.phone.ofUser.all(userId).map(identifierFromRow)
  }

  identifier(kind: IdentifierKind, id: string): IdentifierRecord | undefined {
    const row = this.identifiers[kind].byId.get(id)
    return row && identifierFromRow(row)
  }

  identifierByValue(kind: IdentifierKind, value: string): IdentifierRecord | undefined {
    const row = this.identifiers[kind].byValue.get(value)
    return row && identifierFromRow(row)
  }

  insertIdentifier(kind: IdentifierKind, record: IdentifierRecord): void {
    this.identifiers[kind].insert.run(identifierToRow(record))
    this.reindex(record.user_id)
  }

  updateIdentifier(kind: IdentifierKind, record: IdentifierRecord): void {
    this.identifiers[kind].update.run(identifierToRow(record))
    this.reindex(record.user_id)
  }

  deleteIdentifier(kind: IdentifierKind, record: IdentifierRecord): void {
    this.identifiers[kind].delete.run(record.id)
    this.reindex(record.user_id)
  }

  /** Addresses are stored lower-cased, so the lookup is case-insensitive. */
  userIdByEmail(email: string): string | undefined {
    return this.identifiers.email.byValue.get(email.toLowerCase())?.user_id
  }

  userIdByPhone(phone: string): string | undefined {
    return this.identifiers.phone.byValue.get(phone)?.user_id
  }

  userIdByUsername(username: string): string | undefined {
    return this.stmts.usernameTaken.get(username.toLowerCase())?.id
  }

  delete(id: string): boolean {
    const doc = this.stmts.searchDoc.get(id)?.doc
    if (doc !== undefined) this.stmts.deleteSearchText.run(doc)
    return this.stmts.delete.run(id).changes > 0
  }

  touchSignIn(id: string, now: number): void {
    this.stmts.touchSignIn.run(now, now, id)
  }

  list(filter: UserFilter, order: UserOrder, limit: number, offset: number): UserRecord[] {
    const { sql, params, key } = userListQuery(filter, order)
    let stmt = this.listStmts.get(key)
    if (!stmt) {
      stmt = this.db.prepare(sql.select)
      this.listStmts.set(key, stmt)
    }
    return stmt.all({ ...params, limit, offset }).map(fromRow)
  }

  count(filter: UserFilter): number {
    const { sql, params, key } = userListQuery(filter)
    let stmt = this.countStmts.get(key)
    if (!stmt) {
      stmt = this.db.prepare(sql.count)
      this.countStmts.set(key, stmt)
    }
    return stmt.get(params)?.count ?? 0
  }

  /** The SQL plan of a list query, for the test that no list query reads every user. @internal */
  explainList(filter: UserFilter, order: UserOrder): string[] {
    const { sql, params } = userListQuery(filter, order)
    return this.db
      .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql.select}`)
      .all({ ...params, limit: 10, offset: 0 })
      .map((row) => row.detail)
  }

  /** Rewrites the user's line in the search index after anything `query` matches changed. */
  private reindex(userId: string): void {
    let doc = this.stmts.searchDoc.get(userId)?.doc
    if (doc !== undefined && this.pendingSearch?.has(doc)) return // written at the end, as it is then
    if (doc === undefined) doc = Number(this.stmts.newSearchDoc.run(userId).lastInsertRowid)
    else this.stmts.deleteSearchText.run(doc)
    this.stmts.insertSearchText.run(doc, userId)
  }
}
