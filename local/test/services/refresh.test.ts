import { createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieSuffix } from '../../src/http/appCookies.js'
import { type Harness, decodePart, expectClerkError, startHarness } from '../helpers/harness.js'
import { BrowserAgent } from '../helpers/browserAgent.js'

/**
 * `POST /v1/sessions/{id}/refresh`: what a server SDK calls with an expired session token and the `__refresh` cookie
 * the handshake set, with every check the spec lists (the token is the instance's apart from `exp`, names this
 * session, was minted for `request_origin`; the refresh token is this session's; the session is active).
 */
let h: Harness
let sfx: string
const APP = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness()
  sfx = cookieSuffix(h.clerk.publishableKey)
})
afterAll(() => h.close())

interface Browser {
  agent: BrowserAgent
  token: string
  refreshToken: string
  sessionId: string
}

/** Signs a browser in through the sign-in page and the handshake, and returns what the app received. */
async function signedIn(email: string, origin = APP): Promise<Browser> {
  const agent = new BrowserAgent()
  const posted = await agent.postForm(`${h.clerk.url}/sign-in`, { redirect_url: `${origin}/`, email })
  const delivered = await agent.request(new URL(posted.location!, h.clerk.url).href)
  const nonce = new URL(delivered.location!).searchParams.get('__clerk_handshake_nonce')!
  const { body } = await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)
  const value = (name: string) => {
    const directive = (body.directives as string[]).find((d) => d.startsWith(`${name}=`))!
    return directive.slice(name.length + 1, directive.indexOf(';'))
  }
  const token = value('__session')
  return { agent, token, refreshToken: value(`__refresh_${sfx}`), sessionId: decodePart(token, 1).sid as string }
}

const refresh = (sessionId: string, body: Record<string, unknown>, query = '') =>
  h.call('POST', `/v1/sessions/${sessionId}/refresh${query}`, { body })

const bodyFor = (b: Browser, extra: Record<string, unknown> = {}) => ({
  expired_token: b.token,
  refresh_token: b.refreshToken,
  request_origin: APP,
  ...extra,
})

describe('POST /v1/sessions/{id}/refresh', () => {
  it('an expired token and its refresh token → a new session token for the same session and origin', async () => {
    const b = await signedIn('refresh.ok@example.com')
    h.clock.advance(5 * 60_000)
    const cookies = await refresh(
      b.sessionId,
      bodyFor(b, { format: 'cookie', request_headers: { 'user-agent': ['x'] } }),
      '?suffixed_cookies=true',
    )
    expect(cookies.status).toBe(200)
    expect(cookies.body.object).toBe('cookies')
    const names = (cookies.body.cookies as string[]).map((c) => c.split('=')[0])
    expect(names).toEqual([`__session_${sfx}`, '__session', `__client_uat_${sfx}`, '__client_uat'])
    const fresh = (cookies.body.cookies as string[])[1]!.split(';')[0]!.slice('__session='.length)
    expect(decodePart(fresh, 1)).toMatchObject({ sid: b.sessionId, azp: APP, iat: h.clock.seconds })

    // Without format, a token; without suffixed_cookies, plain names only.
    const token = await refresh(b.sessionId, bodyFor(b))
    expect(token.body).toEqual({ object: 'token', jwt: expect.stringMatching(/^eyJ/) })
    const plain = await refresh(b.sessionId, bodyFor(b, { format: 'cookie' }))
    expect((plain.body.cookies as string[]).map((c) => c.split('=')[0])).toEqual(['__session', '__client_uat'])
  })

  it('answers the official client: @clerk/backend sessions.refreshSession gets its Cookies', async () => {
    const b = await signedIn('refresh.official@example.com')
    const sdk = createClerkClient({ secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })
    const answer = await sdk.sessions.refreshSession(b.sessionId, {
      ...bodyFor(b),
      format: 'cookie',
      suffixed_cookies: true,
      request_headers: {},
    })
    expect(answer.cookies).toHaveLength(4)
  })

  it('refuses a token that is not this instance’s session token, of another session, or for another origin', async () => {
    const a = await signedIn('refresh.a@example.com')
    const b = await signedIn('refresh.b@example.com')
    const forged = `${a.token.split('.').slice(0, 2).join('.')}.${'A'.repeat(342)}`
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { expired_token: forged })),
      401,
      'expired_session_token_invalid',
    )
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { expired_token: 'not-a-jwt' })),
      401,
      'expired_session_token_invalid',
    )
    // b's token (and b's refresh token) on a's path.
    expectClerkError(await refresh(a.sessionId, bodyFor(b)), 401, 'refresh_sid_mismatch')
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { request_origin: 'https://evil.example' })),
      401,
      'refresh_request_origin_azp_mismatch',
    )
  })

  it('refuses a refresh token that is not this session’s', async () => {
    const a = await signedIn('refresh.c@example.com')
    const b = await signedIn('refresh.d@example.com')
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { refresh_token: b.refreshToken })),
      401,
      'refresh_token_not_found',
    )
    expectClerkError(await refresh(a.sessionId, bodyFor(a, { refresh_token: '' })), 401, 'refresh_token_not_found')
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { refresh_token: `${a.refreshToken}x` })),
      401,
      'refresh_token_not_found',
    )
  })

  it('refuses to refresh a session that was signed out or revoked', async () => {
    const a = await signedIn('refresh.out@example.com')
    await a.agent.request(`${h.clerk.url}/sign-out`)
    expectClerkError(await refresh(a.sessionId, bodyFor(a)), 401, 'session_refresh_session_not_active')
    const b = await signedIn('refresh.revoked@example.com')
    await h.call('POST', `/v1/sessions/${b.sessionId}/revoke`)
    expectClerkError(await refresh(b.sessionId, bodyFor(b)), 401, 'session_refresh_session_not_active')
  })

  it('refuses malformed bodies with Clerk’s 422s', async () => {
    const a = await signedIn('refresh.bad@example.com')
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { request_headers: { cookie: 'x' } })),
      422,
      'form_param_format_invalid',
    )
    expectClerkError(await refresh(a.sessionId, bodyFor(a, { format: 'jwt' })), 422, 'form_param_value_invalid', {
      paramName: 'format',
    })
    expectClerkError(
      await refresh(a.sessionId, bodyFor(a, { expired_token: 'x'.repeat(20_000) })),
      422,
      'form_param_value_invalid',
    )
  })
})
