import { type JWTVerifyGetKey, createRemoteJWKSet, importSPKI, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, decodePart, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
let jwks: JWTVerifyGetKey
let userId: string
let adminId: string
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  jwks = createRemoteJWKSet(new URL(`${h.clerk.url}/v1/jwks`), {
    headers: { authorization: `Bearer ${h.clerk.secretKey}` },
  })
  userId = (await h.call('POST', '/v1/users', { body: { email_address: ['member@example.com'] } })).body.id
  adminId = (await h.call('POST', '/v1/users', { body: { email_address: ['admin@example.com'] } })).body.id
  orgId = (await h.call('POST', '/v1/organizations', { body: { name: 'Acme Inc', created_by: adminId } })).body.id
  await h.call('POST', `/v1/organizations/${orgId}/memberships`, {
    body: {
      user_id: userId,
      role: 'org:member',
      permissions: ['org:invoices:read', 'org:invoices:manage', 'org:reports:read'],
    },
  })
})
afterAll(() => h.close())

const verify = (jwt: string) => jwtVerify(jwt, jwks, { currentDate: new Date(h.clock.ms), algorithms: ['RS256'] })

describe('POST /v1/sessions', () => {
  it('creates an active session on a new client', async () => {
    const response = await h.call('POST', '/v1/sessions', { body: { user_id: userId } })
    expect(response.status).toBe(200)
    const now = h.clock.ms
    expect(response.body).toEqual({
      object: 'session',
      id: expect.stringMatching(/^sess_[0-9A-Za-z]{27}$/),
      user_id: userId,
      client_id: expect.stringMatching(/^client_[0-9A-Za-z]{27}$/),
      status: 'active',
      last_active_organization_id: null,
      actor: null,
      latest_activity: null,
      tasks: null,
      last_active_at: now,
      expire_at: now + 7 * 86_400_000,
      abandon_at: now + 30 * 86_400_000,
      created_at: now,
      updated_at: now,
    })
    expect((await h.call('GET', `/v1/users/${userId}`)).body.last_sign_in_at).toBe(now)
  })

  it('sets the active organization (by id or slug) only for a member', async () => {
    const byId = await h.call('POST', '/v1/sessions', { body: { user_id: userId, active_organization_id: orgId } })
    expect(byId.body.last_active_organization_id).toBe(orgId)
    const bySlug = await h.call('POST', '/v1/sessions', {
      body: { user_id: userId, active_organization_id: 'acme-inc' },
    })
    expect(bySlug.body.last_active_organization_id).toBe(orgId)
    const outsider = (await h.call('POST', '/v1/users', { body: {} })).body.id
    expectClerkError(
      await h.call('POST', '/v1/sessions', { body: { user_id: outsider, active_organization_id: orgId } }),
      422,
      'form_param_value_invalid',
      {
        paramName: 'active_organization_id',
        longMessage: `active_organization_id must be an organization the user is a member of; ${outsider} is not a member of ${orgId}.`,
      },
    )
    expectClerkError(
      await h.call('POST', '/v1/sessions', { body: { user_id: userId, active_organization_id: 'org_nope' } }),
      404,
      'resource_not_found',
    )
  })

  it.each([
    [{}, 422, 'form_param_missing', 'user_id must be included.'],
    [{ user_id: 5 }, 422, 'form_param_format_invalid', 'user_id must be a string.'],
    [{ user_id: 'user_missing' }, 404, 'resource_not_found', 'No user was found with id user_missing'],
    [
      { user_id: 'x', client_id: 'y' },
      422,
      'form_param_unknown',
      'client_id is not a valid parameter for this request.',
    ],
  ])('refuses %j', async (body, status, code, message) => {
    expectClerkError(await h.call('POST', '/v1/sessions', { body }), status, code, { longMessage: message })
  })
})

