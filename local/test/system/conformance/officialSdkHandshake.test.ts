import { createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type LocalClerk, createLocalClerk } from '../../../src/index.js'
import { type Backend, TESTS_HOLD_THE_SERVER_CLOCK, startBackend } from '../../helpers/backend.js'
import { cookieSuffix } from '../../../src/http/appCookies.js'
import { decodePart } from '../../helpers/harness.js'
import { BrowserAgent, type Hop } from '../../helpers/browserAgent.js'
import { type AppAnswer, type OfficialApp, startOfficialApp } from '../../helpers/officialApp.js'

/**
 * The whole loop over real HTTP, with the official `@clerk/backend` `authenticateRequest` as the app's server:
 * sign-in page → handshake → nonce or token → the SDK resolves it through our Backend API → signed in; expired
 * cookies → the SDK's own handshake redirect → back signed in; sign-out clears the cookies. The SDK checks
 * tokens with the real clock, so the local clock is the real one plus an offset the tests move (the CLI process's
 * clock is the real one: there the offset moves only the clock of the tests' own instance on its database).
 */
let offset = 0
let backend: Backend<LocalClerk>
let clerk: LocalClerk
let app: OfficialApp
let suffix: string

beforeAll(async () => {
  backend = await startBackend(createLocalClerk, { now: () => Date.now() + offset })
  clerk = backend.clerk
  app = await startOfficialApp(clerk)
  suffix = cookieSuffix(clerk.publishableKey)
})
afterAll(async () => {
  await app?.close()
  await backend?.close()
})

const answer = async (hop: Hop): Promise<AppAnswer> => (await hop.response.json()) as AppAnswer

/** Signs a new browser in through the sign-in page and returns the agent and every hop after the form. */
async function signIn(email: string, path = '/dashboard') {
  const agent = new BrowserAgent()
  const redirectUrl = `${app.url}${path}`
  const page = await agent.request(`${clerk.url}/sign-in?redirect_url=${encodeURIComponent(redirectUrl)}`)
  expect(page.status).toBe(200)
  const posted = await agent.postForm(`${clerk.url}/sign-in`, { redirect_url: redirectUrl, email })
  const hops = [posted, ...(await agent.navigate(posted.location!))]
  return { agent, hops }
}

const sessionCookieNames = (agent: BrowserAgent) => Object.keys(agent.cookies(app.url)).sort()

