// getAuth(args, options?) with tokens minted by the real local backend: auth objects, has() with real
// organization tokens (claims v1 and v2), getToken through the Backend API, memoization per Request,
// the body left alone, misuse errors, and every verification reason as a loader sees it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { getAuth } from '../../src/ssr.server.js'
import type { GetAuthOptions } from '../../src/remix/types.js'
import { signatureCheckCount } from '../../src/jwt/verifyJwt.js'
import { refusedPort } from '../helpers/recordingServer.js'
import {
  FAPI_HOST,
  createTestKey,
  nowSeconds,
  sessionClaims,
  signToken,
  type TestKey,
} from '../helpers/sessionTokens.js'
import { refusalCases } from '../jwt/refusalCases.js'
import { CHECKED_BINDING_COOKIE, withBindingChecked } from '../helpers/handshakeBinding.js'
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

const PAGE = 'http://127.0.0.1:3000/dashboard'

let v2: LocalInstance
let v1: LocalInstance
let proxy: CountingProxy
let rs256: TestKey
let otherKey: TestKey

beforeAll(async () => {
  ;[v2, v1, rs256, otherKey] = await Promise.all([
    startLocalInstance(),
    startLocalInstance({ tokenVersion: 1 }),
    createTestKey('ins_rs256'),
    createTestKey('ins_other'),
  ])
  proxy = await startCountingProxy(v2.local.fetch)
})
afterAll(async () => {
  await Promise.all([v2?.close(), v1?.close(), proxy?.close()])
})
beforeEach(() => {
  resetProcessState()
  proxy.reset()
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** Networkless verification, Backend API calls through the counting proxy. */
const optionsV2 = (): GetAuthOptions => ({ ...v2.options, apiUrl: proxy.url })
const signedInRequest = async (
  instance: LocalInstance,
  sessionId: string,
  init: { method?: string; body?: BodyInit } = {},
) => requestWith(PAGE, { ...init, headers: NAVIGATION, cookies: sessionCookies(await instance.mint(sessionId)) })
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('a signed-in request', () => {
  it('gives the auth object of the session (claims v2)', async () => {
    const token = await v2.mint(v2.orgSessionId)
    const auth = await getAuth(
      args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) })),
      optionsV2(),
    )
    expect(auth).toMatchObject({
      tokenType: 'session_token',
      isAuthenticated: true,
      userId: v2.userId,
      sessionId: v2.orgSessionId,
      sessionStatus: 'active',
      orgId: v2.orgId,
      orgSlug: 'acme',
      orgRole: 'org:admin',
      factorVerificationAge: [0, -1],
      sessionClaims: claimsOf(token),
    })
    expect([...auth.orgPermissions!].sort()).toEqual(['org:invoices:pay', 'org:invoices:read'])
    expect(auth.debug()).toMatchObject({
      secretKey: 'sk_live',
      jwtKey: '-----BE',
      sessionToken: token.slice(0, 7),
      publishableKey: v2.local.publishableKey,
    })
  })

  it('gives the same fields from claims v1', async () => {
    const auth = await getAuth(args(await signedInRequest(v1, v1.orgSessionId)), v1.options)
    expect(auth).toMatchObject({
      userId: v1.userId,
      sessionId: v1.orgSessionId,
      orgId: v1.orgId,
      orgSlug: 'acme',
      orgRole: 'org:admin',
    })
    expect([...auth.orgPermissions!].sort()).toEqual(['org:invoices:pay', 'org:invoices:read'])
  })

  it.each([
    ['v2', () => v2],
    ['v1', () => v1],
  ])('has(): the matrix on a real organization token (%s)', async (_version, instance) => {
    const { options, orgSessionId, sessionId } = instance()
    const admin = await getAuth(args(await signedInRequest(instance(), orgSessionId)), options)
    const personal = await getAuth(args(await signedInRequest(instance(), sessionId)), options)
    const signedOut = await getAuth(args(requestWith(PAGE, { headers: FETCH })), options)
    const checks = [
      { role: 'org:admin' },
      { role: 'admin' },
      { role: 'org:member' },
      { permission: 'org:invoices:pay' },
      { permission: 'invoices:read' },
      { permission: 'org:invoices:refund' },
      { role: 'org:admin', permission: 'org:invoices:read' },
      { role: 'org:admin', permission: 'org:invoices:refund' },
      { reverification: 'strict' as const },
      { role: 'org:admin', reverification: { level: 'first_factor' as const, afterMinutes: 5 } },
      { plan: 'pro' },
      {},
    ]
    expect(checks.map((check) => admin.has(check))).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      false,
    ])
    expect(checks.map((check) => personal.has(check))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ])
    expect(checks.map((check) => signedOut.has(check))).toEqual(Array(checks.length).fill(false))
  })

  it('getToken() is the session token, with no Backend API call', async () => {
    const token = await v2.mint(v2.sessionId)
    const auth = await getAuth(args(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) })), optionsV2())
    expect(await auth.getToken()).toBe(token)
    expect(proxy.calls).toEqual([])
  })

  it('getToken({ template }) mints through the Backend API; ten parallel loaders make one call', async () => {
    const token = await v2.mint(v2.sessionId)
    const auths = await Promise.all(
      Array.from({ length: 10 }, () =>
        getAuth(args(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) })), optionsV2()),
      ),
    )
    const minted = await Promise.all(auths.map((auth) => auth.getToken({ template: 'test' })))
    expect(proxy.count('POST', `/v1/sessions/${v2.sessionId}/tokens/test`)).toBe(1)
    expect(proxy.calls).toHaveLength(1)
    expect(new Set(minted).size).toBe(1)
    const { payload, protectedHeader } = await jwtVerify(minted[0]!, createLocalJWKSet({ keys: v2.local.jwks.keys }))
    expect(payload).toMatchObject({ sub: v2.userId, email: 'ada@example.com' })
    expect(protectedHeader.cat).toBe('cl_B7d4PD222AAA')
  })

  it('getToken({ expiresInSeconds }) mints a session token with that lifetime', async () => {
    const auth = await getAuth(args(await signedInRequest(v2, v2.sessionId)), optionsV2())
    const minted = await auth.getToken({ expiresInSeconds: 120 })
    const claims = claimsOf(minted!)
    expect((claims.exp as number) - (claims.iat as number)).toBe(120)
    expect(proxy.count('POST', `/v1/sessions/${v2.sessionId}/tokens`)).toBe(1)
  })

  it('a pending session (sts: pending) counts as signed out', async () => {
    const token = await signToken(rs256, sessionClaims({ sts: 'pending' }))
    const auth = await getAuth(
      args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })),
      ownKeyOptions(),
    )
    expect(auth).toMatchObject({ isAuthenticated: false, userId: null, sessionId: null, sessionStatus: 'pending' })
    expect(await auth.getToken()).toBeNull()
  })
})

