// The scenarios every runtime suite runs, over HTTP, against the app of test/crossCutting/runtimes/app served by that runtime
// and the real local backend: sign-in by cookie and by Bearer token with jwtKey and with the JWKS,
// getToken({ template }), createClerkClient(...).sessions.getToken, an expired token on a page load (refreshed on the
// server with the `__refresh` cookie; without it, a 307 to the local Frontend API's handshake), a form POST whose body the action still reads after getAuth,
// and a webhook of the local backend checked by verifyWebhook.
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLERK_MIDDLEWARE_PREFIX, MIDDLEWARE_PREFIX } from './app/reactRouterBuild.js'
import { TEMPLATE } from './app/routes.js'
import { startScenarioBackend, type ScenarioBackend } from './backend.js'
import { withoutBinding } from '../../helpers/handshakeBinding.js'

/** The Cookie header without `__refresh_<suffix>`: a browser whose sign-in set none (ClerkJS's). */
function withoutRefreshCookie(headers: Headers): string {
  return headers
    .get('cookie')!
    .split('; ')
    .filter((cookie) => !cookie.startsWith('__refresh_'))
    .join('; ')
}

export interface RunningApp {
  url: string
  close(): Promise<void>
}

export interface Variant {
  name: string
  /** Path prefix of this variant's routes. */
  prefix: string
  /** Whether React Router's middleware runs (the document says so). */
  middleware: boolean
  /** Whether the routes authenticate through remix-clerk/react-router's clerkMiddleware (else remix-clerk/ssr.server). */
  clerkMiddleware?: boolean
}

export const REACT_ROUTER_VARIANTS: Variant[] = [
  { name: 'React Router 7', prefix: '', middleware: false },
  { name: 'React Router 7 with future.v8_middleware', prefix: MIDDLEWARE_PREFIX, middleware: true },
  {
    name: 'React Router 7 with remix-clerk/react-router clerkMiddleware',
    prefix: CLERK_MIDDLEWARE_PREFIX,
    middleware: true,
    clerkMiddleware: true,
  },
]

export interface RuntimeUnderTest {
  name: string
  /** Why the runtime cannot start here (the suite is skipped, or fails under CI=true), else undefined. */
  unavailable: string | undefined
  /** Starts the runtime serving the app, with the backend's keys handed over this runtime's way. */
  start(backend: ScenarioBackend): Promise<RunningApp>
  variants: Variant[]
  /** What getAuth(args) with no options at all finds: the session, or an error whose message matches. */
  withoutOptions(variant: Variant): 'signed-in' | RegExp
  /** Tests of this runtime alone, registered inside its describe. */
  more?(state: () => { backend: ScenarioBackend; app: RunningApp }): void
}

interface Answer {
  loader: Record<string, unknown> | null
  action: Record<string, unknown> | null
  middleware: boolean
  error?: string
}

/** A browser's page load: a document request. */
const DOCUMENT = {
  accept: 'text/html,application/xhtml+xml',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
}

