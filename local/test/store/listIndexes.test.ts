import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, coreOf, startHarness } from '../helpers/harness.js'
import { upgradedFrom } from '../helpers/olderDatabase.js'
import { queryPlan, recordPreparedStatements } from '../helpers/queryPlans.js'

/**
 * The instance's lists beside the user list (userQuery.test.ts) and one organization's (organizationIndexes.test.ts)
 * read an index, never every row: the organization list ordered by `members_count` (a count migration 9's triggers
 * keep in each organization's row), a user's or a client's sessions (a client's are in every Frontend API client),
 * and the invitations ordered by `expires_at`. Checked on SQLite's plans of the statements the backend prepares while
 * serving the Backend API; the count is checked against the memberships after every way they change.
 */
const recorder = recordPreparedStatements()
const prepared = recorder.statements
let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  recorder.stop()
  await h.close()
})

const ok = async (method: string, path: string, body?: unknown) => {
  const response = await h.call(method, path, body === undefined ? {} : { body })
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(200)
  return response.body
}

/** The plans of the statements first prepared while `work` runs, parameters bound to null (10 and 0 for a page). */
async function plansOf(work: () => Promise<unknown>): Promise<string[][]> {
  const from = prepared.length
  await work()
  const db = coreOf(h.clerk).store.db
  return prepared
    .slice(from)
    .filter((sql) => /^\s*SELECT/i.test(sql))
    .map((sql) => queryPlan(db, sql))
}

/** A scan of the table itself, not through an index. */
const scans = (lines: string[], table: string) => lines.filter((line) => new RegExp(`^SCAN ${table}$`).test(line))

describe('list query plans', () => {
  it('orders organizations by members_count through its index, with no sort', async () => {
    const [list] = await plansOf(() => ok('GET', '/v1/organizations?order_by=-members_count&limit=10'))
    expect(list).toContain('SCAN o USING INDEX organizations_members_count')
    expect(list!.join('\n')).not.toContain('TEMP B-TREE')
  })

  it("looks a user's sessions up by user_id, and a client's by client_id", async () => {
    const user = (await ok('POST', '/v1/users', { email_address: ['sessions@example.com'] })) as { id: string }
    await ok('POST', '/v1/sessions', { user_id: user.id })
    const ofUser = await plansOf(() => ok('GET', `/v1/sessions?user_id=${user.id}&paginated=true`))
    expect(ofUser).toHaveLength(2) // the list and its count
    for (const lines of ofUser) {
      expect(scans(lines, 'sessions')).toEqual([])
      // Either of its indexes: a user's sessions are few, so sorting them is cheap; the others are never read.
      expect(lines.join('\n')).toMatch(/SEARCH sessions USING (COVERING )?INDEX sessions_user_id\w* \(user_id=\?\)/)
    }
    const [session] = (await ok('GET', `/v1/sessions?user_id=${user.id}`)) as Array<{ client_id: string }>
    const ofClient = await plansOf(() => ok('GET', `/v1/sessions?client_id=${session!.client_id}`))
    expect(ofClient.length).toBeGreaterThan(0)
    for (const lines of ofClient) {
      expect(scans(lines, 'sessions')).toEqual([])
      expect(lines.join('\n')).toMatch(/SEARCH sessions USING (COVERING )?INDEX sessions_client_id \(client_id=\?\)/)
    }
  })

  it('orders invitations by expires_at through its index, with no sort', async () => {
    const [list] = await plansOf(() => ok('GET', '/v1/invitations?order_by=%2Bexpires_at'))
    expect(list).toContain('SCAN invitations USING INDEX invitations_expires_at')
    expect(list!.join('\n')).not.toContain('TEMP B-TREE')
  })
})

