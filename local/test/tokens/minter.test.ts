import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { type LocalClerk, createLocalClerk } from '../../src/index.js'
import { TestClock, decodePart } from '../helpers/harness.js'

/**
 * The minter caches what it reads per session until the database changes. These tests change the database in every
 * way the cache could miss: from another connection (another process), and by the clock alone.
 */
const dir = mkdtempSync(join(tmpdir(), 'local-clerk-cache-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function setUp(name: string, clock = new TestClock()) {
  const db = join(dir, `${name}.db`)
  const clerk = await createLocalClerk({ db, now: clock.now })
  const seeded = clerk.seed({
    users: [{ email_address: 'ada@example.com', first_name: 'Ada' }],
    organizations: [
      { name: 'Acme', members: [{ user: 'ada@example.com', role: 'org:member', permissions: ['org:invoices:read'] }] },
    ],
    templates: [{ name: 'who', claims: { name: '{{user.first_name}}', org: '{{org.slug}}', v: 1 } }],
  })
  const userId = seeded.users[0]!.id
  const session = clerk.createSession({ userId, organizationId: 'acme' })
  // Another connection to the same file, as a second process (the seed CLI, another server) would have.
  const other = new Database(db)
  return { clerk, clock, userId, session, other, close: async () => (other.close(), await clerk.close()) }
}

type Instance = Awaited<ReturnType<typeof setUp>>

async function withInstance(name: string, work: (t: Instance) => Promise<void>): Promise<void> {
  const t = await setUp(name)
  try {
    await work(t)
  } finally {
    await t.close()
  }
}

const claims = async (clerk: LocalClerk, sessionId: string, template?: string) =>
  decodePart(await clerk.getToken(sessionId, template === undefined ? {} : { template }), 1)

describe('minting after changes made by another connection', () => {
  it('sees a revoked session', () =>
    withInstance('revoked', async (t) => {
      await claims(t.clerk, t.session.id)
      t.other.prepare("UPDATE sessions SET status = 'revoked' WHERE id = ?").run(t.session.id)
      await expect(t.clerk.getToken(t.session.id)).rejects.toMatchObject({ status: 401, code: 'session_not_active' })
    }))

  it('sees a renamed user and an updated template', () =>
    withInstance('renamed', async (t) => {
      expect(await claims(t.clerk, t.session.id, 'who')).toMatchObject({ name: 'Ada', org: 'acme', v: 1 })
      t.other.prepare("UPDATE users SET first_name = 'Augusta' WHERE id = ?").run(t.userId)
      expect((await claims(t.clerk, t.session.id, 'who')).name).toBe('Augusta')
      t.other.prepare(`UPDATE jwt_templates SET claims = '{"v":2}', version = version + 1 WHERE name = 'who'`).run()
      expect(await claims(t.clerk, t.session.id, 'who')).toMatchObject({ v: 2 })
      t.other.prepare("DELETE FROM jwt_templates WHERE name = 'who'").run()
      await expect(t.clerk.getToken(t.session.id, { template: 'who' })).rejects.toMatchObject({ status: 404 })
    }))

  it('keeps the default claims unique even if a stored template holds one (written around the API)', () =>
    withInstance('reserved', async (t) => {
      t.other
        .prepare(
          `UPDATE jwt_templates SET claims = '{"sub":"someone-else","iss":"x","v":3}', version = version + 1 WHERE name = 'who'`,
        )
        .run()
      const jwt = await t.clerk.getToken(t.session.id, { template: 'who' })
      const json = Buffer.from(jwt.split('.')[1]!, 'base64url').toString()
      expect(json.match(/"sub":/g)).toHaveLength(1)
      expect(JSON.parse(json)).toMatchObject({ v: 3, sub: t.userId, iss: t.clerk.url })
    }))

  it('sees a removed membership and a changed organization slug', () =>
    withInstance('membership', async (t) => {
      expect((await claims(t.clerk, t.session.id)).o).toEqual({
        id: t.session.last_active_organization_id,
        slg: 'acme',
        rol: 'member',
        per: 'read',
        fpm: '1',
      })
      t.other.prepare("UPDATE organizations SET slug = 'acme-2'").run()
      expect((await claims(t.clerk, t.session.id)).o).toMatchObject({ slg: 'acme-2' })
      t.other.prepare('DELETE FROM organization_memberships WHERE user_id = ?').run(t.userId)
      expect(await claims(t.clerk, t.session.id)).not.toHaveProperty('o')
    }))

  it('sees a deleted session', () =>
    withInstance('deleted', async (t) => {
      await claims(t.clerk, t.session.id)
      t.other.prepare('DELETE FROM sessions WHERE id = ?').run(t.session.id)
      await expect(t.clerk.getToken(t.session.id)).rejects.toMatchObject({ status: 404, code: 'resource_not_found' })
    }))
})

describe('minting as time passes', () => {
  it('refuses a session that expired after its last (cached) mint', () =>
    withInstance('expiry', async (t) => {
      expect((await claims(t.clerk, t.session.id)).fva).toEqual([0, -1])
      t.clock.advance(90 * 60_000)
      expect((await claims(t.clerk, t.session.id)).fva).toEqual([90, -1])
      t.clock.advance(7 * 86_400_000)
      await expect(t.clerk.getToken(t.session.id)).rejects.toMatchObject({ status: 401, code: 'session_not_active' })
    }))
})
