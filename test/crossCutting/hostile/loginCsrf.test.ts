// Login CSRF through the handshake: a nonce (or token) in a URL is redeemed for whoever opens it. An attacker signs in
// in his own browser on the real local Frontend API, stops at the redirect back to the app, and sends that link; the
// victim's browser must not receive his session. Only a handshake answer that comes back to the browser the app sent
// for it (its binding cookie next to the value in the URL) is redeemed; any other starts the victim's own handshake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getAuth, rootAuthLoader } from '../../../src/ssr.server.js'
import { resetProcessState } from '../../../src/shared/processState.js'
import {
  NAVIGATION,
  args,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../../helpers/localInstance.js'

const APP = 'http://127.0.0.1:3000'
let instance: LocalInstance
const options = () => ({
  secretKey: instance.local.secretKey,
  publishableKey: instance.local.publishableKey,
  jwtKey: instance.local.jwtKey,
  apiUrl: instance.url,
})

beforeAll(async () => {
  instance = await startLocalInstance({ listen: true })
  instance.local.seed({ users: [{ email_address: 'mallory@example.com' }] })
})
afterAll(() => instance?.close())

/** A browser of its own: cookies per origin, one hop at a time. */
class Browser {
  readonly jars = new Map<string, Map<string, string>>()

  async request(url: string, init: RequestInit = {}): Promise<{ status: number; location: string | null }> {
    const jar = this.jar(url)
    const headers = new Headers(init.headers)
    headers.set('accept', 'text/html')
    headers.set('sec-fetch-dest', 'document')
    if (jar.size > 0) headers.set('cookie', this.cookieHeader(url))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) this.store(url, line)
    const location = response.headers.get('location')
    return { status: response.status, location: location && new URL(location, url).href }
  }

  store(url: string, line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim())
    const [name, ...value] = pair!.split('=')
    if (attributes.some((attribute) => /^max-age=(0|-)/i.test(attribute))) this.jar(url).delete(name!)
    else this.jar(url).set(name!, value.join('='))
  }

  cookieHeader(url: string): string {
    return [...this.jar(url)].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  jar(url: string): Map<string, string> {
    const origin = new URL(url).origin
    if (!this.jars.has(origin)) this.jars.set(origin, new Map())
    return this.jars.get(origin)!
  }
}

/** The attacker signs in on the local sign-in page and follows the redirects up to, not into, the app. */
async function attackersLink(redirectUrl = `${APP}/dashboard?tab=1`): Promise<{ link: string; attacker: Browser }> {
  const attacker = new Browser()
  let hop = await attacker.request(`${instance.url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: instance.url },
    body: new URLSearchParams({ redirect_url: redirectUrl, email: 'mallory@example.com' }).toString(),
  })
  while (hop.location && !hop.location.startsWith(APP)) hop = await attacker.request(hop.location)
  expect(
    new URL(hop.location!).searchParams.has('__clerk_handshake_nonce') ||
      new URL(hop.location!).searchParams.has('__clerk_handshake'),
  ).toBe(true)
  return { link: hop.location!, attacker }
}

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(Response)
  return thrown as Response
}

/** What the victim's browser gets from the app for the link: never the attacker's session. */
function expectNoSessionHandedOver(response: Response): void {
  expect(response.status).toBe(307)
  const cookies = response.headers.getSetCookie().map((line) => line.split('=')[0])
  expect(cookies.filter((name) => /^__(session|client_uat|refresh)/.test(name!))).toEqual([])
  // The victim's own handshake, bound to the victim's browser.
  const location = new URL(response.headers.get('location')!)
  expect(`${location.origin}${location.pathname}`).toBe(`${instance.url}/v1/client/handshake`)
  const back = new URL(location.searchParams.get('redirect_url')!)
  expect(back.searchParams.has('__clerk_handshake_nonce')).toBe(false)
  expect(back.searchParams.get('__clerk_handshake_binding')).toMatch(/^[\w-]{22}$/)
  expect(
    response.headers
      .getSetCookie()
      .some((line) =>
        line.startsWith(`__clerk_handshake_binding=${back.searchParams.get('__clerk_handshake_binding')}`),
      ),
  ).toBe(true)
}

describe('a handshake link from another browser signs nobody in', () => {
  it('a nonce from the sign-in page, opened in a victim’s browser: getAuth and rootAuthLoader start the victim’s own handshake', async () => {
    for (const run of [
      (request: Request) => getAuth(args(request), options()),
      (request: Request) => rootAuthLoader(args(request), options()),
    ]) {
      resetProcessState()
      const { link } = await attackersLink()
      expectNoSessionHandedOver(await thrownBy(run(new Request(link, { headers: NAVIGATION }))))
    }
  })

  it('a victim already signed in keeps the session: the link is not redeemed', async () => {
    const { link } = await attackersLink()
    const own = await instance.mint(instance.sessionId)
    const cookie = Object.entries(sessionCookies(own))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ')
    expectNoSessionHandedOver(
      await thrownBy(getAuth(args(new Request(link, { headers: { ...NAVIGATION, cookie } })), options())),
    )
  })

  it('a link from a handshake the app started for the attacker is bound to the attacker’s browser only', async () => {
    // The app sends the attacker's browser to the Frontend API: the answer comes back bound to it.
    const { attacker } = await attackersLink()
    const started = await thrownBy(
      getAuth(args(new Request(`${APP}/reports`, { headers: { ...NAVIGATION, cookie: '__client_uat=1' } })), options()),
    )
    for (const line of started.headers.getSetCookie()) attacker.store(APP, line)
    const back = await attacker.request(started.headers.get('location')!)
    const link = back.location!
    expect(new URL(link).searchParams.get('__clerk_handshake_nonce')).toBeTruthy()

    expectNoSessionHandedOver(await thrownBy(getAuth(args(new Request(link, { headers: NAVIGATION })), options())))
    // In the attacker's own browser the same kind of link works: that is the handshake doing its job.
    const own = await thrownBy(
      getAuth(args(new Request(link, { headers: { ...NAVIGATION, cookie: attacker.cookieHeader(APP) } })), options()),
    )
    expect(own.headers.get('location')).toBe('/reports')
    expect(own.headers.getSetCookie().some((line) => line.startsWith('__session='))).toBe(true)
  })

  it('a handshake token (format=token) in a link is not applied either', async () => {
    const { attacker } = await attackersLink()
    const query = new URLSearchParams({ redirect_url: `${APP}/dashboard`, format: 'token', suffixed_cookies: 'false' })
    const hop = await attacker.request(`${instance.url}/v1/client/handshake?${query}`)
    expect(new URL(hop.location!).searchParams.get('__clerk_handshake')).toBeTruthy()
    expectNoSessionHandedOver(
      await thrownBy(getAuth(args(new Request(hop.location!, { headers: NAVIGATION })), options())),
    )
  })
})
