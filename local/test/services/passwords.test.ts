import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, hashPasswordSync, verifyPassword } from '../../src/services/passwords.js'
import { type Harness, coreOf, startHarness } from '../helpers/harness.js'

describe('password digests', () => {
  it('verifies the password a digest was made from, and nothing else', async () => {
    const digest = await hashPassword('correct horse')
    expect(digest).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    await expect(verifyPassword('correct horse', digest)).resolves.toBe(true)
    await expect(verifyPassword('correct horse ', digest)).resolves.toBe(false)
    await expect(verifyPassword('', digest)).resolves.toBe(false)
    // Salted: the same password never gives the same digest.
    expect(await hashPassword('correct horse')).not.toBe(digest)
    await expect(verifyPassword('correct horse', hashPasswordSync('correct horse'))).resolves.toBe(true)
  })

  it.each([
    ['not a digest', 'plain text'],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['a cost that would stall the server', `scrypt$1073741824$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`],
    ['a cost that is not a power of two', `scrypt$1000$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`],
    ['an empty key', `scrypt$16384$8$1$${'A'.repeat(22)}$`],
  ])('matches nothing against %s', async (_name, digest) => {
    await expect(verifyPassword('anything', digest)).resolves.toBe(false)
  })
})

describe('users with passwords', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('stores the password of POST /v1/users as a digest, never in any answer or record', async () => {
    const response = await h.call('POST', '/v1/users', {
      body: { email_address: ['pw@example.com'], password: 'correct horse' },
    })
    expect(response.status).toBe(200)
    expect(response.body.password_enabled).toBe(true)
    const users = coreOf(h.clerk).store.users
    const digest = users.passwordDigest(response.body.id)!
    await expect(verifyPassword('correct horse', digest)).resolves.toBe(true)
    const listed = await h.call('GET', '/v1/users?email_address=pw@example.com')
    for (const text of [
      JSON.stringify(response.body),
      JSON.stringify(listed.body),
      JSON.stringify(users.get(response.body.id)),
    ]) {
      expect(text).not.toContain('scrypt')
      expect(text).not.toContain('correct horse')
    }
  })

  it('takes a password from the seed data', async () => {
    const seeded = h.clerk.seed({
      users: [
        { email_address: 'seeded@example.com', password: 'seed-password' },
        { email_address: 'nopw@example.com' },
      ],
    })
    const users = coreOf(h.clerk).store.users
    await expect(verifyPassword('seed-password', users.passwordDigest(seeded.users[0]!.id)!)).resolves.toBe(true)
    expect(users.passwordDigest(seeded.users[1]!.id)).toBeUndefined()
  })
})
