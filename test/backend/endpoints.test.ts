// Every endpoint over real HTTP: the request the server sees (method, raw path, query, headers,
// body) and the value the caller gets back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createClerkClient,
  Cookies,
  DeletedObject,
  EmailAddress,
  HandshakePayload,
  JwtTemplate,
  Organization,
  OrganizationMembership,
  Session,
  SessionActivity,
  Token,
  User,
  type ClerkClient,
} from '../../src/api.server.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY, membershipJSON, organizationJSON, sessionJSON, templateJSON, userJSON } from './fixtures.js'

let server: RecordingServer
let clerk: ClerkClient

beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.reset()
  clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url })
})

interface Expected {
  method: string
  path: string
  query?: Record<string, string[]>
  /** The exact body text; undefined means no body and no Content-Type. */
  body?: string
}

/** Asserts the one request the call made, including the headers every call carries. */
function expectOnlyRequest(expected: Expected) {
  expect(server.count()).toBe(1)
  const request = server.last()
  expect(request.method).toBe(expected.method)
  expect(request.path).toBe(expected.path)
  expect(request.query).toEqual(expected.query ?? {})
  expect(request.headers.authorization).toBe(`Bearer ${SECRET_KEY}`)
  expect(request.headers['clerk-api-version']).toBe('2026-05-12')
  expect(request.headers['user-agent']).toBe(`remix-clerk@${__REMIX_CLERK_VERSION__}`)
  if (expected.body === undefined) {
    expect(request.body).toBe('')
    expect(request.headers['content-type']).toBeUndefined()
  } else {
    expect(request.body).toBe(expected.body)
    expect(request.headers['content-type']).toBe('application/json')
  }
}

