// Every Backend API call the local backend answers, made through the official client (@clerk/backend 3)
// and through ours against the same running local backend (HTTP on 127.0.0.1, a frozen clock so that
// timestamps are comparable): the official client deserializes every answer into its resource class, and
// both clients give the same JSON, field by field. The only normalisation is upstream's private `_raw`
// copy of users and organizations, which is not data (and never reaches a loader's JSON).
import { createClerkClient as createOfficialClient } from '@clerk/backend'
import { decodeJwt, decodeProtectedHeader, createLocalJWKSet, jwtVerify } from 'jose'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClerkClient, type ClerkClient } from '../../../src/api.server.js'

/** 2025-01-15T10:00:00Z: every timestamp the local backend writes. */
const NOW = 1_736_935_200_000
const APP = 'http://127.0.0.1:3000'

type OfficialClient = ReturnType<typeof createOfficialClient>
type Client = ClerkClient | OfficialClient

let local: LocalClerk
let official: OfficialClient
let ours: ClerkClient
let userId: string
let orgId: string
let sessionId: string
let orgSessionId: string
let templateId: string

beforeAll(async () => {
  local = await createLocalClerk({ db: ':memory:', now: () => NOW })
  const { url } = await local.listen()
  official = createOfficialClient({ secretKey: local.secretKey, apiUrl: url, telemetry: { disabled: true } })
  ours = createClerkClient({ secretKey: local.secretKey, apiUrl: url })
  const seeded = local.seed({
    users: [
      {
        email_address: 'ada@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
        public_metadata: { plan: 'pro' },
        private_metadata: { stripe: 'cus_1' },
      },
      { email_address: 'grace@example.com', first_name: 'Grace', username: 'grace' },
    ],
    organizations: [
      {
        name: 'Acme',
        slug: 'acme',
        public_metadata: { tier: 'gold' },
        members: [{ user: 'ada@example.com', role: 'org:admin', permissions: ['org:invoices:read'] }],
      },
    ],
    templates: [
      { name: 'test', claims: { email: '{{user.primary_email_address}}', org: '{{org.slug}}' }, lifetime: 120 },
    ],
  })
  userId = seeded.users[0]!.id
  orgId = seeded.organizations[0]!.id
  templateId = (await ours.jwtTemplates.list()).data[0]!.id
  sessionId = local.createSession({ userId }).id
  orgSessionId = local.createSession({ userId, organizationId: 'acme' }).id
})
afterAll(() => local?.close())

/** JSON as a loader would send it; upstream's private `_raw` copy is not data. */
function serialised(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (key, v: unknown) => (key === '_raw' ? undefined : v)))
}

/**
 * The class the official client deserialized into (`Object` for a raw answer it did not recognise). Its
 * bundler names classes `_User` and so on.
 */
function classOf(value: unknown): string {
  if (Array.isArray(value)) return `Array<${[...new Set(value.map(classOf))].join('|')}>`
  if (value && typeof value === 'object' && 'data' in value && 'totalCount' in value)
    return `Page<${classOf(value.data)}>`
  return ((value as object | null)?.constructor?.name ?? String(value)).replace(/^_/, '')
}

/** Runs a call through both clients, official first; both must succeed. */
async function both<T>(call: (client: Client) => Promise<T>): Promise<{ official: T; ours: T }> {
  const officialResult = await call(official)
  return { official: officialResult, ours: await call(ours) }
}

