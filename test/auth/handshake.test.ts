// Coming back from the Frontend API: a nonce redeemed through the Backend API (a real HTTP server), or a
// signed handshake token. Either way the answer is a 307 to the clean URL carrying every cookie, and a
// failed nonce or token never loops on the same URL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../src/auth/authenticate.js'
import { PAGE_BLOCKING_TIMEOUT_MS, clerkInstanceFor, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import type { RequestState } from '../../src/auth/requestState.js'
import { signatureCheckCount } from '../../src/jwt/verifyJwt.js'
import { refusedPort, startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import {
  FAPI_HOST,
  createTestKey,
  nowSeconds,
  sessionClaims,
  signToken,
  type TestKey,
} from '../helpers/sessionTokens.js'
import { BINDING_COOKIES, TEST_BINDING, bound, withBindingChecked } from '../helpers/handshakeBinding.js'
import {
  FETCH,
  NAVIGATION,
  claimsOf,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'
import { resetProcessState } from '../../src/shared/processState.js'

const PAGE = 'http://127.0.0.1:3000/dashboard?tab=1'
const CLEAN = '/dashboard?tab=1'
const PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`

let local: LocalInstance
let bapi: RecordingServer
let key: TestKey
let otherKey: TestKey

beforeAll(async () => {
  ;[local, bapi, key, otherKey] = await Promise.all([
    startLocalInstance({ listen: true }),
    startRecordingServer(),
    createTestKey('ins_hs'),
    createTestKey('ins_other'),
  ])
})
afterAll(async () => {
  await Promise.all([local?.close(), bapi?.close()])
})
beforeEach(() => {
  resetProcessState()
  bapi.reset()
})
afterEach(() => vi.restoreAllMocks())

/** An instance whose keys are ours (so tests can sign handshake tokens) and whose Backend API is `apiUrl`. */
function options(apiUrl = bapi.url): AuthenticateOptions {
  // The Frontend API of the test tokens' issuer, so their plain cookies count as this instance's.
  return { secretKey: 'sk_live_handshake_test', publishableKey: PUBLISHABLE_KEY, jwtKey: key.pem, apiUrl }
}

async function stateFor(request: Request, given: AuthenticateOptions = options()): Promise<RequestState> {
  return authenticateRequest(request, await clerkInstanceFor(given))
}

/** The Set-Cookie values of the state, but for the binding cookie's (its own test is below). */
function setCookies(state: RequestState): string[] {
  return (state.headers?.getSetCookie() ?? []).filter((cookie) => !cookie.startsWith('__clerk_handshake_binding='))
}

function setCookiesWithBinding(state: RequestState): string[] {
  return state.headers?.getSetCookie() ?? []
}

/** A request coming back from the Frontend API to the browser the app sent there (bound, see handshakeBinding.ts). */
function back(url: string, init: Parameters<typeof requestWith>[1] = {}): Request {
  return requestWith(bound(url), { ...init, cookies: { ...init.cookies, ...BINDING_COOKIES } })
}

async function signedInDirectives(claims = sessionClaims()): Promise<{ token: string; directives: string[] }> {
  const token = await signToken(key, claims)
  return {
    token,
    directives: [
      `__session=${token}; Path=/; SameSite=Lax`,
      `__client_uat=${claims.iat as number}; Path=/; Max-Age=31536000; SameSite=Lax`,
      '__clerk_db_jwt=; Path=/; Max-Age=0',
    ],
  }
}

describe('a nonce', () => {
  it('is redeemed through the Backend API; every directive becomes a Set-Cookie on a 307 to the clean URL', async () => {
    const { token, directives } = await signedInDirectives()
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const state = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_1&__clerk_help=1`, { headers: NAVIGATION }))

    expect({ status: state.status, token: state.token }).toEqual({ status: 'signed-in', token })
    expect(state.headers?.get('location')).toBe(CLEAN)
    expect(state.headers?.get('cache-control')).toBe('no-store')
    expect(setCookies(state)).toEqual(directives)
    expect(state.toAuth()).toMatchObject({ userId: 'user_2xyz', sessionId: 'sess_2abc' })
    expect(bapi.requests).toHaveLength(1)
    expect(bapi.last()).toMatchObject({
      method: 'GET',
      path: '/v1/clients/handshake_payload',
      query: { nonce: ['n_1'] },
      headers: { authorization: 'Bearer sk_live_handshake_test' },
    })
  })

  it('seen by five loaders at once (five Requests) is redeemed once, and they all get the cookies', async () => {
    const { directives } = await signedInDirectives()
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives }, delayMs: 50 })
    const states = await Promise.all(
      Array.from({ length: 5 }, () => stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_2`, { headers: NAVIGATION }))),
    )
    expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(1)
    expect(states.map(setCookies)).toEqual(Array(5).fill(directives))
    expect(states.map((state) => state.headers?.get('location'))).toEqual(Array(5).fill(CLEAN))
  })

  it('is not redeemed twice by one process: a replay after the first answer asks the Backend API again', async () => {
    const { directives } = await signedInDirectives()
    bapi.on(
      'GET',
      '/v1/clients/handshake_payload',
      { json: { directives } },
      { status: 400, json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] } },
    )
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const first = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_3`, { headers: NAVIGATION }))
    const replay = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_3`, { headers: NAVIGATION }))
    expect(setCookies(first)).toEqual(directives)
    expect(setCookies(replay)).toEqual([])
    expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(2)
  })

  it('that the real local backend does not know → 307 to the clean URL without cookies, logged once without secrets', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const given = { ...options(local.url), secretKey: local.local.secretKey }
    const states = await Promise.all(
      [1, 2, 3].map(() =>
        stateFor(back(`${PAGE}&__clerk_handshake_nonce=unknown_nonce`, { headers: NAVIGATION }), given),
      ),
    )
    for (const state of states) {
      expect({
        status: state.status,
        reason: state.reason,
        location: state.headers?.get('location'),
        cookies: setCookies(state),
      }).toEqual({
        status: 'signed-out',
        reason: 'handshake-failed',
        location: CLEAN,
        cookies: [],
      })
      expect(state.message).toBe('The handshake nonce could not be redeemed: status 400, invalid_nonce, Invalid nonce')
    }
    expect(error).toHaveBeenCalledTimes(1)
    const logged = String(error.mock.calls[0]![0])
    expect(logged).toBe(
      'remix-clerk: The handshake nonce could not be redeemed: status 400, invalid_nonce, Invalid nonce Redirecting to the same page without the handshake parameters.',
    )
    expect(logged).not.toContain(local.local.secretKey)
  })

  it('with the Backend API unreachable → the same clean redirect, no cookies', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const state = await stateFor(
      back(`${PAGE}&__clerk_handshake_nonce=n_4`, { headers: NAVIGATION }),
      options(`http://127.0.0.1:${await refusedPort()}`),
    )
    expect({
      status: state.status,
      reason: state.reason,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-out',
      reason: 'handshake-failed',
      location: CLEAN,
      cookies: [],
    })
    expect(state.message).toMatch(/^The handshake nonce could not be redeemed: network_error, /)
  })

  it('with a Backend API that never answers → the clean redirect once the page-blocking deadline passes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    bapi.on('GET', '/v1/clients/handshake_payload', { hang: true })
    const state = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_5`, { headers: NAVIGATION }))
    expect({
      status: state.status,
      reason: state.reason,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-out',
      reason: 'handshake-failed',
      location: CLEAN,
      cookies: [],
    })
    // The page waited PAGE_BLOCKING_TIMEOUT_MS (3 s), not the client's default 10 s.
    expect(state.message).toMatch(
      new RegExp(`^The handshake nonce could not be redeemed: timeout, .*within ${PAGE_BLOCKING_TIMEOUT_MS} ms`),
    )
    expect(bapi.count('GET', '/v1/clients/handshake_payload')).toBe(1)
  })

  it('in a cookie (not the URL) that fails leaves the request to its other cookies: no redirect loop', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    bapi.on('GET', '/v1/clients/handshake_payload', {
      status: 400,
      json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] },
    })
    const token = await signToken(key)
    const state = await stateFor(
      requestWith(PAGE, {
        headers: NAVIGATION,
        cookies: { ...sessionCookies(token), __clerk_handshake_nonce: 'stale' },
      }),
    )
    expect({ status: state.status, headers: state.headers }).toEqual({ status: 'signed-in', headers: undefined })
  })

  it('with sign-out directives → signed out (session-token-missing), the clearing cookies still sent', async () => {
    const directives = ['__session=; Path=/; Max-Age=0', '__client_uat=0; Path=/; Max-Age=31536000']
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const state = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_5`, { headers: NAVIGATION }))
    expect({
      status: state.status,
      reason: state.reason,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-out',
      reason: 'session-token-missing',
      location: CLEAN,
      cookies: directives,
    })
  })

  it('with an expired session token → signed out with the reason, cookies sent, clock hint logged', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const iat = nowSeconds() - 600
    const { directives } = await signedInDirectives(sessionClaims({ iat, nbf: iat, exp: iat + 60 }))
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const state = await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_6`, { headers: FETCH }))
    expect({
      status: state.status,
      reason: state.reason,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-out',
      reason: 'token-expired',
      location: CLEAN,
      cookies: directives,
    })
    expect(String(error.mock.calls[0]![0])).toMatch(/server clock is probably wrong/)
  })

  it('resolution verifies the new session token once: the redirected request reuses that check', async () => {
    const { token, directives } = await signedInDirectives()
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const before = signatureCheckCount()
    await stateFor(back(`${PAGE}&__clerk_handshake_nonce=n_7`, { headers: NAVIGATION }))
    const after = await stateFor(
      requestWith(`http://127.0.0.1:3000${CLEAN}`, { headers: NAVIGATION, cookies: sessionCookies(token) }),
    )
    expect(after.status).toBe('signed-in')
    expect(signatureCheckCount() - before).toBe(1)
  })

  it('is ignored when the Authorization header carries a token (the header wins)', async () => {
    const token = await signToken(key)
    const state = await stateFor(
      back(`${PAGE}&__clerk_handshake_nonce=n_8`, { headers: { ...FETCH, authorization: `Bearer ${token}` } }),
    )
    expect(state.status).toBe('signed-in')
    expect(bapi.requests).toHaveLength(0)
  })
})