describe('sessions', () => {
  const tokenBody = { object: 'token', jwt: 'header.payload.signature' }

  type GetTokenArgs = [template?: string, expiresInSeconds?: number]
  it.each<{ args: GetTokenArgs; path: string; body: string | undefined }>([
    { args: [], path: '/v1/sessions/sess_123/tokens', body: undefined },
    { args: ['test'], path: '/v1/sessions/sess_123/tokens/test', body: undefined },
    { args: [undefined, 120], path: '/v1/sessions/sess_123/tokens', body: '{"expires_in_seconds":120}' },
    { args: ['test', 120], path: '/v1/sessions/sess_123/tokens/test', body: '{"expires_in_seconds":120}' },
    { args: [''], path: '/v1/sessions/sess_123/tokens', body: undefined },
  ])('getToken(sess_123, $args) → POST $path', async ({ args, path, body }) => {
    server.on('POST', path, { json: tokenBody })
    const token = await clerk.sessions.getToken('sess_123', ...args)
    expect(token).toEqual(new Token('header.payload.signature'))
    expectOnlyRequest({ method: 'POST', path, body })
  })

  it('getSession → GET /sessions/{id}, a Session with camelCase fields and its latest activity', async () => {
    server.on('GET', '/v1/sessions/sess_123', { json: sessionJSON })
    const session = await clerk.sessions.getSession('sess_123')
    expectOnlyRequest({ method: 'GET', path: '/v1/sessions/sess_123' })
    expect(session).toBeInstanceOf(Session)
    expect(session.latestActivity).toBeInstanceOf(SessionActivity)
    expect(JSON.parse(JSON.stringify(session))).toEqual({
      id: 'sess_123',
      clientId: 'client_1',
      userId: 'user_1',
      status: 'active',
      lastActiveAt: 1_700_000_000_000,
      expireAt: 1_700_604_800_000,
      abandonAt: 1_702_592_000_000,
      createdAt: 1_699_999_000_000,
      updatedAt: 1_700_000_000_000,
      lastActiveOrganizationId: 'org_1',
      latestActivity: {
        id: 'sess_activity_1',
        isMobile: false,
        ipAddress: '127.0.0.1',
        city: null,
        country: null,
        browserVersion: '130.0',
        browserName: 'Firefox',
        deviceType: null,
      },
      actor: null,
    })
  })

  it('getSessionList → GET /sessions?…&paginated=true, { data, totalCount }; falsy values are not sent', async () => {
    server.on('GET', '/v1/sessions', { json: { data: [sessionJSON], total_count: 7 } })
    const page = await clerk.sessions.getSessionList({ userId: 'user_1', status: 'active', limit: 5, offset: 0 })
    expectOnlyRequest({
      method: 'GET',
      path: '/v1/sessions',
      query: { user_id: ['user_1'], status: ['active'], limit: ['5'], paginated: ['true'] },
    })
    expect(page.totalCount).toBe(7)
    expect(page.data).toHaveLength(1)
    expect(page.data[0]).toBeInstanceOf(Session)
  })

  it('getSessionList counts a bare array when the server ignores paginated=true', async () => {
    server.on('GET', '/v1/sessions', { json: [sessionJSON, sessionJSON] })
    const page = await clerk.sessions.getSessionList({ clientId: 'client_1' })
    expect(page.totalCount).toBe(2)
    expect(page.data.map((s) => s.id)).toEqual(['sess_123', 'sess_123'])
  })

  it('createSession → POST /sessions {"user_id"}', async () => {
    server.on('POST', '/v1/sessions', { json: sessionJSON })
    const session = await clerk.sessions.createSession({ userId: 'user_1' })
    expectOnlyRequest({ method: 'POST', path: '/v1/sessions', body: '{"user_id":"user_1"}' })
    expect(session.id).toBe('sess_123')
  })

  it('revokeSession → POST /sessions/{id}/revoke with no body', async () => {
    server.on('POST', '/v1/sessions/sess_123/revoke', { json: { ...sessionJSON, status: 'revoked' } })
    const session = await clerk.sessions.revokeSession('sess_123')
    expectOnlyRequest({ method: 'POST', path: '/v1/sessions/sess_123/revoke' })
    expect(session.status).toBe('revoked')
  })

  it('verifySession → POST /sessions/{id}/verify {"token"}', async () => {
    server.on('POST', '/v1/sessions/sess_123/verify', { json: sessionJSON })
    await clerk.sessions.verifySession('sess_123', 'jwt.value.here')
    expectOnlyRequest({ method: 'POST', path: '/v1/sessions/sess_123/verify', body: '{"token":"jwt.value.here"}' })
  })

  it('refreshSession → POST /sessions/{id}/refresh?suffixed_cookies=true, body without it, Cookies', async () => {
    server.on('POST', '/v1/sessions/sess_123/refresh', {
      json: { object: 'cookies', cookies: ['__session_abc=jwt; Path=/; Secure; SameSite=Lax'] },
    })
    const cookies = await clerk.sessions.refreshSession('sess_123', {
      expired_token: 'old.jwt.x',
      refresh_token: 'rt_1',
      request_origin: 'https://app.example',
      suffixed_cookies: true,
      format: 'cookie',
    })
    expectOnlyRequest({
      method: 'POST',
      path: '/v1/sessions/sess_123/refresh',
      query: { suffixed_cookies: ['true'] },
      body: '{"expired_token":"old.jwt.x","refresh_token":"rt_1","request_origin":"https://app.example","format":"cookie"}',
    })
    expect(cookies).toBeInstanceOf(Cookies)
    expect(JSON.stringify(cookies)).toBe('{"cookies":["__session_abc=jwt; Path=/; Secure; SameSite=Lax"]}')
  })

  it('refreshSession with suffixed_cookies false sends no query and returns a Token', async () => {
    server.on('POST', '/v1/sessions/sess_123/refresh', { json: { object: 'token', jwt: 'a.b.c' } })
    const token = await clerk.sessions.refreshSession('sess_123', {
      expired_token: 'old.jwt.x',
      refresh_token: 'rt_1',
      request_origin: 'https://app.example',
      suffixed_cookies: false,
      format: 'token',
    })
    expect(server.last().search).toBe('')
    expect(token).toEqual(new Token('a.b.c'))
  })
})