describe('reads: the same answer through both clients', () => {
  const reads: Array<[string, (client: Client) => Promise<unknown>, string]> = [
    ['users.getUser', (c) => c.users.getUser(userId), 'User'],
    ['users.getUserList()', (c) => c.users.getUserList(), 'Page<Array<User>>'],
    [
      'users.getUserList(filters)',
      (c) => c.users.getUserList({ emailAddress: ['grace@example.com'], limit: 5, orderBy: '+created_at' }),
      'Page<Array<User>>',
    ],
    [
      'users.getUserList(query, offset)',
      (c) => c.users.getUserList({ query: 'a', limit: 1, offset: 1 }),
      'Page<Array<User>>',
    ],
    ['users.getCount()', (c) => c.users.getCount(), 'Number'],
    ['users.getCount(organization)', (c) => c.users.getCount({ organizationId: [orgId] }), 'Number'],
    ['sessions.getSession', (c) => c.sessions.getSession(orgSessionId), 'Session'],
    ['sessions.getSessionList(user)', (c) => c.sessions.getSessionList({ userId }), 'Page<Array<Session>>'],
    [
      'sessions.getSessionList(user, status, limit)',
      (c) => c.sessions.getSessionList({ userId, status: 'active', limit: 1 }),
      'Page<Array<Session>>',
    ],
    ['jwtTemplates.list()', (c) => c.jwtTemplates.list(), 'Page<Array<JwtTemplate>>'],
    [
      'jwtTemplates.list(limit, offset)',
      (c) => c.jwtTemplates.list({ limit: 1, offset: 0 }),
      'Page<Array<JwtTemplate>>',
    ],
    ['jwtTemplates.get', (c) => c.jwtTemplates.get(templateId), 'JwtTemplate'],
    [
      'organizations.getOrganization(id)',
      (c) => c.organizations.getOrganization({ organizationId: orgId }),
      'Organization',
    ],
    [
      'organizations.getOrganization(slug, members count)',
      (c) => c.organizations.getOrganization({ slug: 'acme', includeMembersCount: true }),
      'Organization',
    ],
    ['jwks.getJwks', (c) => c.jwks.getJwks(), 'Object'],
  ]

  it.each(reads)('%s', async (_name, call, officialClass) => {
    const results = await both(call)
    expect(classOf(results.official)).toBe(officialClass)
    expect(serialised(results.ours)).toEqual(serialised(results.official))
  })

  it('clients.getHandshakePayload: the directives of two equal handshakes, redeemed once each', async () => {
    const [first, second] = [await handshakeNonce(), await handshakeNonce()]
    const officialPayload = await official.clients.getHandshakePayload({ nonce: first })
    const ourPayload = await ours.clients.getHandshakePayload({ nonce: second })
    // The payload has no `object`, so the official client hands it over as parsed.
    expect(classOf(officialPayload)).toBe('Object')
    expect(officialPayload.directives).toHaveLength(3)
    expect(serialised(ourPayload)).toEqual(serialised(officialPayload))
  })
})

describe('tokens: the same claims through both clients', () => {
  // Expected claims are functions: the ids exist only once beforeAll has run.
  const mints: Array<[string, (client: Client) => Promise<{ jwt: string }>, () => Record<string, unknown>]> = [
    [
      'getToken(session)',
      (c) => c.sessions.getToken(orgSessionId),
      () => ({
        sid: orgSessionId,
        exp: NOW / 1000 + 60,
        o: { id: orgId, slg: 'acme', rol: 'admin', per: 'read', fpm: '1' },
        fea: 'o:invoices',
      }),
    ],
    [
      'getToken(session, expiresIn)',
      (c) => c.sessions.getToken(sessionId, undefined, 300),
      () => ({ sid: sessionId, exp: NOW / 1000 + 300 }),
    ],
    [
      'getToken(session, template)',
      (c) => c.sessions.getToken(orgSessionId, 'test'),
      () => ({ email: 'ada@example.com', org: 'acme', exp: NOW / 1000 + 120 }),
    ],
    [
      'getToken(session, template, expiresIn)',
      (c) => c.sessions.getToken(sessionId, 'test', 45),
      () => ({ email: 'ada@example.com', org: null, exp: NOW / 1000 + 45 }),
    ],
  ]

  it.each(mints)('%s', async (_name, call, expected) => {
    const results = await both(call)
    expect(classOf(results.official)).toBe('Token')
    expect(Object.keys(serialised(results.ours) as object)).toEqual(Object.keys(serialised(results.official) as object))
    // Two mints differ only in their random jti; both verify against the instance's keys.
    const claims = await Promise.all([results.official.jwt, results.ours.jwt].map(verifiedClaims))
    expect(claims[1]).toEqual(claims[0])
    expect(claims[0]).toMatchObject({ sub: userId, iat: NOW / 1000, ...expected() })
    expect(decodeProtectedHeader(results.ours.jwt)).toEqual(decodeProtectedHeader(results.official.jwt))
  })
})