describe('per Request', () => {
  it('the same Request again costs no verification and gives an equal, separate object', async () => {
    const request = await signedInRequest(v2, v2.sessionId)
    const options = optionsV2()
    const before = signatureCheckCount()
    const first = await getAuth(args(request), options)
    // Again with the same options object, with an equal one, and in parallel.
    const again = await Promise.all([
      getAuth(args(request), options),
      getAuth(args(request), optionsV2()),
      getAuth(args(request), options),
    ])
    expect(signatureCheckCount() - before).toBe(1)
    for (const auth of again) {
      expect(auth).not.toBe(first)
      expect(auth).toEqual(first)
    }
  })

  it('is remembered on the Request itself, invisibly, and on a Request that takes no properties too (frozen as well)', async () => {
    // Every lookup of a variable in the load context is recorded: a call answered from the memo loads no options.
    const reads: string[] = []
    const env = new Proxy({}, { get: (_target, name) => void reads.push(String(name)) })
    for (const lock of [(request: Request) => request, Object.preventExtensions, Object.freeze]) {
      const request = await signedInRequest(v2, v2.sessionId)
      const ownKeys = Reflect.ownKeys(request)
      lock(request)
      const loaderArgs = args(request, { cloudflare: { env } })
      const options = optionsV2()
      reads.length = 0
      const first = await getAuth(loaderArgs, options)
      expect(reads).toEqual(['CLERK_PROXY_URL', 'CLERK_DOMAIN', 'CLERK_IS_SATELLITE', 'CLERK_TRUST_FORWARDED_HOST'])
      const again = await getAuth(loaderArgs, options)
      expect(reads).toHaveLength(4)
      expect(again).toEqual(first)
      expect(again).not.toBe(first)
      expect(first.userId).toBe(v2.userId)
      // Nothing any reflection sees (a private field): no key and no symbol, so spreads, keys and JSON see nothing either.
      expect(Reflect.ownKeys(request)).toEqual(ownKeys)
    }
  })

  it('parallel loaders with new Requests for one page share one verification', async () => {
    const token = await v2.mint(v2.sessionId)
    const before = signatureCheckCount()
    const auths = await Promise.all(
      Array.from({ length: 8 }, () =>
        getAuth(args(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) })), optionsV2()),
      ),
    )
    expect(signatureCheckCount() - before).toBe(1)
    expect(auths.map((auth) => auth.userId)).toEqual(Array(8).fill(v2.userId))
  })

  it('options that change the outcome are not mixed up: another authorizedParties on the same Request', async () => {
    const request = await signedInRequest(v2, v2.sessionId)
    const open = await getAuth(args(request), optionsV2())
    const strict = await getAuth(args(request), { ...optionsV2(), authorizedParties: ['https://only.example'] })
    expect([open.isAuthenticated, strict.isAuthenticated]).toEqual([true, false])
    expect(strict.debug()).toMatchObject({ reason: 'token-invalid-authorized-parties' })
  })

  it('never touches the body: an action can read its form data after getAuth', async () => {
    const form = new FormData()
    form.set('title', 'Hello')
    form.set('count', '3')
    const request = await signedInRequest(v2, v2.sessionId, { method: 'POST', body: form })
    const auth = await getAuth(args(request), optionsV2())
    expect(auth.userId).toBe(v2.userId)
    expect(request.bodyUsed).toBe(false)
    expect(Object.fromEntries(await request.formData())).toEqual({ title: 'Hello', count: '3' })
  })
})

