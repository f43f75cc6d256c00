// The whole loop over real HTTP: a Remix app (the real request handler, getAuth and rootAuthLoader)
// served on 127.0.0.1, and the local backend's Frontend and Backend API on another port. A small browser
// stand-in keeps cookies per origin and follows redirects one hop at a time, so every hop is asserted:
// sign-in → handshake → back with a nonce → our getAuth redeems it → 307 to the clean URL with the cookies
// → signed in; an expired cookie → our handshake → back → signed in; format=token; sign-out.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { createRequestHandler, json } from '@remix-run/server-runtime'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'
import { signatureCheckCount } from '../../src/jwt/verifyJwt.js'
import { CHECKED_BINDING_COOKIE, TEST_BINDING, bound, withBindingChecked } from '../helpers/handshakeBinding.js'
import { claimsOf } from '../helpers/localInstance.js'
import { serverBuild } from './serverBuild.js'
import { resetProcessState } from '../../src/shared/processState.js'

interface PageData {
  loaderData: {
    root: { clerkState: { __internal_clerk_state: { __clerk_ssr_state: { userId: string | null } } } }
    'routes/page'?: Answer
  }
}
interface Answer {
  userId: string | null
  sessionId: string | null
  iat: number | null
}

let offset = 0
let clerk: LocalClerk
let appServer: Server
let appUrl: string
const options = () => ({ secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, apiUrl: clerk.apiUrl })

const build = serverBuild({
  root: { path: '', loader: (args) => rootAuthLoader(args, options()) },
  'routes/page': {
    parentId: 'root',
    path: ':page',
    loader: async (args) => {
      const auth = await getAuth(args, options())
      return json({ userId: auth.userId, sessionId: auth.sessionId, iat: auth.sessionClaims?.iat ?? null })
    },
  },
})

beforeAll(async () => {
  clerk = await createLocalClerk({ db: ':memory:', now: () => Date.now() + offset })
  await clerk.listen(0)
  const handle = createRequestHandler(build, 'production')
  appServer = createAdaptorServer({
    fetch: (request: Request) => handle(request),
    overrideGlobalObjects: false,
  }) as Server
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => {
    if (!appServer) return resolve()
    appServer.close(() => resolve())
    appServer.closeAllConnections()
  })
  await clerk?.close()
})
beforeEach(() => resetProcessState())

interface Hop {
  url: string
  status: number
  location: string | null
  setCookies: string[]
  response: Response
}

/** Cookies per origin and hand-followed redirects: what a browser does, one observable hop at a time. */
class Browser {
  readonly jars = new Map<string, Map<string, string>>()

  cookies(url: string): Record<string, string> {
    return Object.fromEntries(this.jar(url))
  }

  jar(url: string): Map<string, string> {
    const origin = new URL(url).origin
    if (!this.jars.has(origin)) this.jars.set(origin, new Map())
    return this.jars.get(origin)!
  }

  /** Follows redirects; stops after `hops` of them when given, else calls more than 20 a loop. */
  async go(url: string, init: RequestInit = {}, { hops: limit }: { hops?: number } = {}): Promise<Hop[]> {
    const hops: Hop[] = []
    for (let next: { url: string; init: RequestInit } | undefined = { url, init }; next;) {
      if (hops.length === limit) break
      if (hops.length === 20) throw new Error(`redirect loop: ${hops.map((hop) => hop.url).join(' → ')}`)
      const jar = this.jar(next.url)
      const headers = new Headers({
        ...Object.fromEntries(new Headers(next.init.headers)),
        accept: 'text/html',
        'sec-fetch-dest': 'document',
      })
      if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '))
      const response = await fetch(next.url, { ...next.init, headers, redirect: 'manual' })
      const setCookies = response.headers.getSetCookie()
      for (const line of setCookies) {
        const [pair, ...attributes] = line.split(';').map((part) => part.trim())
        const [name, ...value] = pair!.split('=')
        const gone = attributes.some((attribute) => /^max-age=(0|-)/i.test(attribute))
        if (gone) jar.delete(name!)
        else jar.set(name!, value.join('='))
      }
      const location = response.headers.get('location')
      const hop: Hop = {
        url: next.url,
        status: response.status,
        location: location && new URL(location, next.url).href,
        setCookies,
        response,
      }
      hops.push(hop)
      next = hop.location && hop.status >= 300 && hop.status < 400 ? { url: hop.location, init: {} } : undefined
    }
    return hops
  }