describe('writes: what one client creates, the other reads back identically', () => {
  it('users.createUser and users.deleteUser', async () => {
    const params = {
      emailAddress: ['new@example.com'],
      firstName: 'New',
      lastName: 'User',
      publicMetadata: { a: 1 },
      skipPasswordChecks: true,
    }
    const byOfficial = await official.users.createUser({ ...params, emailAddress: ['official@example.com'] })
    const byOurs = await ours.users.createUser(params)
    expect(classOf(byOfficial)).toBe('User')
    expect(serialised(await ours.users.getUser(byOfficial.id))).toEqual(serialised(byOfficial))
    expect(serialised(await official.users.getUser(byOurs.id))).toEqual(serialised(byOurs))

    const deleted = {
      official: await official.users.deleteUser(byOurs.id),
      ours: await ours.users.deleteUser(byOfficial.id),
    }
    expect(classOf(deleted.official)).toBe('DeletedObject')
    expect(serialised(deleted.official)).toEqual({ object: 'user', id: byOurs.id, slug: null, deleted: true })
    expect(serialised(deleted.ours)).toEqual({ object: 'user', id: byOfficial.id, slug: null, deleted: true })
  })

  it('sessions.createSession and sessions.revokeSession', async () => {
    const created = {
      official: await official.sessions.createSession({ userId }),
      ours: await ours.sessions.createSession({ userId }),
    }
    expect(classOf(created.official)).toBe('Session')
    expect(serialised(await ours.sessions.getSession(created.official.id))).toEqual(serialised(created.official))
    expect(serialised(await official.sessions.getSession(created.ours.id))).toEqual(serialised(created.ours))

    const revoked = {
      official: await official.sessions.revokeSession(created.ours.id),
      ours: await ours.sessions.revokeSession(created.official.id),
    }
    expect(classOf(revoked.official)).toBe('Session')
    expect(revoked.official.status).toBe('revoked')
    expect(serialised(revoked.ours)).toEqual(serialised(await official.sessions.getSession(created.official.id)))
    expect(serialised(revoked.official)).toEqual(serialised(await ours.sessions.getSession(created.ours.id)))
  })

  it('jwtTemplates.create, update and delete', async () => {
    const params = { claims: { role: '{{user.public_metadata.plan}}' }, lifetime: 90, allowedClockSkew: 10 }
    const byOfficial = await official.jwtTemplates.create({ name: 'official', ...params })
    const byOurs = await ours.jwtTemplates.create({ name: 'ours', ...params })
    expect(classOf(byOfficial)).toBe('JwtTemplate')
    expect(serialised(await ours.jwtTemplates.get(byOfficial.id))).toEqual(serialised(byOfficial))
    expect(serialised(await official.jwtTemplates.get(byOurs.id))).toEqual(serialised(byOurs))

    const updated = {
      official: await official.jwtTemplates.update({ templateId: byOurs.id, name: 'ours-renamed', claims: { x: 1 } }),
      ours: await ours.jwtTemplates.update({ templateId: byOfficial.id, name: 'official-renamed', claims: { x: 1 } }),
    }
    expect(classOf(updated.official)).toBe('JwtTemplate')
    expect(updated.official).toMatchObject({ name: 'ours-renamed', claims: { x: 1 }, lifetime: 90 })
    expect(serialised(await official.jwtTemplates.get(byOfficial.id))).toEqual(serialised(updated.ours))
    expect(serialised(await ours.jwtTemplates.get(byOurs.id))).toEqual(serialised(updated.official))

    const deleted = {
      official: await official.jwtTemplates.delete(byOurs.id),
      ours: await ours.jwtTemplates.delete(byOfficial.id),
    }
    expect(classOf(deleted.official)).toBe('DeletedObject')
    expect(serialised(deleted.official)).toEqual({ object: 'jwt_template', id: byOurs.id, slug: null, deleted: true })
    expect(serialised(deleted.ours)).toEqual({ object: 'jwt_template', id: byOfficial.id, slug: null, deleted: true })
  })

  it('organizations.createOrganization and createOrganizationMembership', async () => {
    const grace = (await ours.users.getUserList({ emailAddress: ['grace@example.com'] })).data[0]!.id
    const byOfficial = await official.organizations.createOrganization({
      name: 'Official',
      slug: 'official',
      createdBy: userId,
      publicMetadata: { a: 1 },
    })
    const byOurs = await ours.organizations.createOrganization({
      name: 'Ours',
      slug: 'ours',
      createdBy: userId,
      publicMetadata: { a: 1 },
    })
    expect(classOf(byOfficial)).toBe('Organization')
    expect(serialised(await ours.organizations.getOrganization({ organizationId: byOfficial.id }))).toEqual(
      serialised(byOfficial),
    )
    expect(serialised(await official.organizations.getOrganization({ organizationId: byOurs.id }))).toEqual(
      serialised(byOurs),
    )

    const memberships = {
      official: await official.organizations.createOrganizationMembership({
        organizationId: byOurs.id,
        userId: grace,
        role: 'org:member',
      }),
      ours: await ours.organizations.createOrganizationMembership({
        organizationId: byOfficial.id,
        userId: grace,
        role: 'org:member',
      }),
    }
    expect(classOf(memberships.official)).toBe('OrganizationMembership')
    // Our client has no membership list (see below): the official one reads back what ours created.
    const listed = await official.organizations.getOrganizationMembershipList({ organizationId: byOfficial.id })
    const oursListed = listed.data.find((membership) => membership.id === memberships.ours.id)
    expect(serialised(memberships.ours)).toEqual(serialised(oursListed))
  })
})