describe('@clerk/backend authenticateRequest as the app, against our Frontend and Backend API', () => {
  it('no cookies: signed out, without a handshake (pk_live_ keys skip the development steps)', async () => {
    const [hop, ...rest] = await new BrowserAgent().navigate(`${app.url}/`)
    expect(rest).toEqual([])
    expect(hop!.status).toBe(200)
    expect(await answer(hop!)).toEqual({
      status: 'signed-out',
      reason: 'session-token-and-uat-missing',
      userId: null,
      sessionId: null,
      orgId: null,
      iat: null,
    })
  })

  it('sign-in page → handshake (format=nonce) → the SDK redeems the nonce → signed in as the new user', async () => {
    const { agent, hops } = await signIn('handshake.new@example.com')
    expect(hops.map((h) => h.status)).toEqual([303, 307, 200])
    const handshakeUrl = new URL(hops[0]!.location!)
    expect(handshakeUrl.origin + handshakeUrl.pathname).toBe(`${clerk.url}/v1/client/handshake`)
    expect(Object.fromEntries(handshakeUrl.searchParams)).toEqual({
      redirect_url: `${app.url}/dashboard`,
      format: 'nonce',
      suffixed_cookies: 'true',
    })
    const back = new URL(hops[1]!.location!)
    expect(back.origin + back.pathname).toBe(`${app.url}/dashboard`)
    expect(back.searchParams.get('__clerk_handshake_nonce')).toMatch(/^[\w-]{43}$/)

    const user = (await fetch(apiRequest('/v1/users?email_address=handshake.new@example.com')).then((r) =>
      r.json(),
    )) as Array<{ id: string }>
    expect(user).toHaveLength(1)
    const result = await answer(hops[2]!)
    expect(result).toMatchObject({ status: 'signed-in', reason: null, userId: user[0]!.id, orgId: null })
    expect(result.sessionId).toMatch(/^sess_/)
    expect(sessionCookieNames(agent)).toEqual([
      '__client_uat',
      `__client_uat_${suffix}`,
      `__refresh_${suffix}`,
      '__session',
      `__session_${suffix}`,
    ])
    expect(Object.keys(agent.cookies(clerk.url))).toEqual(['__client'])
    // The token the SDK accepted was minted for the app's origin.
    expect(decodePart(agent.cookies(app.url).__session!, 1).azp).toBe(app.url)
  })

  it('an expired session cookie with the __refresh cookie → the SDK refreshes it through our Backend API, no redirect', async () => {
    const agent = await browserWithExpiredCookies('refresh.sdk@example.com')
    const expired = agent.cookies(app.url).__session!
    const { sid: sessionId, sub: userId } = decodePart(expired, 1)

    const hops = await agent.navigate(`${app.url}/reports?tab=1`)
    expect(hops.map((h) => h.status)).toEqual([200])
    expect(await answer(hops[0]!)).toMatchObject({ status: 'signed-in', userId, sessionId })
    const fresh = agent.cookies(app.url).__session!
    expect(fresh).not.toBe(expired)
    expect(decodePart(fresh, 1)).toMatchObject({ sid: sessionId, azp: app.url })
    // Suffixed and plain cookies both came back from the refresh (the browser uses suffixed cookies).
    expect(hops[0]!.setCookies.map((line) => line.split('=')[0]).sort()).toEqual([
      '__client_uat',
      `__client_uat_${suffix}`,
      '__session',
      `__session_${suffix}`,
    ])
  })

  it('an expired session cookie without the __refresh cookie → the SDK handshakes → we answer with the signed-in client', async () => {
    const agent = await browserWithExpiredCookies('handshake.expired@example.com')
    agent.jar(app.url).delete(`__refresh_${suffix}`)
    const expired = agent.cookies(app.url).__session!
    const { sid: sessionId, sub: userId } = decodePart(expired, 1)

    const again = await agent.navigate(`${app.url}/reports?tab=1`)
    expect(again.map((h) => h.status)).toEqual([307, 307, 200])
    expect(again[0]!.response.headers.get('x-clerk-auth-status')).toBe('handshake')
    const handshake = new URL(again[0]!.location!)
    expect(handshake.origin + handshake.pathname).toBe(`${clerk.url}/v1/client/handshake`)
    expect(handshake.searchParams.get('redirect_url')).toBe(`${app.url}/reports?tab=1`)
    expect(handshake.searchParams.get('format')).toBe('nonce')
    expect(handshake.searchParams.get('__clerk_hs_reason')).toMatch(/^session-token-expired/)
    expect(again[1]!.response.headers.get('cache-control')).toBe('no-store')
    expect(new URL(again[1]!.location!).searchParams.get('tab')).toBe('1')

    const result = await answer(again[2]!)
    expect(result).toMatchObject({ status: 'signed-in', userId, sessionId })
    expect(result.iat).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5)
    expect(agent.cookies(app.url).__session).not.toBe(expired)
  })

  it('format=token (the default without format): the SDK verifies our signed handshake token and signs in', async () => {
    const { agent, hops } = await signIn('handshake.token@example.com')
    const { userId, sessionId } = await answer(hops.at(-1)!)
    agent.jar(app.url).clear()

    for (const format of [undefined, 'token']) {
      const query = new URLSearchParams({ redirect_url: `${app.url}/t`, suffixed_cookies: 'false' })
      if (format) query.set('format', format)
      const token = await agent.navigate(`${clerk.url}/v1/client/handshake?${query}`)
      expect(token.map((h) => h.status)).toEqual([307, 200])
      expect(new URL(token[0]!.location!).searchParams.get('__clerk_handshake')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(await answer(token[1]!)).toMatchObject({ status: 'signed-in', userId, sessionId })
      // suffixed_cookies=false: the SDK set only the plain names.
      expect(token[1]!.setCookies.map((line) => line.split('=')[0]).sort()).toEqual([
        '__client_uat',
        `__refresh_${suffix}`,
        '__session',
      ])
    }
  })

  it('sign-out ends the session and the SDK clears the cookies', async () => {
    const { agent, hops } = await signIn('handshake.signout@example.com')
    const { sessionId } = await answer(hops.at(-1)!)
    const out = await agent.navigate(`${clerk.url}/sign-out?redirect_url=${encodeURIComponent(`${app.url}/`)}`)
    expect(out.map((h) => h.status)).toEqual([303, 307, 200])
    expect(await answer(out[2]!)).toMatchObject({ status: 'signed-out', userId: null })
    expect(agent.cookies(app.url)).toEqual({ __client_uat: '0', [`__client_uat_${suffix}`]: '0' })
    const session = (await fetch(apiRequest(`/v1/sessions/${sessionId}`)).then((r) => r.json())) as { status: string }
    expect(session.status).toBe('ended')

    // With __client_uat=0 and no session token, the next page is signed out without another handshake.
    const next = await agent.navigate(`${app.url}/`)
    expect(next).toHaveLength(1)
    expect(await answer(next[0]!)).toMatchObject({ status: 'signed-out', reason: 'session-token-and-uat-missing' })
  })

  describe('nonces are redeemed once, and only while fresh', () => {
    const sdk = () => createClerkClient({ secretKey: clerk.secretKey, apiUrl: clerk.apiUrl })
    async function newNonce(): Promise<string> {
      const { agent } = await signIn('handshake.nonce@example.com')
      const query = new URLSearchParams({ redirect_url: `${app.url}/`, format: 'nonce', suffixed_cookies: 'true' })
      const hop = await agent.request(`${clerk.url}/v1/client/handshake?${query}`)
      return new URL(hop.location!).searchParams.get('__clerk_handshake_nonce')!
    }
    async function refusal(nonce: string) {
      const error = await sdk()
        .clients.getHandshakePayload({ nonce })
        .then(
          () => undefined,
          (e: unknown) => e as { status: number; errors: Array<{ code: string }> },
        )
      return { status: error?.status, code: error?.errors[0]?.code }
    }

    it('a second redemption and an unknown nonce are refused with 400 invalid_nonce', async () => {
      const nonce = await newNonce()
      const payload = await sdk().clients.getHandshakePayload({ nonce })
      expect(payload.directives.map((d) => d.split('=')[0])).toEqual([
        `__session_${suffix}`,
        '__session',
        `__client_uat_${suffix}`,
        '__client_uat',
        `__refresh_${suffix}`,
      ])
      expect(await refusal(nonce)).toEqual({ status: 400, code: 'invalid_nonce' })
      expect(await refusal('never-issued')).toEqual({ status: 400, code: 'invalid_nonce' })
    })

    it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)('an expired nonce is refused', async () => {
      const nonce = await newNonce()
      offset = 60_000
      try {
        expect(await refusal(nonce)).toEqual({ status: 400, code: 'invalid_nonce' })
      } finally {
        offset = 0
      }
    })

    it('a replayed handshake URL gives the app no cookies: the SDK reports the refusal and stays signed out', async () => {
      const { hops } = await signIn('handshake.replay@example.com')
      const used = hops[1]!.location!
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      try {
        const [replay] = await new BrowserAgent().navigate(used)
        expect(replay!.setCookies).toEqual([])
        expect(await answer(replay!)).toMatchObject({ status: 'signed-out', userId: null })
        expect(errors).toHaveBeenCalledTimes(1)
        expect(String(errors.mock.calls[0]![0])).toContain('error getting handshake payload')
      } finally {
        errors.mockRestore()
      }
    })
  })
})

/**
 * Signed in five minutes ago: the app's cookies are what that handshake delivered, a session token and __client_uat of
 * then (minted by the tests' instance on a clock five minutes back), and the refresh token, which does not age.
 */
async function browserWithExpiredCookies(email: string): Promise<BrowserAgent> {
  const { agent, hops } = await signIn(email, '/')
  const { sessionId } = await answer(hops.at(-1)!)
  offset = -5 * 60_000
  let token: string
  try {
    token = await clerk.getToken(sessionId!, { origin: app.url })
  } finally {
    offset = 0
  }
  const jar = agent.jar(app.url)
  for (const name of ['__session', `__session_${suffix}`]) jar.set(name, token)
  for (const name of ['__client_uat', `__client_uat_${suffix}`]) jar.set(name, String(decodePart(token, 1).iat))
  return agent
}

function apiRequest(path: string): Request {
  return new Request(`${clerk.url}${path}`, { headers: { authorization: `Bearer ${clerk.secretKey}` } })
}
