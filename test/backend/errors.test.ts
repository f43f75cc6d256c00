// Failures over real HTTP: Clerk error bodies, retries (counted by the server), bodies that are not
// Clerk JSON, refused connections, timeouts, and the checks that run before any request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ClerkAPIError,
  ClerkAPIResponseError,
  ClerkClientError,
  createClerkClient,
  type ClerkClientOptions,
} from '../../src/api.server.js'
import { rejectionOf } from '../helpers/rejection.js'
import { refusedPort, startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY, clerkErrorBody, sessionJSON } from './fixtures.js'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const apiFailure = (call: Promise<unknown>) => rejectionOf<ClerkAPIResponseError>(call)
const clientFailure = (call: Promise<unknown>) => rejectionOf<ClerkClientError>(call)

const client = (options: ClerkClientOptions = {}) =>
  createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url, ...options })

describe('Clerk error bodies', () => {
  it('404: status, code, long message, trace id, and a message naming status, code, method and path', async () => {
    server.on('GET', '/v1/sessions/sess_gone', {
      status: 404,
      json: clerkErrorBody('resource_not_found', 'Session not found', 'No session was found with id sess_gone'),
    })
    const error = await apiFailure(client().sessions.getSession('sess_gone'))

    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    expect(error.name).toBe('ClerkAPIResponseError')
    expect(error.clerkError).toBe(true)
    expect(error.status).toBe(404)
    expect(error.clerkTraceId).toBe('trace_resource_not_found')
    expect(error.retryAfter).toBeUndefined()
    expect(error.errors).toHaveLength(1)
    expect(error.errors[0]).toBeInstanceOf(ClerkAPIError)
    expect(error.errors[0]).toEqual({
      code: 'resource_not_found',
      message: 'Session not found',
      longMessage: 'No session was found with id sess_gone',
      meta: {},
    })
    expect(error.message).toBe(
      'Clerk API responded 404 resource_not_found to GET /v1/sessions/sess_gone: Session not found. ' +
        'No session was found with id sess_gone',
    )
    expect(server.count()).toBe(1)
  })

  it('422: meta keys camelCased (param_name → paramName), not retried', async () => {
    server.on('POST', '/v1/users', {
      status: 422,
      json: clerkErrorBody(
        'form_identifier_exists',
        'That email address is taken.',
        'That email address is taken. Please try another.',
        {
          param_name: 'email_address',
          email_addresses: ['ada@example.com'],
        },
      ),
    })
    const error = await apiFailure(client().users.createUser({ emailAddress: ['ada@example.com'] }))
    expect(error.status).toBe(422)
    expect(error.errors[0]!.code).toBe('form_identifier_exists')
    expect(error.errors[0]!.meta).toEqual({ paramName: 'email_address', emailAddresses: ['ada@example.com'] })
    expect(server.count()).toBe(1)
  })

  it('takes the trace id from cf-ray when the body has none', async () => {
    server.on('GET', '/v1/users/user_1', {
      status: 401,
      headers: { 'cf-ray': '8a1b2c3d4e5f-AMS' },
      json: { errors: [{ code: 'clerk_key_invalid', message: 'The provided Clerk Secret Key is invalid.' }] },
    })
    const error = await apiFailure(client().users.getUser('user_1'))
    expect(error.status).toBe(401)
    expect(error.clerkTraceId).toBe('8a1b2c3d4e5f-AMS')
    expect(error.errors[0]!.longMessage).toBeUndefined()
  })

  it('500 is not retried', async () => {
    server.on('GET', '/v1/jwks', { status: 500, json: clerkErrorBody('internal_clerk_error', 'Oops', 'Oops') })
    const error = await apiFailure(client().jwks.getJwks())
    expect(error.status).toBe(500)
    expect(error.errors[0]!.code).toBe('internal_clerk_error')
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })
})

