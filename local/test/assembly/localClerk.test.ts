import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { createPublicKey } from 'node:crypto'
import Database from 'better-sqlite3'
import { importJWK, jwtVerify } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { type LocalClerk, SeedError, createLocalClerk } from '../../src/index.js'
import { MIGRATIONS } from '../../src/store/migrations.js'
import { TestClock, coreOf } from '../helpers/harness.js'
import { upgradedFrom } from '../helpers/olderDatabase.js'

const dir = mkdtempSync(join(tmpdir(), 'local-clerk-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function withClerk<T>(
  options: Parameters<typeof createLocalClerk>[0],
  work: (clerk: LocalClerk) => Promise<T>,
): Promise<T> {
  const clerk = await createLocalClerk({ db: ':memory:', ...options })
  try {
    return await work(clerk)
  } finally {
    await clerk.close()
  }
}

describe('createLocalClerk options', () => {
  it.each([
    [
      { sessionLifetime: 0 },
      'remix-clerk-local: sessionLifetime must be a whole number of seconds from 1 to 315360000 (got 0).',
    ],
    [
      { sessionLifetime: 1.5 },
      'remix-clerk-local: sessionLifetime must be a whole number of seconds from 1 to 315360000 (got 1.5).',
    ],
    [{ tokenVersion: 3 }, 'remix-clerk-local: tokenVersion must be 1 or 2 (got 3).'],
    [{ now: 5 }, 'remix-clerk-local: now must be a function returning milliseconds, like Date.now.'],
    [{ db: '' }, `remix-clerk-local: db must be a file path or ':memory:' (got "").`],
    [
      { url: 'not a url' },
      'remix-clerk-local: url must be an absolute http(s) URL such as http://127.0.0.1:4000 (got "not a url").',
    ],
    [{ url: 'ftp://127.0.0.1' }, 'remix-clerk-local: url must use http or https (got "ftp://127.0.0.1").'],
    [
      { url: 'http://127.0.0.1:4000/clerk' },
      'remix-clerk-local: url must be an origin without path, query or fragment (got "http://127.0.0.1:4000/clerk").',
    ],
    [
      { url: 'http://localhost:4000' },
      'remix-clerk-local: url must have a dot in its host, or Clerk SDKs reject the publishable key (got "http://localhost:4000"); use 127.0.0.1 instead of localhost.',
    ],
  ])('refuses %j', async (options, message) => {
    await expect(createLocalClerk({ db: ':memory:', ...(options as object) })).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_INVALID_OPTION',
      message,
    })
  })

  it('refuses a ClerkJS this machine does not have, naming the command that downloads it', async () => {
    // 5.0.0 is a well-formed choice that neither node_modules nor the cache holds (the cache has the tested releases).
    await expect(createLocalClerk({ db: ':memory:', clerkJs: '5.0.0' })).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_CLERK_JS_NOT_INSTALLED',
      message: expect.stringContaining('clerk-js install'),
    })
  })

  it.skipIf(process.platform !== 'linux')(
    'refuses a database file that others can read and that cannot be made private',
    async () => {
      // /proc/self/status is 0444 and refuses chmod, even to root: the stand-in for another user's file.
      await expect(createLocalClerk({ db: '/proc/self/status' })).rejects.toMatchObject({
        code: 'REMIX_CLERK_LOCAL_FILE_NOT_PRIVATE',
        message: expect.stringContaining('It holds secret keys; use a file of your own.'),
      })
    },
  )
})

