import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, coreOf, startHarness } from '../helpers/harness.js'
import { upgradedFrom } from '../helpers/olderDatabase.js'

/**
 * The user list ordered by e-mail address or phone number sorts by copies of each user's primary identifiers that
 * migration 8's triggers keep in the user's row (so the order walks an index). These tests change the identifiers
 * every way the Backend API can and check, after each change, that the list is in the order of the primary
 * identifiers the API itself reports, and that no copy differs from the identifier it stands for.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

interface ApiUser {
  id: string
  primary_email_address_id: string | null
  primary_phone_number_id: string | null
  email_addresses: Array<{ id: string; email_address: string }>
  phone_numbers: Array<{ id: string; phone_number: string }>
}

const ok = async (method: string, path: string, body?: unknown) => {
  const response = await h.call(method, path, body === undefined ? {} : { body })
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(200)
  return response.body
}
const listIds = async (orderBy: string) =>
  ((await ok('GET', `/v1/users?limit=500&order_by=${encodeURIComponent(orderBy)}`)) as ApiUser[]).map((u) => u.id)

/** The primary identifier as the user's JSON says it: the one of its list that the primary id names. */
const primaryOf = (user: ApiUser, field: 'email_address' | 'phone_number') =>
  field === 'email_address'
    ? (user.email_addresses.find((e) => e.id === user.primary_email_address_id)?.email_address ?? null)
    : (user.phone_numbers.find((p) => p.id === user.primary_phone_number_id)?.phone_number ?? null)

/**
 * Both directions of both orders equal the users sorted by their primary identifier (none first, as SQLite sorts a
 * null), ties in creation order: the list ordered by `+created_at` (its own ties broken by insertion order).
 */
async function expectOrdersFollowPrimaries() {
  const users = (await ok('GET', '/v1/users?limit=500&order_by=%2Bcreated_at')) as ApiUser[]
  for (const field of ['email_address', 'phone_number'] as const) {
    const keyed = users.map((user, index) => ({ id: user.id, key: primaryOf(user, field), index }))
    const ascending = keyed
      .sort((a, b) =>
        a.key === b.key ? a.index - b.index : a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : 1,
      )
      .map((entry) => entry.id)
    expect(await listIds(`+${field}`), `+${field}`).toEqual(ascending)
    expect(await listIds(`-${field}`), `-${field}`).toEqual([...ascending].reverse())
  }
  // And directly: every copy is the identifier its primary id names (the subquery the order used to run per user).
  const stale = coreOf(h.clerk)
    .store.db.prepare(
      `SELECT id FROM users u WHERE
        u.primary_email_address IS NOT (SELECT email_address FROM email_addresses WHERE id = u.primary_email_address_id)
        OR u.primary_phone_number IS NOT (SELECT phone_number FROM phone_numbers WHERE id = u.primary_phone_number_id)`,
    )
    .all()
  expect(stale).toEqual([])
}