describe('retries', () => {
  const tooMany = (retryAfter: string) => ({
    status: 429,
    headers: { 'Retry-After': retryAfter },
    json: clerkErrorBody('too_many_requests', 'Too many requests', 'Slow down'),
  })

  it('429 with Retry-After: 0 is retried, then succeeds: 2 requests', async () => {
    server.on('POST', '/v1/sessions', tooMany('0'), { json: sessionJSON })
    // A POST with side effects: 429 means the server did not act, so it is safe to repeat.
    const session = await client().sessions.createSession({ userId: 'user_1' })
    expect(session.id).toBe('sess_123')
    expect(server.count('POST', '/v1/sessions')).toBe(2)
  })

  it('429 on every attempt: 1 + retries requests, then the last 429 with retryAfter', async () => {
    server.on('GET', '/v1/jwks', tooMany('0'))
    const error = await apiFailure(client({ retries: 3 }).jwks.getJwks())
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(0)
    expect(error.message).toContain('(4 attempts)')
    expect(server.count('GET', '/v1/jwks')).toBe(4)
  })

  it('a Retry-After above the 10 s cap is not waited for: 1 request, the 429 at once', async () => {
    server.on('GET', '/v1/jwks', tooMany('30'))
    const error = await apiFailure(client().jwks.getJwks())
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(30)
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })

  it('a Retry-After that would end past the deadline is not waited for', async () => {
    server.on('GET', '/v1/jwks', tooMany('5'))
    const error = await apiFailure(client({ timeoutMs: 2_000 }).jwks.getJwks())
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(5)
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })

  it('Retry-After as an HTTP date in the past means retry now', async () => {
    server.on('GET', '/v1/jwks', tooMany(new Date(Date.now() - 60_000).toUTCString()), { json: { keys: [] } })
    expect(await client().jwks.getJwks()).toEqual({ keys: [] })
    expect(server.count('GET', '/v1/jwks')).toBe(2)
  })

  it('Retry-After as an HTTP date in the future becomes seconds on the error', async () => {
    server.on('GET', '/v1/jwks', tooMany(new Date(Date.now() + 120_000).toUTCString()))
    const error = await apiFailure(client().jwks.getJwks())
    expect(error.retryAfter).toBeGreaterThanOrEqual(118)
    expect(error.retryAfter).toBeLessThanOrEqual(120)
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })

  it.each([502, 503, 504])('%i on a GET is retried: 1 + 2 requests with the default retries', async (status) => {
    server.on('GET', '/v1/users/user_1', {
      status,
      body: 'upstream trouble',
      headers: { 'Content-Type': 'text/plain' },
    })
    const error = await apiFailure(client().users.getUser('user_1'))
    expect(error.status).toBe(status)
    expect(error.errors[0]!.code).toBe('unexpected_response')
    expect(server.count('GET', '/v1/users/user_1')).toBe(3)
  })

  it.each([
    [502, 1],
    [503, 3],
    [504, 1],
  ])('%i on createUser (a POST with side effects) → %i request(s)', async (status, requests) => {
    server.on('POST', '/v1/users', { status, json: clerkErrorBody('upstream', 'Upstream', 'Upstream') })
    const error = await apiFailure(client().users.createUser({ emailAddress: ['ada@example.com'] }))
    expect(error.status).toBe(status)
    expect(server.count('POST', '/v1/users')).toBe(requests)
  })

  it('502 on getToken (a POST without side effects) is retried', async () => {
    server.on('POST', '/v1/sessions/sess_1/tokens', { status: 502 }, { json: { object: 'token', jwt: 'a.b.c' } })
    expect((await client().sessions.getToken('sess_1')).jwt).toBe('a.b.c')
    expect(server.count('POST', '/v1/sessions/sess_1/tokens')).toBe(2)
  })

  it('retries: 0 makes one attempt', async () => {
    server.on('GET', '/v1/jwks', { status: 503 })
    await apiFailure(client({ retries: 0 }).jwks.getJwks())
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })

  it('a dropped connection on a GET is a network_error, retried', async () => {
    server.on('GET', '/v1/jwks', { destroy: true }, { json: { keys: [] } })
    expect(await client().jwks.getJwks()).toEqual({ keys: [] })
    expect(server.count('GET', '/v1/jwks')).toBe(2)
  })

  it('a dropped connection on createSession is not retried: the session may exist', async () => {
    server.on('POST', '/v1/sessions', { destroy: true })
    const error = await apiFailure(client().sessions.createSession({ userId: 'user_1' }))
    expect(error.status).toBeUndefined()
    expect(error.errors[0]!.code).toBe('network_error')
    expect(server.count('POST', '/v1/sessions')).toBe(1)
  })
})

