// Browser clients in SQLite.
import type { SqliteDatabase } from './database.js'

/** A browser (or, for Backend API sessions, a nominal one): sessions belong to a client. */
export interface ClientRecord {
  id: string
  /** Value of the `__client` cookie; null for clients created by the Backend API, which no browser holds. */
  cookie_token: string | null
  created_at: number
  /** Moves on every sign-in and sign-out: `__client_uat` is this in seconds. */
  updated_at: number
}

export class ClientStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<ClientRecord>(
        'INSERT INTO clients (id, cookie_token, created_at, updated_at) VALUES (@id, @cookie_token, @created_at, @updated_at)',
      ),
      byCookieToken: db.prepare<[string], ClientRecord>(
        'SELECT id, cookie_token, created_at, updated_at FROM clients WHERE cookie_token = ?',
      ),
      get: db.prepare<[string], ClientRecord>(
        'SELECT id, cookie_token, created_at, updated_at FROM clients WHERE id = ?',
      ),
      touch: db.prepare<[number, string]>('UPDATE clients SET updated_at = ? WHERE id = ?'),
      setCookieToken: db.prepare<[string | null, string]>('UPDATE clients SET cookie_token = ? WHERE id = ?'),
      page: db.prepare<[number, number], ClientRecord>(
        'SELECT id, cookie_token, created_at, updated_at FROM clients ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
      ),
      count: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM clients'),
    }
  }

  insert(record: ClientRecord): void {
    this.stmts.insert.run(record)
  }

  get(id: string): ClientRecord | undefined {
    return this.stmts.get.get(id)
  }

  byCookieToken(token: string): ClientRecord | undefined {
    return this.stmts.byCookieToken.get(token)
  }

  /** Newest first, as `GET /v1/clients` lists them. */
  page(limit: number, offset: number): ClientRecord[] {
    return this.stmts.page.all(limit, offset)
  }

  count(): number {
    return this.stmts.count.get()?.count ?? 0
  }

  touch(id: string, now: number): void {
    this.stmts.touch.run(now, id)
  }

  /** A new `__client` cookie value (the old one stops working), or null: no browser holds the client any more. */
  setCookieToken(id: string, token: string | null): void {
    this.stmts.setCookieToken.run(token, id)
  }
}
