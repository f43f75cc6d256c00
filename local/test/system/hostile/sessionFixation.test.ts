// Session fixation: cookies are not isolated by port, so any app on another 127.0.0.1 port can plant a `__client`
// cookie for the local backend in a victim's browser, with a value it got from the backend itself. If signing in
// kept that client, the planter would then collect the victim's session through the handshake. Every sign-in
// issues a fresh client instead; the planted value leads to no session, and whatever session it had is ended.
import { importJWK, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrowserAgent } from '../../helpers/browserAgent.js'
import { type Harness, countRows, startHarness } from '../../helpers/harness.js'

let h: Harness
const APP = 'http://localhost:3000/'

beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({ users: [{ email_address: ['victim@example.com'] }, { email_address: ['attacker@example.com'] }] })
})
afterAll(() => h.close())

const handshakeUrl = () =>
  `${h.clerk.url}/v1/client/handshake?${new URLSearchParams({ redirect_url: APP, format: 'token' })}`

/** What the handshake gives whoever holds `__client=<value>`: the session token it would set, or null. */
async function sessionTokenFor(clientCookie: string): Promise<string | null> {
  const response = await fetch(handshakeUrl(), { headers: { cookie: `__client=${clientCookie}` }, redirect: 'manual' })
  expect(response.status).toBe(307)
  const token = new URL(response.headers.get('location')!).searchParams.get('__clerk_handshake')!
  const key = await importJWK(h.clerk.jwks.keys[0]!, 'RS256')
  const { payload } = await jwtVerify(token, key, { currentDate: new Date(h.clock.ms) })
  const session = (payload.handshake as string[]).find((directive) => directive.startsWith('__session='))!
  const value = session.slice('__session='.length).split(';')[0]!
  return value === '' ? null : value
}

/** A `__client` value of the attacker's own, as the backend issues one to any browser that signs in. */
async function issuedClientValue(agent: BrowserAgent): Promise<string> {
  await agent.postForm(`${h.clerk.url}/sign-in`, { redirect_url: APP, email: 'attacker@example.com' })
  const value = agent.cookies(h.clerk.url).__client
  expect(value).toMatch(/^\w{43}$/)
  return value!
}

const userId = async (email: string): Promise<string> =>
  (await h.call('GET', `/v1/users?email_address=${email}`)).body[0].id

describe('a __client cookie planted before sign-in', () => {
  it('is replaced by a fresh one on sign-in, and leads to no session afterwards', async () => {
    const attacker = new BrowserAgent()
    const planted = await issuedClientValue(attacker)

    const victim = new BrowserAgent()
    victim.store(h.clerk.url, `__client=${planted}; Path=/; HttpOnly; SameSite=Lax`)
    const signIn = await victim.postForm(`${h.clerk.url}/sign-in`, { redirect_url: APP, email: 'victim@example.com' })
    expect(signIn.status).toBe(303)
    const fresh = victim.cookies(h.clerk.url).__client!
    expect(signIn.setCookies).toEqual([
      expect.stringMatching(/^__client=\w{43}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    expect(fresh).not.toBe(planted)

    // The victim is signed in through the fresh client; the planted value gets a signed-out answer.
    const victimToken = await sessionTokenFor(fresh)
    expect(victimToken).not.toBeNull()
    expect(await sessionTokenFor(planted)).toBeNull()
  })

  it('ends the sessions of the planted client (signing in replaces whoever was signed in on that browser)', async () => {
    const attacker = new BrowserAgent()
    await attacker.postForm(`${h.clerk.url}/sign-in`, { redirect_url: APP, email: 'attacker@example.com' })
    const planted = attacker.cookies(h.clerk.url).__client!
    const attackerSession = (await h.call('GET', `/v1/sessions?user_id=${await userId('attacker@example.com')}`))
      .body[0]
    expect(attackerSession.status).toBe('active')

    const victim = new BrowserAgent()
    victim.store(h.clerk.url, `__client=${planted}; Path=/`)
    await victim.postForm(`${h.clerk.url}/sign-in`, { redirect_url: APP, email: 'victim@example.com' })

    expect((await h.call('GET', `/v1/sessions/${attackerSession.id}`)).body.status).toBe('ended')
    expect(await sessionTokenFor(planted)).toBeNull()
    const victimSessions = (await h.call('GET', `/v1/sessions?user_id=${await userId('victim@example.com')}`))
      .body as Array<{ client_id: string; status: string }>
    expect(victimSessions[0]!.status).toBe('active')
    expect(victimSessions[0]!.client_id).not.toBe(attackerSession.client_id)
  })

  it('a sign-in that fails (an organization the user is not in) creates no client and sets no cookie', async () => {
    h.clerk.seed({ organizations: [{ name: 'Elsewhere', slug: 'elsewhere' }] })
    const clients = countRows(h.clerk, 'clients')
    const organizationId = (await h.call('GET', '/v1/organizations/elsewhere')).body.id as string
    const hop = await new BrowserAgent().postForm(`${h.clerk.url}/sign-in`, {
      redirect_url: APP,
      user_id: await userId('victim@example.com'),
      organization_id: organizationId,
    })
    expect(hop.status).toBe(422)
    expect(hop.setCookies).toEqual([])
    expect(countRows(h.clerk, 'clients')).toBe(clients)
  })
})
