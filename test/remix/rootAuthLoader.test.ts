// rootAuthLoader(args, callback?, options?): clerkState for ClerkApp next to the callback's data, with
// Remix's own json(), defer(), data() and redirect() results, status and headers kept, Set-Cookie
// appended; resources for the callback; clear errors for results it cannot extend.
import { data, defer, json, redirect } from '@remix-run/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'
import {
  FETCH,
  NAVIGATION,
  args,
  claimsOf,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'
import { startCountingProxy, type CountingProxy } from './countingProxy.js'
import { resetProcessState } from '../../src/shared/processState.js'

const PAGE = 'http://127.0.0.1:3000/'

let instance: LocalInstance
let proxy: CountingProxy
let token: string

beforeAll(async () => {
  instance = await startLocalInstance()
  proxy = await startCountingProxy(instance.local.fetch)
})
afterAll(async () => {
  await Promise.all([instance?.close(), proxy?.close()])
})
beforeEach(async () => {
  resetProcessState()
  proxy.reset()
  token = await instance.mint(instance.orgSessionId)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const options = () => ({ ...instance.options, apiUrl: proxy.url })
const signedIn = () => args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) }))
const signedOut = () => args(requestWith(PAGE, { headers: NAVIGATION }))
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

/** What defer() returns at run time (Remix's types show only `data` and `init`). */
interface DeferredDataAtRuntime {
  data: Record<string, unknown>
  init?: ResponseInit
  resolveData(signal: AbortSignal): Promise<boolean>
  unwrappedData: unknown
}

interface ClerkStateBody {
  clerkState: { __internal_clerk_state: Record<string, unknown> }
  [key: string]: unknown
}

describe('without a callback', () => {
  it('answers { clerkState } for ClerkApp, with every field @clerk/remix sets', async () => {
    vi.stubEnv('CLERK_SIGN_IN_URL', '/sign-in')
    vi.stubEnv('CLERK_CHECKOUT_CONTINUE_URL', '/thanks')
    vi.stubEnv('CLERK_JS', 'https://cdn.example/clerk.js')
    vi.stubEnv('CLERK_TELEMETRY_DISABLED', '1')
    const response = await rootAuthLoader(signedIn(), { ...options(), signUpFallbackRedirectUrl: '/welcome' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    // What clerkState says is built on the public URL, which the trusted forwarded headers can change.
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      vary: 'X-Forwarded-Proto, CloudFront-Forwarded-Proto',
    })
    const body = (await response.json()) as ClerkStateBody
    expect(Object.keys(body)).toEqual(['clerkState'])
    const state = body.clerkState.__internal_clerk_state
    expect(state).toEqual({
      __clerk_ssr_state: {
        tokenType: 'session_token',
        sessionClaims: claimsOf(token),
        sessionId: instance.orgSessionId,
        sessionStatus: 'active',
        userId: instance.userId,
        orgId: instance.orgId,
        orgSlug: 'acme',
        orgRole: 'org:admin',
        orgPermissions: expect.arrayContaining(['org:invoices:read', 'org:invoices:pay']),
        factorVerificationAge: [0, -1],
        isAuthenticated: true,
      },
      __publishableKey: instance.local.publishableKey,
      __proxyUrl: '',
      __domain: '',
      __isSatellite: false,
      __signInUrl: '/sign-in',
      __signUpUrl: '',
      __afterSignInUrl: '',
      __afterSignUpUrl: '',
      __signInForceRedirectUrl: '',
      __signUpForceRedirectUrl: '',
      __signInFallbackRedirectUrl: '',
      __signUpFallbackRedirectUrl: '/welcome',
      newSubscriptionRedirectUrl: '/thanks',
      __clerk_debug: {
        isSignedIn: true,
        isAuthenticated: true,
        proxyUrl: '',
        reason: null,
        message: null,
        publishableKey: instance.local.publishableKey,
        isSatellite: false,
        domain: '',
      },
      __clerkJSUrl: 'https://cdn.example/clerk.js',
      __telemetryDisabled: true,
      __telemetryDebug: false,
    })
  })

  it('puts no secret in page data: no secret key, no JWT key, no token', async () => {
    const text = await (await rootAuthLoader(signedIn(), options())).text()
    expect(text).not.toContain(instance.local.secretKey)
    expect(text).not.toContain(instance.local.jwtKey.split('\n')[1]!)
    expect(text).not.toContain(token.split('.')[2]!)
  })

  it('signed out: the x-clerk-auth headers are appended, state says why', async () => {
    const response = await rootAuthLoader(signedOut(), options())
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      vary: 'X-Forwarded-Proto, CloudFront-Forwarded-Proto',
      'x-clerk-auth-status': 'signed-out',
      'x-clerk-auth-reason': 'session-token-and-uat-missing',
    })
    const state = ((await response.json()) as ClerkStateBody).clerkState.__internal_clerk_state
    expect(state.__clerk_ssr_state).toEqual({
      tokenType: 'session_token',
      sessionClaims: null,
      sessionId: null,
      sessionStatus: null,
      actor: null,
      userId: null,
      orgId: null,
      orgRole: null,
      orgSlug: null,
      orgPermissions: null,
      factorVerificationAge: null,
      isAuthenticated: false,
    })
    expect(state.__clerk_debug).toMatchObject({
      isSignedIn: false,
      reason: 'session-token-and-uat-missing',
      message: '',
    })
  })

  it('a navigation that needs a handshake throws the 307 before anything else', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const callback = vi.fn(() => ({}))
    const thrown = await rejection(
      rootAuthLoader(
        args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(old) })),
        callback,
        options(),
      ),
    )
    expect((thrown as Response).status).toBe(307)
    expect(callback).not.toHaveBeenCalled()
  })
})