describe('bodies that are not Clerk JSON', () => {
  it('malformed JSON on a 200 is an unexpected_response error, not retried', async () => {
    server.on('GET', '/v1/sessions/sess_123', { headers: { 'Content-Type': 'application/json' }, body: '{"object":' })
    const error = await apiFailure(client().sessions.getSession('sess_123'))
    expect(error.status).toBe(200)
    expect(error.errors[0]!.code).toBe('unexpected_response')
    expect(error.errors[0]!.message).toBe('Unexpected response from the Clerk API: the body is not valid JSON.')
    expect(server.count()).toBe(1)
  })

  it('a 200 with a non-JSON content type is an unexpected_response error naming the type', async () => {
    server.on('GET', '/v1/sessions/sess_123', {
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: '<html>captive portal</html>',
    })
    const error = await apiFailure(client().sessions.getSession('sess_123'))
    expect(error.status).toBe(200)
    expect(error.errors[0]!.message).toBe(
      'Unexpected response from the Clerk API: expected a JSON body, got a text/html; charset=utf-8 body.',
    )
    expect(error.message).toContain('Clerk API responded 200 unexpected_response to GET /v1/sessions/sess_123')
  })

  it('a token object without a jwt is an unexpected_response error', async () => {
    server.on('POST', '/v1/sessions/sess_1/tokens', { json: { object: 'token' } })
    const error = await apiFailure(client().sessions.getToken('sess_1'))
    expect(error.status).toBe(200)
    expect(error.errors[0]!.message).toBe(
      'Unexpected response from the Clerk API: the JSON does not have the shape of a Clerk object.',
    )
  })

  it('a 200 with JSON of the wrong object is an unexpected_response error', async () => {
    server.on('POST', '/v1/sessions/sess_1/tokens/test', { json: sessionJSON })
    const error = await apiFailure(client().sessions.getToken('sess_1', 'test'))
    expect(error.errors[0]!.message).toBe(
      'Unexpected response from the Clerk API: expected a Token object, got "session".',
    )
  })

  it('malformed JSON on a 4xx keeps the status and says what came back', async () => {
    server.on('GET', '/v1/users/user_1', { status: 400, headers: { 'Content-Type': 'application/json' }, body: 'nope' })
    const error = await apiFailure(client().users.getUser('user_1'))
    expect(error.status).toBe(400)
    expect(error.errors[0]!.message).toBe(
      'Unexpected response from the Clerk API: HTTP 400 Bad Request with a body that is not valid JSON ' +
        '(Content-Type application/json).',
    )
  })

  it('a redirect is not followed (the secret key stays with apiUrl) and says where it pointed', async () => {
    server.on('GET', '/v1/jwks', { status: 301, headers: { Location: 'https://elsewhere.example/v1/jwks' } })
    const error = await apiFailure(client().jwks.getJwks())
    expect(error.status).toBe(301)
    expect(error.errors[0]!.message).toContain('redirecting to https://elsewhere.example/v1/jwks')
    expect(server.count()).toBe(1)
  })
})

