import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieSuffix } from '../../src/http/appCookies.js'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../helpers/backend.js'
import { type ApiResponse, type Harness, decodePart, expectClerkError, startHarness } from '../helpers/harness.js'
import { BrowserAgent } from '../helpers/browserAgent.js'

/** `POST /v1/client/sessions/{sid}/tokens`, the refresh `/local-clerk.js` relies on, with its CORS rules. */
let h: Harness
const PAGE = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({ templates: [{ name: 'hasura', claims: { role: 'user' } }] })
})
afterAll(() => h.close())

async function signedInBrowser(email: string) {
  const agent = new BrowserAgent()
  const hop = await agent.postForm(`${h.clerk.url}/sign-in`, { redirect_url: `${PAGE}/`, email })
  expect(hop.status).toBe(303)
  const userId = (await h.call('GET', `/v1/users?email_address=${email}`)).body[0].id as string
  const sessionId = (await h.call('GET', `/v1/sessions?user_id=${userId}`)).body[0].id as string
  // What the page holds: the token the handshake put into __session for this origin.
  const pageToken = await h.clerk.getToken(sessionId, { origin: PAGE })
  return { agent, userId, sessionId, pageToken }
}

const clientCookie = (agent: BrowserAgent) => `__client=${agent.cookies(h.clerk.url).__client}`

interface Call extends ApiResponse {
  headers: Headers
}

async function mint(
  sessionId: string,
  init: { token?: string; origin?: string | null; cookie?: string; path?: string } = {},
): Promise<Call> {
  const headers = new Headers()
  if (init.origin !== null) headers.set('origin', init.origin ?? PAGE)
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`)
  if (init.cookie !== undefined) headers.set('cookie', init.cookie)
  const response = await fetch(`${h.clerk.url}/v1/client/sessions/${sessionId}/tokens${init.path ?? ''}`, {
    method: 'POST',
    headers,
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  }
}

function expectCors(headers: Headers, origin: string) {
  expect(headers.get('access-control-allow-origin')).toBe(origin)
  expect(headers.get('access-control-allow-credentials')).toBe('true')
  expect(headers.get('vary')).toBe('Origin')
}

describe('CORS', () => {
  it('answers the preflight of an allowed origin, with credentials and Vary', async () => {
    const response = await fetch(`${h.clerk.url}/v1/client/sessions/sess_x/tokens`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE)
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST')
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type')
    expect(response.headers.get('access-control-max-age')).toBe('600')
    expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers')
  })

  it('gives a disallowed origin no Access-Control-Allow-Origin, so its page cannot read anything', async () => {
    const response = await fetch(`${h.clerk.url}/v1/client/sessions/sess_x/tokens`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('POST /v1/client/sessions/{sid}/tokens', () => {
  it('with the __client cookie of the session client: a fresh session token for the page origin (azp), readable cross-origin', async () => {
    const { agent, sessionId, userId } = await signedInBrowser('refresh.cookie@example.com')
    // Later than the sign-in, where the tests hold the server's clock: the token is minted now.
    if (TESTS_HOLD_THE_SERVER_CLOCK) h.clock.advance(50_000)
    const response = await mint(sessionId, { cookie: clientCookie(agent) })
    expect(response.status).toBe(200)
    expect(response.contentType).toBe('application/json')
    expectCors(response.headers, PAGE)
    expect(Object.keys(response.body)).toEqual(['object', 'jwt'])
    expect(response.body.object).toBe('token')
    const claims = decodePart(response.body.jwt, 1)
    expect(claims).toMatchObject({
      sid: sessionId,
      sub: userId,
      azp: PAGE,
      iat: h.clock.secondsNow(),
      exp: h.clock.secondsNow(60),
    })
    expect(decodePart(response.body.jwt, 0).cat).toBe('cl_B7d4PD111AAA')
  })

  it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)(
    'keeps minting while the session is active, however long the tab slept',
    async () => {
      const { agent, sessionId } = await signedInBrowser('refresh.asleep@example.com')
      h.clock.advance(6 * 60 * 60 * 1000)
      const response = await mint(sessionId, { cookie: clientCookie(agent) })
      expect(response.status).toBe(200)
      expect(decodePart(response.body.jwt, 1).iat).toBe(h.clock.seconds)
    },
  )

  it('without an Origin (not from a page): no azp, no CORS headers', async () => {
    const { agent, sessionId } = await signedInBrowser('refresh.no-origin@example.com')
    const response = await mint(sessionId, { origin: null, cookie: clientCookie(agent) })
    expect(response.status).toBe(200)
    expect(decodePart(response.body.jwt, 1).azp).toBeUndefined()
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('mints a template token on /tokens/{template}; an unknown template is a 404', async () => {
    const { agent, sessionId } = await signedInBrowser('refresh.template@example.com')
    const response = await mint(sessionId, { cookie: clientCookie(agent), path: '/hasura' })
    expect(response.status).toBe(200)
    expect(decodePart(response.body.jwt, 0).cat).toBe('cl_B7d4PD222AAA')
    expect(decodePart(response.body.jwt, 1)).toMatchObject({ role: 'user', azp: PAGE })
    expectClerkError(await mint(sessionId, { cookie: clientCookie(agent), path: '/nope' }), 404, 'resource_not_found')
  })

  // Every refusal is in ../hostile/browserTokenCredentials.test.ts; here only that the page can read why.
  it('refuses with CORS headers, so the script can read why', async () => {
    const { agent, sessionId, pageToken } = await signedInBrowser('refresh.refused@example.com')
    const withoutCookie = await mint(sessionId, { token: pageToken })
    expectClerkError(withoutCookie, 401, 'authentication_invalid')
    expectCors(withoutCookie.headers, PAGE)
    await agent.request(`${h.clerk.url}/sign-out`)
    const signedOut = await mint(sessionId, { cookie: clientCookie(agent) })
    expect(signedOut.status).toBe(401)
    expectCors(signedOut.headers, PAGE)
  })

  it('a page on an origin that is not allowed: 403 origin_not_allowed, no CORS headers, nothing minted', async () => {
    const { agent, sessionId } = await signedInBrowser('refresh.origin@example.com')
    const response = await mint(sessionId, { cookie: clientCookie(agent), origin: 'https://evil.example' })
    expectClerkError(response, 403, 'origin_not_allowed', {
      longMessage:
        'Requests from https://evil.example are not allowed. Add the origin with the allowedOrigins option or the --allowed-origin flag.',
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('GET /local-clerk.js', () => {
  it('serves the refresh script with this instance cookie suffix, as JavaScript', async () => {
    const response = await fetch(`${h.clerk.url}/local-clerk.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const source = await response.text()
    expect(source).toContain(`var names = ['__session_' + "${cookieSuffix(h.clerk.publishableKey)}", '__session'];`)
    expect(source).toContain(`"${h.clerk.url}/local-clerk.js"`)
    expect(() => new Function(source)).not.toThrow()
  })
})
