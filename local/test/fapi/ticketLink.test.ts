import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../helpers.js'
import { BrowserAgent } from './browserAgent.js'

/** The `url` of a sign-in token, opened in a browser without ClerkJS: signs in once, then back to the app. */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('GET /v1/tickets/accept', () => {
  it('signs the browser in with a sign-in token and goes through the handshake to redirect_url, once', async () => {
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['link@example.com'] } })).body
    const token = (await h.call('POST', '/v1/sign_in_tokens', { body: { user_id: user.id } })).body
    const agent = new BrowserAgent()
    const hop = await agent.request(`${token.url}&redirect_url=${encodeURIComponent('http://localhost:3000/home')}`)
    expect(hop.status).toBe(303)
    expect(hop.response.headers.get('location')).toBe(
      `/v1/client/handshake?${new URLSearchParams({ redirect_url: 'http://localhost:3000/home', format: 'nonce', suffixed_cookies: 'true' })}`,
    )
    expect(hop.setCookies.some((cookie) => cookie.startsWith('__client='))).toBe(true)
    const sessions = (await h.call('GET', `/v1/sessions?user_id=${user.id}`)).body
    expect(sessions.map((s: { status: string }) => s.status)).toEqual(['active'])

    const again = await new BrowserAgent().request(token.url)
    expect(again.status).toBe(422)
    expect(await again.response.text()).toContain('This sign-in token was already used.')
  })

  it('refuses a redirect_url outside the allowed origins before using the ticket', async () => {
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['link2@example.com'] } })).body
    const token = (await h.call('POST', '/v1/sign_in_tokens', { body: { user_id: user.id } })).body
    const hop = await new BrowserAgent().request(`${token.url}&redirect_url=${encodeURIComponent('https://evil.example/')}`)
    expect(hop.status).toBe(400)
    expect((await h.call('POST', `/v1/sign_in_tokens/${token.id}/revoke`)).body.status).toBe('revoked')
  })
})