describe('clients and jwks', () => {
  it('getHandshakePayload → GET /clients/handshake_payload?nonce=…, a HandshakePayload', async () => {
    server.on('GET', '/v1/clients/handshake_payload', { json: { directives: ['__session=x; Path=/'] } })
    const payload = await clerk.clients.getHandshakePayload({ nonce: 'n 1&2' })
    expectOnlyRequest({ method: 'GET', path: '/v1/clients/handshake_payload', query: { nonce: ['n 1&2'] } })
    expect(server.last().search).toBe('nonce=n+1%262')
    expect(payload).toBeInstanceOf(HandshakePayload)
    expect(JSON.stringify(payload)).toBe('{"directives":["__session=x; Path=/"]}')
  })

  it('getJwks → GET /jwks, the key set as sent', async () => {
    const jwks = { keys: [{ use: 'sig', kty: 'RSA', kid: 'ins_1', alg: 'RS256', n: 'abc', e: 'AQAB' }] }
    server.on('GET', '/v1/jwks', { json: jwks })
    expect(await clerk.jwks.getJwks()).toEqual(jwks)
    expectOnlyRequest({ method: 'GET', path: '/v1/jwks' })
  })
})

describe('users', () => {
  it('getUser → GET /users/{id}, a User with e-mail addresses and derived getters', async () => {
    server.on('GET', '/v1/users/user_1', { json: userJSON })
    const user = await clerk.users.getUser('user_1')
    expectOnlyRequest({ method: 'GET', path: '/v1/users/user_1' })
    expect(user).toBeInstanceOf(User)
    expect(user.emailAddresses[0]).toBeInstanceOf(EmailAddress)
    expect(user.primaryEmailAddress?.emailAddress).toBe('ada@example.com')
    expect(user.fullName).toBe('Ada Lovelace')
    expect(user.raw).toEqual(userJSON)
    const serialized = JSON.parse(JSON.stringify(user)) as Record<string, unknown>
    expect(serialized.raw).toBeUndefined()
    expect(serialized).toMatchObject({
      id: 'user_1',
      firstName: 'Ada',
      publicMetadata: { plan: 'pro' },
      privateMetadata: { stripe_id: 'cus_1' },
      emailAddresses: [
        {
          id: 'idn_email_1',
          emailAddress: 'ada@example.com',
          verification: { status: 'verified', strategy: 'admin', attempts: null, expireAt: null },
          linkedTo: [],
        },
      ],
    })
  })

  it('getUserList → GET /users and GET /users/count in parallel, { data, totalCount }', async () => {
    server.on('GET', '/v1/users', { json: [userJSON] })
    server.on('GET', '/v1/users/count', { json: { object: 'total_count', total_count: 42 } })
    const page = await clerk.users.getUserList({
      emailAddress: ['ada@example.com', 'bob@example.com'],
      limit: 10,
      orderBy: '-created_at',
    })
    expect(page.totalCount).toBe(42)
    expect(page.data).toHaveLength(1)
    expect(page.data[0]).toBeInstanceOf(User)
    expect(server.count()).toBe(2)
    expect(server.requestsTo('GET', '/v1/users')[0]!.query).toEqual({
      email_address: ['ada@example.com', 'bob@example.com'],
      limit: ['10'],
      order_by: ['-created_at'],
    })
    expect(server.requestsTo('GET', '/v1/users/count')[0]!.query).toEqual({
      email_address: ['ada@example.com', 'bob@example.com'],
    })
  })

  it('getCount → GET /users/count, a number', async () => {
    server.on('GET', '/v1/users/count', { json: { object: 'total_count', total_count: 3 } })
    expect(await clerk.users.getCount({ query: 'ada' })).toBe(3)
    expectOnlyRequest({ method: 'GET', path: '/v1/users/count', query: { query: ['ada'] } })
  })

  it('createUser → POST /users with top-level keys snake_cased and metadata untouched', async () => {
    server.on('POST', '/v1/users', { json: userJSON })
    const user = await clerk.users.createUser({
      emailAddress: ['ada@example.com'],
      firstName: 'Ada',
      skipPasswordRequirement: true,
      publicMetadata: { favouriteColour: 'blue' },
      createdAt: new Date('2024-01-02T03:04:05.000Z'),
    })
    expectOnlyRequest({
      method: 'POST',
      path: '/v1/users',
      body:
        '{"email_address":["ada@example.com"],"first_name":"Ada","skip_password_requirement":true,' +
        '"public_metadata":{"favouriteColour":"blue"},"created_at":"2024-01-02T03:04:05.000Z"}',
    })
    expect(user.id).toBe('user_1')
  })

  it('deleteUser → DELETE /users/{id}, a DeletedObject', async () => {
    server.on('DELETE', '/v1/users/user_1', { json: { object: 'user', id: 'user_1', deleted: true } })
    const deleted = await clerk.users.deleteUser('user_1')
    expectOnlyRequest({ method: 'DELETE', path: '/v1/users/user_1' })
    expect(deleted).toBeInstanceOf(DeletedObject)
    expect(JSON.stringify(deleted)).toBe('{"object":"user","id":"user_1","slug":null,"deleted":true}')
  })

  it('a 204 answer resolves to undefined', async () => {
    server.on('DELETE', '/v1/users/user_1', { status: 204 })
    expect(await clerk.users.deleteUser('user_1')).toBeUndefined()
    expect(server.count()).toBe(1)
  })
})