describe('a handshake token (format=token)', () => {
  /** Valid for a minute, as the Frontend API signs it. */
  async function handshakeToken(
    directives: unknown,
    signer = key,
    header: Record<string, unknown> = { cat: undefined },
  ): Promise<string> {
    const iat = Math.floor(Date.now() / 1000)
    return signToken(signer, { handshake: directives, iat, exp: iat + 60 } as Record<string, unknown>, header)
  }

  it('signed by the instance key → its directives as Set-Cookie on the clean redirect, signed in', async () => {
    const { token, directives } = await signedInDirectives()
    const hs = await handshakeToken(directives)
    const state = await stateFor(back(`${PAGE}&__clerk_handshake=${hs}`, { headers: NAVIGATION }))
    expect({
      status: state.status,
      token: state.token,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-in',
      token,
      location: CLEAN,
      cookies: directives,
    })
    expect(bapi.requests).toHaveLength(0)
  })

  it('with the session category in its header is accepted too', async () => {
    const { directives } = await signedInDirectives()
    const state = await stateFor(
      back(`${PAGE}&__clerk_handshake=${await handshakeToken(directives, key, {})}`, { headers: NAVIGATION }),
    )
    expect(setCookies(state)).toEqual(directives)
  })

  it.each([
    [
      'signed by another key',
      async (d: string[]) => handshakeToken(d, { ...otherKey, kid: key.kid }),
      /^The handshake token failed verification \(token-invalid-signature\): JWT signature is invalid\. If you switched Clerk keys, clear this site's cookies\.$/,
    ],
    [
      'a JWT template token (template category)',
      async (d: string[]) => handshakeToken(d, key, { cat: 'cl_B7d4PD222AAA' }),
      /^The handshake token is not one: Invalid session token category \(cat\) "cl_B7d4PD222AAA"\./,
    ],
    [
      'without a handshake list',
      async () => signToken(key, { sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 }, { cat: undefined }),
      /^The handshake token has no "handshake" list of cookies\.$/,
    ],
    ['not a JWT', async () => 'not-a-jwt', /^The handshake token is malformed: Invalid JWT form\./],
  ])('%s → refused: clean redirect without cookies', async (_name, build, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { directives } = await signedInDirectives()
    const state = await stateFor(back(`${PAGE}&__clerk_handshake=${await build(directives)}`, { headers: NAVIGATION }))
    expect({
      status: state.status,
      reason: state.reason,
      location: state.headers?.get('location'),
      cookies: setCookies(state),
    }).toEqual({
      status: 'signed-out',
      reason: 'handshake-failed',
      location: CLEAN,
      cookies: [],
    })
    expect(state.message).toMatch(message)
    expect(error).toHaveBeenCalledTimes(1)
  })

  it('keeps the rest of the query and drops only the handshake parameters', async () => {
    const { directives } = await signedInDirectives()
    const hs = await handshakeToken(directives)
    const state = await stateFor(
      back(`http://127.0.0.1:3000/a/b?x=1&__clerk_handshake=${hs}&y=2&__clerk_db_jwt=dvb&__clerk_help=1&z=%20`, {
        headers: NAVIGATION,
      }),
    )
    expect(state.headers?.get('location')).toBe('/a/b?x=1&y=2&z=+')
  })
})