export function describeRuntime(runtime: RuntimeUnderTest): void {
  describe.skipIf(runtime.unavailable !== undefined)(runtime.name, () => {
    let backend: ScenarioBackend
    let app: RunningApp

    beforeAll(async () => {
      backend = await startScenarioBackend()
      app = await runtime.start(backend)
    }, 60_000)
    afterAll(async () => {
      await app?.close()
      await backend?.close()
    })

    const page = (variant: Variant, path: string) => `${app.url}${variant.prefix}/${path}`

    async function load(
      variant: Variant,
      path: string,
      init: RequestInit = {},
    ): Promise<{ response: Response; answer: Answer }> {
      const response = await fetch(page(variant, path), { redirect: 'manual', ...init })
      const text = await response.text()
      let answer: Answer
      try {
        answer = JSON.parse(text) as Answer
      } catch {
        throw new Error(`${runtime.name}: ${response.status} from ${path} is not JSON: ${text.slice(0, 500)}`)
      }
      if (answer.error !== undefined && response.status >= 500)
        throw new Error(`${runtime.name}: ${path} failed: ${answer.error}`)
      return { response, answer }
    }

    async function signedInLoad(variant: Variant, path: string, via: 'cookies' | 'authorization') {
      const session = await backend.signIn(page(variant, path), via)
      const headers = new Headers(via === 'cookies' ? DOCUMENT : { accept: 'application/json' })
      for (const [name, value] of session.headers) headers.set(name, value)
      const { response, answer } = await load(variant, path, { headers })
      expect(response.status).toBe(200)
      expect(answer.middleware).toBe(variant.middleware)
      return { session, answer }
    }

    /** The Backend API calls made while `run` ran (calls are never reset: the JWKS is fetched once per suite). */
    async function callsDuring<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
      const before = backend.proxy.calls.length
      const result = await run()
      return { result, calls: backend.proxy.calls.slice(before) }
    }

    for (const variant of runtime.variants) {
      describe(variant.name, () => {
        it.each(['cookies', 'authorization'] as const)(
          'signs in by %s with jwtKey, with no Backend API call',
          async (via) => {
            const { result, calls } = await callsDuring(() => signedInLoad(variant, 'jwt-key', via))
            expect(result.answer.loader).toEqual({ userId: result.session.userId, sessionId: result.session.sessionId })
            expect(calls).toEqual([])
          },
        )

        it.each(['cookies', 'authorization'] as const)(
          'signs in by %s with the JWKS from the Backend API',
          async (via) => {
            const { session, answer } = await signedInLoad(variant, 'jwks', via)
            expect(answer.loader).toEqual({ userId: session.userId, sessionId: session.sessionId })
            // Fetched once per process and instance: by this request or an earlier one of this suite.
            expect(backend.proxy.count('GET', '/v1/jwks')).toBeGreaterThanOrEqual(1)
          },
        )

        it('rootAuthLoader gives the page its data and clerkState', async () => {
          const { session, answer } = await signedInLoad(variant, 'root-auth-loader', 'cookies')
          expect(answer.loader).toMatchObject({
            userId: session.userId,
            clerkState: {
              __internal_clerk_state: { __clerk_ssr_state: { userId: session.userId, sessionId: session.sessionId } },
            },
          })
        })

        it('getToken({ template }) mints a template token through the Backend API', async () => {
          const { session, answer } = await signedInLoad(variant, 'template-token', 'cookies')
          await expectTemplateToken(answer.loader?.token, session.userId)
        })

        it('createClerkClient(...).sessions.getToken mints one too', async () => {
          const { result, calls } = await callsDuring(() => signedInLoad(variant, 'client-token', 'authorization'))
          await expectTemplateToken(result.answer.loader?.jwt, result.session.userId)
          expect(calls).toContain(`POST /v1/sessions/${result.session.sessionId}/tokens/${TEMPLATE}`)
        })

        it('an expired token with its __refresh cookie on a page load → refreshed on the server: signed in, no redirect', async () => {
          const url = page(variant, 'jwks')
          const { headers, sessionId } = await backend.signInExpired(url)
          const { result, calls } = await callsDuring(() =>
            load(variant, 'jwks', { headers: { ...DOCUMENT, cookie: headers.get('cookie')! } }),
          )
          expect(result.response.status).toBe(200)
          expect(result.answer.loader).toMatchObject({ sessionId })
          expect(calls).toContain(`POST /v1/sessions/${sessionId}/refresh`)
        })

        it("an expired token without the __refresh cookie on a page load → 307 to the local Frontend API's handshake", async () => {
          const url = page(variant, 'jwks')
          const { headers } = await backend.signInExpired(url)
          const response = await fetch(url, {
            redirect: 'manual',
            headers: { ...DOCUMENT, cookie: withoutRefreshCookie(headers) },
          })
          expect(response.status).toBe(307)
          const location = new URL(response.headers.get('location')!)
          expect(`${location.origin}${location.pathname}`).toBe(`${backend.clerk.frontendApiUrl}/v1/client/handshake`)
          // The way back carries the value that binds the handshake to this browser (src/auth/handshakeBinding.ts).
          expect(withoutBinding(location.searchParams.get('redirect_url')!)).toBe(url)
          expect(response.headers.get('cache-control')).toBe('no-store')
        })

        it('a form POST: the action reads its body after getAuth', async () => {
          const url = page(variant, 'form')
          const { userId, headers } = await backend.signIn(url, 'cookies')
          headers.set('content-type', 'application/x-www-form-urlencoded')
          for (const [name, value] of Object.entries(DOCUMENT)) headers.set(name, value)
          const { response, answer } = await load(variant, 'form', {
            method: 'POST',
            headers,
            body: new URLSearchParams({ title: 'Hello from a form' }).toString(),
          })
          expect(response.status).toBe(200)
          expect(answer.action).toEqual({ userId, title: 'Hello from a form' })
        })

        if (variant.clerkMiddleware) {
          it('clerkMiddleware appends what authentication says to the response: the refreshed cookies, the signed-out status', async () => {
            const url = page(variant, 'jwks')
            const { headers, sessionId } = await backend.signInExpired(url)
            const refreshed = await load(variant, 'jwks', { headers: { ...DOCUMENT, cookie: headers.get('cookie')! } })
            expect(refreshed.answer.loader).toMatchObject({ sessionId })
            expect(refreshed.response.headers.getSetCookie().some((cookie) => cookie.startsWith('__session'))).toBe(
              true,
            )
            const signedOut = await load(variant, 'jwks', { headers: { accept: 'application/json' } })
            expect(signedOut.answer.loader).toEqual({ userId: null, sessionId: null })
            expect(signedOut.response.headers.get('x-clerk-auth-status')).toBe('signed-out')
            expect(signedOut.response.headers.get('x-clerk-auth-reason')).toBe('session-token-and-uat-missing')
          })

          it('rootAuthLoader hands plain data to the page (no Response), clerkState without a token', async () => {
            const { session, answer } = await signedInLoad(variant, 'root-auth-loader', 'cookies')
            const state = (answer.loader?.clerkState as { __internal_clerk_state: Record<string, unknown> })
              .__internal_clerk_state
            expect(state.__publishableKey).toBe(backend.keys.publishableKey)
            expect(JSON.stringify(answer.loader)).not.toContain(session.token)
          })
        }

        if (variant.middleware && !variant.clerkMiddleware) {
          it('getAuth in a route middleware: signed in, and a 307 to the handshake for an expired token', async () => {
            const { session, answer } = await signedInLoad(variant, 'middleware-auth', 'cookies')
            expect(answer.loader).toEqual({ userId: session.userId })
            const url = page(variant, 'middleware-auth')
            const { headers } = await backend.signInExpired(url)
            const response = await fetch(url, {
              redirect: 'manual',
              headers: { ...DOCUMENT, cookie: withoutRefreshCookie(headers) },
            })
            expect(response.status).toBe(307)
            expect(response.headers.get('location')).toMatch(/\/v1\/client\/handshake\?/)
          })
        }

        it('machine tokens by Bearer: each kind where any is accepted; a kind not accepted refused', async () => {
          const tokens = await backend.machineTokens()
          const ask = async (path: string, token: string) =>
            (await load(variant, path, { headers: { authorization: `Bearer ${token}` } })).answer.loader
          const { userId, machineId } = tokens
          const signedIn = { isAuthenticated: true, reason: null }
          expect(await ask('machine', tokens.apiKey)).toEqual({
            ...signedIn,
            tokenType: 'api_key',
            subject: userId,
            userId,
          })
          expect(await ask('machine', tokens.m2m)).toEqual({
            ...signedIn,
            tokenType: 'm2m_token',
            subject: machineId,
            userId: null,
          })
          expect(await ask('machine', tokens.m2mJwt)).toEqual({
            ...signedIn,
            tokenType: 'm2m_token',
            subject: machineId,
            userId: null,
          })
          expect(await ask('machine', tokens.oauth)).toEqual({
            ...signedIn,
            tokenType: 'oauth_token',
            subject: userId,
            userId,
          })
          expect(await ask('machine', tokens.oauthJwt)).toEqual({
            ...signedIn,
            tokenType: 'oauth_token',
            subject: userId,
            userId,
          })
          expect(await ask('api-key', tokens.m2m)).toEqual({
            tokenType: 'api_key',
            isAuthenticated: false,
            subject: null,
            userId: null,
            reason: 'token-type-mismatch',
          })
          expect(await ask('api-key', 'ak_unknown')).toMatchObject({
            tokenType: 'api_key',
            isAuthenticated: false,
            reason: 'token-invalid',
          })
        })

        it("verifyWebhook accepts the local backend's webhook, and refuses it changed", async () => {
          const { headers, body } = await backend.webhookDelivery()
          const post = (sent: string) => load(variant, 'webhook', { method: 'POST', headers, body: sent })
          expect((await post(body)).answer.action).toEqual({
            type: 'user.created',
            id: expect.stringMatching(/^user_/),
          })
          expect((await post(body.replace('"object":"user"', '"object":"person"'))).answer.action).toEqual({
            refused: 'invalid-signature',
          })
        })

        const expected = runtime.withoutOptions(variant)
        it(`getAuth(args) with no options ${expected === 'signed-in' ? 'finds the keys by itself' : 'says where to put the keys'}`, async () => {
          const session = await backend.signIn(page(variant, 'environment'), 'authorization')
          const { answer } = await load(variant, 'environment', { headers: session.headers })
          if (expected === 'signed-in')
            expect(answer.loader).toEqual({ userId: session.userId, sessionId: session.sessionId })
          else expect(answer.loader?.error).toMatch(expected)
        })
      })
    }

    runtime.more?.(() => ({ backend, app }))

    /** A token of the seeded template, for this user, signed by the instance. */
    async function expectTemplateToken(token: unknown, userId: string) {
      expect(typeof token).toBe('string')
      const { payload } = await jwtVerify(token as string, createLocalJWKSet(backend.clerk.jwks))
      expect(payload).toMatchObject({ email: 'runtimes@example.com', runtimes: true, sub: userId })
    }
  })
}
