// The lists of one organization (its members, invitations, domains, counts) are read through indexes, never by
// scanning every organization's rows: checked on SQLite's own query plans for every statement the backend prepares
// while serving them, so a later change to the SQL cannot quietly fall back to a scan (10 000 organizations would
// feel it; the benchmarks measure it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, coreOf, startHarness } from '../helpers/harness.js'
import { queryPlan, recordPreparedStatements } from '../helpers/queryPlans.js'

const TABLES = ['organization_memberships', 'organization_invitations', 'organization_domains']
const recorder = recordPreparedStatements()
/** Each statement once, however often it was prepared. */
const prepared = () => new Set(recorder.statements)
let h: Harness

beforeAll(async () => {
  h = await startHarness()
  const ada = (await h.call('POST', '/v1/users', { body: { email_address: ['ada@example.com'] } })).body.id
  const org = (await h.call('POST', '/v1/organizations', { body: { name: 'Indexed', created_by: ada } })).body.id
  await h.call('POST', `/v1/organizations/${org}/invitations`, {
    body: { email_address: 'x@example.com', role: 'org:member' },
  })
  await h.call('POST', `/v1/organizations/${org}/domains`, {
    body: { name: 'example.com', enrollment_mode: 'automatic_invitation' },
  })
  // Every way of listing one organization's rows the Backend API has.
  for (const order of ['-created_at', '+first_name', '-email_address']) {
    await h.call(
      'GET',
      `/v1/organizations/${org}/memberships?order_by=${encodeURIComponent(order)}&role=org:admin&query=ada`,
    )
  }
  await h.call('GET', `/v1/organizations/${org}/invitations?status=pending&order_by=email_address`)
  await h.call('GET', `/v1/organizations/${org}/domains?verified=true`)
  await h.call('GET', `/v1/organizations/${org}?include_members_count=true`)
  await h.call('GET', `/v1/users/${ada}/organization_memberships`)
  await h.call('GET', `/v1/users/${ada}/organization_invitations`)
})
afterAll(async () => {
  recorder.stop()
  await h?.close()
})

/** The plan of a statement, every parameter bound to a placeholder value. */
const plan = (sql: string) => queryPlan(coreOf(h.clerk).store.db, sql)

describe('indexes of the organization lists', () => {
  it("reads one organization's rows through an index, never a scan of the table", () => {
    const perOrganization = [...prepared()].filter(
      (sql) =>
        /^\s*SELECT/i.test(sql) && TABLES.some((table) => sql.includes(table)) && /organization_id = [@?]/.test(sql),
    )
    // Memberships (three orders and the count), the members count, invitations (list, count, pending), domains.
    expect(perOrganization.length).toBeGreaterThanOrEqual(8)
    for (const sql of perOrganization) {
      const scans = plan(sql).filter((line) =>
        TABLES.some((table) => new RegExp(`^SCAN (${table}|m|i|d)\\b`).test(line)),
      )
      expect({ sql: sql.replace(/\s+/g, ' ').slice(0, 120), scans }).toEqual({
        sql: sql.replace(/\s+/g, ' ').slice(0, 120),
        scans: [],
      })
    }
  })

  it('reads the default list (newest first) in index order, with no sort', () => {
    const list = [...prepared()].find(
      (sql) => sql.includes('FROM organization_memberships m') && sql.includes('ORDER BY m.created_at DESC'),
    )!
    expect(plan(list).filter((line) => line.includes('TEMP B-TREE'))).toEqual([])
  })
})
