// Session refresh through the `__refresh` cookie, against the real local backend over HTTP (through a counting
// proxy, so every Backend API call is seen): an expired token on a GET with the cookie is refreshed at once, with
// the new cookies to append and no redirect; anything else, or a failed refresh, takes the handshake as before.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../src/auth/authenticate.js'
import { clerkInstanceFor, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import { getCookieSuffix } from '../../src/auth/publishableKey.js'
import { resetProcessState } from '../../src/shared/processState.js'
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
import { startCountingProxy, type CountingProxy } from '../remix/countingProxy.js'

let instance: LocalInstance
let proxy: CountingProxy
let options: AuthenticateOptions
let suffix: string
const APP = 'http://127.0.0.1:3000'
const PAGE = `${APP}/dashboard?tab=1`
const REFRESH = /^POST \/v1\/sessions\/sess_\w+\/refresh$/

beforeAll(async () => {
  instance = await startLocalInstance()
  proxy = await startCountingProxy(instance.local.fetch)
  options = { ...(instance.options as AuthenticateOptions), apiUrl: proxy.url }
  suffix = await getCookieSuffix(options.publishableKey)
})
afterAll(async () => {
  await proxy?.close()
  await instance?.close()
})
beforeEach(() => {
  resetProcessState()
  proxy.reset()
})

/** What a browser holds a while after its last handshake: an expired token (minted for the app) and its refresh token. */
async function expiredBrowser(sessionId = instance.sessionId): Promise<Record<string, string>> {
  const expired = await mintExpired(sessionId)
  return { ...sessionCookies(expired, suffix), [`__refresh_${suffix}`]: instance.local.refreshToken(sessionId) }
}

async function mintExpired(sessionId: string, frontendApi?: string): Promise<string> {
  // The local clock five minutes back; `azp` must be the app's origin, as the handshake would have minted it.
  const { local } = instance
  const now = Date.now
  const shifted = vi.spyOn(Date, 'now').mockImplementation(() => now() - 5 * 60_000)
  try {
    return await local.getToken(sessionId, { origin: APP, frontendApi })
  } finally {
    shifted.mockRestore()
  }
}

const refreshCalls = () => proxy.calls.filter((call) => REFRESH.test(call)).length

describe('an expired session token with the __refresh cookie', () => {
  it('on a page load: signed in at once with the new cookies to set, one Backend API call, no redirect', async () => {
    const cookies = await expiredBrowser()
    const state = await authenticateRequest(
      requestWith(PAGE, { headers: NAVIGATION, cookies }),
      await clerkInstanceFor(options),
    )
    expect(state.status).toBe('signed-in')
    expect(state.headers?.has('location')).toBe(false)
    const set = state.headers!.getSetCookie()
    expect(set.map((line) => line.split('=')[0])).toEqual([
      `__session_${suffix}`,
      '__session',
      `__client_uat_${suffix}`,
      '__client_uat',
    ])
    const fresh = set[0]!.slice(`__session_${suffix}=`.length, set[0]!.indexOf(';'))
    expect(state.token).toBe(fresh)
    expect(claimsOf(fresh)).toMatchObject({ sid: instance.sessionId, sub: instance.userId, azp: APP })
    expect(refreshCalls()).toBe(1)
  })

  it('on a fetch too (a data request), as upstream: only GET matters', async () => {
    const cookies = await expiredBrowser()
    const state = await authenticateRequest(
      requestWith(PAGE, { headers: FETCH, cookies }),
      await clerkInstanceFor(options),
    )
    expect(state.status).toBe('signed-in')
  })

  it('a POST is not refreshed (non-eligible-non-get), a GET without the cookie neither (non-eligible-no-refresh-cookie)', async () => {
    const cookies = await expiredBrowser()
    const post = await authenticateRequest(
      requestWith(PAGE, { method: 'POST', headers: NAVIGATION, cookies }),
      await clerkInstanceFor(options),
    )
    expect(post).toMatchObject({ status: 'signed-out', reason: 'session-token-expired-refresh-non-eligible-non-get' })
    const { [`__refresh_${suffix}`]: _dropped, ...without } = cookies
    const get = await authenticateRequest(
      requestWith(PAGE, { headers: NAVIGATION, cookies: without }),
      await clerkInstanceFor(options),
    )
    expect(get).toMatchObject({
      status: 'handshake',
      reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    })
    // The plain `__refresh` name is not read, as upstream.
    const plain = await authenticateRequest(
      requestWith(PAGE, { headers: NAVIGATION, cookies: { ...without, __refresh: cookies[`__refresh_${suffix}`]! } }),
      await clerkInstanceFor(options),
    )
    expect(plain).toMatchObject({
      status: 'handshake',
      reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    })
    expect(refreshCalls()).toBe(0)
  })

  it('a refresh the Backend API refuses falls back to the handshake, named by its error code', async () => {
    const cookies = { ...(await expiredBrowser()), [`__refresh_${suffix}`]: 'not-the-refresh-token' }
    const state = await authenticateRequest(
      requestWith(PAGE, { headers: NAVIGATION, cookies }),
      await clerkInstanceFor(options),
    )
    expect(state).toMatchObject({
      status: 'handshake',
      reason: 'session-token-expired-refresh-refresh_token_not_found',
    })
    const ended = instance.local.createSession({ userId: instance.userId })
    const revoked = await expiredBrowser(ended.id)
    await instance.local.fetch(
      new Request(`${instance.url}/v1/sessions/${ended.id}/revoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${instance.local.secretKey}` },
      }),
    )
    const afterRevoke = await authenticateRequest(
      requestWith(PAGE, { headers: FETCH, cookies: revoked }),
      await clerkInstanceFor(options),
    )
    expect(afterRevoke).toMatchObject({
      status: 'signed-out',
      reason: 'session-token-expired-refresh-session_refresh_session_not_active',
    })
  })

  it('an expired token in the Authorization header is refreshed with the cookie too, as upstream', async () => {
    const cookies = await expiredBrowser()
    const expired = cookies[`__session_${suffix}`]!
    const state = await authenticateRequest(
      requestWith(PAGE, {
        headers: { ...FETCH, authorization: `Bearer ${expired}` },
        cookies: { [`__refresh_${suffix}`]: cookies[`__refresh_${suffix}`]! },
      }),
      await clerkInstanceFor(options),
    )
    expect(state.status).toBe('signed-in')
  })
})

