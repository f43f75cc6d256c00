// Organizations and memberships in SQLite.
import type { SqliteDatabase } from './database.js'
import { parseJsonArray, parseJsonObject } from './json.js'

export interface OrganizationRecord {
  id: string
  name: string
  slug: string
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  max_allowed_memberships: number
  created_by: string | null
  created_at: number
  updated_at: number
}

export interface MembershipRecord {
  id: string
  organization_id: string
  user_id: string
  /** `org:admin`, `org:member` or `org:<custom>`. */
  role: string
  /** Custom permissions granted on top of the role's system permissions, e.g. `org:invoices:read`. */
  permissions: string[]
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  created_at: number
  updated_at: number
}

type OrganizationRow = Omit<OrganizationRecord, 'public_metadata' | 'private_metadata'> & {
  public_metadata: string
  private_metadata: string
}
type MembershipRow = Omit<MembershipRecord, 'permissions' | 'public_metadata' | 'private_metadata'> & {
  permissions: string
  public_metadata: string
  private_metadata: string
}

const organizationFromRow = (row: OrganizationRow): OrganizationRecord => ({
  ...row,
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
})

const membershipFromRow = (row: MembershipRow): MembershipRecord => ({
  ...row,
  permissions: parseJsonArray(row.permissions),
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
})

const ORG_FILTER = `(@query IS NULL OR instr(lower(name), @query) OR instr(slug, @query) OR instr(lower(id), @query))`

export class OrganizationStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<OrganizationRow>(`INSERT INTO organizations (id, name, slug, public_metadata,
        private_metadata, max_allowed_memberships, created_by, created_at, updated_at) VALUES (@id, @name, @slug,
        @public_metadata, @private_metadata, @max_allowed_memberships, @created_by, @created_at, @updated_at)`),
      get: db.prepare<[string, string], OrganizationRow>('SELECT * FROM organizations WHERE id = ? OR slug = ?'),
      delete: db.prepare<[string]>('DELETE FROM organizations WHERE id = ?'),
      list: db.prepare<{ query: string | null; limit: number; offset: number }, OrganizationRow>(
        `SELECT * FROM organizations WHERE ${ORG_FILTER} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
      ),
      count: db.prepare<{ query: string | null }, { count: number }>(
        `SELECT count(*) AS count FROM organizations WHERE ${ORG_FILTER}`,
      ),
      membersCount: db.prepare<[string], { count: number }>(
        'SELECT count(*) AS count FROM organization_memberships WHERE organization_id = ?',
      ),
      insertMembership: db.prepare<MembershipRow>(`INSERT INTO organization_memberships (id, organization_id,
        user_id, role, permissions, public_metadata, private_metadata, created_at, updated_at) VALUES (@id,
        @organization_id, @user_id, @role, @permissions, @public_metadata, @private_metadata, @created_at, @updated_at)`),
      membership: db.prepare<[string, string], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE organization_id = ? AND user_id = ?',
      ),
      memberships: db.prepare<[string, number, number], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE organization_id = ? ORDER BY created_at ASC, rowid ASC LIMIT ? OFFSET ?',
      ),
      userMemberships: db.prepare<[string, number, number], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE user_id = ? ORDER BY created_at ASC, rowid ASC LIMIT ? OFFSET ?',
      ),
      userMembershipsCount: db.prepare<[string], { count: number }>(
        'SELECT count(*) AS count FROM organization_memberships WHERE user_id = ?',
      ),
      deleteMembership: db.prepare<[string]>('DELETE FROM organization_memberships WHERE id = ?'),
    }
  }

  insert(record: OrganizationRecord): void {
    this.stmts.insert.run({
      ...record,
      public_metadata: JSON.stringify(record.public_metadata),
      private_metadata: JSON.stringify(record.private_metadata),
    })
  }

  /** By id or by slug, as the Backend API allows. */
  get(idOrSlug: string): OrganizationRecord | undefined {
    const row = this.stmts.get.get(idOrSlug, idOrSlug)
    return row && organizationFromRow(row)
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  list(query: string | undefined, limit: number, offset: number): OrganizationRecord[] {
    return this.stmts.list.all({ query: query?.toLowerCase() ?? null, limit, offset }).map(organizationFromRow)
  }

  count(query: string | undefined): number {
    return this.stmts.count.get({ query: query?.toLowerCase() ?? null })?.count ?? 0
  }

  membersCount(organizationId: string): number {
    return this.stmts.membersCount.get(organizationId)?.count ?? 0
  }

  insertMembership(record: MembershipRecord): void {
    this.stmts.insertMembership.run({
      ...record,
      permissions: JSON.stringify(record.permissions),
      public_metadata: JSON.stringify(record.public_metadata),
      private_metadata: JSON.stringify(record.private_metadata),
    })
  }

  membership(organizationId: string, userId: string): MembershipRecord | undefined {
    const row = this.stmts.membership.get(organizationId, userId)
    return row && membershipFromRow(row)
  }

  memberships(organizationId: string, limit: number, offset: number): MembershipRecord[] {
    return this.stmts.memberships.all(organizationId, limit, offset).map(membershipFromRow)
  }

  userMemberships(userId: string, limit = -1, offset = 0): MembershipRecord[] {
    return this.stmts.userMemberships.all(userId, limit, offset).map(membershipFromRow)
  }

  userMembershipsCount(userId: string): number {
    return this.stmts.userMembershipsCount.get(userId)?.count ?? 0
  }

  deleteMembership(id: string): void {
    this.stmts.deleteMembership.run(id)
  }
}
