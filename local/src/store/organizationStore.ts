// Organizations and memberships in SQLite, with the filters and orders the Backend API lists them by.
import type { SqliteDatabase } from './database.js'
import { jsonList, parseJsonArray, parseJsonObject, toFlag } from './json.js'
import { StatementCache, whereOrganization } from './statementCache.js'

export interface OrganizationRecord {
  id: string
  name: string
  slug: string
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  max_allowed_memberships: number
  /** Whether its admins may delete it from the Frontend API. */
  admin_delete_enabled: boolean
  /** The logo (uploaded_images), or null. */
  image_id: string | null
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

type OrganizationRow = Omit<OrganizationRecord, 'public_metadata' | 'private_metadata' | 'admin_delete_enabled'> & {
  public_metadata: string
  private_metadata: string
  admin_delete_enabled: number
}
type MembershipRow = Omit<MembershipRecord, 'permissions' | 'public_metadata' | 'private_metadata'> & {
  permissions: string
  public_metadata: string
  private_metadata: string
}

// `members_count` (migration 9, kept by triggers) is only what the list is ordered by; membersCount() counts.
const organizationFromRow = ({
  members_count: _count,
  ...row
}: OrganizationRow & { members_count?: number }): OrganizationRecord => ({
  ...row,
  admin_delete_enabled: row.admin_delete_enabled === 1,
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
})

const organizationToRow = (record: OrganizationRecord): OrganizationRow => ({
  ...record,
  admin_delete_enabled: toFlag(record.admin_delete_enabled),
  public_metadata: JSON.stringify(record.public_metadata),
  private_metadata: JSON.stringify(record.private_metadata),
})

const membershipFromRow = (row: MembershipRow): MembershipRecord => ({
  ...row,
  permissions: parseJsonArray(row.permissions),
  public_metadata: parseJsonObject(row.public_metadata),
  private_metadata: parseJsonObject(row.private_metadata),
})

const membershipToRow = (record: MembershipRecord): MembershipRow => ({
  ...record,
  permissions: JSON.stringify(record.permissions),
  public_metadata: JSON.stringify(record.public_metadata),
  private_metadata: JSON.stringify(record.private_metadata),
})

export interface Order<Field extends string> {
  field: Field
  descending: boolean
}

export const ORGANIZATION_ORDER_FIELDS = ['created_at', 'name', 'members_count'] as const

/** `GET /v1/organizations`: `+id` / `-id` style include and exclude lists, and Clerk's query (exact id, partial name or slug). */
export interface OrganizationFilter {
  query?: string | undefined
  include_ids?: string[] | undefined
  exclude_ids?: string[] | undefined
  /** Organizations with (or without) any of these users as members. */
  include_user_ids?: string[] | undefined
  exclude_user_ids?: string[] | undefined
}

const ORGANIZATION_FILTER = `
  (@include_ids IS NULL OR o.id IN (SELECT value FROM json_each(@include_ids)))
  AND (@exclude_ids IS NULL OR o.id NOT IN (SELECT value FROM json_each(@exclude_ids)))
  AND (@include_user_ids IS NULL OR EXISTS (SELECT 1 FROM organization_memberships m WHERE m.organization_id = o.id
       AND m.user_id IN (SELECT value FROM json_each(@include_user_ids))))
  AND (@exclude_user_ids IS NULL OR NOT EXISTS (SELECT 1 FROM organization_memberships m WHERE m.organization_id = o.id
       AND m.user_id IN (SELECT value FROM json_each(@exclude_user_ids))))`

/** The trigram index finds substrings of three characters or more; shorter ones are compared row by row. */
const TRIGRAM = 3

/**
 * The list's WHERE: `query` (an exact id, or part of the name or slug) is a condition only when given, so that the
 * planner can look it up in the trigram index (migration 6) rather than test every organization.
 */
function organizationWhere(filter: OrganizationFilter): string {
  if (!filter.query) return ORGANIZATION_FILTER
  const matches =
    [...filter.query].length >= TRIGRAM
      ? 'o.id IN (SELECT organization_id FROM organization_search_docs WHERE doc IN (SELECT rowid FROM organization_search WHERE organization_search MATCH @query))'
      : 'instr(lower(o.name), @query) OR instr(o.slug, @query)'
  return `(o.id = @raw_query OR ${matches}) AND ${ORGANIZATION_FILTER}`
}

type OrganizationFilterParams = Record<
  'query' | 'raw_query' | 'include_ids' | 'exclude_ids' | 'include_user_ids' | 'exclude_user_ids',
  string | null
>

/** The text as one FTS5 phrase: any quote doubled, so no FTS5 syntax in it is an expression. */
const ftsPhrase = (text: string) => `"${text.toLowerCase().replace(/"/g, '""')}"`

function organizationFilterParams(filter: OrganizationFilter): OrganizationFilterParams {
  return {
    query: !filter.query
      ? null
      : [...filter.query].length >= TRIGRAM
        ? ftsPhrase(filter.query)
        : filter.query.toLowerCase(),
    raw_query: filter.query ?? null,
    include_ids: jsonList(filter.include_ids),
    exclude_ids: jsonList(filter.exclude_ids),
    include_user_ids: jsonList(filter.include_user_ids),
    exclude_user_ids: jsonList(filter.exclude_user_ids),
  }
}

export const MEMBERSHIP_ORDER_FIELDS = [
  'created_at',
  'first_name',
  'last_name',
  'username',
  'email_address',
  'phone_number',
] as const

/** The member filters of `GET /v1/organizations/{id}/memberships` (and the Frontend API's `query` and `role`). */
export interface MembershipFilter {
  user_id?: string[] | undefined
  email_address?: string[] | undefined
  phone_number?: string[] | undefined
  username?: string[] | undefined
  role?: string[] | undefined
  /** Partial, case-insensitive: user id, names, username, e-mail addresses, phone numbers. */
  query?: string | undefined
  email_address_query?: string | undefined
  phone_number_query?: string | undefined
  username_query?: string | undefined
  name_query?: string | undefined
  created_at_before?: number | undefined
  created_at_after?: number | undefined
  last_active_at_before?: number | undefined
  last_active_at_after?: number | undefined
}

const EMAIL_OF_MEMBER = 'SELECT 1 FROM email_addresses e WHERE e.user_id = m.user_id'
const PHONE_OF_MEMBER = 'SELECT 1 FROM phone_numbers p WHERE p.user_id = m.user_id'
const MEMBERSHIP_FILTER = `
  (@user_ids IS NULL OR m.user_id IN (SELECT value FROM json_each(@user_ids)))
  AND (@roles IS NULL OR m.role IN (SELECT value FROM json_each(@roles)))
  AND (@usernames IS NULL OR u.username IN (SELECT lower(value) FROM json_each(@usernames)))
  AND (@emails IS NULL OR EXISTS (${EMAIL_OF_MEMBER} AND e.email_address IN (SELECT lower(value) FROM json_each(@emails))))
  AND (@phones IS NULL OR EXISTS (${PHONE_OF_MEMBER} AND p.phone_number IN (SELECT value FROM json_each(@phones))))
  AND (@email_query IS NULL OR EXISTS (${EMAIL_OF_MEMBER} AND instr(e.email_address, @email_query)))
  AND (@phone_query IS NULL OR EXISTS (${PHONE_OF_MEMBER} AND instr(p.phone_number, @phone_query)))
  AND (@username_query IS NULL OR instr(lower(coalesce(u.username, '')), @username_query))
  AND (@name_query IS NULL OR instr(lower(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, ''))), @name_query))
  AND (@created_before IS NULL OR m.created_at < @created_before)
  AND (@created_after IS NULL OR m.created_at > @created_after)
  AND (@active_before IS NULL OR u.last_active_at < @active_before)
  AND (@active_after IS NULL OR u.last_active_at > @active_after)
  AND (@query IS NULL
       OR instr(lower(m.user_id), @query) OR instr(lower(coalesce(u.username, '')), @query)
       OR instr(lower(coalesce(u.first_name, '')), @query) OR instr(lower(coalesce(u.last_name, '')), @query)
       OR EXISTS (${EMAIL_OF_MEMBER} AND instr(e.email_address, @query))
       OR EXISTS (${PHONE_OF_MEMBER} AND instr(p.phone_number, @query)))`

type MembershipFilterParams = Record<
  | 'user_ids'
  | 'roles'
  | 'usernames'
  | 'emails'
  | 'phones'
  | 'email_query'
  | 'phone_query'
  | 'username_query'
  | 'name_query'
  | 'query',
  string | null
> &
  Record<'created_before' | 'created_after' | 'active_before' | 'active_after', number | null>

const lower = (value: string | undefined) => (value ? value.toLowerCase() : null)

function membershipFilterParams(filter: MembershipFilter): MembershipFilterParams {
  return {
    user_ids: jsonList(filter.user_id),
    roles: jsonList(filter.role),
    usernames: jsonList(filter.username),
    emails: jsonList(filter.email_address),
    phones: jsonList(filter.phone_number),
    email_query: lower(filter.email_address_query),
    phone_query: filter.phone_number_query || null,
    username_query: lower(filter.username_query),
    name_query: lower(filter.name_query),
    query: lower(filter.query),
    created_before: filter.created_at_before ?? null,
    created_after: filter.created_at_after ?? null,
    active_before: filter.last_active_at_before ?? null,
    active_after: filter.last_active_at_after ?? null,
  }
}

/** What a membership list sorts by, as SQL over `m` (the membership) and `u` (its user). */
const MEMBERSHIP_SORT_KEYS: Record<(typeof MEMBERSHIP_ORDER_FIELDS)[number], string> = {
  created_at: 'm.created_at',
  first_name: 'u.first_name',
  last_name: 'u.last_name',
  username: 'u.username',
  // Copies of the primary identifiers in the user's row (migration 8), so no subquery runs per membership.
  email_address: 'u.primary_email_address',
  phone_number: 'u.primary_phone_number',
}

type Page = { limit: number; offset: number }

/** The FROM and WHERE of a membership list (see whereOrganization). */
const membershipsOf = (organizationId: string | null) =>
  `organization_memberships m JOIN users u ON u.id = m.user_id ${whereOrganization(organizationId, MEMBERSHIP_FILTER, 'm.organization_id')}`

export class OrganizationStore {
  private readonly stmts
  private readonly lists: StatementCache

