import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../helpers/harness.js'
import { BrowserAgent } from '../helpers/browserAgent.js'
import { ClerkJsAgent } from '../helpers/clerkJsAgent.js'

/**
 * The `url` of a sign-in token or an actor token, as Clerk's: it leads to the hosted sign-in page with the ticket
 * (`__clerk_ticket`), whose <SignIn/> signs in with it (in Chromium: local/test/system/browser/accountPortal.test.ts); here,
 * the hop over HTTP, and the ticket sign-in the page makes, once.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('GET /v1/tickets/accept with a sign-in or actor token', () => {
  it('leads to the hosted sign-in page with the ticket and redirect_url, using nothing up; the ticket then signs in once', async () => {
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['link@example.com'] } })).body
    const token = (await h.call('POST', '/v1/sign_in_tokens', { body: { user_id: user.id } })).body
    const hop = await new BrowserAgent().request(
      `${token.url}&redirect_url=${encodeURIComponent('http://localhost:3000/home')}`,
    )
    expect(hop.status).toBe(303)
    expect(hop.location).toBe(
      `${h.clerk.browserUrl}/accounts/sign-in?${new URLSearchParams({ __clerk_ticket: token.token, redirect_url: 'http://localhost:3000/home' })}`,
    )
    expect(hop.setCookies).toEqual([])
    expect((await h.call('GET', `/v1/sessions?user_id=${user.id}`)).body).toEqual([])

    // What the page's <SignIn/> does with `__clerk_ticket`.
    const agent = new ClerkJsAgent(h.clerk.url)
    const signedIn = await agent.call('POST', '/v1/client/sign_ins', {
      strategy: 'ticket',
      ticket: new URL(hop.location!).searchParams.get('__clerk_ticket')!,
    })
    expect(signedIn.body.response).toMatchObject({
      status: 'complete',
      first_factor_verification: { strategy: 'ticket', status: 'verified' },
    })
    const sessions = (await h.call('GET', `/v1/sessions?user_id=${user.id}`)).body
    expect(sessions.map((s: { status: string }) => s.status)).toEqual(['active'])

    // Used: the link says so, and the ticket signs in no more.
    const again = await new BrowserAgent().request(token.url)
    expect(again.status).toBe(410)
    expect(await again.response.text()).toContain('This link is accepted and can no longer be used.')
    const twice = await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', {
      strategy: 'ticket',
      ticket: token.token,
    })
    expect([twice.status, twice.body.errors[0].code, twice.body.errors[0].long_message]).toEqual([
      422,
      'ticket_invalid',
      'This sign-in token is accepted and can no longer be used.',
    ])
  })

  it('refuses a redirect_url outside the allowed origins, and the ticket stays unused', async () => {
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['link2@example.com'] } })).body
    const token = (await h.call('POST', '/v1/sign_in_tokens', { body: { user_id: user.id } })).body
    const hop = await new BrowserAgent().request(
      `${token.url}&redirect_url=${encodeURIComponent('https://evil.example/')}`,
    )
    expect(hop.status).toBe(400)
    expect((await h.call('POST', `/v1/sign_in_tokens/${token.id}/revoke`)).body.status).toBe('revoked')
  })

  it('an actor token leads to the same page; an unknown ticket is a 404 page', async () => {
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['acted@example.com'] } })).body
    const token = (
      await h.call('POST', '/v1/actor_tokens', { body: { user_id: user.id, actor: { sub: 'user_admin' } } })
    ).body
    const hop = await new BrowserAgent().request(token.url)
    expect(hop.location).toBe(
      `${h.clerk.browserUrl}/accounts/sign-in?${new URLSearchParams({ __clerk_ticket: token.token })}`,
    )
    expect((await new BrowserAgent().request(`${h.clerk.url}/v1/tickets/accept?ticket=nope`)).status).toBe(404)
  })
})