describe('jwtTemplates', () => {
  it('list → GET /jwt_templates?paginated=true', async () => {
    server.on('GET', '/v1/jwt_templates', { json: { data: [templateJSON], total_count: 1 } })
    const page = await clerk.jwtTemplates.list({ limit: 20, offset: 40 })
    expectOnlyRequest({
      method: 'GET',
      path: '/v1/jwt_templates',
      query: { limit: ['20'], offset: ['40'], paginated: ['true'] },
    })
    expect(page.totalCount).toBe(1)
    expect(page.data[0]).toBeInstanceOf(JwtTemplate)
  })

  it('get → GET /jwt_templates/{id}, a JwtTemplate with camelCase fields and claims as written', async () => {
    server.on('GET', '/v1/jwt_templates/jtmp_1', { json: templateJSON })
    const template = await clerk.jwtTemplates.get('jtmp_1')
    expectOnlyRequest({ method: 'GET', path: '/v1/jwt_templates/jtmp_1' })
    expect(JSON.parse(JSON.stringify(template))).toEqual({
      id: 'jtmp_1',
      name: 'test',
      claims: { aud: 'api', user_email: '{{user.primary_email_address}}' },
      lifetime: 60,
      allowedClockSkew: 5,
      customSigningKey: false,
      signingAlgorithm: 'RS256',
      createdAt: 1_699_999_000_000,
      updatedAt: 1_699_999_000_000,
    })
  })

  it('create → POST /jwt_templates with claim names untouched', async () => {
    server.on('POST', '/v1/jwt_templates', { json: templateJSON })
    await clerk.jwtTemplates.create({ name: 'test', claims: { userEmail: '{{user.id}}' }, allowedClockSkew: 10 })
    expectOnlyRequest({
      method: 'POST',
      path: '/v1/jwt_templates',
      body: '{"name":"test","claims":{"userEmail":"{{user.id}}"},"allowed_clock_skew":10}',
    })
  })

  it('update → PATCH /jwt_templates/{id} without templateId in the body', async () => {
    server.on('PATCH', '/v1/jwt_templates/jtmp_1', { json: { ...templateJSON, lifetime: 300 } })
    const template = await clerk.jwtTemplates.update({ templateId: 'jtmp_1', name: 'test', claims: {}, lifetime: 300 })
    expectOnlyRequest({
      method: 'PATCH',
      path: '/v1/jwt_templates/jtmp_1',
      body: '{"name":"test","claims":{},"lifetime":300}',
    })
    expect(template.lifetime).toBe(300)
  })

  it('delete → DELETE /jwt_templates/{id}, a DeletedObject', async () => {
    server.on('DELETE', '/v1/jwt_templates/jtmp_1', {
      json: { object: 'jwt_template', id: 'jtmp_1', deleted: true },
    })
    const deleted = await clerk.jwtTemplates.delete('jtmp_1')
    expectOnlyRequest({ method: 'DELETE', path: '/v1/jwt_templates/jtmp_1' })
    expect(deleted).toEqual(new DeletedObject({ object: 'jwt_template', id: 'jtmp_1', slug: null, deleted: true }))
  })
})