describe('redirects', () => {
  it('a navigation that needs a handshake throws a 307 Response that Remix sends as is', async () => {
    const old = await v2.mint(v2.sessionId, { offsetMs: -120_000 })
    const thrown = await rejection(
      getAuth(args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(old) })), optionsV2()),
    )
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toMatch(new RegExp(`^${v2.url}/v1/client/handshake\\?redirect_url=`))
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(withBindingChecked(response.headers).getSetCookie()).toEqual([
      '__clerk_redirect_count=1; Max-Age=2; HttpOnly; SameSite=Lax',
      CHECKED_BINDING_COOKIE,
    ])
    expect(response.headers.get('x-clerk-auth-status')).toBe('handshake')
  })

  it('a fetch with the same expired cookie is signed out instead, with the reason in debug()', async () => {
    const old = await v2.mint(v2.sessionId, { offsetMs: -120_000 })
    const auth = await getAuth(args(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(old) })), optionsV2())
    expect(auth).toMatchObject({ isAuthenticated: false, userId: null })
    expect(auth.debug()).toMatchObject({
      status: 'signed-out',
      reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
      message: expect.stringMatching(/^JWT is expired\. .* \(reason=token-expired, token-carrier=cookie\)$/),
    })
  })
})

// ---------------------------------------------------------------------------------------------------

/** An instance whose key is `rs256`, for hand-made hostile tokens. */
function ownKeyOptions(extra: GetAuthOptions = {}): GetAuthOptions {
  return {
    secretKey: 'sk_live_own',
    publishableKey: `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`,
    jwtKey: rs256.pem,
    ...extra,
  }
}