describe('bound to the browser the app sent to the Frontend API', () => {
  it('a handshake redirect carries a new value in redirect_url and in a cookie beside the others still pending (three at most)', async () => {
    const others = ['olderBindingValue00001', 'olderBindingValue00002', 'olderBindingValue00003']
    const request = requestWith(PAGE, {
      headers: NAVIGATION,
      cookies: { __client_uat: '1', __clerk_handshake_binding: others.join('.') },
    })
    const state = await stateFor(request)
    const value = new URL(new URL(state.headers!.get('location')!).searchParams.get('redirect_url')!).searchParams.get(
      '__clerk_handshake_binding',
    )!
    expect(value).toMatch(/^[\w-]{22}$/)
    expect(setCookiesWithBinding(state).find((cookie) => cookie.startsWith('__clerk_handshake_binding='))).toBe(
      `__clerk_handshake_binding=${value}.${others[0]}.${others[1]}; Max-Age=120; Path=/; HttpOnly; SameSite=Lax`,
    )
    // Secure on an https page.
    const secure = await stateFor(
      requestWith(PAGE.replace('http:', 'https:'), { headers: NAVIGATION, cookies: { __client_uat: '1' } }),
    )
    expect(setCookiesWithBinding(secure).find((cookie) => cookie.startsWith('__clerk_handshake_binding='))).toMatch(
      /; HttpOnly; Secure; SameSite=Lax$/,
    )
  })

  it('an answer in the URL counts only next to its value, which the clean redirect then removes from the cookie', async () => {
    const { directives } = await signedInDirectives()
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const url = `${bound(PAGE)}&__clerk_handshake_nonce=n_bound`
    const cookies = { __clerk_handshake_binding: `${TEST_BINDING}.otherPendingValue00001` }
    const state = await stateFor(requestWith(url, { headers: NAVIGATION, cookies }))
    expect(state.status).toBe('signed-in')
    expect(state.headers!.get('location')).toBe(CLEAN)
    expect(setCookiesWithBinding(state)[0]).toBe(
      '__clerk_handshake_binding=otherPendingValue00001; Max-Age=120; Path=/; HttpOnly; SameSite=Lax',
    )

    for (const [name, value] of [
      ['another value', 'otherPendingValue00001'],
      ['no cookie', undefined],
      ['a malformed one', 'x'],
    ] as const) {
      const unbound = await stateFor(
        requestWith(url, {
          headers: NAVIGATION,
          cookies: value === undefined ? {} : { __clerk_handshake_binding: value },
        }),
      )
      expect({ name, status: unbound.status, reason: unbound.reason }).toEqual({
        name,
        status: 'handshake',
        reason: 'handshake-not-bound-to-browser',
      })
    }
    // Not redeemed: the Backend API was asked once, for the bound request.
    expect(bapi.requests).toHaveLength(1)
  })

  it('unbound, on a fetch or past the loop limit: signed out, the URL cleaned of it, nothing redeemed', async () => {
    for (const [headers, cookies] of [
      [FETCH, {}],
      [NAVIGATION, { __clerk_redirect_count: '3' }],
    ] as const) {
      const state = await stateFor(requestWith(`${PAGE}&__clerk_handshake_nonce=n_x`, { headers, cookies }))
      expect({ status: state.status, reason: state.reason, location: state.headers!.get('location') }).toEqual({
        status: 'signed-out',
        reason: 'handshake-not-bound-to-browser',
        location: CLEAN,
      })
      expect(state.message).toMatch(/not sent to this browser by this app/)
    }
    expect(bapi.requests).toHaveLength(0)
  })

  it('an answer the Frontend API set in a cookie on the app’s domain (Clerk in production) needs no binding', async () => {
    const { token, directives } = await signedInDirectives()
    bapi.on('GET', '/v1/clients/handshake_payload', { json: { directives } })
    const state = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION, cookies: { __clerk_handshake_nonce: 'n_cookie' } }),
    )
    expect({ status: state.status, token: state.token }).toEqual({ status: 'signed-in', token })
  })
})

describe('with the local backend', () => {
  it('redirects a signed-out browser with a stale __client_uat to its Frontend API', async () => {
    const state = await stateFor(
      requestWith(PAGE, {
        headers: NAVIGATION,
        cookies: { __client_uat: String(claimsOf(await local.mint(local.sessionId)).iat) },
      }),
      {
        ...(local.jwksOptions as AuthenticateOptions),
        apiUrl: local.url,
      },
    )
    const location = new URL(withBindingChecked(state.headers!).get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(`${local.url}/v1/client/handshake`)
    expect([...location.searchParams]).toEqual([
      ['redirect_url', PAGE],
      ['__clerk_api_version', '2026-05-12'],
      ['suffixed_cookies', 'false'],
      ['__clerk_hs_reason', 'client-uat-but-no-session-token'],
      ['format', 'nonce'],
    ])
  })
})
