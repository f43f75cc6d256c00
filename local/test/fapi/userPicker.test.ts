import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, countRows, decodePart, startHarness } from '../helpers/harness.js'
import { BrowserAgent, type Hop } from '../helpers/browserAgent.js'

/** The sign-in and sign-out pages over HTTP, as a browser uses them. */
let h: Harness
const APP = 'http://localhost:3000/after?x=1'
const expectedHandshake = () =>
  `${h.clerk.url}/v1/client/handshake?${new URLSearchParams({ redirect_url: APP, format: 'nonce', suffixed_cookies: 'true' })}`

beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({
    users: [
      { email_address: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
      { email_address: 'mallory@example.com', first_name: '<script>alert(1)</script>' },
      { email_address: 'orgs@example.com', first_name: 'Olga' },
    ],
    organizations: [
      { name: 'Acme & Co', slug: 'acme', members: [{ user: 'orgs@example.com', role: 'org:admin' }] },
      { name: 'Globex', members: [{ user: 'orgs@example.com', role: 'org:member' }] },
      { name: 'Other', members: [{ user: 'ada@example.com', role: 'org:member' }] },
    ],
  })
})
afterAll(() => h.close())

const userId = async (email: string): Promise<string> =>
  (await h.call('GET', `/v1/users?email_address=${email}`)).body[0].id
const sessionsOf = async (id: string) =>
  (await h.call('GET', `/v1/sessions?user_id=${id}&limit=100`)).body as Array<{
    id: string
    status: string
    client_id: string
    last_active_organization_id: string | null
  }>

function post(
  agent: BrowserAgent,
  path: string,
  fields: Record<string, string>,
  extra: { origin?: string | null; contentType?: string } = {},
) {
  if (extra.contentType === undefined)
    return agent.postForm(`${h.clerk.url}${path}`, fields, extra.origin === undefined ? h.clerk.url : extra.origin)
  return agent.request(`${h.clerk.url}${path}`, {
    method: 'POST',
    origin: h.clerk.url,
    headers: { 'content-type': extra.contentType },
    body: JSON.stringify(fields),
  })
}

async function text(hop: Hop) {
  expect(hop.response.headers.get('content-type')).toBe('text/html; charset=utf-8')
  return hop.response.text()
}

describe('GET /sign-in', () => {
  it('lists existing users (name and e-mail, newest first, escaped) and an e-mail form, on a self-contained page', async () => {
    const hop = await new BrowserAgent().request(`${h.clerk.url}/sign-in?redirect_url=${encodeURIComponent(APP)}`)
    expect(hop.status).toBe(200)
    expect(hop.setCookies).toEqual([])
    expect(hop.response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    )
    expect(hop.response.headers.get('x-frame-options')).toBe('DENY')
    expect(hop.response.headers.get('cache-control')).toBe('no-store')
    // no-referrer would make browsers send `Origin: null` with our own forms, which the CSRF check refuses.
    expect(hop.response.headers.get('referrer-policy')).toBe('same-origin')
    const html = await text(hop)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;')
    expect(html.match(/<h1>.*<\/h1>/g)).toEqual(['<h1>Sign in</h1>'])
    const buttons = [
      ...html.matchAll(
        /<button class="user" type="submit" name="user_id" value="(user_\w+)"><span>(.*?)<\/span><span class="email">(.*?)<\/span><\/button>/g,
      ),
    ]
    expect(buttons.map((m) => [m[2], m[3]])).toEqual([
      ['Olga', 'orgs@example.com'],
      ['&lt;script&gt;alert(1)&lt;/script&gt;', 'mallory@example.com'],
      ['Ada Lovelace', 'ada@example.com'],
    ])
    expect(buttons[2]![1]).toBe(await userId('ada@example.com'))
    expect(html).toContain('<label for="email">E-mail address</label>')
    expect(html).toContain('<input type="email" id="email" name="email" autocomplete="email" required value="">')
    expect(
      html.match(/<input type="hidden" name="redirect_url" value="http:\/\/localhost:3000\/after\?x=1">/g),
    ).toHaveLength(2)
    expect(html).not.toMatch(/<script|<link|src=|<img/)
  })

  it.each([
    ['missing', '', 'redirect_url is missing.'],
    [
      'not allowed',
      `?redirect_url=${encodeURIComponent('https://evil.example/')}`,
      'redirect_url points to https://evil.example, which is not an allowed origin',
    ],
    [
      'protocol-relative',
      `?redirect_url=${encodeURIComponent('//evil.example/')}`,
      'redirect_url must be an absolute URL such as http://localhost:3000/ (got &quot;//evil.example/&quot;).',
    ],
  ])('answers a readable 400 page when redirect_url is %s', async (_name, query, problem) => {
    const hop = await new BrowserAgent().request(`${h.clerk.url}/sign-in${query}`)
    expect(hop.status).toBe(400)
    const html = await text(hop)
    expect(html).toContain('<h1>Cannot continue</h1>')
    expect(html).toContain(`<p class="error" role="alert">${problem}`)
    expect(html).toContain('Open this page from your app')
  })
})

