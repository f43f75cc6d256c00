import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalClerk, createLocalClerk } from '../../src/index.js'
import type { OrganizationFilter } from '../../src/store/organizationStore.js'
import { coreOf } from '../helpers/harness.js'
import { upgradedFrom } from '../helpers/olderDatabase.js'
import { queryPlan, recordPreparedStatements } from '../helpers/queryPlans.js'

/**
 * The plans the scale benchmark (bench/scale.mjs: 100 000 users, 10 000 organizations) depends on, beside the user
 * lists' (userQueryPlans.test.ts) and one organization's lists' (organizationIndexes.test.ts): `getOrganizationList`
 * with a `query` looks the organizations up in the trigram index of migration 6, the list ordered by name walks an
 * index, and a sign-in finds its user by the identifier through a unique index, never by testing every row. This
 * fails as soon as a plan turns into a scan; the benchmark measures the time.
 */
const recorder = recordPreparedStatements()
const prepared = recorder.statements
let clerk: LocalClerk

beforeAll(async () => {
  clerk = await createLocalClerk({ db: ':memory:' })
  clerk.seed({
    organizations: Array.from({ length: 30 }, (_, i) => ({ name: `Analytical Engine ${i}`, slug: `engine-${i}` })),
  })
  // No ANALYZE: a database here never has statistics, so the plans must hold without them.
})
afterAll(async () => {
  recorder.stop()
  await clerk.close()
})

const store = () => coreOf(clerk).store.organizations
const names = (filter: OrganizationFilter, field: 'created_at' | 'name' = 'created_at') =>
  store()
    .list(filter, { field, descending: false }, { limit: 100, offset: 0 })
    .map((o) => o.name)

/** The plans of the statements the store prepares while `work` runs (list and count), parameters bound to null. */
function plansOf(work: () => void): string[][] {
  const from = prepared.length
  work()
  const db = coreOf(clerk).store.db
  return prepared.slice(from).map((sql) => queryPlan(db, sql))
}

/** Any walk over the organizations (`SCAN o`, through an index or not) tests every one of them against a query. */
const walks = (lines: string[]) => lines.filter((line) => /^SCAN (o|organizations)\b/.test(line))

describe('organization list query plans', () => {
  it('looks a query up in the trigram index, never testing every organization', () => {
    // New filters prepare new statements: a query not seen before, with a list and a count.
    const plans = plansOf(() => {
      store().list({ query: 'engine 2' }, { field: 'created_at', descending: true }, { limit: 10, offset: 0 })
      store().count({ query: 'engine 2' })
    })
    expect(plans).toHaveLength(2)
    for (const lines of plans) {
      expect(walks(lines)).toEqual([])
      expect(lines.some((line) => line.includes('organization_search VIRTUAL TABLE'))).toBe(true)
      expect(
        lines.some((line) => /SEARCH o USING (COVERING )?INDEX sqlite_autoindex_organizations_1 \(id=\?\)/.test(line)),
      ).toBe(true)
    }
  })

  it('orders by name through its index, with no sort', () => {
    const [list] = plansOf(() => store().list({}, { field: 'name', descending: true }, { limit: 10, offset: 0 }))
    expect(list!.join('\n')).toContain('USING INDEX organizations_name')
    expect(list!.join('\n')).not.toContain('TEMP B-TREE')
  })
})

describe('organization list query', () => {
  it('finds a part of the name or the slug in any case, or the exact id', () => {
    expect(names({ query: 'ENGINE 2' })).toEqual([
      'Analytical Engine 2',
      ...Array.from({ length: 10 }, (_, i) => `Analytical Engine ${20 + i}`),
    ])
    expect(names({ query: 'ne-1' })).toEqual([
      'Analytical Engine 1',
      ...Array.from({ length: 10 }, (_, i) => `Analytical Engine ${10 + i}`),
    ])
    expect(names({ query: '7' })).toEqual(['Analytical Engine 7', 'Analytical Engine 17', 'Analytical Engine 27'])
    const id = store().get('engine-5')!.id
    expect(names({ query: id })).toEqual(['Analytical Engine 5'])
  })

  it('takes any text as a plain substring: FTS5 syntax in a query is not an expression', () => {
    for (const query of [
      '"',
      'a"b',
      'engine* OR x',
      'NEAR(engine',
      '^engine',
      'name:engine',
      '"engine"',
      "'; DROP TABLE organizations; --",
    ]) {
      expect(store().count({ query }), query).toBe(0)
    }
  })

  it('follows a rename, a new slug and a deletion', async () => {
    const headers = { authorization: `Bearer ${clerk.secretKey}`, 'content-type': 'application/json' }
    const call = (method: string, path: string, body?: unknown) =>
      clerk.fetch(
        new Request(`${clerk.url}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
    const org = (await (
      await call('POST', '/v1/organizations', { name: 'Difference Engine', slug: 'difference' })
    ).json()) as { id: string }
    expect(names({ query: 'difference' })).toEqual(['Difference Engine'])
    expect((await call('PATCH', `/v1/organizations/${org.id}`, { name: 'Jacquard Loom', slug: 'loom' })).status).toBe(
      200,
    )
    expect(names({ query: 'difference' })).toEqual([])
    expect(names({ query: 'jacquard' })).toEqual(['Jacquard Loom'])
    expect(names({ query: 'loom' })).toEqual(['Jacquard Loom'])
    expect((await call('DELETE', `/v1/organizations/${org.id}`)).status).toBe(200)
    expect(names({ query: 'jacquard' })).toEqual([])
    expect(coreOf(clerk).store.db.prepare('SELECT count(*) AS n FROM organization_search_docs').get()).toEqual({
      n: 30,
    })
  })
})

describe('migration 6', () => {
  it('fills the organization search index with the organizations a database of schema version 5 holds', async () => {
    await upgradedFrom(
      5,
      (raw) => {
        raw
          .prepare(
            `INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES ('org_old', 'Old Works', 'old-works', 1, 1)`,
          )
          .run()
      },
      async (upgraded) => {
        const found = coreOf(upgraded).store.organizations.list(
          { query: 'old wo' },
          { field: 'created_at', descending: true },
          { limit: 10, offset: 0 },
        )
        expect(found.map((o) => o.id)).toEqual(['org_old'])
      },
    )
  })
})

describe('sign-in lookups by identifier', () => {
  it('finds the user of an e-mail address, a username or a phone number through a unique index', () => {
    const db = coreOf(clerk).store.db
    const lookups = [
      { where: /FROM email_addresses WHERE email_address = \?$/, column: 'email_address' },
      { where: /FROM phone_numbers WHERE phone_number = \?$/, column: 'phone_number' },
      { where: /FROM users WHERE username = \?$/, column: 'username' },
    ]
    for (const { where, column } of lookups) {
      const sql = prepared.find((statement) => where.test(statement.trim()))
      expect(sql, String(where)).toBeDefined()
      const lines = queryPlan(db, sql!)
      // One row, found through the column's UNIQUE index (SQLite names it sqlite_autoindex_<table>_<n>).
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX sqlite_autoindex_\\w+ \\(${column}=\\?\\)$`),
      )
    }
  })
})