describe('the user list ordered by primary e-mail address or phone number', () => {
  let ids: string[]

  beforeAll(async () => {
    const created = []
    // Addresses out of creation order, a user with two, one without any, in mixed case (stored lower-cased).
    for (const body of [
      { email_address: ['mallory@example.com'], phone_number: ['+15550000003'] },
      { email_address: ['Alice@Example.com', 'zed@example.com'] },
      { username: 'nobody_here', password: 'correct horse battery staple' },
      { email_address: ['bob@example.com'], phone_number: ['+15550000001'] },
      { email_address: ['carol@example.com'], phone_number: ['+15550000002'] },
    ]) {
      created.push((await ok('POST', '/v1/users', body)) as ApiUser)
    }
    ids = created.map((u) => u.id)
  })

  it('starts in the order of the primary identifiers', async () => {
    await expectOrdersFollowPrimaries()
    expect(await listIds('+email_address')).toEqual([ids[2], ids[1], ids[3], ids[4], ids[0]])
  })

  it('follows a primary e-mail address chosen with PATCH /v1/users/{id}', async () => {
    const alice = (await ok('GET', `/v1/users/${ids[1]}`)) as ApiUser
    const zed = alice.email_addresses.find((e) => e.email_address === 'zed@example.com')!
    await ok('PATCH', `/v1/users/${ids[1]}`, { primary_email_address_id: zed.id })
    await expectOrdersFollowPrimaries()
    expect((await listIds('-email_address'))[0]).toBe(ids[1])
  })

  it('follows a primary e-mail address made so with PATCH /v1/email_addresses/{id}', async () => {
    const alice = (await ok('GET', `/v1/users/${ids[1]}`)) as ApiUser
    const first = alice.email_addresses.find((e) => e.email_address === 'alice@example.com')!
    await ok('PATCH', `/v1/email_addresses/${first.id}`, { primary: true })
    await expectOrdersFollowPrimaries()
    expect((await listIds('+email_address'))[1]).toBe(ids[1])
  })

  it('follows the deletion of a primary e-mail address (the next one becomes primary) and of the last one', async () => {
    const alice = (await ok('GET', `/v1/users/${ids[1]}`)) as ApiUser
    await ok('DELETE', `/v1/email_addresses/${alice.primary_email_address_id}`)
    await expectOrdersFollowPrimaries()
    const bob = (await ok('GET', `/v1/users/${ids[3]}`)) as ApiUser
    await ok('DELETE', `/v1/email_addresses/${bob.primary_email_address_id}`)
    await expectOrdersFollowPrimaries()
    expect((await listIds('+email_address')).slice(0, 2)).toEqual([ids[2], ids[3]])
  })

  it('follows an added e-mail address, and a phone number added first, then made primary', async () => {
    await ok('POST', '/v1/email_addresses', { user_id: ids[2], email_address: 'aaron@example.com' })
    await ok('POST', '/v1/phone_numbers', { user_id: ids[2], phone_number: '+15550000009' })
    await expectOrdersFollowPrimaries()
    const added = (await ok('POST', '/v1/phone_numbers', {
      user_id: ids[0],
      phone_number: '+15550000000',
      primary: true,
    })) as { id: string }
    await expectOrdersFollowPrimaries()
    expect((await ok('GET', `/v1/users/${ids[0]}`)).primary_phone_number_id).toBe(added.id)
    expect((await listIds('+phone_number')).slice(-4)).toEqual([ids[0], ids[3], ids[4], ids[2]])
  })

  it("follows an identifier replaced with PUT /v1/users/{id}/email_address, and a user's deletion", async () => {
    await ok('PUT', `/v1/users/${ids[4]}/email_address`, { email_address: 'ABE@example.com' })
    await expectOrdersFollowPrimaries()
    expect((await listIds('+email_address')).slice(2)).toEqual([ids[4], ids[0], ids[1]])
    await ok('DELETE', `/v1/users/${ids[0]}`)
    await expectOrdersFollowPrimaries()
  })

  it('gives the records no column of their own for the copies', async () => {
    const record = coreOf(h.clerk).store.users.get(ids[1]!)!
    expect(Object.keys(record)).not.toContain('primary_email_address')
    expect(Object.keys(record)).not.toContain('primary_phone_number')
    const [listed] = coreOf(h.clerk).store.users.list(
      { user_id: [ids[1]!] },
      { field: 'created_at', descending: true },
      1,
      0,
    )
    expect(listed).toEqual(record)
  })
})

describe('migration 8', () => {
  it('fills the copies in a database of schema version 7, which then orders by them', async () => {
    await upgradedFrom(
      7,
      (raw) => {
        const user = raw.prepare(
          `INSERT INTO users (id, primary_email_address_id, primary_phone_number_id, created_at, updated_at)
         VALUES (?, ?, ?, 1, 1)`,
        )
        const email = raw.prepare(
          `INSERT INTO email_addresses (id, user_id, email_address, created_at, updated_at) VALUES (?, ?, ?, 1, 1)`,
        )
        const phone = raw.prepare(
          `INSERT INTO phone_numbers (id, user_id, phone_number, created_at, updated_at) VALUES (?, ?, ?, 1, 1)`,
        )
        user.run('user_b', 'idn_b', 'idn_pb')
        email.run('idn_b', 'user_b', 'bea@example.com')
        email.run('idn_b2', 'user_b', 'abe@example.com')
        phone.run('idn_pb', 'user_b', '+15550000001')
        user.run('user_none', null, null)
        user.run('user_a', 'idn_a', null)
        email.run('idn_a', 'user_a', 'ada@example.com')
      },
      async (upgraded) => {
        const { store } = coreOf(upgraded)
        const order = (field: 'email_address' | 'phone_number', descending: boolean) =>
          store.users.list({}, { field, descending }, 10, 0).map((u) => u.id)
        expect(order('email_address', false)).toEqual(['user_none', 'user_a', 'user_b'])
        expect(order('email_address', true)).toEqual(['user_b', 'user_a', 'user_none'])
        expect(order('phone_number', false)).toEqual(['user_none', 'user_a', 'user_b'])
        expect(store.users.explainList({}, { field: 'email_address', descending: false })).toContain(
          'SCAN u USING COVERING INDEX users_primary_email_address',
        )
        // The triggers are there too: a change made after the upgrade moves the user.
        const response = await upgraded.fetch(
          new Request(`${upgraded.url}/v1/users/user_b`, {
            method: 'PATCH',
            headers: { authorization: `Bearer ${upgraded.secretKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ primary_email_address_id: 'idn_b2' }),
          }),
        )
        expect(response.status).toBe(200)
        expect(order('email_address', false)).toEqual(['user_none', 'user_b', 'user_a'])
        // No route rewrites an address in place, but the copy follows one written so too.
        store.db.prepare(`UPDATE email_addresses SET email_address = 'zoe@example.com' WHERE id = 'idn_b2'`).run()
        expect(order('email_address', false)).toEqual(['user_none', 'user_a', 'user_b'])
      },
    )
  })
})