describe('POST /sign-in', () => {
  it('an existing user without organizations: signs this browser in and goes through the handshake', async () => {
    const agent = new BrowserAgent()
    const id = await userId('mallory@example.com')
    const hop = await post(agent, '/sign-in', { redirect_url: APP, user_id: id })
    expect(hop.status).toBe(303)
    expect(hop.location).toBe(expectedHandshake())
    expect(hop.response.headers.get('cache-control')).toBe('no-store')
    expect(hop.setCookies[0]).toMatch(/^__client=\w{43}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/)
    const sessions = await sessionsOf(id)
    expect(sessions.map((s) => s.status)).toEqual(['active'])
    const user = await h.call('GET', `/v1/users/${id}`)
    expect(user.body.last_sign_in_at).toEqual(h.clock.msNow())
  })

  it('a new e-mail address creates the user (trimmed, lower-cased); the same address again finds that user', async () => {
    const users = countRows(h.clerk, 'users')
    const first = await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, email: '  New.Person@Example.com ' })
    expect(first.status).toBe(303)
    expect(countRows(h.clerk, 'users')).toBe(users + 1)
    const id = await userId('new.person@example.com')
    const again = await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, email: 'new.person@example.com' })
    expect(again.status).toBe(303)
    expect(countRows(h.clerk, 'users')).toBe(users + 1)
    expect((await sessionsOf(id)).map((s) => s.status)).toEqual(['active', 'active'])
  })

  it.each([
    [{ email: 'not-an-address' }, 'That is not an e-mail address. Use the form name@example.com.', 'not-an-address'],
    [{ email: '<b>@x' }, 'That is not an e-mail address. Use the form name@example.com.', '&lt;b&gt;@x'],
    [{ email: '' }, 'Type an e-mail address, or choose one of the users above.', ''],
    [{ user_id: 'user_gone' }, 'That user no longer exists. Choose another one or type an e-mail address.', ''],
  ])('bad input %j: 422, the page again with the message next to the field', async (fields, message, kept) => {
    const sessions = countRows(h.clerk, 'sessions')
    const hop = await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, ...fields })
    expect(hop.status).toBe(422)
    expect(hop.setCookies).toEqual([])
    const html = await text(hop)
    expect(html).toContain(`<p class="error" id="email-error" role="alert">${message}</p>`)
    expect(html).toContain(`required value="${kept}" aria-invalid="true" aria-describedby="email-error">`)
    expect(countRows(h.clerk, 'sessions')).toBe(sessions)
  })

  it('a user with organizations chooses one (or none) on a second page; the session token carries it', async () => {
    const agent = new BrowserAgent()
    const id = await userId('orgs@example.com')
    const sessions = countRows(h.clerk, 'sessions')
    const choose = await post(agent, '/sign-in', { redirect_url: APP, email: 'ORGS@example.com' })
    expect(choose.status).toBe(200)
    const html = await text(choose)
    expect(html).toContain('<h1>Choose an organization</h1>')
    expect(html).toContain('<legend>Active organization</legend>')
    expect(html).toContain(`<input type="hidden" name="user_id" value="${id}">`)
    const options = [
      ...html.matchAll(/<label><input type="radio" name="organization_id" value="([^"]*)"( checked)?> ([^<]*)/g),
    ]
    // A first sign-in preselects the oldest membership.
    expect(options.map((m) => [m[2] === ' checked', m[3]!.trim()])).toEqual([
      [false, 'No organization (personal account)'],
      [true, 'Acme &amp; Co'],
      [false, 'Globex'],
    ])
    // Nobody is signed in until the organization is chosen.
    expect(countRows(h.clerk, 'sessions')).toBe(sessions)

    const acme = (await h.call('GET', '/v1/organizations/acme')).body.id as string
    const signedIn = await post(agent, '/sign-in', { redirect_url: APP, user_id: id, organization_id: acme })
    expect(signedIn.status).toBe(303)
    const handshake = await agent.request(signedIn.location!)
    const nonce = new URL(handshake.location!).searchParams.get('__clerk_handshake_nonce')!
    const { directives } = (await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)).body as {
      directives: string[]
    }
    const token = directives[0]!.split(';')[0]!.split('=')[1]!
    expect(decodePart(token, 1).o).toEqual({ id: acme, slg: 'acme', rol: 'admin' })

    const none = await post(agent, '/sign-in', { redirect_url: APP, user_id: id, organization_id: '' })
    expect(none.status).toBe(303)
    const latest = (await sessionsOf(id))[0]!
    expect(latest.last_active_organization_id).toBeNull()
  })

  it("preselects the organization of the user's newest session, none if it had none, the oldest if it was left", async () => {
    const id = await userId('orgs@example.com')
    const preselected = async () => {
      const html = await text(await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, user_id: id }))
      return [...html.matchAll(/<input type="radio" name="organization_id" value="([^"]*)" checked>/g)].map((m) => m[1])
    }
    // The previous test signed Olga in last without an organization.
    expect(await preselected()).toEqual([''])
    const globex = (await h.call('GET', '/v1/organizations/globex')).body.id as string
    expect(
      (await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, user_id: id, organization_id: globex })).status,
    ).toBe(303)
    expect(await preselected()).toEqual([globex])
    // Another browser's session, newer, with no organization: the newest session counts, whichever browser.
    await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, user_id: id, organization_id: '' })
    expect(await preselected()).toEqual([''])
    await post(new BrowserAgent(), '/sign-in', { redirect_url: APP, user_id: id, organization_id: globex })
    expect((await h.call('DELETE', `/v1/organizations/${globex}/memberships/${id}`)).status).toBe(200)
    const acme = (await h.call('GET', '/v1/organizations/acme')).body.id as string
    expect(await preselected()).toEqual([acme])
  })

  it('an organization the user is not a member of: 422, the organization page with a message, no session', async () => {
    const id = await userId('orgs@example.com')
    const other = (await h.call('GET', '/v1/organizations/other')).body.id as string
    const sessions = countRows(h.clerk, 'sessions')
    for (const organizationId of [other, 'org_missing']) {
      const hop = await post(new BrowserAgent(), '/sign-in', {
        redirect_url: APP,
        user_id: id,
        organization_id: organizationId,
      })
      expect(hop.status).toBe(422)
      // Nothing changed: no client, no cookie (the next attempt signs in on a fresh client anyway).
      expect(hop.setCookies).toEqual([])
      expect(await text(hop)).toContain(
        '<p class="error" role="alert">That organization cannot be chosen for Olga: pick one from the list.</p>',
      )
    }
    expect(countRows(h.clerk, 'sessions')).toBe(sessions)
  })

  it('signing in as someone else on the same browser ends the previous session; the new one is on a fresh client', async () => {
    const agent = new BrowserAgent()
    const ada = await userId('ada@example.com')
    await post(agent, '/sign-in', { redirect_url: APP, user_id: ada, organization_id: '' })
    const mallory = await userId('mallory@example.com')
    const before = (await sessionsOf(ada))[0]!
    await post(agent, '/sign-in', { redirect_url: APP, user_id: mallory })
    expect((await h.call('GET', `/v1/sessions/${before.id}`)).body.status).toBe('ended')
    const now = (await sessionsOf(mallory))[0]!
    expect(now.client_id).not.toBe(before.client_id)
    expect(now.status).toBe('active')
  })

  describe('cross-site request forgery: only forms from this origin count', () => {
    it.each([
      ['no Origin header', null, 403, 'This form arrived without an Origin header'],
      [
        'another origin',
        'http://localhost:3000',
        403,
        'This form was sent from http://localhost:3000, not from this server&#39;s own page.',
      ],
      ['the literal null origin', 'null', 403, 'This form was sent from null'],
    ])('%s → %i', async (_name, origin, status, problem) => {
      const sessions = countRows(h.clerk, 'sessions')
      const hop = await post(
        new BrowserAgent(),
        '/sign-in',
        { redirect_url: APP, email: 'csrf@example.com' },
        { origin },
      )
      expect(hop.status).toBe(status)
      expect(hop.setCookies).toEqual([])
      const html = await text(hop)
      expect(html).toContain('<h1>Cannot sign in</h1>')
      expect(html).toContain(problem)
      expect(countRows(h.clerk, 'sessions')).toBe(sessions)
      expect((await h.call('GET', '/v1/users?email_address=csrf@example.com')).body).toEqual([])
    })

    it('a body that is not an HTML form → 415', async () => {
      const hop = await post(
        new BrowserAgent(),
        '/sign-in',
        { email: 'json@example.com' },
        { contentType: 'application/json' },
      )
      expect(hop.status).toBe(415)
      expect(await text(hop)).toContain(
        'Expected an HTML form (application/x-www-form-urlencoded), got application/json.',
      )
    })

    it('a bad redirect_url in the form → 400 page, nobody signed in', async () => {
      const sessions = countRows(h.clerk, 'sessions')
      const hop = await post(new BrowserAgent(), '/sign-in', {
        redirect_url: 'http://localhost@evil.example/',
        email: 'ada@example.com',
      })
      expect(hop.status).toBe(400)
      expect(await text(hop)).toContain('redirect_url must not contain a user name or password')
      expect(countRows(h.clerk, 'sessions')).toBe(sessions)
    })
  })
})