describe('errors: the same ClerkAPIResponseError fields through both clients', () => {
  // [name, call, status, code, meta fields only our client keeps]
  const failures: Array<[string, (client: Client) => Promise<unknown>, number, string, Record<string, unknown>?]> = [
    ['an unknown user', (c) => c.users.getUser('user_missing'), 404, 'resource_not_found'],
    ['an unknown session', (c) => c.sessions.getSession('sess_missing'), 404, 'resource_not_found'],
    [
      'a session list without user or client',
      (c) => c.sessions.getSessionList({ status: 'active' }),
      422,
      'form_param_missing',
    ],
    [
      'an invalid e-mail address',
      (c) => c.users.createUser({ emailAddress: ['not-an-address'] }),
      422,
      'form_param_format_invalid',
    ],
    [
      'an e-mail address in use',
      (c) => c.users.createUser({ emailAddress: ['ada@example.com'] }),
      422,
      'form_identifier_exists',
    ],
    [
      'a template with a reserved claim',
      (c) => c.jwtTemplates.create({ name: 'reserved', claims: { sub: 'x' } }),
      400,
      'jwt_template_reserved_claim',
      { claim: 'sub' },
    ],
    ['an unknown template', (c) => c.sessions.getToken(sessionId, 'missing'), 404, 'resource_not_found'],
    ['an unknown organization', (c) => c.organizations.getOrganization({ slug: 'missing' }), 404, 'resource_not_found'],
    ['the deprecated verifySession', (c) => c.sessions.verifySession(sessionId, 'token'), 410, 'operation_deprecated'],
    [
      'a refresh with an expired token that is not the instance’s',
      (c) =>
        c.sessions.refreshSession(sessionId, {
          expired_token: 'x',
          refresh_token: 'y',
          request_origin: APP,
          format: 'cookie',
        }),
      401,
      'expired_session_token_invalid',
    ],
    ['an unknown handshake nonce', (c) => c.clients.getHandshakePayload({ nonce: 'missing' }), 400, 'invalid_nonce'],
  ]

  it.each(failures)('%s', async (_name, call, status, code, extraMeta = {}) => {
    const officialError = await rejection(call(official))
    const ourError = await rejection(call(ours))
    expect(errorFields(officialError)).toMatchObject({ status, errors: [{ code }] })
    expectSameError(ourError, officialError, extraMeta)
  })

  it('a revoked session mints nothing (401 session_not_active)', async () => {
    const revoked = local.createSession({ userId }).id
    await ours.sessions.revokeSession(revoked)
    const errors = [
      await rejection(official.sessions.getToken(revoked)),
      await rejection(ours.sessions.getToken(revoked)),
    ]
    expect(errorFields(errors[0])).toMatchObject({
      status: 401,
      errors: [{ code: 'session_not_active', meta: { sessionId: revoked } }],
    })
    expectSameError(errors[1], errors[0], { status: 'revoked' })
  })

  it('a wrong secret key (401 clerk_key_invalid), named in neither error', async () => {
    const wrong = 'sk_live_notTheLocalInstanceKey0000000000'
    const clients = [
      createOfficialClient({
        secretKey: wrong,
        apiUrl: local.apiUrl,
        telemetry: { disabled: true },
        apiVersion: undefined,
      }),
      createClerkClient({ secretKey: wrong, apiUrl: local.apiUrl }),
    ] as const
    const errors = [
      await rejection(clients[0].users.getUser(userId)),
      await rejection(clients[1].users.getUser(userId)),
    ]
    expect(errorFields(errors[0])).toMatchObject({ status: 401, errors: [{ code: 'clerk_key_invalid' }] })
    expectSameError(errors[1], errors[0])
    expect(JSON.stringify(errors[1])).not.toContain(wrong)
  })
})