describe('organizations', () => {
  it('getOrganization by id → GET /organizations/{id}', async () => {
    server.on('GET', '/v1/organizations/org_1', { json: organizationJSON })
    const organization = await clerk.organizations.getOrganization({ organizationId: 'org_1' })
    expectOnlyRequest({ method: 'GET', path: '/v1/organizations/org_1' })
    expect(organization).toBeInstanceOf(Organization)
    expect(JSON.parse(JSON.stringify(organization))).toEqual({
      id: 'org_1',
      name: 'Acme',
      slug: 'acme',
      imageUrl: 'https://img.example/acme.png',
      hasImage: false,
      createdAt: 1_699_999_000_000,
      updatedAt: 1_699_999_000_000,
      publicMetadata: {},
      privateMetadata: {},
      maxAllowedMemberships: 5,
      adminDeleteEnabled: true,
      membersCount: 1,
      createdBy: 'user_1',
    })
  })

  it('getOrganization by slug with includeMembersCount → ?include_members_count=true', async () => {
    server.on('GET', '/v1/organizations/acme', { json: organizationJSON })
    await clerk.organizations.getOrganization({ slug: 'acme', includeMembersCount: true })
    expectOnlyRequest({
      method: 'GET',
      path: '/v1/organizations/acme',
      query: { include_members_count: ['true'] },
    })
  })

  it('createOrganization → POST /organizations', async () => {
    server.on('POST', '/v1/organizations', { json: organizationJSON })
    await clerk.organizations.createOrganization({ name: 'Acme', createdBy: 'user_1', maxAllowedMemberships: 5 })
    expectOnlyRequest({
      method: 'POST',
      path: '/v1/organizations',
      body: '{"name":"Acme","created_by":"user_1","max_allowed_memberships":5}',
    })
  })

  it('createOrganizationMembership → POST /organizations/{id}/memberships', async () => {
    server.on('POST', '/v1/organizations/org_1/memberships', { json: membershipJSON })
    const membership = await clerk.organizations.createOrganizationMembership({
      organizationId: 'org_1',
      userId: 'user_1',
      role: 'org:member',
    })
    expectOnlyRequest({
      method: 'POST',
      path: '/v1/organizations/org_1/memberships',
      body: '{"user_id":"user_1","role":"org:member"}',
    })
    expect(membership).toBeInstanceOf(OrganizationMembership)
    expect(membership.organization).toBeInstanceOf(Organization)
    expect(membership.publicUserData?.userId).toBe('user_1')
  })
})

describe('response bodies', () => {
  it('accepts application/json with a charset parameter (upstream reads such a body as text)', async () => {
    server.on('GET', '/v1/sessions/sess_123', {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      json: sessionJSON,
    })
    expect((await clerk.sessions.getSession('sess_123')).id).toBe('sess_123')
  })

  it('a resource this client has no class for comes back as its JSON', async () => {
    server.on('GET', '/v1/jwks', { json: { object: 'something_new', value: 1 } })
    expect(await clerk.jwks.getJwks()).toEqual({ object: 'something_new', value: 1 })
  })
})
