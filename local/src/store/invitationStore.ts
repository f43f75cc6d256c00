// The application's invitations (`/v1/invitations`) in SQLite: an e-mail address invited to sign up, with the
// ticket its link carries.
import type { SqliteDatabase } from './database.js'
import { INVITATION_STATUS_SQL, type InvitationStatus } from './invitationStatus.js'
import { parseJsonObject } from './json.js'
import { StatementCache } from './statementCache.js'

export interface InvitationRecord {
  id: string
  /** Lower-cased. */
  email_address: string
  /** Becomes the new user's public metadata. */
  public_metadata: Record<string, unknown>
  /** As read: a pending invitation past `expires_at` reads as `expired`. */
  status: InvitationStatus
  redirect_url: string | null
  ticket: string
  expires_at: number
  created_at: number
  updated_at: number
}

type Row = Omit<InvitationRecord, 'public_metadata'> & { public_metadata: string }

const fromRow = (row: Row): InvitationRecord => ({ ...row, public_metadata: parseJsonObject(row.public_metadata) })

export const INVITATION_ORDER_FIELDS = ['created_at', 'email_address', 'expires_at'] as const

export interface InvitationFilter {
  /** Without a status, revoked invitations are left out (Clerk lists "non-revoked invitations"). */
  status?: InvitationStatus | undefined
  /** Partial match on the address, or the exact id. */
  query?: string | undefined
}

const SELECT = `SELECT id, email_address, public_metadata, ${INVITATION_STATUS_SQL} AS status, redirect_url, ticket,
  expires_at, created_at, updated_at FROM invitations`

const WHERE = `WHERE (CASE WHEN @status IS NULL THEN status <> 'revoked' ELSE ${INVITATION_STATUS_SQL} = @status END)
  AND (@query IS NULL OR id = @raw_query OR instr(email_address, @query))`

export class InvitationStore {
  private readonly stmts
  private readonly lists: StatementCache

  constructor(db: SqliteDatabase) {
    this.lists = new StatementCache(db)
    this.stmts = {
      insert:
        db.prepare<Row>(`INSERT INTO invitations (id, email_address, public_metadata, status, redirect_url, ticket,
        expires_at, created_at, updated_at) VALUES (@id, @email_address, @public_metadata, @status, @redirect_url,
        @ticket, @expires_at, @created_at, @updated_at)`),
      get: db.prepare<{ id: string; now: number }, Row>(`${SELECT} WHERE id = @id`),
      byTicket: db.prepare<{ ticket: string; now: number }, Row>(`${SELECT} WHERE ticket = @ticket`),
      pendingFor: db.prepare<{ email: string; now: number }, Row>(
        `${SELECT} WHERE email_address = @email AND status = 'pending' AND expires_at > @now ORDER BY created_at DESC LIMIT 1`,
      ),
      setStatus: db.prepare<[string, number, string]>('UPDATE invitations SET status = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM invitations WHERE id = ?'),
      count: db.prepare<
        { status: string | null; query: string | null; raw_query: string | null; now: number },
        { count: number }
      >(`SELECT count(*) AS count FROM invitations ${WHERE}`),
    }
  }

  insert(record: InvitationRecord): void {
    this.stmts.insert.run({ ...record, public_metadata: JSON.stringify(record.public_metadata) })
  }

  get(id: string, now: number): InvitationRecord | undefined {
    const row = this.stmts.get.get({ id, now })
    return row && fromRow(row)
  }

  byTicket(ticket: string, now: number): InvitationRecord | undefined {
    const row = this.stmts.byTicket.get({ ticket, now })
    return row && fromRow(row)
  }

  pendingFor(email: string, now: number): InvitationRecord | undefined {
    const row = this.stmts.pendingFor.get({ email, now })
    return row && fromRow(row)
  }

  setStatus(id: string, status: 'accepted' | 'revoked', now: number): void {
    this.stmts.setStatus.run(status, now, id)
  }

  delete(id: string): void {
    this.stmts.delete.run(id)
  }

  list(
    filter: InvitationFilter,
    order: { field: (typeof INVITATION_ORDER_FIELDS)[number]; descending: boolean },
    page: { limit: number; offset: number },
    now: number,
  ): InvitationRecord[] {
    const direction = order.descending ? 'DESC' : 'ASC'
    const sql = `${SELECT} ${WHERE} ORDER BY ${order.field} ${direction}, rowid ${direction} LIMIT @limit OFFSET @offset`
    return (this.lists.get(sql).all({ ...params(filter, now), ...page }) as Row[]).map(fromRow)
  }

  count(filter: InvitationFilter, now: number): number {
    return this.stmts.count.get(params(filter, now))?.count ?? 0
  }
}

const params = (filter: InvitationFilter, now: number) => ({
  now,
  status: filter.status ?? null,
  query: filter.query ? filter.query.toLowerCase() : null,
  raw_query: filter.query ?? null,
})
