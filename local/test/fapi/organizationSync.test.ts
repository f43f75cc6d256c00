import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../helpers/backend.js'
import { type Harness, decodePart, startHarness } from '../helpers/harness.js'
import { BrowserAgent } from '../helpers/browserAgent.js'

/**
 * Organization sync in the handshake: `organization_id` (an id, a slug, or '' for the personal account) becomes the
 * session's active organization when the user is a member and the request is the app's own redirect of this browser;
 * anything else leaves it as it was.
 */
let h: Harness
let acme: string
const APP = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness()
  const seeded = h.clerk.seed({
    users: [{ email_address: 'org.ada@example.com' }, { email_address: 'org.eve@example.com' }],
    organizations: [
      { name: 'Acme', slug: 'acme', members: [{ user: 'org.ada@example.com', role: 'org:admin' }] },
      { name: 'Beta', slug: 'beta', members: [{ user: 'org.ada@example.com', role: 'org:member' }] },
      { name: 'Evil', slug: 'evil', members: [{ user: 'org.eve@example.com', role: 'org:admin' }] },
    ],
  })
  acme = seeded.organizations[0]!.id
})
afterAll(() => h.close())

async function handshakeClaims(
  agent: BrowserAgent,
  organizationId?: string,
): Promise<{ claims: Record<string, unknown>; uat: string }> {
  const query = new URLSearchParams({ redirect_url: `${APP}/orgs/x`, format: 'nonce', suffixed_cookies: 'false' })
  if (organizationId !== undefined) {
    query.set('organization_id', organizationId)
    // What shows it is the app's own redirect of this browser: @clerk/backend 3 sends the browser's session token
    // (hostile/handshakeGet.test.ts has the other proof, and the requests without one).
    query.set('__session', await h.clerk.getToken((await handshakeClaims(agent)).claims.sid as string))
  }
  const hop = await agent.request(`${h.clerk.url}/v1/client/handshake?${query}`)
  const nonce = new URL(hop.location!).searchParams.get('__clerk_handshake_nonce')!
  const directives = (await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)).body.directives as string[]
  const value = (name: string) => {
    const d = directives.find((line) => line.startsWith(`${name}=`))!
    return d.slice(name.length + 1, d.indexOf(';'))
  }
  return { claims: decodePart(value('__session'), 1), uat: value('__client_uat') }
}

describe('organization_id in the handshake', () => {
  it('activates the organization named by slug or id, or the personal account; the client moves forward', async () => {
    const agent = new BrowserAgent()
    await agent.postForm(`${h.clerk.url}/sign-in`, {
      redirect_url: `${APP}/`,
      email: 'org.ada@example.com',
      organization_id: acme,
    })
    const start = await handshakeClaims(agent)
    expect((start.claims.o as { slg: string }).slg).toBe('acme')
    // Seconds apart where the tests hold the server's clock (__client_uat counts seconds); the CLI's real clock moves alone.
    const later = () => TESTS_HOLD_THE_SERVER_CLOCK && h.clock.advance(2_000)

    later()
    const beta = await handshakeClaims(agent, 'beta')
    expect(beta.claims.o).toMatchObject({ slg: 'beta', rol: 'member' })
    expect(Number(beta.uat)).toEqual(h.clock.secondsNow())

    later()
    const byId = await handshakeClaims(agent, acme)
    expect(byId.claims.o).toMatchObject({ id: acme, slg: 'acme', rol: 'admin' })

    const personal = await handshakeClaims(agent, '')
    expect(personal.claims.o).toBeUndefined()

    // The same again changes nothing, not even the client.
    later()
    const same = await handshakeClaims(agent, '')
    expect(same.uat).toBe(personal.uat)
  })

  it('an organization the user is not a member of, an unknown one, or a path trick leaves the session as it was', async () => {
    const agent = new BrowserAgent()
    await agent.postForm(`${h.clerk.url}/sign-in`, {
      redirect_url: `${APP}/`,
      email: 'org.ada@example.com',
      organization_id: acme,
    })
    for (const attempt of ['evil', 'org_nope', '../acme', '%2e%2e', 'acme/../evil', 'x'.repeat(10_000)]) {
      const { claims } = await handshakeClaims(agent, attempt)
      expect((claims.o as { slg: string }).slg, attempt).toBe('acme')
    }
  })

  it('a signed-out browser gets signed-out cookies whatever organization_id says', async () => {
    const agent = new BrowserAgent()
    const query = new URLSearchParams({ redirect_url: `${APP}/`, format: 'nonce', organization_id: 'acme' })
    const hop = await agent.request(`${h.clerk.url}/v1/client/handshake?${query}`)
    const nonce = new URL(hop.location!).searchParams.get('__clerk_handshake_nonce')!
    const directives = (await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)).body.directives as string[]
    expect(directives[0]).toBe('__session=; Max-Age=0; Path=/; SameSite=Lax')
  })
})