  constructor(db: SqliteDatabase) {
    this.lists = new StatementCache(db)
    this.stmts = {
      insert: db.prepare<OrganizationRow>(`INSERT INTO organizations (id, name, slug, public_metadata,
        private_metadata, max_allowed_memberships, admin_delete_enabled, image_id, created_by, created_at, updated_at)
        VALUES (@id, @name, @slug, @public_metadata, @private_metadata, @max_allowed_memberships, @admin_delete_enabled,
        @image_id, @created_by, @created_at, @updated_at)`),
      update: db.prepare<OrganizationRow>(`UPDATE organizations SET name = @name, slug = @slug,
        public_metadata = @public_metadata, private_metadata = @private_metadata,
        max_allowed_memberships = @max_allowed_memberships, admin_delete_enabled = @admin_delete_enabled,
        image_id = @image_id, created_by = @created_by, created_at = @created_at, updated_at = @updated_at WHERE id = @id`),
      get: db.prepare<[string, string], OrganizationRow>('SELECT * FROM organizations WHERE id = ? OR slug = ?'),
      delete: db.prepare<[string]>('DELETE FROM organizations WHERE id = ?'),
      membersCount: db.prepare<[string], { count: number }>(
        'SELECT count(*) AS count FROM organization_memberships WHERE organization_id = ?',
      ),
      insertMembership: db.prepare<MembershipRow>(`INSERT INTO organization_memberships (id, organization_id,
        user_id, role, permissions, public_metadata, private_metadata, created_at, updated_at) VALUES (@id,
        @organization_id, @user_id, @role, @permissions, @public_metadata, @private_metadata, @created_at, @updated_at)`),
      updateMembership: db.prepare<MembershipRow>(`UPDATE organization_memberships SET role = @role,
        permissions = @permissions, public_metadata = @public_metadata, private_metadata = @private_metadata,
        updated_at = @updated_at WHERE id = @id`),
      membership: db.prepare<[string, string], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE organization_id = ? AND user_id = ?',
      ),
      memberships: db.prepare<[string, number, number], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE organization_id = ? ORDER BY created_at ASC, rowid ASC LIMIT ? OFFSET ?',
      ),
      userMemberships: db.prepare<[string, number, number], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE user_id = ? ORDER BY created_at ASC, rowid ASC LIMIT ? OFFSET ?',
      ),
      userMembershipsNewestFirst: db.prepare<[string, number, number], MembershipRow>(
        'SELECT * FROM organization_memberships WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
      ),
      userMembershipsCount: db.prepare<[string], { count: number }>(
        'SELECT count(*) AS count FROM organization_memberships WHERE user_id = ?',
      ),
      deleteMembership: db.prepare<[string]>('DELETE FROM organization_memberships WHERE id = ?'),
    }
  }

  insert(record: OrganizationRecord): void {
    this.stmts.insert.run(organizationToRow(record))
  }

  update(record: OrganizationRecord): void {
    this.stmts.update.run(organizationToRow(record))
  }

  /** By id or by slug, as the Backend API allows. */
  get(idOrSlug: string): OrganizationRecord | undefined {
    const row = this.stmts.get.get(idOrSlug, idOrSlug)
    return row && organizationFromRow(row)
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0
  }

  list(
    filter: OrganizationFilter,
    order: Order<(typeof ORGANIZATION_ORDER_FIELDS)[number]>,
    page: Page,
  ): OrganizationRecord[] {
    const direction = order.descending ? 'DESC' : 'ASC'
    const key =
      order.field === 'members_count'
        ? 'o.members_count' // kept by migration 9's triggers, with an index
        : order.field === 'name'
          ? 'lower(o.name)' // the expression of the index organizations_name
          : 'o.created_at'
    // rowid breaks ties in insertion order, so equal timestamps (a frozen test clock) still sort stably.
    const sql = `SELECT o.* FROM organizations o WHERE ${organizationWhere(filter)} ORDER BY ${key} ${direction}, o.rowid ${direction} LIMIT @limit OFFSET @offset`
    return (this.lists.get(sql).all({ ...organizationFilterParams(filter), ...page }) as OrganizationRow[]).map(
      organizationFromRow,
    )
  }

  count(filter: OrganizationFilter): number {
    const sql = `SELECT count(*) AS count FROM organizations o WHERE ${organizationWhere(filter)}`
    return (this.lists.get(sql).get(organizationFilterParams(filter)) as { count: number } | undefined)?.count ?? 0
  }

  membersCount(organizationId: string): number {
    return this.stmts.membersCount.get(organizationId)?.count ?? 0
  }

  insertMembership(record: MembershipRecord): void {
    this.stmts.insertMembership.run(membershipToRow(record))
  }

  updateMembership(record: MembershipRecord): void {
    this.stmts.updateMembership.run(membershipToRow(record))
  }

  membership(organizationId: string, userId: string): MembershipRecord | undefined {
    const row = this.stmts.membership.get(organizationId, userId)
    return row && membershipFromRow(row)
  }

  /** In the order they joined: what the Frontend API's member list and the seed read. */
  memberships(organizationId: string, limit: number, offset: number): MembershipRecord[] {
    return this.stmts.memberships.all(organizationId, limit, offset).map(membershipFromRow)
  }

  /**
   * One organization's memberships (or, with `organizationId` null, the instance's), filtered and sorted. An
   * organization's list reads its memberships through the (organization_id, created_at) index.
   */
  listMemberships(
    organizationId: string | null,
    filter: MembershipFilter,
    order: Order<(typeof MEMBERSHIP_ORDER_FIELDS)[number]>,
    page: Page,
  ): MembershipRecord[] {
    const direction = order.descending ? 'DESC' : 'ASC'
    const sql = `SELECT m.* FROM ${membershipsOf(organizationId)}
      ORDER BY ${MEMBERSHIP_SORT_KEYS[order.field]} ${direction}, m.rowid ${direction} LIMIT @limit OFFSET @offset`
    const params = {
      ...(organizationId === null ? {} : { organization_id: organizationId }),
      ...membershipFilterParams(filter),
      ...page,
    }
    return (this.lists.get(sql).all(params) as MembershipRow[]).map(membershipFromRow)
  }

  countMemberships(organizationId: string | null, filter: MembershipFilter): number {
    const sql = `SELECT count(*) AS count FROM ${membershipsOf(organizationId)}`
    const params = {
      ...(organizationId === null ? {} : { organization_id: organizationId }),
      ...membershipFilterParams(filter),
    }
    return (this.lists.get(sql).get(params) as { count: number }).count
  }

  /** Oldest first (the order tokens and ClerkJS list them in), or newest first as the Backend API lists them. */
  userMemberships(userId: string, limit = -1, offset = 0, newestFirst = false): MembershipRecord[] {
    const statement = newestFirst ? this.stmts.userMembershipsNewestFirst : this.stmts.userMemberships
    return statement.all(userId, limit, offset).map(membershipFromRow)
  }

  userMembershipsCount(userId: string): number {
    return this.stmts.userMembershipsCount.get(userId)?.count ?? 0
  }

  /**
   * Ends the membership. A session that had the organization active keeps pointing at it (Clerk documents clearing
   * sessions only for a deleted organization), but its tokens carry no organization any more (see mintSources.ts).
   */
  deleteMembership(id: string): void {
    this.stmts.deleteMembership.run(id)
  }
}