describe('the organization list ordered by members_count', () => {
  /** Every organization's kept count equals its memberships counted. */
  const expectCountsTrue = () =>
    expect(
      coreOf(h.clerk)
        .store.db.prepare(
          `SELECT id FROM organizations o
           WHERE members_count IS NOT (SELECT count(*) FROM organization_memberships WHERE organization_id = o.id)`,
        )
        .all(),
    ).toEqual([])
  const byMembers = async (order: string) =>
    ((await ok('GET', `/v1/organizations?limit=100&order_by=${order}`)) as { data: Array<{ name: string }> }).data.map(
      (o) => o.name,
    )

  it('follows memberships made, ended, and gone with their user or organization', async () => {
    const user = async (email: string) =>
      ((await ok('POST', '/v1/users', { email_address: [email] })) as { id: string }).id
    const [ada, bob, cy] = [await user('ada@example.com'), await user('bob@example.com'), await user('cy@example.com')]
    const org = async (name: string, createdBy?: string) =>
      (
        (await ok('POST', '/v1/organizations', { name, ...(createdBy ? { created_by: createdBy } : {}) })) as {
          id: string
        }
      ).id
    const small = await org('Small', ada) // its creator is its admin
    const empty = await org('Empty')
    const large = await org('Large')
    for (const member of [ada, bob, cy]) {
      await ok('POST', `/v1/organizations/${large}/memberships`, { user_id: member, role: 'org:member' })
    }
    expectCountsTrue()
    expect(await byMembers('-members_count')).toEqual(['Large', 'Small', 'Empty'])
    expect(await byMembers('%2Bmembers_count')).toEqual(['Empty', 'Small', 'Large'])

    await ok('POST', `/v1/organizations/${empty}/memberships`, { user_id: bob, role: 'org:admin' })
    await ok('POST', `/v1/organizations/${empty}/memberships`, { user_id: cy, role: 'org:member' })
    await ok('POST', `/v1/organizations/${empty}/memberships`, { user_id: ada, role: 'org:member' })
    await ok('DELETE', `/v1/organizations/${large}/memberships/${cy}`)
    expectCountsTrue()
    expect(await byMembers('-members_count')).toEqual(['Empty', 'Large', 'Small'])

    await ok('DELETE', `/v1/users/${bob}`) // its memberships go by the cascade
    expectCountsTrue()
    // Large and Small have one member each: the later one first, as in every descending order.
    expect(await byMembers('-members_count')).toEqual(['Empty', 'Large', 'Small'])
    await ok('DELETE', `/v1/organizations/${small}`)
    expectCountsTrue()
    expect(await byMembers('%2Bmembers_count')).toEqual(['Large', 'Empty'])
    expect((await ok('GET', `/v1/organizations/${empty}?include_members_count=true`)).members_count).toBe(2)
  })
})

describe('migration 9', () => {
  it('counts the memberships a database of schema version 8 holds', async () => {
    await upgradedFrom(
      8,
      (raw) => {
        const organization = raw.prepare(
          `INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?, ?, ?, 1, 1)`,
        )
        const user = raw.prepare(`INSERT INTO users (id, created_at, updated_at) VALUES (?, 1, 1)`)
        const membership = raw.prepare(
          `INSERT INTO organization_memberships (id, organization_id, user_id, role, created_at, updated_at)
         VALUES (?, ?, ?, 'org:member', 1, 1)`,
        )
        organization.run('org_two', 'Two', 'two')
        organization.run('org_none', 'None', 'none')
        organization.run('org_one', 'One', 'one')
        for (const id of ['user_a', 'user_b']) user.run(id)
        membership.run('orgmem_1', 'org_two', 'user_a')
        membership.run('orgmem_2', 'org_two', 'user_b')
        membership.run('orgmem_3', 'org_one', 'user_a')
      },
      async (upgraded) => {
        const list = (descending: boolean) =>
          coreOf(upgraded)
            .store.organizations.list({}, { field: 'members_count', descending }, { limit: 10, offset: 0 })
            .map((o) => o.id)
        expect(list(true)).toEqual(['org_two', 'org_one', 'org_none'])
        expect(list(false)).toEqual(['org_none', 'org_one', 'org_two'])
        expect(Object.keys(coreOf(upgraded).store.organizations.get('org_two')!)).not.toContain('members_count')
      },
    )
  })
})
