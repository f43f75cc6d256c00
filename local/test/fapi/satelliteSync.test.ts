import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalClerk } from '../../src/index.js'
import { type Harness, decodePart, expectClerkError, startHarness } from '../helpers/harness.js'
import { BrowserAgent, type Hop } from '../helpers/browserAgent.js'
import { OPEN_REDIRECT_ATTEMPTS } from '../helpers/openRedirects.js'

/**
 * Satellite domains over real HTTP: the primary's Frontend API is this server under `localhost`, a satellite's is
 * the same server under the satellite's host name (`127.0.0.1`), and the browser keeps one cookie jar per host.
 * A satellite's handshake takes the client from the primary (sync → link) and then completes; ClerkJS's own
 * `/v1/client/sync` ends back on the satellite page with `__clerk_synced=true`.
 */
let h: Harness
let primary: string
let satelliteApi: string
const SATELLITE = 'http://127.0.0.1:3001'
const PRIMARY_APP = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness({ satelliteOrigins: [SATELLITE] })
  const { port } = new URL(h.clerk.url)
  primary = `http://localhost:${port}`
  satelliteApi = `http://127.0.0.1:${port}`
})
afterAll(() => h.close())

async function signedInOnPrimary(email: string): Promise<BrowserAgent> {
  const agent = new BrowserAgent()
  const posted = await agent.postForm(`${primary}/sign-in`, { redirect_url: `${PRIMARY_APP}/`, email })
  expect(posted.status).toBe(303)
  return agent
}

const satelliteHandshake = (params: Record<string, string> = {}) =>
  `${satelliteApi}/v1/client/handshake?${new URLSearchParams({
    redirect_url: `${SATELLITE}/reports?tab=1`,
    format: 'nonce',
    suffixed_cookies: 'false',
    __clerk_hs_reason: 'satellite-needs-syncing',
    ...params,
  })}`

/** Follows redirects until the browser would leave for the satellite app (which does not run here). */
async function untilSatelliteApp(agent: BrowserAgent, url: string): Promise<Hop[]> {
  const hops: Hop[] = []
  let next: string | null = url
  while (next && !next.startsWith(SATELLITE)) {
    if (hops.length > 8) throw new Error(`too many hops: ${hops.map((hop) => hop.url).join(' → ')}`)
    const hop = await agent.request(next)
    hops.push(hop)
    next = hop.status === 307 ? hop.location : null
  }
  return hops
}

async function redeem(location: string): Promise<string[]> {
  const nonce = new URL(location).searchParams.get('__clerk_handshake_nonce')!
  return (await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)).body.directives as string[]
}

