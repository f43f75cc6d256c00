// Every row of the decision table, for production and development instances, with tokens minted by the
// real local backend (in-process) and verified networkless with its PEM: the exact state, reason,
// message and headers of each outcome.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../src/auth/authenticate.js'
import { clerkInstanceFor, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import { getCookieSuffix } from '../../src/auth/publishableKey.js'
import type { RequestState } from '../../src/auth/requestState.js'
import { CHECKED_BINDING_COOKIE, withBindingChecked } from '../helpers/handshakeBinding.js'
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

let instance: LocalInstance
let token: string
const APP = 'http://127.0.0.1:3000'
const PAGE = `${APP}/dashboard?tab=1`

beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(() => instance?.close())
beforeEach(async () => {
  resetProcessState()
  token = await instance.mint(instance.sessionId)
})
afterEach(() => vi.restoreAllMocks())

async function stateFor(
  request: Request,
  options: AuthenticateOptions = instance.options as AuthenticateOptions,
): Promise<RequestState> {
  return authenticateRequest(request, await clerkInstanceFor(options))
}

function handshakeLocation(reason: string, { url = PAGE, suffixed = false, extra = '' } = {}): string {
  const query = new URLSearchParams({
    redirect_url: url,
    __clerk_api_version: '2026-05-12',
    suffixed_cookies: String(suffixed),
    __clerk_hs_reason: reason,
    format: 'nonce',
  })
  return `${instance.url}/v1/client/handshake?${query}${extra}`
}

/** Headers as a plain list, Set-Cookie values kept apart, for exact comparison. */
function headerList(headers: Headers | undefined): Array<[string, string]> {
  const list: Array<[string, string]> = []
  headers?.forEach((value, name) => {
    if (name !== 'set-cookie') list.push([name, value])
  })
  for (const cookie of headers?.getSetCookie() ?? []) list.push(['set-cookie', cookie])
  return list.sort(([a], [b]) => a.localeCompare(b))
}

function expectHandshake(
  state: RequestState,
  reason: string,
  message: string | null = '',
  location = handshakeLocation(reason),
  count = 1,
) {
  expect({ status: state.status, reason: state.reason, message: state.message }).toEqual({
    status: 'handshake',
    reason,
    message,
  })
  expect(headerList(withBindingChecked(state.headers!))).toEqual(
    [
      ['cache-control', 'no-store'],
      ['location', location],
      ['set-cookie', `__clerk_redirect_count=${count}; Max-Age=2; HttpOnly; SameSite=Lax`],
      ['set-cookie', CHECKED_BINDING_COOKIE],
      ['x-clerk-auth-reason', reason],
      ['x-clerk-auth-status', 'handshake'],
      ...(message ? ([['x-clerk-auth-message', message]] as Array<[string, string]>) : []),
    ].sort(([a], [b]) => a!.localeCompare(b!)),
  )
}

function expectSignedOut(state: RequestState, reason: string, message: string | null = '') {
  expect({ status: state.status, reason: state.reason, message: state.message, token: state.token }).toEqual({
    status: 'signed-out',
    reason,
    message,
    token: null,
  })
  expect(headerList(state.headers)).toEqual(
    [
      ['x-clerk-auth-reason', reason],
      ['x-clerk-auth-status', 'signed-out'],
      ...(message ? ([['x-clerk-auth-message', message]] as Array<[string, string]>) : []),
    ].sort(([a], [b]) => a!.localeCompare(b!)),
  )
  expect(state.toAuth()).toMatchObject({ userId: null, sessionId: null, isAuthenticated: false })
}

function expectSignedIn(state: RequestState, sessionId = instance.sessionId) {
  expect({ status: state.status, reason: state.reason, headers: state.headers }).toEqual({
    status: 'signed-in',
    reason: null,
    headers: undefined,
  })
  expect(state.toAuth()).toMatchObject({ userId: instance.userId, sessionId, isAuthenticated: true })
}

const expired = (carrier: 'cookie' | 'header', exp: number) =>
  new RegExp(
    `^JWT is expired\\. Expiry date: ${new Date(exp * 1000).toUTCString()}, Current date: .+ \\(reason=token-expired, token-carrier=${carrier}\\)$`,
  )

describe('production: a token in the Authorization header', () => {
  it('valid → signed in, whatever the cookies say', async () => {
    const request = requestWith(PAGE, {
      headers: { ...NAVIGATION, authorization: `Bearer ${token}` },
      cookies: { __client_uat: '9999999999' },
    })
    expectSignedIn(await stateFor(request))
  })

  it('a bare token (no scheme) counts; another scheme does not', async () => {
    expectSignedIn(await stateFor(requestWith(PAGE, { headers: { ...FETCH, authorization: token } })))
    expectSignedOut(
      await stateFor(requestWith(PAGE, { headers: { ...FETCH, authorization: `Basic ${token}` } })),
      'session-token-and-uat-missing',
    )
  })

  it('wins over valid cookies: a bad header token is signed out even with a good cookie', async () => {
    const request = requestWith(PAGE, {
      headers: { ...FETCH, authorization: 'Bearer a.b.c' },
      cookies: sessionCookies(token),
    })
    expectSignedOut(
      await stateFor(request),
      'token-invalid',
      'Invalid JWT form. The header, payload, or signature could not be decoded. (reason=token-invalid, token-carrier=header)',
    )
  })

  it('expired, on a navigation → handshake; on fetch → signed out with the handshake reason', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const reason = 'session-token-expired-refresh-non-eligible-no-refresh-cookie'
    const navigation = await stateFor(requestWith(PAGE, { headers: { ...NAVIGATION, authorization: `Bearer ${old}` } }))
    expect(navigation.message).toMatch(expired('header', claimsOf(old).exp as number))
    expectHandshake(navigation, reason, navigation.message)
    const fetched = await stateFor(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${old}` } }))
    expectSignedOut(fetched, reason, navigation.message)
  })
})

describe('production: cookies', () => {
  it('row 7: no session and no __client_uat → signed out, even on a navigation (no handshake)', async () => {
    expectSignedOut(await stateFor(requestWith(PAGE, { headers: NAVIGATION })), 'session-token-and-uat-missing')
    expectSignedOut(
      await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: { __client_uat: '0' } })),
      'session-token-and-uat-missing',
    )
  })

  it('row 8: a session without __client_uat → handshake', async () => {
    const reason = 'session-token-but-no-client-uat'
    expectHandshake(await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: { __session: token } })), reason)
    expectSignedOut(await stateFor(requestWith(PAGE, { headers: FETCH, cookies: { __session: token } })), reason)
  })

  it('row 9: __client_uat without a session → handshake', async () => {
    const reason = 'client-uat-but-no-session-token'
    expectHandshake(
      await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: { __client_uat: '1700000000' } })),
      reason,
    )
    expectSignedOut(
      await stateFor(requestWith(PAGE, { headers: FETCH, cookies: { __client_uat: '1700000000' } })),
      reason,
    )
  })

  it('row 10: a session cookie that is not a JWT → signed out, token-invalid', async () => {
    const request = requestWith(PAGE, {
      headers: NAVIGATION,
      cookies: { __session: 'garbage', __client_uat: '1700000000' },
    })
    expectSignedOut(
      await stateFor(request),
      'token-invalid',
      'Invalid JWT form. A JWT consists of three parts separated by dots. (reason=token-invalid, token-carrier=cookie)',
    )
  })

  it('row 11: a session minted before the last sign-in/out (iat < __client_uat) → handshake', async () => {
    const iat = claimsOf(token).iat as number
    const reason = 'session-token-iat-before-client-uat'
    const cookies = { __session: token, __client_uat: String(iat + 1) }
    expectHandshake(await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies })), reason)
    expectSignedOut(await stateFor(requestWith(PAGE, { headers: FETCH, cookies })), reason)
  })

  it('row 12: an expired session → handshake on a GET navigation, signed out on a POST', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const navigation = await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(old) }))
    expect(navigation.message).toMatch(expired('cookie', claimsOf(old).exp as number))
    expectHandshake(navigation, 'session-token-expired-refresh-non-eligible-no-refresh-cookie', navigation.message)
    const post = await stateFor(
      requestWith(PAGE, { method: 'POST', body: 'a=1', headers: NAVIGATION, cookies: sessionCookies(old) }),
    )
    // Its own message: the "Current date" in it may be a second later than the navigation's on a loaded machine.
    expect(post.message).toMatch(expired('cookie', claimsOf(old).exp as number))
    expectSignedOut(post, 'session-token-expired-refresh-non-eligible-non-get', post.message)
  })

  it('row 12: a token from the future (nbf) → handshake with session-token-nbf', async () => {
    const early = await instance.mint(instance.sessionId, { offsetMs: 120_000 })
    const state = await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(early) }))
    expect(state.message).toMatch(
      /^JWT cannot be used prior to not before date claim \(nbf\)\. .* \(reason=token-not-active-yet, token-carrier=cookie\)$/,
    )
    // __client_uat (the token's iat) is in the future too, but it is only compared with the token's iat.
    expectHandshake(state, 'session-token-nbf', state.message)
  })

  it('row 12: a template token in the session cookie → signed out, token-type-mismatch', async () => {
    const template = await instance.mint(instance.sessionId, { template: 'test' })
    const state = await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(template) }))
    expectSignedOut(
      state,
      'token-type-mismatch',
      'Invalid session token category (cat) "cl_B7d4PD222AAA". JWT template and machine tokens cannot be used as session tokens. Make sure that this is a valid Clerk-generated JWT. (reason=token-type-mismatch, token-carrier=cookie)',
    )
  })

  it('row 12: a token of another instance → signed out, token-invalid-signature', async () => {
    const other = await startLocalInstance()
    try {
      const foreign = await other.mint(other.sessionId)
      const state = await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(foreign) }))
      expectSignedOut(
        state,
        'token-invalid-signature',
        'JWT signature is invalid. (reason=token-invalid-signature, token-carrier=cookie)',
      )
    } finally {
      await other.close()
    }
  })

  it('row 14: a valid session → signed in, for navigations and fetches alike', async () => {
    expectSignedIn(await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) })))
    expectSignedIn(await stateFor(requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) })))
    expectSignedIn(await stateFor(requestWith(PAGE, { method: 'POST', body: 'x', cookies: sessionCookies(token) })))
  })

  it('suffixed cookies: the current pair wins over an older plain pair', async () => {
    const suffix = await getCookieSuffix(instance.local.publishableKey)
    const other = await startLocalInstance()
    try {
      const foreign = await other.mint(other.sessionId)
      // The plain pair was signed out (uat 0) while the suffixed pair is this instance's live session.
      const cookies = { ...sessionCookies(foreign), __client_uat: '0', ...sessionCookies(token, suffix) }
      expectSignedIn(await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies })))
    } finally {
      await other.close()
    }
  })

  it('a plain __session issued by another Frontend API is not taken for this instance', async () => {
    const options = { ...(instance.options as AuthenticateOptions), publishableKey: productionKey('clerk.example.com') }
    // Our token's iss is the local backend, not clerk.example.com: only suffixed cookies could be ours.
    expectSignedOut(
      await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) }), options),
      'session-token-and-uat-missing',
    )
  })
})

describe('production: row 13, a navigation from another site', () => {
  const withReferer = (referer: string, extra: Record<string, string> = {}) =>
    requestWith(PAGE, { headers: { ...NAVIGATION, referer }, cookies: { ...sessionCookies(token), ...extra } })

  it('from an unknown origin → one handshake to pick up a satellite sign-in', async () => {
    const reason = 'primary-domain-cross-origin-sync'
    const message = 'Cross-origin request from satellite domain requires handshake'
    expectHandshake(await stateFor(withReferer('https://satellite.example/page')), reason, message)
  })

  it('not again while the redirect counter runs, nor for fetches, nor from the same origin or the Frontend API', async () => {
    expectSignedIn(await stateFor(withReferer('https://satellite.example/', { __clerk_redirect_count: '1' })))
    expectSignedIn(
      await stateFor(
        requestWith(PAGE, {
          headers: { ...FETCH, referer: 'https://satellite.example/' },
          cookies: sessionCookies(token),
        }),
      ),
    )
    expectSignedIn(await stateFor(withReferer(`${APP}/elsewhere`)))
    expectSignedIn(await stateFor(withReferer(`${instance.url}/sign-in`)))
  })

  it('the instance Account Portal is trusted, any other accounts.* host and dev portals are not (production)', async () => {
    const suffix = await getCookieSuffix(productionKey('clerk.example.com'))
    const options = { ...(instance.options as AuthenticateOptions), publishableKey: productionKey('clerk.example.com') }
    const request = (referer: string) =>
      requestWith(PAGE, { headers: { ...NAVIGATION, referer }, cookies: sessionCookies(token, suffix) })
    expect((await stateFor(request('https://accounts.example.com/sign-in'), options)).status).toBe('signed-in')
    expect((await stateFor(request('https://clerk.example.com/v1/client'), options)).status).toBe('signed-in')
    expect((await stateFor(request('https://accounts.evil.example/sign-in'), options)).status).toBe('handshake')
    expect((await stateFor(request('https://happy-cat-12.accounts.dev/sign-in'), options)).status).toBe('handshake')
  })
})

describe('production: when a handshake is possible', () => {
  const expiredToken = () => instance.mint(instance.sessionId, { offsetMs: -120_000 })
  const reason = 'session-token-expired-refresh-non-eligible-no-refresh-cookie'

  it.each([
    ['sec-fetch-dest: document', { 'sec-fetch-dest': 'document' }, 'GET', 'handshake'],
    ['sec-fetch-dest: iframe', { 'sec-fetch-dest': 'iframe' }, 'GET', 'handshake'],
    ['no sec-fetch-dest, Accept: text/html', { accept: 'text/html;q=0.9' }, 'GET', 'handshake'],
    ['no sec-fetch-dest, Accept: application/json', { accept: 'application/json' }, 'GET', 'signed-out'],
    [
      'sec-fetch-dest: empty with Accept: text/html',
      { 'sec-fetch-dest': 'empty', accept: 'text/html' },
      'GET',
      'signed-out',
    ],
    ['a HEAD navigation', { 'sec-fetch-dest': 'document' }, 'HEAD', 'signed-out'],
    ['a POST navigation (form)', { 'sec-fetch-dest': 'document' }, 'POST', 'signed-out'],
  ])('%s → %s', async (_name, headers, method, status) => {
    const request = requestWith(PAGE, {
      method,
      headers,
      cookies: sessionCookies(await expiredToken()),
      body: method === 'POST' ? 'a=1' : undefined,
    })
    expect((await stateFor(request)).status).toBe(status)
  })

  it('counts redirects: after 3 in a row the request is signed out, with a warning', async () => {
    const old = await expiredToken()
    const state2 = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION, cookies: { ...sessionCookies(old), __clerk_redirect_count: '2' } }),
    )
    expectHandshake(state2, reason, state2.message, handshakeLocation(reason), 3)

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const state3 = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION, cookies: { ...sessionCookies(old), __clerk_redirect_count: '3' } }),
    )
    expectSignedOut(state3, reason, state2.message)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toContain('3 handshakes in a row did not produce a valid session')
  })

  it('builds the handshake URL on the public URL (x-forwarded-host/proto, the host trusted), suffixed cookies reported', async () => {
    const suffix = await getCookieSuffix(instance.local.publishableKey)
    const request = requestWith('http://10.0.0.5:3000/dashboard?tab=1', {
      headers: { ...NAVIGATION, 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' },
      cookies: sessionCookies(await expiredToken(), suffix),
    })
    const state = await stateFor(request, { ...(instance.options as AuthenticateOptions), trustForwardedHost: true })
    expect(withBindingChecked(state.headers!).get('location')).toBe(
      handshakeLocation(reason, { url: 'https://app.example.com/dashboard?tab=1', suffixed: true }),
    )
  })
})

describe('development instance (pk_test_)', () => {
  const dev = () => instance.developmentOptions as AuthenticateOptions
  const devLocation = (reason: string, url: string, devBrowser: string) =>
    handshakeLocation(reason, { url, extra: `&__clerk_db_jwt=${devBrowser}` })

  it('row 2: a dev browser token in the URL → handshake (dev-browser-sync), URL cleaned of it', async () => {
    const request = requestWith(`${PAGE}&__clerk_db_jwt=dvb_new`, {
      headers: NAVIGATION,
      cookies: { ...sessionCookies(token), __clerk_db_jwt: 'dvb_old' },
    })
    expectHandshake(
      await stateFor(request, dev()),
      'dev-browser-sync',
      '',
      devLocation('dev-browser-sync', PAGE, 'dvb_new'),
    )
  })

  it('row 6: no dev browser → handshake (dev-browser-missing), even without session cookies', async () => {
    expectHandshake(await stateFor(requestWith(PAGE, { headers: NAVIGATION }), dev()), 'dev-browser-missing')
    expectSignedOut(await stateFor(requestWith(PAGE, { headers: FETCH }), dev()), 'dev-browser-missing')
  })

  it('row 7: a dev browser but no session → signed out', async () => {
    expectSignedOut(
      await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: { __clerk_db_jwt: 'dvb_1' } }), dev()),
      'session-token-and-uat-missing',
    )
  })

  it('row 12: expired → handshake carrying the dev browser token', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const state = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION, cookies: { ...sessionCookies(old), __clerk_db_jwt: 'dvb_1' } }),
      dev(),
    )
    const reason = 'session-token-expired-refresh-non-eligible-no-refresh-cookie'
    expectHandshake(state, reason, state.message, devLocation(reason, PAGE, 'dvb_1'))
  })

  it('row 13: development Account Portal hosts are trusted referers', async () => {
    const request = requestWith(PAGE, {
      headers: { ...NAVIGATION, referer: 'https://happy-cat-12.accounts.dev/sign-in' },
      cookies: { ...sessionCookies(token), __clerk_db_jwt: 'dvb_1' },
    })
    expectSignedIn(await stateFor(request, dev()))
  })

  it('row 14: dev browser and valid session → signed in', async () => {
    expectSignedIn(
      await stateFor(
        requestWith(PAGE, { headers: NAVIGATION, cookies: { ...sessionCookies(token), __clerk_db_jwt: 'dvb_1' } }),
        dev(),
      ),
    )
  })
})

describe('configuration', () => {
  it('a proxyUrl that is neither an http(s) URL nor a path is refused with the fix', async () => {
    for (const proxyUrl of ['clerk.example.com', 'ftp://proxy.example', 'https://']) {
      await expect(clerkInstanceFor({ ...(instance.options as AuthenticateOptions), proxyUrl })).rejects.toMatchObject({
        code: 'REMIX_CLERK_INVALID_PROXY_URL',
        message: `remix-clerk: proxyUrl (CLERK_PROXY_URL) must be an absolute http(s) URL such as https://example.com/__clerk, or a path on your app such as /__clerk; got ${JSON.stringify(proxyUrl)}.`,
      })
    }
  })

  it("the Backend API client's option checks reject with getAuth's codes", async () => {
    const options = instance.options as AuthenticateOptions
    await expect(clerkInstanceFor({ ...options, apiUrl: 'ftp://api.example' })).rejects.toMatchObject({
      code: 'REMIX_CLERK_INVALID_API_URL',
      message: expect.stringContaining('Set CLERK_API_URL'),
    })
    await expect(clerkInstanceFor({ ...options, apiVersion: 'v1/users' })).rejects.toMatchObject({
      code: 'REMIX_CLERK_INVALID_OPTION',
      message: expect.stringContaining('apiVersion must be a single path segment'),
    })
  })

  it('a proxyUrl replaces the Frontend API; a relative one lives on the public origin', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const request = () =>
      requestWith('http://10.0.0.5/p', {
        headers: { ...NAVIGATION, host: 'app.example.com', 'x-forwarded-proto': 'https' },
        cookies: sessionCookies(old),
      })
    const relative = await stateFor(request(), { ...(instance.options as AuthenticateOptions), proxyUrl: '/__clerk/' })
    expect(withBindingChecked(relative.headers!).get('location')).toMatch(
      /^https:\/\/app\.example\.com\/__clerk\/v1\/client\/handshake\?redirect_url=https%3A%2F%2Fapp\.example\.com%2Fp&/,
    )
    expect(relative.proxyUrl).toBe('https://app.example.com/__clerk/')
    const absolute = await stateFor(request(), {
      ...(instance.options as AuthenticateOptions),
      proxyUrl: 'https://proxy.example.com/clerk',
    })
    expect(absolute.headers?.get('location')).toMatch(/^https:\/\/proxy\.example\.com\/clerk\/v1\/client\/handshake\?/)
  })

  it('a Frontend API without a scheme gets https://', async () => {
    const old = await instance.mint(instance.sessionId, { offsetMs: -120_000 })
    const publishableKey = productionKey('clerk.example.com')
    const suffix = await getCookieSuffix(publishableKey)
    const state = await stateFor(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(old, suffix) }), {
      ...(instance.options as AuthenticateOptions),
      publishableKey,
    })
    expect(state.headers?.get('location')).toMatch(
      /^https:\/\/clerk\.example\.com\/v1\/client\/handshake\?redirect_url=/,
    )
    expect(new URL(state.headers!.get('location')!).searchParams.get('suffixed_cookies')).toBe('true')
  })
})

function productionKey(frontendApi: string): string {
  return `pk_live_${Buffer.from(`${frontendApi}$`).toString('base64').replace(/=+$/, '')}`
}