describe('connection refused and timeouts', () => {
  it('connection refused: network_error after 1 + retries attempts, for a GET and for a POST', async () => {
    const port = await refusedPort()
    let attempts = 0
    const countingFetch = (url: string, init: RequestInit) => {
      attempts++
      return fetch(url, init)
    }
    const clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl: `http://127.0.0.1:${port}`, fetch: countingFetch })

    const getError = await apiFailure(clerk.users.getUser('user_1'))
    expect(getError).toBeInstanceOf(ClerkAPIResponseError)
    expect(getError.status).toBeUndefined()
    expect(getError.errors[0]!.code).toBe('network_error')
    expect(getError.errors[0]!.message).toContain('ECONNREFUSED')
    expect(getError.message).toContain(`GET /v1/users/user_1 failed (3 attempts)`)
    expect(getError.message).toContain(`http://127.0.0.1:${port}`)
    expect(attempts).toBe(3)

    // A refused connection never reached the server, so even a POST with side effects is repeated.
    attempts = 0
    const postError = await apiFailure(clerk.users.createUser({ firstName: 'Ada' }))
    expect(postError.errors[0]!.code).toBe('network_error')
    expect(attempts).toBe(3)
  })

  it('a server that never answers: timeout after timeoutMs, one request', async () => {
    server.on('GET', '/v1/jwks', { hang: true })
    const error = await apiFailure(client({ timeoutMs: 300 }).jwks.getJwks())
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    expect(error.status).toBeUndefined()
    expect(error.errors[0]).toEqual({
      code: 'timeout',
      message: 'The Clerk API did not answer within 300 ms.',
      longMessage: undefined,
      meta: {},
    })
    expect(error.message).toBe(
      `Clerk API request GET /v1/jwks timed out after 300 ms. Raise timeoutMs or check that ${server.url} is reachable.`,
    )
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })

  it('the deadline covers retries: 503, then a hang → timeout after 2 requests', async () => {
    server.on('GET', '/v1/jwks', { status: 503, headers: { 'Retry-After': '0' } }, { hang: true })
    const error = await apiFailure(client({ timeoutMs: 400 }).jwks.getJwks())
    expect(error.errors[0]!.code).toBe('timeout')
    expect(error.message).toContain('(2 attempts)')
    expect(server.count('GET', '/v1/jwks')).toBe(2)
  })

  it('a body that stalls after the headers also ends at the deadline', async () => {
    server.on('GET', '/v1/jwks', { stallBody: true, json: { keys: [] } })
    const error = await apiFailure(client({ timeoutMs: 300 }).jwks.getJwks())
    expect(error.errors[0]!.code).toBe('timeout')
    expect(server.count('GET', '/v1/jwks')).toBe(1)
  })
})