describe('GET /v1/sessions and /v1/sessions/{id}', () => {
  let listUser: string
  let sessionIds: string[]
  beforeAll(async () => {
    listUser = (await h.call('POST', '/v1/users', { body: {} })).body.id
    sessionIds = []
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1000)
      sessionIds.push((await h.call('POST', '/v1/sessions', { body: { user_id: listUser } })).body.id)
    }
    await h.call('POST', `/v1/sessions/${sessionIds[0]}/revoke`)
  })

  it('gets one session', async () => {
    const response = await h.call('GET', `/v1/sessions/${sessionIds[1]}`)
    expect(response.body).toMatchObject({ id: sessionIds[1], user_id: listUser, status: 'active' })
    expectClerkError(await h.call('GET', '/v1/sessions/sess_missing'), 404, 'resource_not_found', {
      longMessage: 'No session was found with id sess_missing',
    })
  })

  it('lists newest first: {data,total_count} with paginated=true, else a bare array', async () => {
    const paginated = await h.call('GET', `/v1/sessions?user_id=${listUser}&paginated=true`)
    expect(paginated.body.total_count).toBe(3)
    expect(paginated.body.data.map((s: { id: string }) => s.id)).toEqual([...sessionIds].reverse())
    const bare = await h.call('GET', `/v1/sessions?user_id=${listUser}`)
    expect(bare.body.map((s: { id: string }) => s.id)).toEqual([...sessionIds].reverse())
  })

  it('filters by status and client, and pages', async () => {
    const revoked = await h.call('GET', `/v1/sessions?user_id=${listUser}&status=revoked&paginated=true`)
    expect(revoked.body).toMatchObject({ total_count: 1, data: [{ id: sessionIds[0], status: 'revoked' }] })
    const { body: one } = await h.call('GET', `/v1/sessions/${sessionIds[2]}`)
    const byClient = await h.call('GET', `/v1/sessions?client_id=${one.client_id}`)
    expect(byClient.body.map((s: { id: string }) => s.id)).toEqual([sessionIds[2]])
    const page = await h.call('GET', `/v1/sessions?user_id=${listUser}&limit=1&offset=1&paginated=true`)
    expect(page.body.data.map((s: { id: string }) => s.id)).toEqual([sessionIds[1]])
    expect(page.body.total_count).toBe(3)
  })

  it('needs user_id or client_id, and a known status', async () => {
    expectClerkError(await h.call('GET', '/v1/sessions'), 422, 'form_param_missing', {
      longMessage: 'Either user_id or client_id must be included.',
    })
    expectClerkError(
      await h.call('GET', `/v1/sessions?user_id=${listUser}&status=sleeping`),
      422,
      'form_param_value_invalid',
      { paramName: 'status' },
    )
    expectClerkError(
      await h.call('GET', `/v1/sessions?user_id=${listUser}&paginated=yes`),
      422,
      'form_param_format_invalid',
      { paramName: 'paginated' },
    )
  })

  it('reports an active session past expire_at as expired, and lists it so', async () => {
    const local = await startHarness()
    try {
      const user = (await local.call('POST', '/v1/users', { body: {} })).body.id
      const session = (await local.call('POST', '/v1/sessions', { body: { user_id: user } })).body
      local.clock.advance(7 * 86_400_000)
      expect((await local.call('GET', `/v1/sessions/${session.id}`)).body.status).toBe('expired')
      expect(
        (await local.call('GET', `/v1/sessions?user_id=${user}&status=active&paginated=true`)).body.total_count,
      ).toBe(0)
      expect(
        (await local.call('GET', `/v1/sessions?user_id=${user}&status=expired&paginated=true`)).body.total_count,
      ).toBe(1)
      expectClerkError(await local.call('POST', `/v1/sessions/${session.id}/tokens`), 401, 'session_not_active', {
        longMessage: `Session ${session.id} is expired; tokens are only minted for active sessions. Create a new session with POST /v1/sessions.`,
      })
    } finally {
      await local.close()
    }
  })
})

describe('POST /v1/sessions/{id}/revoke, verify, refresh', () => {
  it('revokes, then refuses to mint with 401 session_not_active', async () => {
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body
    h.clock.advance(5000)
    const revoked = await h.call('POST', `/v1/sessions/${session.id}/revoke`)
    expect(revoked.status).toBe(200)
    expect(revoked.body).toEqual({ ...session, status: 'revoked', updated_at: h.clock.ms })
    // Revoking again changes nothing.
    expect((await h.call('POST', `/v1/sessions/${session.id}/revoke`)).body).toEqual(revoked.body)
    const error = expectClerkError(await h.call('POST', `/v1/sessions/${session.id}/tokens`), 401, 'session_not_active')
    expect(error.meta).toEqual({ session_id: session.id, status: 'revoked' })
    expectClerkError(await h.call('POST', '/v1/sessions/sess_missing/revoke'), 404, 'resource_not_found')
  })

  it('answers verify with 410 operation_deprecated', async () => {
    expectClerkError(
      await h.call('POST', '/v1/sessions/sess_any/verify', { body: { token: 'x' } }),
      410,
      'operation_deprecated',
      {
        longMessage:
          'endpoint is deprecated and pending removal. Verify session tokens with the instance JWKS (GET /v1/jwks) instead.',
      },
    )
  })

  it('refresh: 404 for an unknown session, 422 for a body without the tokens (the checks are in refresh.test.ts)', async () => {
    const session = h.clerk.createSession({ userId: (await h.call('POST', '/v1/users', { body: {} })).body.id })
    expectClerkError(
      await h.call('POST', `/v1/sessions/${session.id}/refresh`, { body: { expired_token: 'x', refresh_token: 'y' } }),
      422,
      'form_param_missing',
    )
    expectClerkError(
      await h.call('POST', '/v1/sessions/sess_missing/refresh', {
        body: { expired_token: 'x', refresh_token: 'y', request_origin: 'http://a.test' },
      }),
      404,
      'resource_not_found',
    )
  })
})

