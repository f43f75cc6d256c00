// Organization invitations in SQLite: who is invited to which organization with which role, and the ticket their
// link carries.
import type { SqliteDatabase } from './database.js'
import { INVITATION_STATUS_SQL, type InvitationStatus } from './invitationStatus.js'
import { jsonList, parseJsonObject } from './json.js'
import { StatementCache, whereOrganization } from './statementCache.js'

export interface OrganizationInvitationRecord {
  id: string
  organization_id: string
  /** Lower-cased. */
  email_address: string
  role: string
  /** As read: a pending invitation past `expires_at` reads as `expired`. */
  status: InvitationStatus
  inviter_user_id: string | null
  /** Set for the invitations a verified domain made on its own (`automatic_invitation`). */
  domain_id: string | null
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  redirect_url: string | null
  /** The secret the invitation's link carries (`__clerk_ticket`). */
  ticket: string
  expires_at: number
  created_at: number
  updated_at: number
}

type Row = Omit<OrganizationInvitationRecord, 'public_metadata' | 'private_metadata'> & {
  public_metadata: string
  private_metadata: string
}

const fromRow = (row: Row): OrganizationInvitationRecord => ({
  ...row,
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
})

export interface OrganizationInvitationFilter {
  organization_id?: string | undefined
  statuses?: InvitationStatus[] | undefined
  /** Exact addresses (lower-cased). */
  email_addresses?: string[] | undefined
  /** Partial match on the address. */
  query?: string | undefined
  /** Leave out the invitations verified domains made (an organization's list does, as on Clerk). */
  manual_only?: boolean | undefined
  /** Only those this domain made. */
  domain_id?: string | undefined
}

export const ORGANIZATION_INVITATION_ORDER_FIELDS = ['created_at', 'email_address'] as const

const SELECT = `SELECT id, organization_id, email_address, role, ${INVITATION_STATUS_SQL} AS status, inviter_user_id,
  domain_id, public_metadata, private_metadata, redirect_url, ticket, expires_at, created_at, updated_at
  FROM organization_invitations`

const FILTER = `(@statuses IS NULL OR ${INVITATION_STATUS_SQL} IN (SELECT value FROM json_each(@statuses)))
  AND (@emails IS NULL OR email_address IN (SELECT value FROM json_each(@emails)))
  AND (@query IS NULL OR instr(email_address, @query))
  AND (@manual_only = 0 OR domain_id IS NULL)
  AND (@domain_id IS NULL OR domain_id = @domain_id)`

type FilterParams = {
  now: number
  statuses: string | null
  emails: string | null
  query: string | null
  manual_only: number
  domain_id: string | null
}

const where = (filter: OrganizationInvitationFilter) => whereOrganization(filter.organization_id, FILTER)

export class OrganizationInvitationStore {
  private readonly stmts
  private readonly lists: StatementCache

  constructor(db: SqliteDatabase) {
    this.lists = new StatementCache(db)
    this.stmts = {
      insert: db.prepare<Row>(`INSERT INTO organization_invitations (id, organization_id, email_address, role, status,
        inviter_user_id, domain_id, public_metadata, private_metadata, redirect_url, ticket, expires_at, created_at,
        updated_at) VALUES (@id, @organization_id, @email_address, @role, @status, @inviter_user_id, @domain_id,
        @public_metadata, @private_metadata, @redirect_url, @ticket, @expires_at, @created_at, @updated_at)`),
      get: db.prepare<{ id: string; now: number }, Row>(`${SELECT} WHERE id = @id`),
      byTicket: db.prepare<{ ticket: string; now: number }, Row>(`${SELECT} WHERE ticket = @ticket`),
      setStatus: db.prepare<[string, number, string]>(
        'UPDATE organization_invitations SET status = ?, updated_at = ? WHERE id = ?',
      ),
      pendingCount: db.prepare<{ organization_id: string; now: number }, { count: number }>(
        `SELECT count(*) AS count FROM organization_invitations WHERE organization_id = @organization_id
         AND status = 'pending' AND expires_at > @now AND domain_id IS NULL`,
      ),
      pendingFor: db.prepare<{ organization_id: string; email: string; now: number }, Row>(
        `${SELECT} WHERE organization_id = @organization_id AND email_address = @email AND status = 'pending' AND expires_at > @now`,
      ),
      anyFor: db.prepare<[string, string], { id: string }>(
        'SELECT id FROM organization_invitations WHERE organization_id = ? AND email_address = ? LIMIT 1',
      ),
      deletePendingOfDomain: db.prepare<[string]>(
        "DELETE FROM organization_invitations WHERE domain_id = ? AND status = 'pending'",
      ),
    }
  }

  insert(record: OrganizationInvitationRecord): void {
    this.stmts.insert.run({
      ...record,
      public_metadata: JSON.stringify(record.public_metadata),
      private_metadata: JSON.stringify(record.private_metadata),
    })
  }

  get(id: string, now: number): OrganizationInvitationRecord | undefined {
    const row = this.stmts.get.get({ id, now })
    return row && fromRow(row)
  }

  byTicket(ticket: string, now: number): OrganizationInvitationRecord | undefined {
    const row = this.stmts.byTicket.get({ ticket, now })
    return row && fromRow(row)
  }

  /** `accepted` or `revoked`; expiry is never stored. */
  setStatus(id: string, status: 'accepted' | 'revoked', now: number): void {
    this.stmts.setStatus.run(status, now, id)
  }

  /** Invitations a member could still accept; Clerk shows the number next to the members. */
  pendingCount(organizationId: string, now: number): number {
    return this.stmts.pendingCount.get({ organization_id: organizationId, now })?.count ?? 0
  }

  pendingFor(organizationId: string, email: string, now: number): OrganizationInvitationRecord | undefined {
    const row = this.stmts.pendingFor.get({ organization_id: organizationId, email, now })
    return row && fromRow(row)
  }

  /** Whether this address was ever invited to this organization, whatever became of it. */
  wasInvited(organizationId: string, email: string): boolean {
    return this.stmts.anyFor.get(organizationId, email) !== undefined
  }

  /** A domain that goes away takes the invitations it made and nobody accepted yet. */
  deletePendingOfDomain(domainId: string): void {
    this.stmts.deletePendingOfDomain.run(domainId)
  }

  list(
    filter: OrganizationInvitationFilter,
    order: { field: (typeof ORGANIZATION_INVITATION_ORDER_FIELDS)[number]; descending: boolean },
    page: { limit: number; offset: number },
    now: number,
  ): OrganizationInvitationRecord[] {
    const direction = order.descending ? 'DESC' : 'ASC'
    const sql = `${SELECT} ${where(filter)} ORDER BY ${order.field} ${direction}, rowid ${direction} LIMIT @limit OFFSET @offset`
    return (this.lists.get(sql).all({ ...this.params(filter, now), ...page }) as Row[]).map(fromRow)
  }

  count(filter: OrganizationInvitationFilter, now: number): number {
    const sql = `SELECT count(*) AS count FROM organization_invitations ${where(filter)}`
    return (this.lists.get(sql).get(this.params(filter, now)) as { count: number }).count
  }

  private params(filter: OrganizationInvitationFilter, now: number): FilterParams & { organization_id?: string } {
    return {
      ...(filter.organization_id === undefined ? {} : { organization_id: filter.organization_id }),
      now,
      statuses: jsonList(filter.statuses),
      emails: jsonList(filter.email_addresses),
      query: filter.query ? filter.query.toLowerCase() : null,
      manual_only: filter.manual_only ? 1 : 0,
      domain_id: filter.domain_id ?? null,
    }
  }
}
