// The bad-input matrix of the Backend API: every endpoint × every kind of bad request (missing or wrong
// credentials, a bad API version, malformed JSON, a wrong content type, an oversized body, a body that is
// not an object, wrong types, unknown fields, unknown ids, unknown query parameters, a method the path
// does not have). Each answer is Clerk's error shape with the exact status and code, over real HTTP; no
// request is a 5xx; and afterwards nothing was written, changed or deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentedCount } from '../../../../test/helpers/documentedCount.js'
import { MAX_BODY_BYTES } from '../../../src/http/body.js'
import { type ApiResponse, type Harness, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
const ids = { user: '', org: '', session: '', template: '' }

beforeAll(async () => {
  h = await startHarness()
  const seeded = h.clerk.seed({
    users: [{ email_address: 'ada@example.com' }],
    organizations: [{ name: 'Acme', slug: 'acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
    templates: [{ name: 'tpl', claims: { email: '{{user.primary_email_address}}' } }],
  })
  ids.user = seeded.users[0]!.id
  ids.org = seeded.organizations[0]!.id
  ids.template = seeded.templates[0]!.id
  ids.session = h.clerk.createSession({ userId: ids.user }).id
})
afterAll(() => h.close())

interface Expected {
  status: number
  code: string
  paramName?: string
}

interface Endpoint {
  method: string
  /** The path; `:user`, `:org`, `:session` and `:template` stand for the seeded ids. */
  path: string
  /** Takes a JSON body: a valid one, a field of the wrong type and the parameter it names. */
  body?: { valid: Record<string, unknown>; wrongType: Record<string, unknown>; param: string }
  /** The same endpoint naming resources that do not exist. */
  unknown?: { path: string } & Expected
  /** Checks its query parameters. */
  query?: boolean
}

const notFound = (path: string): Endpoint['unknown'] => ({ path, status: 404, code: 'resource_not_found' })

const endpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/users', body: { valid: {}, wrongType: { first_name: 42 }, param: 'first_name' } },
  { method: 'GET', path: '/v1/users', query: true },
  { method: 'GET', path: '/v1/users/count', query: true },
  { method: 'GET', path: '/v1/users/:user', unknown: notFound('/v1/users/user_nope') },
  { method: 'DELETE', path: '/v1/users/:user', unknown: notFound('/v1/users/user_nope') },
  {
    method: 'GET',
    path: '/v1/users/:user/organization_memberships',
    unknown: notFound('/v1/users/user_nope/organization_memberships'),
    query: true,
  },
  { method: 'GET', path: '/v1/sessions?user_id=:user', query: true },
  {
    method: 'POST',
    path: '/v1/sessions',
    body: { valid: { user_id: ':user' }, wrongType: { user_id: 42 }, param: 'user_id' },
  },
  { method: 'GET', path: '/v1/sessions/:session', unknown: notFound('/v1/sessions/sess_nope') },
  { method: 'POST', path: '/v1/sessions/:session/revoke', unknown: notFound('/v1/sessions/sess_nope/revoke') },
  {
    method: 'POST',
    path: '/v1/sessions/:session/verify',
    unknown: { path: '/v1/sessions/sess_nope/verify', status: 410, code: 'operation_deprecated' },
  },
  {
    method: 'POST',
    path: '/v1/sessions/:session/refresh',
    body: {
      valid: { expired_token: 'x', refresh_token: 'y', request_origin: 'http://localhost:3000' },
      wrongType: { expired_token: 42, refresh_token: 'y', request_origin: 'http://localhost:3000' },
      param: 'expired_token',
    },
    unknown: notFound('/v1/sessions/sess_nope/refresh'),
    query: true,
  },
  {
    method: 'POST',
    path: '/v1/sessions/:session/tokens',
    body: { valid: {}, wrongType: { expires_in_seconds: '60' }, param: 'expires_in_seconds' },
    unknown: notFound('/v1/sessions/sess_nope/tokens'),
  },
  {
    method: 'POST',
    path: '/v1/sessions/:session/tokens/tpl',
    body: { valid: { expires_in_seconds: 120 }, wrongType: { expires_in_seconds: true }, param: 'expires_in_seconds' },
    unknown: notFound('/v1/sessions/:session/tokens/no_such_template'),
  },
  { method: 'GET', path: '/v1/jwt_templates', query: true },
  {
    method: 'POST',
    path: '/v1/jwt_templates',
    body: { valid: { name: 'x', claims: {} }, wrongType: { name: 'x', claims: 'not an object' }, param: 'claims' },
  },
  { method: 'GET', path: '/v1/jwt_templates/:template', unknown: notFound('/v1/jwt_templates/jtmp_nope') },
  {
    method: 'PATCH',
    path: '/v1/jwt_templates/:template',
    body: { valid: {}, wrongType: { lifetime: 'long' }, param: 'lifetime' },
    unknown: notFound('/v1/jwt_templates/jtmp_nope'),
  },
  { method: 'DELETE', path: '/v1/jwt_templates/:template', unknown: notFound('/v1/jwt_templates/jtmp_nope') },
  { method: 'GET', path: '/v1/organizations', query: true },
  {
    method: 'POST',
    path: '/v1/organizations',
    body: { valid: { name: 'Beta' }, wrongType: { name: 7 }, param: 'name' },
  },
  { method: 'GET', path: '/v1/organizations/:org', unknown: notFound('/v1/organizations/org_nope'), query: true },
  { method: 'DELETE', path: '/v1/organizations/:org', unknown: notFound('/v1/organizations/org_nope') },
  {
    method: 'GET',
    path: '/v1/organizations/:org/memberships',
    unknown: notFound('/v1/organizations/org_nope/memberships'),
    query: true,
  },
  {
    method: 'POST',
    path: '/v1/organizations/:org/memberships',
    body: {
      valid: { user_id: ':user', role: 'org:member' },
      wrongType: { user_id: ['x'], role: 'org:member' },
      param: 'user_id',
    },
    unknown: { path: '/v1/organizations/org_nope/memberships', status: 404, code: 'resource_not_found' },
  },
  {
    method: 'DELETE',
    path: '/v1/organizations/:org/memberships/:user',
    unknown: notFound('/v1/organizations/:org/memberships/user_nope'),
  },
  {
    method: 'PATCH',
    path: '/v1/organizations/:org',
    body: { valid: {}, wrongType: { name: 7 }, param: 'name' },
    unknown: notFound('/v1/organizations/org_nope'),
  },
  {
    method: 'PATCH',
    path: '/v1/organizations/:org/memberships/:user',
    body: { valid: { role: 'org:admin' }, wrongType: { role: 5 }, param: 'role' },
    unknown: notFound('/v1/organizations/:org/memberships/user_nope'),
  },
  { method: 'GET', path: '/v1/organization_memberships', query: true },
  {
    method: 'GET',
    path: '/v1/organizations/:org/invitations',
    unknown: notFound('/v1/organizations/org_nope/invitations'),
    query: true,
  },
  {
    method: 'POST',
    path: '/v1/organizations/:org/invitations',
    body: {
      valid: { email_address: 'x@example.com', role: 'org:member' },
      wrongType: { email_address: 5, role: 'org:member' },
      param: 'email_address',
    },
    unknown: notFound('/v1/organizations/org_nope/invitations'),
  },
  { method: 'GET', path: '/v1/organization_invitations', query: true },
  {
    method: 'GET',
    path: '/v1/users/:user/organization_invitations',
    unknown: notFound('/v1/users/user_nope/organization_invitations'),
    query: true,
  },
  {
    method: 'GET',
    path: '/v1/organizations/:org/domains',
    unknown: notFound('/v1/organizations/org_nope/domains'),
    query: true,
  },
  {
    method: 'POST',
    path: '/v1/organizations/:org/domains',
    body: { valid: { name: 'example.com' }, wrongType: { name: 5 }, param: 'name' },
    unknown: notFound('/v1/organizations/org_nope/domains'),
  },
  { method: 'GET', path: '/v1/organization_domains', query: true },
  { method: 'GET', path: '/v1/invitations', query: true },
  {
    method: 'POST',
    path: '/v1/invitations',
    body: { valid: { email_address: 'x@example.com' }, wrongType: { email_address: 5 }, param: 'email_address' },
  },
  { method: 'POST', path: '/v1/invitations/inv_nope/revoke', unknown: notFound('/v1/invitations/inv_nope/revoke') },
  { method: 'GET', path: '/v1/jwks' },
  {
    method: 'GET',
    path: '/v1/clients/handshake_payload?nonce=x',
    unknown: { path: '/v1/clients/handshake_payload?nonce=nope', status: 400, code: 'invalid_nonce' },
    query: true,
  },
]

interface BadRequest {
  name: string
  applies(endpoint: Endpoint): boolean
  send(endpoint: Endpoint): Promise<ApiResponse>
  expected(endpoint: Endpoint): Expected
}

/** The seeded ids in place of `:user`, `:org`, `:session` and `:template`, in a path or a body value. */
const resolve = (text: string) =>
  text.replace(/:(user|org|session|template)\b/g, (_, name: keyof typeof ids) => ids[name])
const pathOf = (endpoint: Endpoint) => resolve(endpoint.path)
const validBody = (endpoint: Endpoint) =>
  Object.fromEntries(
    Object.entries(endpoint.body!.valid).map(([key, value]) => [
      key,
      typeof value === 'string' ? resolve(value) : value,
    ]),
  )

const withQuery = (path: string, extra: string) => `${path}${path.includes('?') ? '&' : '?'}${extra}`
const always = () => true
const takesBody = (endpoint: Endpoint) => endpoint.body !== undefined

const badRequests: BadRequest[] = [
  {
    name: 'no Authorization',
    applies: always,
    send: (e) => h.call(e.method, pathOf(e), { anonymous: true }),
    expected: () => ({ status: 401, code: 'authorization_header_format_invalid' }),
  },
  {
    name: 'Basic credentials',
    applies: always,
    send: (e) =>
      h.call(e.method, pathOf(e), {
        anonymous: true,
        headers: { authorization: `Basic ${btoa(`${h.clerk.secretKey}:`)}` },
      }),
    expected: () => ({ status: 401, code: 'authorization_header_format_invalid' }),
  },
  {
    name: 'a wrong secret key',
    applies: always,
    send: (e) =>
      h.call(e.method, pathOf(e), { anonymous: true, headers: { authorization: 'Bearer sk_live_not_this_instance' } }),
    expected: () => ({ status: 401, code: 'clerk_key_invalid' }),
  },
  {
    name: 'the publishable key as the bearer',
    applies: always,
    send: (e) =>
      h.call(e.method, pathOf(e), { anonymous: true, headers: { authorization: `Bearer ${h.clerk.publishableKey}` } }),
    expected: () => ({ status: 401, code: 'clerk_key_invalid' }),
  },
  {
    name: 'an invalid Clerk-API-Version',
    applies: always,
    send: (e) => h.call(e.method, pathOf(e), { headers: { 'clerk-api-version': '1999-01-01' } }),
    expected: () => ({ status: 400, code: 'api_version_invalid' }),
  },
  {
    name: 'a method the path does not have',
    applies: always,
    send: (e) => h.call('PUT', pathOf(e), { body: {} }),
    expected: () => ({ status: 404, code: 'resource_not_found' }),
  },
  {
    name: 'malformed JSON',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { rawBody: '{"name": "x", ' }),
    expected: () => ({ status: 400, code: 'request_body_invalid' }),
  },
  {
    name: 'JSON sent as text/plain',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { body: {}, headers: { 'content-type': 'text/plain' } }),
    expected: () => ({ status: 415, code: 'unsupported_content_type' }),
  },
  {
    name: 'a form body',
    applies: takesBody,
    send: (e) =>
      h.call(e.method, pathOf(e), {
        rawBody: 'user_id=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    expected: () => ({ status: 415, code: 'unsupported_content_type' }),
  },
  {
    name: 'a body over 1 MiB',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { rawBody: JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) }) }),
    expected: () => ({ status: 413, code: 'request_body_too_large' }),
  },
  {
    name: 'a JSON array',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { rawBody: '[{"user_id":"x"}]' }),
    expected: () => ({ status: 422, code: 'form_param_format_invalid', paramName: 'body' }),
  },
  {
    name: 'a field of the wrong type',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { body: e.body!.wrongType }),
    expected: (e) => ({ status: 422, code: 'form_param_format_invalid', paramName: e.body!.param }),
  },
  {
    name: 'an unknown field',
    applies: takesBody,
    send: (e) => h.call(e.method, pathOf(e), { body: { ...validBody(e), is_admin: true } }),
    expected: () => ({ status: 422, code: 'form_param_unknown', paramName: 'is_admin' }),
  },
  {
    name: 'unknown ids',
    applies: (e) => e.unknown !== undefined,
    send: (e) => h.call(e.method, resolve(e.unknown!.path), e.body ? { body: validBody(e) } : {}),
    expected: (e) => e.unknown!,
  },
  {
    name: 'an unknown query parameter',
    applies: (e) => e.query === true,
    send: (e) => h.call(e.method, withQuery(pathOf(e), 'is_admin=true')),
    expected: () => ({ status: 422, code: 'form_param_unknown', paramName: 'is_admin' }),
  },
]

