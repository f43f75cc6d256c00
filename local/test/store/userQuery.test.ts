import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserFilter, UserOrder } from '../../src/store/userStore.js'
import { type LocalClerk, createLocalClerk } from '../../src/index.js'
import { coreOf } from '../helpers/harness.js'

/**
 * The list queries `getUserList` sends read indexes, never every user (SQLite's query plan says so): ordered pages
 * walk an index and stop after the page, filters look the matching users up, and `query` searches the trigram index.
 * Measured at scale by the benchmark suite; this fails as soon as a plan turns into a full scan.
 */
let clerk: LocalClerk
beforeAll(async () => {
  clerk = await createLocalClerk({ db: ':memory:' })
  clerk.seed({
    users: Array.from({ length: 50 }, (_, i) => ({
      email_address: `user${i}@example.com`,
      first_name: `First${i}`,
      username: `user_${i}`,
    })),
  })
  // No ANALYZE: a database here never has statistics, so the plans must hold without them.
})
afterAll(() => clerk.close())

const plan = (filter: UserFilter, order: UserOrder = { field: 'created_at', descending: true }) =>
  coreOf(clerk).store.users.explainList(filter, order)
/** A full scan of the users table reads `SCAN u` with no index. */
const fullScans = (lines: string[]) => lines.filter((line) => /^SCAN u$/.test(line))
/** The lines of the statement that finds the page (the co-routine `p`), before its rows are read by rowid. */
const pageWalk = (lines: string[]) => lines.slice(lines.indexOf('CO-ROUTINE p') + 1, lines.indexOf('SCAN p'))

describe('user list query plans', () => {
  it.each([
    'created_at',
    'updated_at',
    'first_name',
    'last_name',
    'username',
    'last_active_at',
    'last_sign_in_at',
    'email_address',
    'phone_number',
  ] as const)('orders by %s through its index, skipping to the page without reading the rows it skips', (field) => {
    for (const descending of [true, false]) {
      const lines = plan({}, { field, descending })
      expect(fullScans(lines)).toEqual([])
      // The page is found by a walk of the order's index alone (covering: every index holds the rowid) with no sort;
      // only the page's own rows are then read by rowid (and put back in order: at most `limit` of them).
      expect(pageWalk(lines)).toEqual([expect.stringMatching(/^SCAN u USING COVERING INDEX \S+$/)])
      expect(lines).toContain('SEARCH u USING INTEGER PRIMARY KEY (rowid=?)')
    }
  })

  it('returns the same pages as reading the whole list in order', () => {
    const { store } = coreOf(clerk)
    for (const order of [
      { field: 'created_at', descending: true },
      { field: 'first_name', descending: false },
      { field: 'email_address', descending: true },
      { field: 'phone_number', descending: false },
    ] as const) {
      const all = store.users.list({}, order, 100, 0).map((u) => u.id)
      expect(all).toHaveLength(50)
      const pages = [0, 10, 20, 30, 40].flatMap((offset) => store.users.list({}, order, 10, offset).map((u) => u.id))
      expect(pages).toEqual(all)
    }
  })

  it.each<[string, UserFilter]>([
    ['query (trigram index)', { query: 'user1' }],
    ['a short query', { query: 'us' }],
    ['email_address', { email_address: ['user1@example.com'] }],
    ['phone_number', { phone_number: ['+15550001111'] }],
    ['username', { username: ['user_1'] }],
    ['user_id', { user_id: ['user_x'] }],
    ['external_id', { external_id: ['x'] }],
    ['organization_id', { organization_id: ['org_x'] }],
    ['query with an order', { query: 'example.com' }],
  ])('filters by %s without reading every user', (_name, filter) => {
    expect(fullScans(plan(filter, { field: 'first_name', descending: false }))).toEqual([])
  })

  it('finds users by a substring of any identifier, name or id, in any case', () => {
    const { store } = coreOf(clerk)
    const order: UserOrder = { field: 'created_at', descending: false }
    expect(store.users.list({ query: 'USER4' }, order, 100, 0).map((u) => u.username)).toEqual([
      'user_4',
      ...Array.from({ length: 10 }, (_, i) => `user_${40 + i}`),
    ])
    expect(store.users.count({ query: 'rst4' })).toBe(11)
    expect(store.users.count({ query: '9@' })).toBe(5)
    expect(store.users.count({ query: 'u' })).toBe(50)
  })

  it('takes any text as a plain substring: FTS5 syntax in a query is not an expression', () => {
    const { store } = coreOf(clerk)
    for (const query of [
      '"',
      'a"b',
      'user* OR x',
      'NEAR(user1',
      '^user',
      'user1:',
      '"user1"',
      '\\',
      "'; DROP TABLE users; --",
    ]) {
      expect(store.users.count({ query }), query).toBe(0)
    }
  })
})