describe('sign-out', () => {
  async function signedIn(email: string) {
    const agent = new BrowserAgent()
    await post(agent, '/sign-in', { redirect_url: APP, email })
    const [session] = await sessionsOf(await userId(email))
    return { agent, session: session! }
  }
  const statusOf = async (sessionId: string) => (await h.call('GET', `/v1/sessions/${sessionId}`)).body.status as string

  it('GET with redirect_url: ends the session, then the handshake clears the app cookies', async () => {
    const { agent, session } = await signedIn('out.get@example.com')
    const hop = await agent.request(`${h.clerk.url}/sign-out?redirect_url=${encodeURIComponent(APP)}`)
    expect(hop.status).toBe(303)
    expect(hop.location).toBe(expectedHandshake())
    expect(await statusOf(session.id)).toBe('ended')
  })

  it('GET without redirect_url: ends the session and confirms on a page', async () => {
    const { agent, session } = await signedIn('out.page@example.com')
    const hop = await agent.request(`${h.clerk.url}/sign-out`)
    expect(hop.status).toBe(200)
    expect(await text(hop)).toContain('<h1>Signed out</h1>')
    expect(await statusOf(session.id)).toBe('ended')
  })

  it('POST from our origin works; from elsewhere it is refused and changes nothing', async () => {
    const { agent, session } = await signedIn('out.post@example.com')
    const forged = await post(agent, '/sign-out', { redirect_url: APP }, { origin: 'http://localhost:3000' })
    expect(forged.status).toBe(403)
    expect(await text(forged)).toContain('<h1>Cannot sign out</h1>')
    expect(await statusOf(session.id)).toBe('active')
    const hop = await post(agent, '/sign-out', { redirect_url: APP })
    expect(hop.status).toBe(303)
    expect(hop.location).toBe(expectedHandshake())
    expect(await statusOf(session.id)).toBe('ended')
  })

  it('a bad redirect_url is refused before anything is ended', async () => {
    const { agent, session } = await signedIn('out.bad@example.com')
    const hop = await agent.request(`${h.clerk.url}/sign-out?redirect_url=${encodeURIComponent('javascript:alert(1)')}`)
    expect(hop.status).toBe(400)
    expect(await text(hop)).toContain('redirect_url must use http or https')
    expect(await statusOf(session.id)).toBe('active')
  })

  it('a browser without a client is simply sent through the handshake (which clears the app cookies)', async () => {
    const hop = await new BrowserAgent().request(`${h.clerk.url}/sign-out?redirect_url=${encodeURIComponent(APP)}`)
    expect(hop.status).toBe(303)
    expect(hop.location).toBe(expectedHandshake())
  })
})
