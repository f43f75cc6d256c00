// The official @clerk/backend client and ours make the same calls against the same recording
// server: the requests must match on the wire, and the results must serialise alike.
// Known differences, asserted here so that they stay deliberate:
//  - User-Agent: `remix-clerk@<version>` vs `@clerk/backend@<version>`.
//  - Content-Type: we send `application/json` only with a body; upstream sends it on every request.
import { createClerkClient as createOfficialClient } from '@clerk/backend'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClerkClient } from '../../src/api.server'
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recordingServer'
import {
  SECRET_KEY,
  membershipJSON,
  organizationJSON,
  sessionJSON,
  templateJSON,
  userJSON,
} from './fixtures'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
  server
    .on('POST', /^\/v1\/sessions\/[^/]+\/tokens/, { json: { object: 'token', jwt: 'h.p.s' } })
    .on('GET', '/v1/sessions', { json: { data: [sessionJSON], total_count: 1 } })
    .on('GET', /^\/v1\/sessions\/[^/]+$/, { json: sessionJSON })
    .on('POST', '/v1/sessions', { json: sessionJSON })
    .on('POST', /^\/v1\/sessions\/[^/]+\/revoke$/, { json: sessionJSON })
    .on('POST', /^\/v1\/sessions\/[^/]+\/refresh$/, { json: { object: 'cookies', cookies: ['__session=x'] } })
    .on('GET', '/v1/clients/handshake_payload', { json: { directives: ['__session=x; Path=/'] } })
    .on('GET', '/v1/jwks', { json: { keys: [{ kty: 'RSA', kid: 'ins_1', n: 'abc', e: 'AQAB' }] } })
    .on('GET', '/v1/users', { json: [userJSON] })
    .on('GET', '/v1/users/count', { json: { object: 'total_count', total_count: 1 } })
    .on('GET', /^\/v1\/users\/user_[^/]+$/, { json: userJSON })
    .on('POST', '/v1/users', { json: userJSON })
    .on('DELETE', /^\/v1\/users\//, { json: { object: 'user', id: 'user_1', deleted: true } })
    .on('GET', '/v1/jwt_templates', { json: { data: [templateJSON], total_count: 1 } })
    .on('GET', /^\/v1\/jwt_templates\//, { json: templateJSON })
    .on('POST', '/v1/jwt_templates', { json: templateJSON })
    .on('PATCH', /^\/v1\/jwt_templates\//, { json: templateJSON })
    .on('DELETE', /^\/v1\/jwt_templates\//, { json: { object: 'jwt_template', id: 'jtmp_1', deleted: true } })
    .on('GET', /^\/v1\/organizations\/[^/]+$/, { json: organizationJSON })
    .on('POST', '/v1/organizations', { json: organizationJSON })
    .on('POST', /^\/v1\/organizations\/[^/]+\/memberships$/, { json: membershipJSON })
})
afterAll(() => server.close())
beforeEach(() => {
  server.clearRequests()
})

const ours = () => createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url })
const official = () =>
  createOfficialClient({ secretKey: SECRET_KEY, apiUrl: server.url, telemetry: { disabled: true } })

type Client = ReturnType<typeof ours> | ReturnType<typeof official>