describe('a satellite’s handshake syncs with the primary', () => {
  it('signed in on the primary → sync on localhost → link on 127.0.0.1 → handshake → the satellite gets a session token', async () => {
    const agent = await signedInOnPrimary('sat.ada@example.com')
    const hops = await untilSatelliteApp(agent, satelliteHandshake())
    expect(hops.map((hop) => `${hop.status} ${new URL(hop.url).origin}${new URL(hop.url).pathname}`)).toEqual([
      `307 ${satelliteApi}/v1/client/handshake`,
      `307 ${primary}/v1/client/sync`,
      `307 ${satelliteApi}/v1/client/link`,
      `307 ${satelliteApi}/v1/client/handshake`,
    ])
    // The satellite host now holds the primary's client.
    expect(agent.cookies(satelliteApi).__client).toBe(agent.cookies(primary).__client)
    expect(new URL(hops[3]!.url).searchParams.get('__clerk_synced')).toBe('true')
    const back = new URL(hops.at(-1)!.location!)
    expect(`${back.origin}${back.pathname}${back.searchParams.get('tab')}`).toBe(`${SATELLITE}/reports1`)
    const directives = await redeem(hops.at(-1)!.location!)
    const session = directives.find((d) => d.startsWith('__session='))!
    const claims = decodePart(session.slice('__session='.length, session.indexOf(';')), 1)
    expect(claims.azp).toBe(SATELLITE)
    const user = await h.call('GET', '/v1/users?email_address=sat.ada@example.com')
    expect(claims.sub).toBe(user.body[0].id)

    // Another handshake of the satellite (an expired token, say) uses the linked client directly.
    const again = await untilSatelliteApp(
      agent,
      satelliteHandshake({ __clerk_hs_reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie' }),
    )
    expect(again).toHaveLength(1)
  })

  it('signed out on the primary → the satellite gets signed-out cookies, and a stale satellite client is forgotten', async () => {
    const agent = await signedInOnPrimary('sat.out@example.com')
    await untilSatelliteApp(agent, satelliteHandshake())
    await agent.request(`${primary}/sign-out`)
    await agent.postForm(`${primary}/sign-in`, { redirect_url: `${PRIMARY_APP}/`, email: 'sat.other@example.com' })
    agent.jar(primary).clear()
    const hops = await untilSatelliteApp(agent, satelliteHandshake())
    expect(hops).toHaveLength(4)
    expect(hops[2]!.setCookies).toEqual([expect.stringMatching(/^__client=; Max-Age=0; /)])
    const directives = await redeem(hops.at(-1)!.location!)
    expect(directives[0]).toBe('__session=; Max-Age=0; Path=/; SameSite=Lax')
  })

  it('ClerkJS’s /v1/client/sync on the satellite host ends on the satellite page with __clerk_synced=true', async () => {
    const agent = await signedInOnPrimary('sat.clerkjs@example.com')
    const page = `${SATELLITE}/?__clerk_synced=false`
    const hops = await untilSatelliteApp(
      agent,
      `${satelliteApi}/v1/client/sync?redirect_url=${encodeURIComponent(page)}`,
    )
    expect(hops.map((hop) => new URL(hop.url).pathname)).toEqual([
      '/v1/client/sync',
      '/v1/client/sync',
      '/v1/client/link',
    ])
    expect(hops.at(-1)!.location).toBe(`${SATELLITE}/?__clerk_synced=true`)
    expect(agent.cookies(satelliteApi).__client).toBe(agent.cookies(primary).__client)
  })

  it('the primary’s own handshake for a satellite app needs no sync', async () => {
    const agent = await signedInOnPrimary('sat.direct@example.com')
    const hops = await untilSatelliteApp(agent, satelliteHandshake().replace(satelliteApi, primary))
    expect(hops).toHaveLength(1)
  })
})

describe('sync and link refuse what is not a satellite', () => {
  it('a sync for another origin, or for a Frontend API path other than the handshake, is a 403', async () => {
    for (const target of [
      'http://localhost:3000/',
      'https://evil.example/',
      `${satelliteApi}/sign-in`,
      `${SATELLITE.replace('http:', 'https:')}/`,
    ]) {
      const response = await fetch(`${primary}/v1/client/sync?redirect_url=${encodeURIComponent(target)}`, {
        redirect: 'manual',
      })
      expect(response.status, target).toBe(403)
      expect(((await response.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe(
        'redirect_url_not_allowed',
      )
    }
  })

  it.each(OPEN_REDIRECT_ATTEMPTS)(
    'open redirect attempt on sync and link, %s: %s → refused, never a redirect',
    async (_name, target) => {
      for (const host of [primary, satelliteApi]) {
        for (const path of ['/v1/client/sync', '/v1/client/link?token=link_x&']) {
          const joiner = path.endsWith('&') ? '' : '?'
          const response = await fetch(`${host}${path}${joiner}redirect_url=${encodeURIComponent(target)}`, {
            redirect: 'manual',
          })
          expect(response.status, `${host}${path}`).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
          expect(response.headers.get('location')).toBeNull()
        }
      }
    },
  )

  it('a link token works once, only on its satellite host, and never as a handshake nonce', async () => {
    const agent = await signedInOnPrimary('sat.link@example.com')
    const sync = await agent.request(`${primary}/v1/client/sync?redirect_url=${encodeURIComponent(`${SATELLITE}/`)}`)
    const link = sync.location!
    const token = new URL(link).searchParams.get('token')!
    expectClerkError(await h.call('GET', `/v1/clients/handshake_payload?nonce=${token}`), 400, 'invalid_nonce')
    // On the primary host it is refused (and used up), so it cannot plant the client in another jar.
    const elsewhere = await fetch(link.replace(satelliteApi, primary), { redirect: 'manual' })
    expect(elsewhere.status).toBe(400)
    const late = await fetch(link, { redirect: 'manual' })
    expect(late.status).toBe(400)
    expect(((await late.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('invalid_link_token')
    const forged = await fetch(
      `${satelliteApi}/v1/client/link?token=link_forged&redirect_url=${encodeURIComponent(`${SATELLITE}/`)}`,
      { redirect: 'manual' },
    )
    expect(forged.status).toBe(400)
  })

  it('without satellites configured, a sync is refused', async () => {
    const plain = await startHarness()
    try {
      const response = await fetch(
        `${plain.clerk.url}/v1/client/sync?redirect_url=${encodeURIComponent(`${SATELLITE}/`)}`,
        { redirect: 'manual' },
      )
      expect(response.status).toBe(403)
    } finally {
      await plain.close()
    }
  })
})

// On Clerk a production satellite has its own Frontend API (`https://clerk.<satellite domain>`), which issues the
// satellite's session tokens: their `iss` is that Frontend API, not the primary's. Here a satellite's Frontend API is
// this server under the satellite's host name, and tokens minted for the satellite app carry it.
describe('a satellite’s tokens come from its own Frontend API', () => {
  const OTHER_HOST_SATELLITE = 'http://sat.localhost:3001'

  it('minted for the satellite app (its handshake and browser tokens are), then refreshed: iss is the satellite’s Frontend API', async () => {
    const clerk = await createLocalClerk({ db: ':memory:', satelliteOrigins: [OTHER_HOST_SATELLITE] })
    try {
      const { users } = clerk.seed({ users: [{ email_address: 'sat.iss@example.com' }] })
      const session = clerk.createSession({ userId: users[0]!.id })
      const satelliteApi = 'http://sat.localhost:4000'
      const issuerOf = (jwt: string) => decodePart(jwt, 1).iss
      expect(issuerOf(await clerk.getToken(session.id, { origin: OTHER_HOST_SATELLITE }))).toBe(satelliteApi)
      expect(issuerOf(await clerk.getToken(session.id, { origin: 'http://localhost:3000' }))).toBe(clerk.url)
      expect(
        issuerOf(
          await clerk.getToken(session.id, {
            origin: OTHER_HOST_SATELLITE,
            frontendApi: 'https://clerk.satellite.example',
          }),
        ),
      ).toBe('https://clerk.satellite.example')

      // A refresh keeps the Frontend API the expired token came from.
      const expired = await clerk.getToken(session.id, { origin: OTHER_HOST_SATELLITE, expiresInSeconds: 1 })
      const refreshed = await clerk.fetch(
        new Request(`${clerk.url}/v1/sessions/${session.id}/refresh`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clerk.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            expired_token: expired,
            refresh_token: clerk.refreshToken(session.id),
            request_origin: OTHER_HOST_SATELLITE,
          }),
        }),
      )
      expect(refreshed.status).toBe(200)
      expect(issuerOf(((await refreshed.json()) as { jwt: string }).jwt)).toBe(satelliteApi)
    } finally {
      await clerk.close()
    }
  })
})
