// `GET /v1/client/handshake` is a GET any page can make: an `<img>` sends it without cookies (another site) or with
// the browser's `__client` cookie (a page on any port of the same host, or a link). It must change no state beyond
// what the protocol needs, and a request without cookies must leave nothing behind: 1000 of them once made 1000 client
// rows and 1000 nonce rows. The one change the protocol asks of it, organization sync's `organization_id`, is made
// only for the app's own redirect of this very browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentedCount } from '../../../../test/helpers/documentedCount.js'
import { BrowserAgent } from '../../helpers/browserAgent.js'
import { type Harness, countRows, decodePart, startHarness } from '../../helpers/harness.js'

let h: Harness
const APP = 'http://localhost:3000'
let beta: string

beforeAll(async () => {
  h = await startHarness()
  const seeded = h.clerk.seed({
    users: [{ email_address: 'get.ada@example.com' }],
    organizations: [
      { name: 'Acme', slug: 'acme', members: [{ user: 'get.ada@example.com', role: 'org:admin' }] },
      { name: 'Beta', slug: 'beta', members: [{ user: 'get.ada@example.com', role: 'org:member' }] },
    ],
  })
  beta = seeded.organizations[1]!.id
})
afterAll(() => h.close())

const handshake = (params: Record<string, string>) =>
  `${h.clerk.url}/v1/client/handshake?${new URLSearchParams({ redirect_url: `${APP}/orgs/beta`, format: 'nonce', ...params })}`

async function redeem(location: string): Promise<string[]> {
  const nonce = new URL(location).searchParams.get('__clerk_handshake_nonce')!
  const response = await h.call('GET', `/v1/clients/handshake_payload?nonce=${encodeURIComponent(nonce)}`)
  expect(response.status).toBe(200)
  return response.body.directives as string[]
}

const rows = () => ({
  clients: countRows(h.clerk, 'clients'),
  nonces: countRows(h.clerk, 'handshake_nonces'),
  sessions: countRows(h.clerk, 'sessions'),
})

describe('a handshake GET without cookies', () => {
  const count = documentedCount('handshake-get-requests')
  it(`${count} of them (an <img> on any page) leave no row behind: no client, no stored nonce; each answer still redeems`, async () => {
    const before = rows()
    const locations = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const response = await h.clerk.fetch(
          new Request(handshake({ redirect_url: `${APP}/page/${index}`, suffixed_cookies: 'true' })),
        )
        expect(response.status).toBe(307)
        expect(response.headers.getSetCookie()).toEqual([])
        return response.headers.get('location')!
      }),
    )
    expect(rows()).toEqual(before)
    // The signed-out answer is the same for everyone: it names its cookies rather than storing them.
    expect((await redeem(locations[0]!)).map((directive) => directive.split(';')[0])).toEqual([
      expect.stringMatching(/^__session_[\w-]{8}=$/),
      '__session=',
      expect.stringMatching(/^__client_uat_[\w-]{8}=0$/),
      '__client_uat=0',
      expect.stringMatching(/^__refresh_[\w-]{8}=$/),
    ])
    expect(await redeem(locations[999]!)).toEqual(await redeem(locations[0]!))
  })
})

describe('organization_id in a handshake GET', () => {
  /** A browser signed in on the local sign-in page with Acme active, and its session. */
  async function signedIn(): Promise<{ agent: BrowserAgent; sessionId: string }> {
    const agent = new BrowserAgent()
    await agent.postForm(`${h.clerk.url}/sign-in`, {
      redirect_url: `${APP}/`,
      email: 'get.ada@example.com',
      organization_id: 'acme',
    })
    const claims = decodePart(
      (await redeem((await agent.request(handshake({ redirect_url: `${APP}/` }))).location!))[0]!
        .split('=')[1]!
        .split(';')[0]!,
      1,
    )
    expect((claims.o as { slg: string }).slg).toBe('acme')
    return { agent, sessionId: claims.sid as string }
  }

  async function activeSlug(agent: BrowserAgent): Promise<string> {
    const session = (await redeem((await agent.request(handshake({ redirect_url: `${APP}/` }))).location!))[0]!
    return (decodePart(session.split('=')[1]!.split(';')[0]!, 1).o as { slg: string }).slg
  }

  it('from a link or an <img> with the browser’s own __client cookie: nothing changes', async () => {
    const { agent } = await signedIn()
    await agent.request(handshake({ organization_id: 'beta' }), { document: false })
    await agent.request(handshake({ organization_id: beta, __clerk_hs_reason: 'active-organization-mismatch' }))
    // Someone else's session token proves nothing about this browser.
    const other = h.clerk.createSession({
      userId: (await h.call('GET', '/v1/users?email_address=get.ada@example.com')).body[0].id,
    })
    await agent.request(handshake({ organization_id: 'beta', __session: await h.clerk.getToken(other.id) }))
    expect(await activeSlug(agent)).toBe('acme')
  })

  it('as @clerk/backend 3 redirects: with the browser’s session token (`__session`), the organization is activated', async () => {
    const { agent, sessionId } = await signedIn()
    await agent.request(handshake({ organization_id: 'beta', __session: await h.clerk.getToken(sessionId) }))
    expect(await activeSlug(agent)).toBe('beta')
  })

  it('as remix-clerk redirects: bound to the browser (the value in redirect_url and in its cookie on the shared host), activated', async () => {
    const { agent } = await signedIn()
    const value = 'bindingValueOfTheApp01'
    agent.store(h.clerk.url, `__clerk_handshake_binding=${value}; Path=/`)
    await agent.request(
      handshake({
        organization_id: 'beta',
        redirect_url: `${APP}/orgs/beta?__clerk_handshake_binding=otherValue000000000000`,
      }),
    )
    expect(await activeSlug(agent)).toBe('acme')
    await agent.request(
      handshake({ organization_id: 'beta', redirect_url: `${APP}/orgs/beta?__clerk_handshake_binding=${value}` }),
    )
    expect(await activeSlug(agent)).toBe('beta')
  })
})