// Each call is written once and run through both clients (their method names and arguments agree).
const calls: Record<string, (client: Client) => Promise<unknown>> = {
  'sessions.getToken()': (c) => c.sessions.getToken('sess_1'),
  'sessions.getToken(template)': (c) => c.sessions.getToken('sess_1', 'test'),
  'sessions.getToken(template, expiresIn)': (c) => c.sessions.getToken('sess_1', 'test', 300),
  'sessions.getSession': (c) => c.sessions.getSession('sess_1'),
  'sessions.getSessionList': (c) => c.sessions.getSessionList({ userId: 'user_1', status: 'active', limit: 5 }),
  'sessions.createSession': (c) => c.sessions.createSession({ userId: 'user_1' }),
  'sessions.revokeSession': (c) => c.sessions.revokeSession('sess_1'),
  'sessions.refreshSession': (c) =>
    c.sessions.refreshSession('sess_1', {
      expired_token: 'old',
      refresh_token: 'rt',
      request_origin: 'https://app.example',
      request_headers: { 'User-Agent': ['x'] },
      suffixed_cookies: true,
      format: 'cookie',
    }),
  'clients.getHandshakePayload': (c) => c.clients.getHandshakePayload({ nonce: 'nonce 1' }),
  'jwks.getJwks': (c) => c.jwks.getJwks(),
  'users.getUser': (c) => c.users.getUser('user_1'),
  'users.getUserList': (c) =>
    c.users.getUserList({ emailAddress: ['a@example.com', 'b@example.com'], limit: 10, orderBy: '-created_at' }),
  'users.getCount': (c) => c.users.getCount({ query: 'ada' }),
  'users.createUser': (c) =>
    c.users.createUser({
      emailAddress: ['ada@example.com'],
      firstName: 'Ada',
      skipPasswordChecks: true,
      publicMetadata: { someKey: 1 },
    }),
  'users.deleteUser': (c) => c.users.deleteUser('user_1'),
  'jwtTemplates.list': (c) => c.jwtTemplates.list({ limit: 3 }),
  'jwtTemplates.get': (c) => c.jwtTemplates.get('jtmp_1'),
  'jwtTemplates.create': (c) =>
    c.jwtTemplates.create({ name: 'test', claims: { someClaim: '{{user.id}}' }, lifetime: 60, allowedClockSkew: 5 }),
  'jwtTemplates.update': (c) => c.jwtTemplates.update({ templateId: 'jtmp_1', name: 'test', claims: {} }),
  'jwtTemplates.delete': (c) => c.jwtTemplates.delete('jtmp_1'),
  'organizations.getOrganization(id)': (c) => c.organizations.getOrganization({ organizationId: 'org_1' }),
  'organizations.getOrganization(slug, count)': (c) =>
    c.organizations.getOrganization({ slug: 'acme', includeMembersCount: true }),
  'organizations.createOrganization': (c) => c.organizations.createOrganization({ name: 'Acme', createdBy: 'user_1' }),
  'organizations.createOrganizationMembership': (c) =>
    c.organizations.createOrganizationMembership({ organizationId: 'org_1', userId: 'user_1', role: 'org:admin' }),
}

/** What must be identical on the wire. Requests are sorted: getUserList sends two in parallel. */
function wire(requests: readonly RecordedRequest[]) {
  return requests
    .map((r) => ({
      method: r.method,
      path: r.path,
      search: r.search,
      json: r.json,
      authorization: r.headers.authorization,
      apiVersion: r.headers['clerk-api-version'],
    }))
    .sort((a, b) => `${a.method}${a.path}`.localeCompare(`${b.method}${b.path}`))
}

describe('same requests and results as @clerk/backend', () => {
  it.each(Object.keys(calls))('%s', async (name) => {
    const call = calls[name]!
    const officialResult = await call(official())
    const officialRequests = [...server.requests]
    server.clearRequests()
    const ourResult = await call(ours())
    const ourRequests = [...server.requests]

    expect(ourRequests.length).toBeGreaterThan(0)
    expect(wire(ourRequests)).toEqual(wire(officialRequests))
    for (const request of officialRequests) {
      expect(request.headers['user-agent']).toMatch(/^@clerk\/backend@/)
      expect(request.headers['content-type']).toBe('application/json')
    }
    for (const request of ourRequests) {
      expect(request.headers['user-agent']).toBe(`remix-clerk@${__REMIX_CLERK_VERSION__}`)
      expect(request.headers['content-type']).toBe(request.body ? 'application/json' : undefined)
    }
    expect(serialised(ourResult)).toEqual(serialised(officialResult))
  })
})

/** JSON as a loader would send it; upstream's private `_raw` copy (User, Organization) is not data. */
function serialised(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (key, v: unknown) => (key === '_raw' ? undefined : v)))
}