describe('every verification reason, as a loader sees it', () => {
  const refusals = refusalCases(() => ({ rs256, otherKey })).filter((refusal) => !refusal.keyless)

  it.each(refusals)('$name → signed out, $reason', async ({ token, options, reason, message, action }) => {
    const request = requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${await token()}` } })
    const auth = await getAuth(args(request), ownKeyOptions(options as GetAuthOptions))
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.debug()).toMatchObject({
      reason,
      message: `${action ? `${message} ${action}` : message} (reason=${reason}, token-carrier=header)`,
    })
  })

  it.each([
    [
      'expired',
      { exp: nowSeconds() - 60 },
      'session-token-expired-refresh-non-eligible-no-refresh-cookie',
      'token-expired',
    ],
    ['not active yet', { nbf: nowSeconds() + 60 }, 'session-token-nbf', 'token-not-active-yet'],
    [
      'issued in the future',
      { iat: nowSeconds() + 60, nbf: undefined },
      'session-token-iat-in-the-future',
      'token-iat-in-the-future',
    ],
  ])('%s → signed out (%s) on a fetch', async (_name, claims, reason, tokenReason) => {
    const token = await signToken(rs256, sessionClaims(claims))
    const auth = await getAuth(
      args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })),
      ownKeyOptions(),
    )
    expect(auth.debug()).toMatchObject({
      reason,
      message: expect.stringContaining(`(reason=${tokenReason}, token-carrier=header)`),
    })
  })

  it('jwk-kid-mismatch: a kid the instance JWKS does not have', async () => {
    const listening = await startLocalInstance({ listen: true })
    try {
      const token = await signToken({ ...rs256, kid: 'ins_unknown' }, sessionClaims())
      const auth = await getAuth(
        args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })),
        listening.jwksOptions,
      )
      expect(auth.debug()).toMatchObject({
        reason: 'jwk-kid-mismatch',
        message: expect.stringMatching(/^Unable to find a signing key in JWKS that matches the kid='ins_unknown'/),
      })
    } finally {
      await listening.close()
    }
  })

  it('secret-key-invalid: the Backend API refuses the secret key (which appears nowhere)', async () => {
    const listening = await startLocalInstance({ listen: true })
    try {
      const token = await listening.mint(listening.sessionId)
      const wrong = 'sk_live_thisisnotthekey0000'
      const auth = await getAuth(args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })), {
        ...listening.jwksOptions,
        secretKey: wrong,
      })
      const debug = auth.debug()
      expect(debug).toMatchObject({ reason: 'secret-key-invalid', secretKey: 'sk_live' })
      expect(JSON.stringify(debug)).not.toContain(wrong)
    } finally {
      await listening.close()
    }
  })

  it('jwk-remote-failed-to-load: the Backend API is unreachable', async () => {
    const token = await v2.mint(v2.sessionId)
    const apiUrl = `http://127.0.0.1:${await refusedPort()}`
    const auth = await getAuth(args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })), {
      secretKey: v2.local.secretKey,
      publishableKey: v2.local.publishableKey,
      apiUrl,
    })
    expect(auth.debug()).toMatchObject({
      reason: 'jwk-remote-failed-to-load',
      message: expect.stringContaining(`Error loading Clerk JWKS from ${apiUrl}/v1/jwks`),
    })
  })
})

