// Organizations' verified domains in SQLite: the e-mail domain, how matching users join, and its verification.
import type { SqliteDatabase } from './database.js'
import { jsonList } from './json.js'
import { StatementCache, whereOrganization } from './statementCache.js'

export const ENROLLMENT_MODES = [
  'manual_invitation',
  'automatic_invitation',
  'automatic_suggestion',
  'enterprise_sso',
] as const
export type EnrollmentMode = (typeof ENROLLMENT_MODES)[number]

/** The affiliation verification, as Clerk reports it: by an admin (Backend API) or by an e-mail code at the domain. */
export interface DomainVerification {
  status: 'unverified' | 'verified'
  strategy: 'admin' | 'email_code'
  attempts: number | null
  /** Milliseconds; null once verified by an admin. */
  expire_at: number | null
}

export interface OrganizationDomainRecord {
  id: string
  organization_id: string
  /** Lower-cased, e.g. `example.com`. */
  name: string
  enrollment_mode: EnrollmentMode
  verification: DomainVerification | null
  affiliation_email_address: string | null
  created_at: number
  updated_at: number
}

type Row = Omit<OrganizationDomainRecord, 'verification'> & { verification: string | null }

const fromRow = (row: Row): OrganizationDomainRecord => ({
  ...row,
  verification: row.verification === null ? null : (JSON.parse(row.verification) as DomainVerification),
})
const toRow = (record: OrganizationDomainRecord): Row => ({
  ...record,
  verification: record.verification === null ? null : JSON.stringify(record.verification),
})

export interface OrganizationDomainFilter {
  organization_id?: string | undefined
  verified?: boolean | undefined
  include_modes?: string[] | undefined
  exclude_modes?: string[] | undefined
  /** Partial match on the name. */
  query?: string | undefined
}

const VERIFIED_SQL = "coalesce(json_extract(verification, '$.status') = 'verified', 0)"
const FILTER = `(@verified IS NULL OR ${VERIFIED_SQL} = @verified)
  AND (@include_modes IS NULL OR enrollment_mode IN (SELECT value FROM json_each(@include_modes)))
  AND (@exclude_modes IS NULL OR enrollment_mode NOT IN (SELECT value FROM json_each(@exclude_modes)))
  AND (@query IS NULL OR instr(name, @query))`

const where = (filter: OrganizationDomainFilter) => whereOrganization(filter.organization_id, FILTER)

export class OrganizationDomainStore {
  private readonly stmts
  private readonly lists: StatementCache

  constructor(db: SqliteDatabase) {
    this.lists = new StatementCache(db)
    this.stmts = {
      insert:
        db.prepare<Row>(`INSERT INTO organization_domains (id, organization_id, name, enrollment_mode, verification,
        affiliation_email_address, created_at, updated_at) VALUES (@id, @organization_id, @name, @enrollment_mode,
        @verification, @affiliation_email_address, @created_at, @updated_at)`),
      update: db.prepare<Row>(`UPDATE organization_domains SET enrollment_mode = @enrollment_mode,
        verification = @verification, affiliation_email_address = @affiliation_email_address, updated_at = @updated_at
        WHERE id = @id`),
      get: db.prepare<[string, string], Row>('SELECT * FROM organization_domains WHERE organization_id = ? AND id = ?'),
      byName: db.prepare<[string, string], Row>(
        'SELECT * FROM organization_domains WHERE organization_id = ? AND name = ?',
      ),
      delete: db.prepare<[string]>('DELETE FROM organization_domains WHERE id = ?'),
      automaticFor: db.prepare<{ names: string }, Row>(`SELECT * FROM organization_domains
        WHERE name IN (SELECT value FROM json_each(@names)) AND enrollment_mode = 'automatic_invitation'
        AND ${VERIFIED_SQL} ORDER BY created_at, rowid`),
    }
  }

  insert(record: OrganizationDomainRecord): void {
    this.stmts.insert.run(toRow(record))
  }

  update(record: OrganizationDomainRecord): void {
    this.stmts.update.run(toRow(record))
  }

  get(organizationId: string, id: string): OrganizationDomainRecord | undefined {
    const row = this.stmts.get.get(organizationId, id)
    return row && fromRow(row)
  }

  byName(organizationId: string, name: string): OrganizationDomainRecord | undefined {
    const row = this.stmts.byName.get(organizationId, name)
    return row && fromRow(row)
  }

  delete(id: string): void {
    this.stmts.delete.run(id)
  }

  /** Verified `automatic_invitation` domains among these names (a user's e-mail domains), in any organization. */
  automaticInvitationDomains(names: string[]): OrganizationDomainRecord[] {
    return names.length === 0 ? [] : this.stmts.automaticFor.all({ names: JSON.stringify(names) }).map(fromRow)
  }

  /** Newest first, as Clerk lists them. */
  list(filter: OrganizationDomainFilter, page: { limit: number; offset: number }): OrganizationDomainRecord[] {
    const sql = `SELECT * FROM organization_domains ${where(filter)} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`
    return (this.lists.get(sql).all({ ...params(filter), ...page }) as Row[]).map(fromRow)
  }

  count(filter: OrganizationDomainFilter): number {
    return (
      this.lists.get(`SELECT count(*) AS count FROM organization_domains ${where(filter)}`).get(params(filter)) as {
        count: number
      }
    ).count
  }
}

function params(filter: OrganizationDomainFilter) {
  return {
    ...(filter.organization_id === undefined ? {} : { organization_id: filter.organization_id }),
    verified: filter.verified === undefined ? null : filter.verified ? 1 : 0,
    include_modes: jsonList(filter.include_modes),
    exclude_modes: jsonList(filter.exclude_modes),
    query: filter.query ? filter.query.toLowerCase() : null,
  }
}
