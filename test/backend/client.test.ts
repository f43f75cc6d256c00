// createClerkClient itself: free to create, lazy, defaults on the wire, fetch looked up per call.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClerkClient } from '../../src/api.server.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY } from './fixtures.js'
import { RESOURCE_JSON } from './resourceJSON.js'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.reset()
  server.on('GET', '/v1/jwks', { json: { keys: [] } })
})

describe('createClerkClient', () => {
  it('does no I/O at creation, even with bad options, and builds each endpoint group once', () => {
    let calls = 0
    const countingFetch = (url: string, init: RequestInit) => {
      calls++
      return fetch(url, init)
    }
    const clerk = createClerkClient({ secretKey: undefined, apiUrl: 'not a url', timeoutMs: -1, fetch: countingFetch })
    expect(clerk.sessions).toBe(clerk.sessions)
    expect(clerk.users).toBe(clerk.users)
    expect(clerk.organizations).toBe(clerk.organizations)
    expect(clerk.jwtTemplates).toBe(clerk.jwtTemplates)
    expect(clerk.clients).toBe(clerk.clients)
    expect(clerk.jwks).toBe(clerk.jwks)
    expect(calls).toBe(0)
    expect(createClerkClient()).toBeDefined()
  })

  it('options apiVersion and userAgent reach the wire; apiUrl may carry a path and a trailing slash', async () => {
    server.on('GET', '/proxy/clerk/v2/jwks', { json: { keys: [] } })
    await createClerkClient({
      secretKey: SECRET_KEY,
      apiUrl: `${server.url}/proxy/clerk/`,
      apiVersion: 'v2',
      userAgent: 'my-app/1.0',
    }).jwks.getJwks()
    expect(server.last().path).toBe('/proxy/clerk/v2/jwks')
    expect(server.last().headers['user-agent']).toBe('my-app/1.0')
  })

  it('empty-string options fall back to the defaults, as unset environment variables would', async () => {
    await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url, apiVersion: '', userAgent: '' }).jwks.getJwks()
    expect(server.last().path).toBe('/v1/jwks')
    expect(server.last().headers['user-agent']).toBe(`remix-clerk@${__REMIX_CLERK_VERSION__}`)
  })

  it('without apiUrl, uses CLERK_API_URL from process.env (as getAuth does); an explicit apiUrl wins', async () => {
    vi.stubEnv('CLERK_API_URL', `${server.url}/from-env`)
    try {
      server.on('GET', '/from-env/v1/jwks', { json: { keys: [] } })
      await createClerkClient({ secretKey: SECRET_KEY }).jwks.getJwks()
      expect(server.last().path).toBe('/from-env/v1/jwks')
      await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url }).jwks.getJwks()
      expect(server.last().path).toBe('/v1/jwks')
      expect(server.count()).toBe(2)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('looks globalThis.fetch up on each call, not at creation', async () => {
    const clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url })
    const original = globalThis.fetch
    let calls = 0
    globalThis.fetch = (input, init) => {
      calls++
      return original(input, init)
    }
    try {
      await clerk.jwks.getJwks()
    } finally {
      globalThis.fetch = original
    }
    expect(calls).toBe(1)
    expect(server.count()).toBe(1)
  })

  it('an injected fetch is called unbound, as a plain function (runtimes that check `this` accept it)', async () => {
    const receivers: unknown[] = []
    const strictFetch = function (this: unknown, url: string, init: RequestInit) {
      receivers.push(this)
      return fetch(url, init)
    }
    await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url, fetch: strictFetch }).jwks.getJwks()
    expect(receivers).toEqual([undefined])
  })
})

// docs/differences.md#client-no-deprecation-warnings: the deprecated metadata parameters do what upstream does, and
// say so in their types only.
describe('the deprecated metadata parameters', () => {
  it('updateUser and updateOrganization with metadata send the two requests and print nothing', async () => {
    server.on('PATCH', '/v1/users/user_1', { json: RESOURCE_JSON.User })
    server.on('PUT', '/v1/users/user_1/metadata', { json: RESOURCE_JSON.User })
    server.on('PATCH', '/v1/organizations/org_1', { json: RESOURCE_JSON.Organization })
    server.on('PUT', '/v1/organizations/org_1/metadata', { json: RESOURCE_JSON.Organization })
    const printed = (['warn', 'log', 'info', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => undefined),
    )
    try {
      const clerk = createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url })
      await clerk.users.updateUser('user_1', { firstName: 'Ada', publicMetadata: { plan: 'pro' } })
      await clerk.organizations.updateOrganization('org_1', { name: 'Acme', publicMetadata: { plan: 'pro' } })
      expect(server.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        'PATCH /v1/users/user_1',
        'PUT /v1/users/user_1/metadata',
        'PATCH /v1/organizations/org_1',
        'PUT /v1/organizations/org_1/metadata',
      ])
      for (const spy of printed) expect(spy).not.toHaveBeenCalled()
    } finally {
      for (const spy of printed) spy.mockRestore()
    }
  })
})