describe('keys and URLs', () => {
  it('exposes the instance id, secret key, JWKS and a PEM for the same RSA-2048 e=65537 key', async () => {
    await withClerk({}, async (clerk) => {
      expect(clerk.instanceId).toMatch(/^ins_[0-9A-Za-z]{27}$/)
      expect(clerk.secretKey).toMatch(/^sk_live_[0-9A-Za-z]{40}$/)
      const key = createPublicKey(clerk.jwtKey)
      expect(key.asymmetricKeyType).toBe('rsa')
      expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n })
      expect(clerk.jwtKey).toMatch(/^-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA/)
      expect(key.export({ format: 'jwk' }).n).toBe(clerk.jwks.keys[0]!.n)
    })
  })

  it('derives the publishable key from the URL: before listen, after listen, and with a url option', async () => {
    await withClerk({}, async (clerk) => {
      expect(clerk.url).toBe('http://127.0.0.1:4000')
      expect(clerk.publishableKey).toBe(
        `pk_live_${Buffer.from('http://127.0.0.1:4000$').toString('base64').replace(/=+$/, '')}`,
      )
      const { url, port } = await clerk.listen(0)
      expect(url).toBe(`http://127.0.0.1:${port}`)
      expect(clerk.url).toBe(url)
      expect(clerk.apiUrl).toBe(url)
      expect(clerk.frontendApiUrl).toBe(url)
      const decoded = Buffer.from(clerk.publishableKey.slice('pk_live_'.length), 'base64').toString('utf8')
      expect(decoded).toBe(`${url}$`)
      expect(clerk.publishableKey).not.toContain('=')
      await expect(clerk.listen(0)).rejects.toMatchObject({
        code: 'REMIX_CLERK_LOCAL_ALREADY_LISTENING',
        message: `remix-clerk-local: already listening on ${url}; call close() first.`,
      })
    })
    await withClerk({ url: 'https://auth.example.test' }, async (clerk) => {
      await clerk.listen(0)
      expect(clerk.url).toBe('https://auth.example.test')
      expect(clerk.env()).toEqual({
        CLERK_SECRET_KEY: clerk.secretKey,
        CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from('https://auth.example.test$').toString('base64').replace(/=+$/, '')}`,
        CLERK_API_URL: 'https://auth.example.test',
        // Browsers use the URL as it is: only 127.0.0.1 becomes localhost.
        CLERK_PROXY_URL: 'https://auth.example.test',
        CLERK_JS: expect.stringMatching(
          /^https:\/\/auth\.example\.test\/npm\/@clerk\/clerk-js@5\.\d+\.\d+\/dist\/clerk\.browser\.js$/,
        ),
        CLERK_JWT_KEY: clerk.jwtKey,
        CLERK_WEBHOOK_SIGNING_SECRET: clerk.webhooks.signingSecret,
      })
    })
  })

  it('formats .env lines with the PEM on one quoted line', async () => {
    await withClerk({}, async (clerk) => {
      const lines = clerk.envFile().split('\n')
      expect(lines).toHaveLength(7)
      expect(lines[0]).toBe(`CLERK_SECRET_KEY=${clerk.secretKey}`)
      expect(lines[1]).toBe(`CLERK_PUBLISHABLE_KEY=${clerk.publishableKey}`)
      expect(lines[2]).toBe(`CLERK_API_URL=${clerk.apiUrl}`)
      // 127.0.0.1 for the server, localhost for the browser: the same site as an app on localhost.
      expect(lines[3]).toBe(`CLERK_PROXY_URL=${clerk.apiUrl.replace('127.0.0.1', 'localhost')}`)
      expect(lines[4]).toBe(`CLERK_JS=${clerk.clerkJsUrl}`)
      expect(clerk.clerkJsUrl).toMatch(/^http:\/\/localhost:4000\/npm\/@clerk\/clerk-js@5\./)
      expect(lines[5]).toBe(`CLERK_JWT_KEY="${clerk.jwtKey.trim().replace(/\n/g, '\\n')}"`)
      expect(lines[6]).toMatch(/^CLERK_WEBHOOK_SIGNING_SECRET=whsec_[A-Za-z0-9+/]{32}$/)
    })
  })

  it('never shows the secret key in JSON or inspect output', async () => {
    await withClerk({}, async (clerk) => {
      const json = JSON.stringify(clerk)
      expect(json).not.toContain(clerk.secretKey)
      expect(JSON.parse(json)).toEqual({
        instanceId: clerk.instanceId,
        url: clerk.url,
        publishableKey: clerk.publishableKey,
        secretKey: 'sk_live_…',
      })
      expect(inspect(clerk)).not.toContain(clerk.secretKey)
      expect(inspect(clerk)).toContain('sk_live_…')
    })
  })
})

describe('lifecycle', () => {
  it('close() is idempotent, frees the port and refuses later use', async () => {
    const clerk = await createLocalClerk({ db: ':memory:' })
    const { url } = await clerk.listen(0)
    await clerk.close()
    await clerk.close()
    await expect(fetch(`${url}/v1/jwks`)).rejects.toThrow()
    const message = 'remix-clerk-local: this LocalClerk is closed; create a new one with createLocalClerk().'
    await expect(clerk.fetch(new Request(`${url}/v1/jwks`))).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_CLOSED',
      message,
    })
    expect(() => clerk.seed({})).toThrow(expect.objectContaining({ code: 'REMIX_CLERK_LOCAL_CLOSED', message }))
  })

  it('reports a busy port clearly', async () => {
    await withClerk({}, async (first) => {
      const { port } = await first.listen(0)
      await withClerk({}, async (second) => {
        await expect(second.listen(port)).rejects.toMatchObject({
          code: 'REMIX_CLERK_LOCAL_PORT_IN_USE',
          message: `remix-clerk-local: port ${port} on 127.0.0.1 is already in use; pick another port or pass 0 for a free one.`,
        })
      })
    })
  })

  it('keeps the instance, keys and data in the database file across restarts, creating the folder', async () => {
    const db = join(dir, 'nested', 'folder', 'clerk.db')
    const clock = new TestClock()
    const first = await createLocalClerk({ db, now: clock.now })
    const [user] = first.seed({ users: [{ email_address: 'persist@example.com' }] }).users
    const session = first.createSession({ userId: user!.id })
    const token = await first.getToken(session.id)
    const identity = { instanceId: first.instanceId, secretKey: first.secretKey, jwtKey: first.jwtKey }
    await first.close()

    const second = await createLocalClerk({ db, now: clock.now })
    try {
      expect({ instanceId: second.instanceId, secretKey: second.secretKey, jwtKey: second.jwtKey }).toEqual(identity)
      const key = await importJWK(second.jwks.keys[0]!, 'RS256')
      expect((await jwtVerify(token, key, { currentDate: new Date(clock.ms) })).payload.sid).toBe(session.id)
      expect(second.seed({ users: [{ email_address: 'persist@example.com' }] }).users[0]).toEqual({
        id: user!.id,
        email_address: 'persist@example.com',
        created: false,
      })
    } finally {
      await second.close()
    }
  })
})

describe('schema migrations', () => {
  it('records the schema version and refuses a database from a newer version', async () => {
    const db = join(dir, 'versioned.db')
    await (await createLocalClerk({ db })).close()
    const raw = new Database(db)
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    const newer = MIGRATIONS.length + 4
    raw.pragma(`user_version = ${newer}`)
    raw.close()
    await expect(createLocalClerk({ db })).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_DATABASE_TOO_NEW',
      message: `The database was created by a newer remix-clerk-local (schema version ${newer}, this one knows ${MIGRATIONS.length}). Upgrade remix-clerk-local or use another --db file.`,
    })
  })

  it('upgrades a database of schema version 2 in place: its users stay, without a password', async () => {
    await upgradedFrom(
      2,
      (raw) => {
        raw.prepare(`INSERT INTO users (id, created_at, updated_at) VALUES ('user_old', 1, 1)`).run()
        raw
          .prepare(
            `INSERT INTO email_addresses (id, user_id, email_address, created_at, updated_at) VALUES ('idn_old', 'user_old', 'old@example.com', 1, 1)`,
          )
          .run()
      },
      async (clerk) => {
        const get = (path: string) =>
          clerk.fetch(new Request(`${clerk.url}${path}`, { headers: { authorization: `Bearer ${clerk.secretKey}` } }))
        expect((await get('/v1/users/user_old')).status).toBe(200)
        expect(coreOf(clerk).store.users.passwordDigest('user_old')).toBeUndefined()
        // Migration 4 filled the search index with the users that were there.
        expect(
          ((await (await get('/v1/users?query=old@exa')).json()) as Array<{ id: string }>).map((u) => u.id),
        ).toEqual(['user_old'])
      },
    )
  })
})

describe('seed', () => {
  const data = {
    users: [
      { email_address: 'ada@example.com', first_name: 'Ada' },
      { email_address: ['bob@example.com'], username: 'bobby' },
    ],
    organizations: [
      {
        name: 'Acme Inc',
        members: [
          { user: 'ada@example.com', role: 'org:admin' },
          { user: 'bobby', role: 'org:member', permissions: ['org:invoices:read'] },
        ],
      },
    ],
    templates: [{ name: 'supabase', claims: { role: 'authenticated', email: '{{user.primary_email_address}}' } }],
  }

  it('creates everything, then is idempotent', async () => {
    await withClerk({}, async (clerk) => {
      const first = clerk.seed(data)
      expect(first.users).toEqual([
        { id: expect.stringMatching(/^user_/), email_address: 'ada@example.com', created: true },
        { id: expect.stringMatching(/^user_/), email_address: 'bob@example.com', created: true },
      ])
      expect(first.organizations).toEqual([{ id: expect.stringMatching(/^org_/), slug: 'acme-inc', created: true }])
      expect(first.memberships).toEqual([
        {
          id: expect.stringMatching(/^orgmem_/),
          organization_id: first.organizations[0]!.id,
          user_id: first.users[0]!.id,
          role: 'org:admin',
          created: true,
        },
        {
          id: expect.stringMatching(/^orgmem_/),
          organization_id: first.organizations[0]!.id,
          user_id: first.users[1]!.id,
          role: 'org:member',
          created: true,
        },
      ])
      expect(first.templates).toEqual([{ id: expect.stringMatching(/^jtmp_/), name: 'supabase', created: true }])

      const second = clerk.seed(data)
      const notCreated = <T extends { created: boolean }>(items: T[]) =>
        items.map((item) => ({ ...item, created: false }))
      expect(second).toEqual({
        users: notCreated(first.users),
        organizations: notCreated(first.organizations),
        memberships: notCreated(first.memberships),
        templates: notCreated(first.templates),
      })

      const session = clerk.createSession({ userId: first.users[1]!.id, organizationId: 'acme-inc' })
      expect(session.last_active_organization_id).toBe(first.organizations[0]!.id)
      const jwt = await clerk.getToken(session.id, { template: 'supabase', origin: 'http://localhost:5173' })
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
      expect(payload).toMatchObject({ role: 'authenticated', email: 'bob@example.com', azp: 'http://localhost:5173' })
      const sessionJwt = await clerk.getToken(session.id, { origin: 'http://localhost:5173', expiresInSeconds: 300 })
      const sessionPayload = JSON.parse(Buffer.from(sessionJwt.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        number
      >
      expect(sessionPayload.azp).toBe('http://localhost:5173')
      expect(sessionPayload.exp! - sessionPayload.iat!).toBe(300)
    })
  })

  it.each([
    [[], 'seed data must be an object with optional "users", "organizations" and "templates" arrays.'],
    [{ people: [] }, 'unknown key "people": expected users, organizations, templates.'],
    [{ users: {} }, '"users" must be an array.'],
    [{ users: [{ email_address: 'nope' }] }, 'users[0]: email_address[0] must be a valid email address.'],
    [{ users: [{ email: 'a@b.co' }] }, 'users[0]: email is not a valid parameter for this request.'],
    [
      { organizations: [{ name: 'X', members: [{ user: 'ghost@example.com', role: 'org:member' }] }] },
      'organizations[0].members[0]: no user matches "ghost@example.com"; list it under "users" first.',
    ],
    [
      { organizations: [{ name: 'X', members: [{ role: 'org:member' }] }] },
      'organizations[0].members[0]: "user" must be the e-mail address, username or id of a user.',
    ],
    [
      {
        users: [{ email_address: 'a@b.co' }],
        organizations: [{ name: 'X', members: [{ user: 'a@b.co', role: 'admin' }] }],
      },
      'organizations[0].members[0]: role must look like org:admin, org:member or org:<custom_key> (got "admin").',
    ],
    [{ templates: [{ name: 't', claims: { sub: 'x' } }] }, "templates[0]: You can't use the reserved claim: 'sub'"],
    [
      { templates: [{ name: 't', claims: { a: '{{' } }] },
      'templates[0]: claims has an invalid shortcode at claims.a: unclosed shortcode "{{": expected "}}" (at character 1).',
    ],
  ])('refuses %j with a message naming the item', async (input, message) => {
    await withClerk({}, async (clerk) => {
      let caught: unknown
      try {
        clerk.seed(input as never)
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(SeedError)
      expect((caught as Error).message).toBe(message)
    })
  })

  it('writes nothing when any item fails', async () => {
    await withClerk({}, async (clerk) => {
      expect(() => clerk.seed({ users: [{ email_address: 'first@example.com' }, { email_address: 'bad' }] })).toThrow(
        SeedError,
      )
      expect(() => clerk.seed({ users: [{ email_address: 'bad' }] })).toThrow(
        expect.objectContaining({ code: 'REMIX_CLERK_LOCAL_INVALID_SEED' }),
      )
      expect(clerk.seed({ users: [{ email_address: 'first@example.com' }] }).users[0]!.created).toBe(true)
    })
  })
})