  /** The sign-in page's form, as the user submits it. */
  signIn(email: string, redirectUrl: string, limit?: { hops?: number }): Promise<Hop[]> {
    return this.go(
      `${clerk.url}/sign-in`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: clerk.url },
        body: new URLSearchParams({ redirect_url: redirectUrl, email }).toString(),
      },
      limit,
    )
  }
}

const pageData = async (hop: Hop) => (await hop.response.json()) as PageData
const pathOf = (url: string | null) => (url ? `${new URL(url).origin}${new URL(url).pathname}` : url)

describe('with the local Frontend API', () => {
  it('sign-in → handshake → a nonce this browser was not sent for → our own handshake → bound nonce → redeemed → 307 to the clean URL with the cookies → signed in', async () => {
    const browser = new Browser()
    const hops = await browser.signIn('round.trip@example.com', `${appUrl}/dashboard?tab=1`)
    expect(hops.map((hop) => hop.status)).toEqual([303, 307, 307, 307, 307, 200])
    expect(pathOf(hops[0]!.location)).toBe(`${clerk.url}/v1/client/handshake`)
    // The sign-in page sent the browser to a handshake the app never started: its nonce is not redeemed (it could be
    // another browser's sign-in); the app sends this browser through a handshake of its own, bound to it.
    const unsolicited = new URL(hops[1]!.location!)
    expect(pathOf(unsolicited.href)).toBe(`${appUrl}/dashboard`)
    expect(unsolicited.searchParams.get('__clerk_handshake_nonce')).toMatch(/^[\w-]{20,}$/)
    expect(hops[2]!.response.headers.get('x-clerk-auth-reason')).toBe('handshake-not-bound-to-browser')
    expect(pathOf(hops[2]!.location)).toBe(`${clerk.url}/v1/client/handshake`)
    const back = new URL(hops[3]!.location!)
    expect(pathOf(back.href)).toBe(`${appUrl}/dashboard`)
    expect(back.searchParams.get('__clerk_handshake_nonce')).toMatch(/^[\w-]{20,}$/)
    expect(back.searchParams.get('__clerk_handshake_binding')).toBe(
      browser.cookies(appUrl).__clerk_handshake_binding ?? back.searchParams.get('__clerk_handshake_binding'),
    )

    // Our answer: the same page without the nonce, every cookie of the handshake set on it.
    const resolved = hops[4]!
    expect(resolved.location).toBe(`${appUrl}/dashboard?tab=1`)
    expect(resolved.response.headers.get('cache-control')).toBe('no-store')
    expect(resolved.setCookies.map((line) => line.split('=')[0]).sort()).toEqual(
      expect.arrayContaining(['__client_uat', '__session', '__clerk_handshake_binding']),
    )
    expect(browser.cookies(appUrl).__clerk_handshake_binding).toBeUndefined()

    const page = await pageData(hops[5]!)
    const answer = page.loaderData['routes/page']!
    expect(answer.userId).toMatch(/^user_/)
    expect(answer.sessionId).toMatch(/^sess_/)
    expect(page.loaderData.root.clerkState.__internal_clerk_state.__clerk_ssr_state.userId).toBe(answer.userId)
    expect(claimsOf(browser.cookies(appUrl).__session!).azp).toBe(appUrl)
  })

  it('the signed-in page after the redirect costs no new signature check (resolution already checked the token)', async () => {
    const browser = new Browser()
    const before = signatureCheckCount()
    const hops = await browser.signIn('one.check@example.com', `${appUrl}/home`)
    expect(hops.at(-1)!.status).toBe(200)
    expect(signatureCheckCount() - before).toBe(1)
  })

  it('an expired session cookie → our handshake → the Frontend API answers for the client → signed in again', async () => {
    const browser = new Browser()
    // Signed in five minutes ago: the token that handshake delivered has expired since.
    offset = -5 * 60_000
    let signedIn: Hop[]
    try {
      signedIn = await browser.signIn('round.expired@example.com', `${appUrl}/start`, { hops: 5 })
    } finally {
      offset = 0
    }
    // Even with an already expired token, the resolution answers with the cookies and the clean URL.
    expect(signedIn.map((hop) => hop.status)).toEqual([303, 307, 307, 307, 307])
    expect(signedIn[4]!.location).toBe(`${appUrl}/start`)
    const expired = claimsOf(browser.cookies(appUrl).__session!)
    expect(expired.exp).toBeLessThan(Date.now() / 1000)

    // With the `__refresh` cookie the handshake set, the server refreshes the token itself: no redirect at all.
    const refreshCookie = [...browser.jar(appUrl).keys()].find((name) => name.startsWith('__refresh_'))!
    const refreshed = await browser.go(signedIn[4]!.location!)
    expect(refreshed.map((hop) => hop.status)).toEqual([200])
    expect((await pageData(refreshed[0]!)).loaderData['routes/page']).toMatchObject({
      userId: expired.sub,
      sessionId: expired.sid,
    })
    expect(claimsOf(browser.cookies(appUrl).__session!).exp).toBeGreaterThan(Date.now() / 1000)

    // Without it (a sign-in through ClerkJS sets none), an expired token takes the handshake.
    browser.jar(appUrl).delete(refreshCookie)
    offset = -5 * 60_000
    let stale: string
    try {
      stale = await clerk.getToken(expired.sid as string, { origin: appUrl })
    } finally {
      offset = 0
    }
    for (const name of [...browser.jar(appUrl).keys()])
      if (name.startsWith('__session')) browser.jar(appUrl).set(name, stale)
    const hops = await browser.go(signedIn[4]!.location!)
    expect(hops.map((hop) => hop.status)).toEqual([307, 307, 307, 200])
    const handshake = new URL(withBindingChecked(hops[0]!.response.headers).get('location')!)
    expect(pathOf(handshake.href)).toBe(`${clerk.url}/v1/client/handshake`)
    expect(Object.fromEntries(handshake.searchParams)).toEqual({
      redirect_url: `${appUrl}/start`,
      __clerk_api_version: '2026-05-12',
      // The app's first handshake found no cookies and asked for plain names, which the browser now holds.
      suffixed_cookies: 'false',
      __clerk_hs_reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
      format: 'nonce',
    })
    // The second handshake within the counter's 2 s (the sign-in's own was the first; this browser keeps the cookie).
    expect(withBindingChecked(hops[0]!.response.headers).getSetCookie()).toEqual([
      '__clerk_redirect_count=2; Max-Age=2; HttpOnly; SameSite=Lax',
      CHECKED_BINDING_COOKIE,
    ])
    expect(hops[2]!.location).toBe(`${appUrl}/start`)

    const answer = (await pageData(hops[3]!)).loaderData['routes/page']!
    expect(answer).toMatchObject({ userId: expired.sub, sessionId: expired.sid })
    expect(answer.iat).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5)
  })

  it('a Frontend API that keeps answering with expired tokens: three handshakes, then signed out (no endless loop)', async () => {
    const browser = new Browser()
    offset = -5 * 60_000
    try {
      const hops = await browser.signIn('round.loop@example.com', `${appUrl}/loop`)
      const ours = hops.filter((hop) => hop.response.headers.get('x-clerk-auth-status') === 'handshake')
      expect(ours.map((hop) => hop.setCookies[0]!.split(';')[0])).toEqual([
        '__clerk_redirect_count=1',
        '__clerk_redirect_count=2',
        '__clerk_redirect_count=3',
      ])
      expect(hops.at(-1)!.status).toBe(200)
      expect((await pageData(hops.at(-1)!)).loaderData['routes/page']).toMatchObject({ userId: null })
    } finally {
      offset = 0
    }
  })

  it('format=token: the Frontend API signs the cookies into a handshake token; our getAuth verifies and applies it', async () => {
    const browser = new Browser()
    const first = await browser.signIn('round.token@example.com', `${appUrl}/a`)
    const { userId } = (await pageData(first.at(-1)!)).loaderData['routes/page']!
    browser.jar(appUrl).clear()

    // As if the app had sent this browser there: the binding value in redirect_url and its cookie on the app.
    browser.jar(appUrl).set('__clerk_handshake_binding', TEST_BINDING)
    const query = new URLSearchParams({
      redirect_url: bound(`${appUrl}/b?x=1`),
      format: 'token',
      suffixed_cookies: 'false',
    })
    const hops = await browser.go(`${clerk.url}/v1/client/handshake?${query}`)
    expect(hops.map((hop) => hop.status)).toEqual([307, 307, 200])
    expect(new URL(hops[0]!.location!).searchParams.get('__clerk_handshake')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(hops[1]!.location).toBe(`${appUrl}/b?x=1`)
    // Plain names (suffixed_cookies=false), and the refresh token, always suffixed.
    expect(
      hops[1]!.setCookies.map((line) => line.split('=')[0]!.replace(/^__refresh_.+$/, '__refresh_<suffix>')).sort(),
    ).toEqual(['__clerk_handshake_binding', '__client_uat', '__refresh_<suffix>', '__session'])
    expect((await pageData(hops[2]!)).loaderData['routes/page']).toMatchObject({ userId })
  })

  it('sign-out: the Frontend API clears the session, our resolution passes the clearing cookies on, signed out', async () => {
    const browser = new Browser()
    await browser.signIn('round.out@example.com', `${appUrl}/in`)
    const hops = await browser.go(`${clerk.url}/sign-out?redirect_url=${encodeURIComponent(`${appUrl}/out`)}`)
    // The sign-out page's handshake was not started by the app: the app's own follows, with the same answer.
    expect(hops.map((hop) => hop.status)).toEqual([303, 307, 307, 307, 307, 200])
    expect((await pageData(hops.at(-1)!)).loaderData['routes/page']).toEqual({
      userId: null,
      sessionId: null,
      iat: null,
    })
    expect(browser.cookies(appUrl).__session).toBeUndefined()
    expect(browser.cookies(appUrl).__client_uat).toBe('0')
  })

  it('a replayed handshake URL, in the browser it was bound to: the nonce is spent, the app redirects once without cookies and stays signed out', async () => {
    const first = new Browser()
    const hops = await first.signIn('round.replay@example.com', `${appUrl}/r`)
    const withNonce = hops[3]!.location!
    const replayer = new Browser()
    replayer
      .jar(appUrl)
      .set('__clerk_handshake_binding', new URL(withNonce).searchParams.get('__clerk_handshake_binding')!)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const replay = await replayer.go(withNonce)
      expect(replay.map((hop) => hop.status)).toEqual([307, 200])
      expect(replay[0]!.location).toBe(`${appUrl}/r`)
      expect(replay[0]!.setCookies).toEqual(['__clerk_handshake_binding=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax'])
      expect((await pageData(replay[1]!)).loaderData['routes/page']).toMatchObject({ userId: null })
      expect(error).toHaveBeenCalledTimes(1)
      expect(String(error.mock.calls[0]![0])).toContain('invalid_nonce')
    } finally {
      error.mockRestore()
    }
  })
})
