// Remix's real request handler (@remix-run/server-runtime's createRequestHandler) with a hand-written
// build: a root route on rootAuthLoader, three nested routes whose loaders call getAuth and
// getToken({ template }), and an action that calls getAuth and then reads its form data. Remix hands each
// loader its own Request; a page must still cost one signature check and one Backend API getToken call.
import { createRequestHandler, json } from '@remix-run/server-runtime'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'
import type { GetAuthOptions } from '../../src/remix/types.js'
import { signatureCheckCount } from '../../src/jwt/verifyJwt.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { FAPI_HOST, createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'
import { BINDING_COOKIES, CHECKED_BINDING_COOKIE, bound, withBindingChecked } from '../helpers/handshakeBinding.js'
import {
  FETCH,
  NAVIGATION,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'
import { startCountingProxy, type CountingProxy } from './countingProxy.js'
import { serverBuild } from './serverBuild.js'
import { resetProcessState } from '../../src/shared/processState.js'

const APP = 'http://127.0.0.1:3000'
const LEAF = `${APP}/dashboard/settings/profile`

let instance: LocalInstance
let proxy: CountingProxy
let options: GetAuthOptions
const actionSaw: Array<Record<string, unknown>> = []

type LoaderArgs = { request: Request; context: unknown; params: unknown }

/** getAuth, then a template token, as a typical nested loader does. */
const nestedLoader = (name: string) => async (args: LoaderArgs) => {
  const auth = await getAuth(args, options)
  const templateToken = await auth.getToken({ template: 'test' })
  return json({ route: name, userId: auth.userId, hasTemplateToken: typeof templateToken === 'string' })
}

const build = serverBuild({
  root: { path: '', loader: (args) => rootAuthLoader(args, () => ({ app: 'test' }), options) },
  'routes/dashboard': { parentId: 'root', path: 'dashboard', loader: nestedLoader('dashboard') },
  'routes/dashboard.settings': { parentId: 'routes/dashboard', path: 'settings', loader: nestedLoader('settings') },
  'routes/dashboard.settings.profile': {
    parentId: 'routes/dashboard.settings',
    path: 'profile',
    loader: nestedLoader('profile'),
    action: async (args) => {
      const auth = await getAuth(args, options)
      const form = await args.request.formData()
      actionSaw.push({ userId: auth.userId, form: Object.fromEntries(form) })
      return json({ saved: form.get('title') })
    },
  },
})

const handle = createRequestHandler(build, 'production')

beforeAll(async () => {
  instance = await startLocalInstance()
  proxy = await startCountingProxy(instance.local.fetch)
})
afterAll(async () => {
  await Promise.all([instance?.close(), proxy?.close()])
})
beforeEach(() => {
  resetProcessState()
  proxy.reset()
  actionSaw.length = 0
  // Verified through the instance JWKS over HTTP, Backend API calls counted at the proxy.
  options = { secretKey: instance.local.secretKey, publishableKey: instance.local.publishableKey, apiUrl: proxy.url }
})

/** Runs `send` and reports what it cost: signature checks and Backend API calls by kind. */
async function cost(send: () => Promise<Response>) {
  const checks = signatureCheckCount()
  proxy.reset()
  const response = await send()
  return {
    response,
    signatureChecks: signatureCheckCount() - checks,
    getTokenCalls: proxy.count('POST', /^\/v1\/sessions\/[^/]+\/tokens\/test$/),
    jwksCalls: proxy.count('GET', '/v1/jwks'),
    otherCalls: proxy.calls.filter((call) => !/\/tokens\/test$|\/jwks$/.test(call)),
  }
}

describe('a signed-in page', () => {
  it('document request: four loaders, one signature check, one getToken call (and one JWKS fetch, the first time)', async () => {
    const token = await instance.mint(instance.sessionId)
    const first = await cost(() => handle(requestWith(LEAF, { headers: NAVIGATION, cookies: sessionCookies(token) })))
    expect(first.response.status).toBe(200)
    const body = (await first.response.json()) as { loaderData: Record<string, Record<string, unknown>> }
    expect(Object.keys(body.loaderData)).toEqual([
      'root',
      'routes/dashboard',
      'routes/dashboard.settings',
      'routes/dashboard.settings.profile',
    ])
    for (const route of ['routes/dashboard', 'routes/dashboard.settings', 'routes/dashboard.settings.profile']) {
      expect(body.loaderData[route]).toMatchObject({ userId: instance.userId, hasTemplateToken: true })
    }
    expect(body.loaderData.root).toMatchObject({
      app: 'test',
      clerkState: { __internal_clerk_state: { __publishableKey: instance.local.publishableKey } },
    })
    expect({
      checks: first.signatureChecks,
      getToken: first.getTokenCalls,
      jwks: first.jwksCalls,
      other: first.otherCalls,
    }).toEqual({
      checks: 1,
      getToken: 1,
      jwks: 1,
      other: [],
    })

    // The next page with a new token: one check and one getToken call again, and the JWKS stays cached.
    const next = await instance.mint(instance.sessionId)
    const second = await cost(() => handle(requestWith(LEAF, { headers: NAVIGATION, cookies: sessionCookies(next) })))
    expect(second.response.status).toBe(200)
    expect({ checks: second.signatureChecks, getToken: second.getTokenCalls, jwks: second.jwksCalls }).toEqual({
      checks: 1,
      getToken: 1,
      jwks: 0,
    })

    // The same token again (the browser's next click within the minute): no signature check at all.
    const third = await cost(() =>
      handle(requestWith(`${APP}/dashboard`, { headers: NAVIGATION, cookies: sessionCookies(next) })),
    )
    expect({ status: third.response.status, checks: third.signatureChecks, getToken: third.getTokenCalls }).toEqual({
      status: 200,
      checks: 0,
      getToken: 1,
    })
  })

  it('data request (?_data=): one loader, one check, one getToken call', async () => {
    const token = await instance.mint(instance.sessionId)
    const result = await cost(() =>
      handle(
        requestWith(`${LEAF}?_data=routes/dashboard.settings.profile`, {
          headers: FETCH,
          cookies: sessionCookies(token),
        }),
      ),
    )
    expect(result.response.status).toBe(200)
    expect(await result.response.json()).toEqual({ route: 'profile', userId: instance.userId, hasTemplateToken: true })
    expect({ checks: result.signatureChecks, getToken: result.getTokenCalls }).toEqual({ checks: 1, getToken: 1 })
  })

  it('document POST: the action gets its form data intact after getAuth; the page revalidates on the same single check', async () => {
    const token = await instance.mint(instance.sessionId)
    const form = new URLSearchParams({ title: 'Hello world', tags: 'a,b' })
    const result = await cost(() =>
      handle(
        requestWith(LEAF, {
          method: 'POST',
          body: form,
          headers: { ...NAVIGATION, 'content-type': 'application/x-www-form-urlencoded' },
          cookies: sessionCookies(token),
        }),
      ),
    )
    expect(result.response.status).toBe(200)
    const body = (await result.response.json()) as {
      actionData: Record<string, unknown>
      loaderData: Record<string, unknown>
    }
    expect(body.actionData).toEqual({ 'routes/dashboard.settings.profile': { saved: 'Hello world' } })
    expect(actionSaw).toEqual([{ userId: instance.userId, form: { title: 'Hello world', tags: 'a,b' } }])
    expect(Object.keys(body.loaderData)).toHaveLength(4)
    expect({ checks: result.signatureChecks, getToken: result.getTokenCalls }).toEqual({ checks: 1, getToken: 1 })
  })

  it('data POST (fetcher): multipart form data intact too', async () => {
    const token = await instance.mint(instance.sessionId)
    const form = new FormData()
    form.set('title', 'From a fetcher')
    form.set('file', new Blob(['x'.repeat(10_000)], { type: 'text/plain' }), 'notes.txt')
    const response = await handle(
      requestWith(`${LEAF}?_data=routes/dashboard.settings.profile`, {
        method: 'POST',
        body: form,
        headers: FETCH,
        cookies: sessionCookies(token),
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ saved: 'From a fetcher' })
    expect(actionSaw).toHaveLength(1)
    expect(actionSaw[0]!.userId).toBe(instance.userId)
    expect((actionSaw[0]!.form as Record<string, unknown>).title).toBe('From a fetcher')
    expect(((actionSaw[0]!.form as Record<string, unknown>).file as File).size).toBe(10_000)
  })
})

describe('a page that needs a handshake', () => {
  it('document request with an expired cookie: Remix answers the 307 to the Frontend API', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const response = await handle(requestWith(LEAF, { headers: NAVIGATION, cookies: sessionCookies(old) }))
    expect(response.status).toBe(307)
    const checked = withBindingChecked(response.headers)
    expect(checked.get('location')).toMatch(
      new RegExp(`^${instance.url}/v1/client/handshake\\?redirect_url=${encodeURIComponent(LEAF)}&`),
    )
    expect(checked.getSetCookie()).toEqual([
      '__clerk_redirect_count=1; Max-Age=2; HttpOnly; SameSite=Lax',
      CHECKED_BINDING_COOKIE,
    ])
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('data request with the same cookie: signed out, no redirect', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const response = await handle(
      requestWith(`${LEAF}?_data=routes/dashboard.settings.profile`, { headers: FETCH, cookies: sessionCookies(old) }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ userId: null, hasTemplateToken: false })
  })
})

/** Back from the Frontend API in the browser the app sent there (see src/auth/handshakeBinding.ts). */
const back = (url: string, headers: Record<string, string>) =>
  requestWith(bound(url), { headers, cookies: BINDING_COOKIES })
/** The clean redirect drops the value it used from the binding cookie. */
const BINDING_USED = '__clerk_handshake_binding=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax'

describe('coming back from a handshake', () => {
  let bapi: RecordingServer
  let key: TestKey
  let directives: string[]

  beforeAll(async () => {
    ;[bapi, key] = await Promise.all([startRecordingServer(), createTestKey('ins_remix_hs')])
  })
  afterAll(() => bapi?.close())
  beforeEach(async () => {
    bapi.reset()
    const claims = sessionClaims()
    const token = await signToken(key, claims)
    directives = [
      `__session=${token}; Path=/; SameSite=Lax`,
      `__client_uat=${claims.iat as number}; Path=/; Max-Age=31536000; SameSite=Lax`,
      '__clerk_redirect_count=; Path=/; Max-Age=0',
    ]
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives }, delayMs: 20 })
    options = {
      secretKey: 'sk_live_remix_handshake',
      publishableKey: `pk_live_${btoa(`${FAPI_HOST}$`).replace(/=+$/, '')}`,
      jwtKey: key.pem,
      apiUrl: bapi.url,
    }
  })

  it('document request: one nonce redemption for four loaders, a 307 to the clean URL with every Set-Cookie', async () => {
    const response = await handle(back(`${LEAF}?tab=2&__clerk_handshake_nonce=n_doc`, NAVIGATION))
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/dashboard/settings/profile?tab=2')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.getSetCookie()).toEqual([BINDING_USED, ...directives])
    expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(1)
  })

  it('data request: Remix turns the 307 into its client redirect, every Set-Cookie kept', async () => {
    const response = await handle(
      back(`${LEAF}?__clerk_handshake_nonce=n_data&_data=routes/dashboard.settings.profile`, FETCH),
    )
    expect(response.status).toBe(204)
    // Remix strips `_data` from the loader's Request: the browser is sent to the page, which then loads its data.
    expect(response.headers.get('x-remix-redirect')).toBe('/dashboard/settings/profile')
    expect(response.headers.getSetCookie()).toEqual([BINDING_USED, ...directives])
    expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(1)
  })

  it('a nonce the Backend API refuses: redirect without cookies, logged once, no loop', async () => {
    bapi.reset()
    bapi.on('GET', '/v1/clients/handshake_payload', {
      status: 400,
      json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] },
      delayMs: 20,
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const response = await handle(back(`${LEAF}?__clerk_handshake_nonce=n_bad`, NAVIGATION))
      expect(response.status).toBe(307)
      expect(response.headers.get('location')).toBe('/dashboard/settings/profile')
      expect(response.headers.getSetCookie()).toEqual([BINDING_USED])
      expect(error).toHaveBeenCalledTimes(1)
      expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(1)
    } finally {
      error.mockRestore()
    }
  })
})