describe('with a callback', () => {
  it('a plain object: merged with clerkState', async () => {
    const response = (await rootAuthLoader(signedIn(), () => ({ title: 'Home', count: 2 }), options())) as Response
    const body = (await response.json()) as ClerkStateBody
    expect(Object.keys(body)).toEqual(['title', 'count', 'clerkState'])
    expect(body).toMatchObject({ title: 'Home', count: 2 })
  })

  it('null: clerkState alone', async () => {
    const response = (await rootAuthLoader(signedIn(), () => null, options())) as Response
    expect(Object.keys((await response.json()) as object)).toEqual(['clerkState'])
  })

  it("json() with a status and headers: both kept (upstream forces 200), Set-Cookie appended next to the app's", async () => {
    const response = (await rootAuthLoader(
      signedOut(),
      () =>
        json(
          { saved: true },
          { status: 201, headers: { 'x-app': 'yes', 'set-cookie': 'theme=dark; Path=/', 'cache-control': 'private' } },
        ),
      options(),
    )) as Response
    expect(response.status).toBe(201)
    expect(response.headers.get('x-app')).toBe('yes')
    expect(response.headers.get('cache-control')).toBe('private')
    expect(response.headers.getSetCookie()).toEqual(['theme=dark; Path=/'])
    expect(response.headers.get('x-clerk-auth-status')).toBe('signed-out')
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toMatchObject({
      saved: true,
      clerkState: { __internal_clerk_state: { __publishableKey: instance.local.publishableKey } },
    })
  })

  it('a hand-made JSON Response with a Content-Length: the length goes, the body is whole', async () => {
    const body = JSON.stringify({ a: 1 })
    const response = (await rootAuthLoader(
      signedIn(),
      () =>
        new Response(body, {
          status: 200,
          headers: { 'content-length': String(body.length), 'content-type': 'application/json' },
        }),
      options(),
    )) as Response
    expect(response.headers.get('content-length')).toBeNull()
    expect(await response.json()).toMatchObject({ a: 1, clerkState: {} })
  })

  it('a redirect: returned untouched', async () => {
    const target = redirect('/login', { headers: { 'set-cookie': 'flash=1' } })
    const response = await rootAuthLoader(signedIn(), () => target, options())
    expect(response).toBe(target)
    expect(target.headers.get('x-clerk-auth-status')).toBeNull()
  })

  it("defer(): clerkState joins the data, the auth headers join its init (Remix's own DeferredData)", async () => {
    const slow = new Promise((resolve) => setTimeout(() => resolve('later'), 5))
    const result = (await rootAuthLoader(
      signedOut(),
      () => defer({ fast: 'now', slow }, { headers: { 'x-app': 'deferred' } }),
      options(),
    )) as unknown as DeferredDataAtRuntime
    expect(result.data.fast).toBe('now')
    expect(result.data.clerkState).toMatchObject({
      __internal_clerk_state: { __publishableKey: instance.local.publishableKey },
    })
    const headers = new Headers(result.init?.headers)
    expect(headers.get('x-app')).toBe('deferred')
    expect(headers.get('x-clerk-auth-status')).toBe('signed-out')
    await result.resolveData(new AbortController().signal)
    expect(result.unwrappedData).toMatchObject({ fast: 'now', slow: 'later', clerkState: {} })
  })

  it('defer() without init: the auth headers still reach the response', async () => {
    const result = (await rootAuthLoader(signedOut(), () => defer({ fast: 1 }), options())) as ReturnType<typeof defer>
    expect(new Headers(result.init?.headers).get('x-clerk-auth-reason')).toBe('session-token-and-uat-missing')
  })

  it('data() (single fetch): clerkState in its data, headers in its init, status kept', async () => {
    const result = (await rootAuthLoader(
      signedOut(),
      () => data({ page: 1 }, { status: 202, headers: { 'x-app': 'data' } }),
      options(),
    )) as ReturnType<typeof data>
    expect(result.data).toMatchObject({ page: 1, clerkState: { __internal_clerk_state: {} } })
    expect(result.init?.status).toBe(202)
    const headers = new Headers(result.init?.headers)
    expect([headers.get('x-app'), headers.get('x-clerk-auth-status')]).toEqual(['data', 'signed-out'])
  })

  it.each([
    ['undefined', () => undefined, 'undefined (did the callback forget to return?)'],
    ['an array', () => [1, 2], 'an array'],
    ['a string', () => 'hello', 'a string'],
    ['a number', () => 42, 'a number'],
    [
      'a Response whose body is not JSON',
      () => new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } }),
      'a Response whose body is not JSON (content-type: text/html)',
    ],
    ['a Response whose JSON is an array', () => json([1]), 'a Response with an array as its data'],
  ])('%s: rejected with an error that lists what may be returned', async (_name, callback, what) => {
    await expect(rootAuthLoader(signedIn(), callback as never, options())).rejects.toMatchObject({
      code: 'REMIX_CLERK_INVALID_CALLBACK_RESULT',
      message: `remix-clerk: the rootAuthLoader callback returned ${what}. Return a plain object, null, json(...) or another Response with a JSON object body, a redirect, defer(...) or data(...); rootAuthLoader adds \`clerkState\` to it.`,
    })
  })

  it('gets request.auth, and with load* options the user, session and organization (fetched in parallel, no private metadata)', async () => {
    let seen: Record<string, unknown> | undefined
    const loaderArgs = signedIn()
    await rootAuthLoader(
      loaderArgs,
      ({ request }) => {
        seen = {
          auth: request.auth,
          user: request.user,
          session: request.session,
          organization: request.organization,
          same: request === loaderArgs.request,
        }
        return {}
      },
      { ...options(), loadUser: true, loadSession: true, loadOrganization: true },
    )
    expect(seen).toMatchObject({
      same: true,
      auth: { userId: instance.userId, orgId: instance.orgId },
      user: { id: instance.userId, firstName: 'Ada', publicMetadata: {} },
      session: { id: instance.orgSessionId, userId: instance.userId, status: 'active' },
      organization: { id: instance.orgId, slug: 'acme' },
    })
    expect(seen!.user).not.toHaveProperty('privateMetadata')
    expect(seen!.user).not.toHaveProperty('raw')
    expect(seen!.organization).not.toHaveProperty('privateMetadata')
    expect(seen!.organization).not.toHaveProperty('raw')
    // The derived fields the type promises are there as plain values.
    expect(seen!.user).toMatchObject({ fullName: 'Ada', primaryEmailAddress: { emailAddress: 'ada@example.com' } })
    expect(JSON.stringify(seen)).not.toMatch(/secret|internal/)
    expect([...proxy.calls].sort()).toEqual([
      `GET /v1/organizations/${instance.orgId}`,
      `GET /v1/sessions/${instance.orgSessionId}`,
      `GET /v1/users/${instance.userId}`,
    ])
  })

  it('without load* options: no Backend API call, resources undefined', async () => {
    let seen: unknown
    await rootAuthLoader(
      signedIn(),
      ({ request }) => ((seen = [request.auth.userId, (request as unknown as Record<string, unknown>).user]), {}),
      options(),
    )
    expect(seen).toEqual([instance.userId, undefined])
    expect(proxy.calls).toEqual([])
  })

  it("the callback's request.auth is its own copy: other loaders of the request are unaffected", async () => {
    const loaderArgs = signedIn()
    await rootAuthLoader(
      loaderArgs,
      ({ request }) => {
        ;(request.auth as { userId: string | null }).userId = 'user_tampered'
        return {}
      },
      options(),
    )
    expect((await getAuth(loaderArgs, options())).userId).toBe(instance.userId)
  })

  it('options as the second argument when there is no callback', async () => {
    const response = await rootAuthLoader(
      args(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) })),
      options(),
    )
    expect(
      (
        ((await response.json()) as ClerkStateBody).clerkState.__internal_clerk_state.__clerk_ssr_state as {
          userId: string
        }
      ).userId,
    ).toBe(instance.userId)
  })
})