describe('POST /v1/sessions/{id}/tokens', () => {
  it('mints a v2 session token that verifies against /v1/jwks, with exact header and claims', async () => {
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body
    h.clock.advance(3 * 60_000 + 5000)
    const response = await h.call('POST', `/v1/sessions/${session.id}/tokens`)
    expect(response.status).toBe(200)
    expect(Object.keys(response.body)).toEqual(['object', 'jwt'])
    expect(response.body.object).toBe('token')
    const { payload, protectedHeader } = await verify(response.body.jwt)
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
    const iat = h.clock.seconds
    expect(payload).toEqual({
      exp: iat + 60,
      fva: [3, -1],
      iat,
      iss: h.clerk.url,
      jti: expect.stringMatching(/^[0-9a-f]{20}$/),
      nbf: iat - 10,
      sid: session.id,
      sub: userId,
      sts: 'active',
      v: 2,
    })
  })

  it('also verifies with the PEM from jwtKey, and each token gets a new jti', async () => {
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body
    const first = (await h.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt
    const second = (await h.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt
    const key = await importSPKI(h.clerk.jwtKey, 'RS256')
    const a = await jwtVerify(first, key, { currentDate: new Date(h.clock.ms) })
    const b = await jwtVerify(second, key, { currentDate: new Date(h.clock.ms) })
    expect(a.payload.jti).not.toBe(b.payload.jti)
  })

  it('honours expires_in_seconds within 30..315360000', async () => {
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body
    const long = await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: { expires_in_seconds: 3600 } })
    expect(decodePart(long.body.jwt, 1).exp).toBe(h.clock.seconds + 3600)
    const nulled = await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: { expires_in_seconds: null } })
    expect(decodePart(nulled.body.jwt, 1).exp).toBe(h.clock.seconds + 60)
    for (const value of [29, 315_360_001]) {
      expectClerkError(
        await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: { expires_in_seconds: value } }),
        422,
        'form_param_value_invalid',
        {
          longMessage: 'expires_in_seconds must be between 30 and 315360000.',
        },
      )
    }
    expectClerkError(
      await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: { expires_in_seconds: 60.5 } }),
      422,
      'form_param_format_invalid',
    )
    expectClerkError(
      await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: { lifetime: 60 } }),
      422,
      'form_param_unknown',
    )
  })

  it('carries the active organization as o and fea (v2)', async () => {
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: userId, active_organization_id: orgId } }))
      .body
    const { payload } = await verify((await h.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt)
    expect(payload.o).toEqual({ id: orgId, slg: 'acme-inc', rol: 'member', per: 'manage,read', fpm: '3,2' })
    expect(payload.fea).toBe('o:invoices,o:reports')
  })

  it('gives an admin without custom permissions just id, slug and role', async () => {
    const session = (
      await h.call('POST', '/v1/sessions', { body: { user_id: adminId, active_organization_id: orgId } })
    ).body
    const { payload } = await verify((await h.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt)
    expect(payload.o).toEqual({ id: orgId, slg: 'acme-inc', rol: 'admin' })
    expect(payload).not.toHaveProperty('fea')
  })

  it('drops the org claims once the membership is removed', async () => {
    const user = (await h.call('POST', '/v1/users', { body: {} })).body.id
    await h.call('POST', `/v1/organizations/${orgId}/memberships`, { body: { user_id: user, role: 'org:member' } })
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: user, active_organization_id: orgId } }))
      .body
    await h.call('DELETE', `/v1/organizations/${orgId}/memberships/${user}`)
    const { payload } = await verify((await h.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt)
    expect(payload).not.toHaveProperty('o')
  })

  it('404s for an unknown session', async () => {
    expectClerkError(await h.call('POST', '/v1/sessions/sess_missing/tokens'), 404, 'resource_not_found', {
      longMessage: 'No session was found with id sess_missing',
    })
  })
})

describe('session token version 1 and lifetime option', () => {
  it('mints v1 claims (no v, o, sts) with org_* claims and the configured lifetime', async () => {
    const v1 = await startHarness({ tokenVersion: 1, sessionLifetime: 120 })
    try {
      const user = (await v1.call('POST', '/v1/users', { body: {} })).body.id
      const org = (await v1.call('POST', '/v1/organizations', { body: { name: 'Beta', slug: 'beta' } })).body.id
      await v1.call('POST', `/v1/organizations/${org}/memberships`, {
        body: { user_id: user, role: 'org:admin', permissions: ['org:invoices:read'] },
      })
      const session = (await v1.call('POST', '/v1/sessions', { body: { user_id: user, active_organization_id: org } }))
        .body
      const jwt = (await v1.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt
      const remote = createRemoteJWKSet(new URL(`${v1.clerk.url}/v1/jwks`), {
        headers: { authorization: `Bearer ${v1.clerk.secretKey}` },
      })
      const { payload, protectedHeader } = await jwtVerify(jwt, remote, { currentDate: new Date(v1.clock.ms) })
      expect(protectedHeader.cat).toBe('cl_B7d4PD111AAA')
      const iat = v1.clock.seconds
      expect(payload).toEqual({
        exp: iat + 120,
        fva: [0, -1],
        iat,
        iss: v1.clerk.url,
        jti: expect.stringMatching(/^[0-9a-f]{20}$/),
        nbf: iat - 10,
        sid: session.id,
        sub: user,
        org_id: org,
        org_slug: 'beta',
        org_role: 'org:admin',
        org_permissions: ['org:invoices:read'],
      })
    } finally {
      await v1.close()
    }
  })
})