const matrix = endpoints.flatMap((endpoint) =>
  badRequests
    .filter((bad) => bad.applies(endpoint))
    .map((bad) => ({ label: `${endpoint.method} ${endpoint.path} ← ${bad.name}`, endpoint, bad })),
)

describe(`${matrix.length} bad requests over ${endpoints.length} endpoints`, () => {
  it('as many as docs/reliability.md says', () => {
    expect([matrix.length, endpoints.length]).toEqual([
      documentedCount('bad-input-requests'),
      documentedCount('bad-input-endpoints'),
    ])
  })

  it.each(matrix)('$label', async ({ endpoint, bad }) => {
    const response = await bad.send(endpoint)
    const { status, code, paramName } = bad.expected(endpoint)
    expectClerkError(response, status, code, paramName === undefined ? {} : { paramName })
    expect(response.body.errors.every((error: { code: string }) => error.code !== 'internal_clerk_error')).toBe(true)
  })

  it('left everything as it was: nothing written, changed or deleted', async () => {
    expect((await h.call('GET', '/v1/users/count')).body).toEqual({ object: 'total_count', total_count: 1 })
    expect((await h.call('GET', `/v1/users/${ids.user}`)).status).toBe(200)
    const sessions = await h.call('GET', `/v1/sessions?user_id=${ids.user}&paginated=true`)
    expect(sessions.body.data.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [ids.session, 'active'],
    ])
    const templates = await h.call('GET', '/v1/jwt_templates?paginated=true')
    expect(templates.body.data.map((t: { id: string; lifetime: number }) => [t.id, t.lifetime])).toEqual([
      [ids.template, 60],
    ])
    expect((await h.call('GET', '/v1/organizations')).body.total_count).toBe(1)
    expect((await h.call('GET', `/v1/organizations/${ids.org}/memberships`)).body.total_count).toBe(1)
    expect((await h.call('GET', `/v1/organizations/${ids.org}`)).body).toMatchObject({ name: 'Acme', slug: 'acme' })
    expect(
      (await h.call('GET', '/v1/organization_memberships')).body.data.map((m: { role: string }) => m.role),
    ).toEqual(['org:admin'])
    expect((await h.call('GET', '/v1/organization_invitations')).body.total_count).toBe(0)
    expect((await h.call('GET', '/v1/organization_domains')).body.total_count).toBe(0)
    expect((await h.call('GET', '/v1/invitations?paginated=true')).body.total_count).toBe(0)
  })
})