describe('calls our client does not offer: the official client reads the local backend', () => {
  it('organizations.getOrganizationList, getOrganizationMembershipList, deleteOrganizationMembership, deleteOrganization', async () => {
    const organizations = await official.organizations.getOrganizationList()
    expect(classOf(organizations)).toBe('Page<Array<Organization>>')
    expect(organizations.data.map((org) => org.slug)).toContain('acme')

    const memberships = await official.organizations.getOrganizationMembershipList({ organizationId: orgId })
    expect(classOf(memberships)).toBe('Page<Array<OrganizationMembership>>')
    expect(memberships.data.map((m) => [m.role, m.publicUserData?.userId])).toEqual([['org:admin', userId]])

    const temporary = await ours.organizations.createOrganization({ name: 'Temporary', createdBy: userId })
    const removed = await official.organizations.deleteOrganizationMembership({ organizationId: temporary.id, userId })
    expect(classOf(removed)).toBe('OrganizationMembership')
    const deleted = await official.organizations.deleteOrganization(temporary.id)
    expect(serialised(deleted)).toEqual({ object: 'organization', id: temporary.id, slug: null, deleted: true })
  })

  it('users.getOrganizationMembershipList', async () => {
    const memberships = await official.users.getOrganizationMembershipList({ userId })
    expect(classOf(memberships)).toBe('Page<Array<OrganizationMembership>>')
    expect(memberships.data.map((m) => m.organization.slug)).toContain('acme')
  })
})

/** A nonce from the local Frontend API's handshake, for a browser that is not signed in. */
async function handshakeNonce(): Promise<string> {
  const query = new URLSearchParams({ redirect_url: `${APP}/`, format: 'nonce', suffixed_cookies: 'false' })
  const response = await fetch(`${local.url}/v1/client/handshake?${query}`, { redirect: 'manual' })
  expect(response.status).toBe(307)
  return new URL(response.headers.get('location')!).searchParams.get('__clerk_handshake_nonce')!
}

async function verifiedClaims(jwt: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(local.jwks), { currentDate: new Date(NOW) })
  expect(decodeJwt(jwt)).toEqual(payload)
  const { jti, ...rest } = payload
  expect(jti).toMatch(/^[0-9a-f]{20}$/)
  return rest
}

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error,
  )
}

/**
 * Our error has every field of the official one. Its `meta` keeps every key the Backend API sent (camelCased),
 * where upstream lifts a fixed list and drops the rest: those extra keys must be exactly `extraMeta`.
 */
function expectSameError(ourError: unknown, officialError: unknown, extraMeta: Record<string, unknown> = {}) {
  const official = errorFields(officialError)
  const ours = errorFields(ourError)
  const known = (meta: Record<string, unknown>) => Object.keys(meta)
  expect({
    ...ours,
    errors: ours.errors.map((entry, i) => ({
      ...entry,
      meta: pick(entry.meta, known(official.errors[i]?.meta ?? {})),
    })),
  }).toEqual(official)
  expect(ours.errors.map((entry, i) => omit(entry.meta, known(official.errors[i]?.meta ?? {})))).toEqual([extraMeta])
}

const pick = (object: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(object).filter(([key]) => keys.includes(key)))
const omit = (object: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)))

/** The fields of a ClerkAPIResponseError a caller reads; the trace id is random per response. */
function errorFields(error: unknown) {
  const { status, errors, clerkTraceId, clerkError } = error as {
    status: number
    errors: Array<{ code: string; message: string; longMessage?: string; meta?: Record<string, unknown> }>
    clerkTraceId?: string
    clerkError: boolean
  }
  return {
    status,
    clerkError,
    hasTraceId: typeof clerkTraceId === 'string' && clerkTraceId.length > 0,
    errors: errors.map(({ code, message, longMessage, meta }) => ({
      code,
      message,
      longMessage,
      meta: serialised(meta) as Record<string, unknown>,
    })),
  }
}