describe('misuse', () => {
  // A new object each time: process.env is read once per options object, and these tests change it.
  const valid = () => ({ ...v2.options })
  it.each([
    ['no arguments', undefined],
    ['an empty object', {}],
    ['a request that is not one', { request: 'http://x' }],
    ['the request alone', new Request(PAGE)],
  ])('%s → an error that shows the call to make', async (_name, given) => {
    await expect(getAuth(given as never, valid())).rejects.toMatchObject({
      code: 'REMIX_CLERK_MISSING_LOADER_ARGS',
      message:
        'remix-clerk: getAuth() needs the arguments Remix passes to your loader or action (an object with `request`). Call it as `export const loader = async (args) => { const auth = await getAuth(args); … }`.',
    })
  })

  it('no secret key anywhere → names CLERK_SECRET_KEY', async () => {
    vi.stubEnv('CLERK_SECRET_KEY', '')
    await expect(getAuth(args(new Request(PAGE)), { publishableKey: v2.local.publishableKey })).rejects.toMatchObject({
      code: 'REMIX_CLERK_MISSING_SECRET_KEY',
      message: expect.stringContaining('Set the CLERK_SECRET_KEY environment variable'),
    })
  })

  it('no publishable key anywhere → names CLERK_PUBLISHABLE_KEY', async () => {
    vi.stubEnv('CLERK_PUBLISHABLE_KEY', '')
    await expect(getAuth(args(new Request(PAGE)), { secretKey: v2.local.secretKey })).rejects.toMatchObject({
      code: 'REMIX_CLERK_MISSING_PUBLISHABLE_KEY',
      message: expect.stringContaining('Set the CLERK_PUBLISHABLE_KEY environment variable'),
    })
  })

  it.each([
    ['not a key', 'hello', 'Publishable key not valid.'],
    ['a secret key in its place', 'sk_live_abc', 'Publishable key not valid.'],
    ['an undecodable key', 'pk_live_%%%', 'Publishable key not valid: Failed to decode key.'],
    [
      'a host without a dot',
      `pk_live_${btoa('localhost:3000$')}`,
      'Publishable key not valid: Decoded key has invalid format.',
    ],
  ])(
    'a bad publishable key (%s) → names CLERK_PUBLISHABLE_KEY, never echoes the secret key',
    async (_name, publishableKey, problem) => {
      const error = await rejection(getAuth(args(new Request(PAGE)), { secretKey: v2.local.secretKey, publishableKey }))
      expect(error).toMatchObject({ code: 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY' })
      expect((error as Error).message).toBe(
        `${problem} Set CLERK_PUBLISHABLE_KEY (or the publishableKey option) to the publishable key (pk_test_… or pk_live_…) from the API keys page of the Clerk Dashboard.`,
      )
      expect((error as Error).message).not.toContain(v2.local.secretKey)
    },
  )

  it('a publishable key in place of the secret key → says so without echoing it', async () => {
    const error = await rejection(
      getAuth(args(new Request(PAGE)), { secretKey: v2.local.publishableKey, publishableKey: v2.local.publishableKey }),
    )
    expect(error).toMatchObject({
      code: 'REMIX_CLERK_INVALID_SECRET_KEY',
      message: expect.stringContaining('The Clerk secret key is a publishable key (pk_…).'),
    })
    expect((error as Error).message).not.toContain(v2.local.publishableKey)
  })

  it('isSatellite (option, function or CLERK_IS_SATELLITE) without domain or proxyUrl → says which to set', async () => {
    const refused = {
      code: 'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      message: expect.stringContaining('neither domain (CLERK_DOMAIN) nor proxyUrl (CLERK_PROXY_URL)'),
    }
    await expect(getAuth(args(new Request(PAGE)), { ...valid(), isSatellite: true })).rejects.toMatchObject(refused)
    await expect(
      getAuth(args(new Request(PAGE)), { ...valid(), isSatellite: (url) => url.hostname === '127.0.0.1' }),
    ).rejects.toMatchObject(refused)
    vi.stubEnv('CLERK_IS_SATELLITE', 'TRUE')
    await expect(getAuth(args(new Request(PAGE)), valid())).rejects.toMatchObject(refused)
    vi.stubEnv('CLERK_DOMAIN', 'satellite.example')
    expect((await getAuth(args(new Request(PAGE)), valid())).isAuthenticated).toBe(false)
    vi.stubEnv('CLERK_IS_SATELLITE', 'false')
    vi.stubEnv('CLERK_DOMAIN', '')
    expect((await getAuth(args(new Request(PAGE)), valid())).isAuthenticated).toBe(false)
  })
})