describe('one refresh per page', () => {
  it('sixteen parallel loaders (each its own Request) and one that comes late: one Backend API call', async () => {
    const cookies = await expiredBrowser()
    const loaders = await Promise.all(
      Array.from({ length: 16 }, () => getAuth(args(requestWith(PAGE, { headers: FETCH, cookies })), options)),
    )
    expect(new Set(loaders.map((auth) => auth.sessionId))).toEqual(new Set([instance.sessionId]))
    const late = await getAuth(args(requestWith(PAGE, { headers: NAVIGATION, cookies })), options)
    expect(late.userId).toBe(instance.userId)
    expect(refreshCalls()).toBe(1)
  })

  it('rootAuthLoader appends the new cookies to its response; getAuth uses the new token at once', async () => {
    const cookies = await expiredBrowser()
    const request = requestWith(PAGE, { headers: NAVIGATION, cookies })
    const response = (await rootAuthLoader(args(request), () => ({ page: 'home' }), options)) as Response
    expect(response.status).toBe(200)
    const set = response.headers.getSetCookie()
    expect(set.map((line) => line.split('=')[0])).toEqual([
      `__session_${suffix}`,
      '__session',
      `__client_uat_${suffix}`,
      '__client_uat',
    ])
    const auth = await getAuth(args(request), options)
    expect(await auth.getToken()).toBe(set[0]!.slice(`__session_${suffix}=`.length, set[0]!.indexOf(';')))
  })
})

// A production satellite's tokens come from its own Frontend API (`iss: https://clerk.<domain>`, where ClerkJS and
// the handshake of `satellite.example` get them on Clerk): its plain cookies are the instance's, as @clerk/backend 3
// takes them, and so are the primary's.
describe('a production satellite’s own plain cookies', () => {
  const SATELLITE_FAPI = 'https://clerk.satellite.example'
  const satellite = () => ({ ...options, isSatellite: true, domain: 'satellite.example' })

  it('a token from the satellite’s Frontend API with __client_uat signs in on a fetch, as one from the primary’s', async () => {
    for (const frontendApi of [SATELLITE_FAPI, undefined]) {
      const token = await instance.local.getToken(instance.sessionId, { origin: APP, frontendApi })
      const state = await authenticateRequest(
        requestWith(PAGE, { headers: FETCH, cookies: sessionCookies(token) }),
        await clerkInstanceFor(satellite()),
      )
      expect(state, frontendApi).toMatchObject({ status: 'signed-in', isSatellite: true })
    }
  })

  it('an expired one with __refresh_<suffix> is refreshed by the Backend API, and the new token is the satellite’s too', async () => {
    const expired = await mintExpired(instance.sessionId, SATELLITE_FAPI)
    const cookies = {
      ...sessionCookies(expired),
      [`__refresh_${suffix}`]: instance.local.refreshToken(instance.sessionId),
    }
    const state = await authenticateRequest(
      requestWith(PAGE, { headers: FETCH, cookies }),
      await clerkInstanceFor(satellite()),
    )
    expect(state).toMatchObject({ status: 'signed-in' })
    expect(claimsOf(state.token!).iss).toBe(SATELLITE_FAPI)
    expect(refreshCalls()).toBe(1)
  })
})