describe('checks before any request', () => {
  it('creating a client with an unset secret key does not throw; the first call names CLERK_SECRET_KEY', async () => {
    const clerk = createClerkClient({ secretKey: process.env.REMIX_CLERK_TEST_UNSET_VARIABLE, apiUrl: server.url })
    const error = await clientFailure(clerk.sessions.getToken('sess_123', 'test'))
    expect(error).toBeInstanceOf(ClerkClientError)
    expect(error.code).toBe('secret_key_missing')
    expect(error.message).toContain('CLERK_SECRET_KEY')
    expect(server.count()).toBe(0)
  })

  it.each([
    ['   ', 'secret_key_missing'],
    ['pk_test_Y2xlcmsuZXhhbXBsZS5jb20k', 'secret_key_invalid'],
    ['sk_test_abc def', 'secret_key_invalid'],
    ['"sk_test_abc"x\u00e9', 'secret_key_invalid'],
  ])('secret key %j → %s, no request', async (secretKey, code) => {
    const error = await clientFailure(createClerkClient({ secretKey, apiUrl: server.url }).jwks.getJwks())
    expect(error.code).toBe(code)
    expect(error.message).toContain('CLERK_SECRET_KEY')
    expect(server.count()).toBe(0)
  })

  it('a secret key with surrounding whitespace (a pasted line) is trimmed', async () => {
    server.on('GET', '/v1/jwks', { json: { keys: [] } })
    await createClerkClient({ secretKey: `  ${SECRET_KEY}\n`, apiUrl: server.url }).jwks.getJwks()
    expect(server.last().headers.authorization).toBe(`Bearer ${SECRET_KEY}`)
  })

  it.each(['localhost:4000', 'ftp://api.example', 'http://api.example/?x=1', 'not a url'])(
    'apiUrl %j → api_url_invalid naming CLERK_API_URL',
    async (apiUrl) => {
      const error = await clientFailure(createClerkClient({ secretKey: SECRET_KEY, apiUrl }).jwks.getJwks())
      expect(error).toBeInstanceOf(ClerkClientError)
      expect(error.code).toBe('api_url_invalid')
      expect(error.message).toContain('CLERK_API_URL')
    },
  )

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ retries: -1 }, 'retries'],
    [{ retries: 1.5 }, 'retries'],
    [{ apiVersion: 'v1/../v2' }, 'apiVersion'],
  ])('option %o → option_invalid naming %s', async (options, name) => {
    const error = await clientFailure(client(options).jwks.getJwks())
    expect(error.code).toBe('option_invalid')
    expect(error.message).toContain(name)
    expect(server.count()).toBe(0)
  })

  it.each([
    ['sessions.getSession', (c: ReturnType<typeof client>, id: string) => c.sessions.getSession(id)],
    ['sessions.getToken', (c: ReturnType<typeof client>, id: string) => c.sessions.getToken(id)],
    ['users.getUser', (c: ReturnType<typeof client>, id: string) => c.users.getUser(id)],
    ['jwtTemplates.delete', (c: ReturnType<typeof client>, id: string) => c.jwtTemplates.delete(id)],
    [
      'organizations.createOrganizationMembership',
      (c: ReturnType<typeof client>, id: string) =>
        c.organizations.createOrganizationMembership({ organizationId: id, userId: 'user_1', role: 'org:admin' }),
    ],
  ])('%s with an empty, blank or dot id fails with argument_invalid, no request', async (where, call) => {
    for (const id of ['', '   ', '.', '..', undefined as unknown as string]) {
      const error = await clientFailure(call(client(), id))
      expect(error).toBeInstanceOf(ClerkClientError)
      expect(error.code).toBe('argument_invalid')
      expect(error.message).toContain(where)
    }
    expect(server.count()).toBe(0)
  })

  it('getToken with a blank template or a non-numeric expiresInSeconds fails before the request', async () => {
    const blank = await clientFailure(client().sessions.getToken('sess_1', '  '))
    expect(blank.message).toContain('sessions.getToken: template')
    const expiry = await clientFailure(client().sessions.getToken('sess_1', 'test', Number.NaN))
    expect(expiry.message).toContain('expiresInSeconds')
    expect(server.count()).toBe(0)
  })

  it('getHandshakePayload without a nonce fails before the request', async () => {
    const error = await clientFailure(client().clients.getHandshakePayload({ nonce: '' }))
    expect(error.code).toBe('argument_invalid')
    expect(error.message).toContain('nonce')
    expect(server.count()).toBe(0)
  })
})

describe('path injection', () => {
  it.each([
    ['../users', '/v1/sessions/..%2Fusers'],
    ['a/b?x=1#y', '/v1/sessions/a%2Fb%3Fx%3D1%23y'],
    ['%2e%2e', '/v1/sessions/%252e%252e'],
    ['sess_1/revoke', '/v1/sessions/sess_1%2Frevoke'],
    ['ünïcode sess', '/v1/sessions/%C3%BCn%C3%AFcode%20sess'],
  ])('getSession(%j) stays one segment: %s', async (id, path) => {
    server.on('GET', /^\/v1\/sessions\//, { json: sessionJSON })
    await client().sessions.getSession(id)
    expect(server.count()).toBe(1)
    expect(server.last().path).toBe(path)
    expect(server.last().search).toBe('')
  })

  it('a template name cannot leave its segment either', async () => {
    server.on('POST', /^\/v1\/sessions\//, { json: { object: 'token', jwt: 'a.b.c' } })
    await client().sessions.getToken('sess_1', '../../users?x')
    expect(server.last().path).toBe('/v1/sessions/sess_1/tokens/..%2F..%2Fusers%3Fx')
  })
})
