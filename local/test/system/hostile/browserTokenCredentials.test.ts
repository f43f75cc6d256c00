// `POST /v1/client/sessions/{sid}/tokens[/{template}]` mints tokens for a browser's session. The only credential
// is what Clerk's Frontend API asks for: the browser's HttpOnly `__client` cookie, naming the client the session
// belongs to. A session token is not one (a leaked or logged token, even long expired, would otherwise mint fresh
// ones for the rest of the session), nor is another browser's cookie; and the page's Origin, which becomes `azp`,
// must be an allowed one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrowserAgent } from '../../helpers/browserAgent.js'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../../helpers/backend.js'
import { type ApiResponse, type Harness, decodePart, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
const PAGE = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({ templates: [{ name: 'hasura', claims: { role: 'user' } }] })
})
afterAll(() => h.close())

/** A browser signed in through the sign-in page: its `__client` cookie, its session, the token its page holds. */
async function signedInBrowser(email: string) {
  const agent = new BrowserAgent()
  const hop = await agent.postForm(`${h.clerk.url}/sign-in`, { redirect_url: `${PAGE}/`, email })
  expect(hop.status).toBe(303)
  const userId = (await h.call('GET', `/v1/users?email_address=${email}`)).body[0].id as string
  const sessionId = (await h.call('GET', `/v1/sessions?user_id=${userId}`)).body[0].id as string
  const pageToken = await h.clerk.getToken(sessionId, { origin: PAGE })
  return { agent, clientCookie: `__client=${agent.cookies(h.clerk.url).__client}`, userId, sessionId, pageToken }
}

async function mint(
  sessionId: string,
  init: { bearer?: string; cookie?: string; origin?: string; template?: string } = {},
): Promise<ApiResponse> {
  const headers = new Headers({ origin: init.origin ?? PAGE })
  if (init.bearer !== undefined) headers.set('authorization', `Bearer ${init.bearer}`)
  if (init.cookie !== undefined) headers.set('cookie', init.cookie)
  const path = `/v1/client/sessions/${sessionId}/tokens${init.template ? `/${init.template}` : ''}`
  const response = await fetch(`${h.clerk.url}${path}`, { method: 'POST', headers })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
  }
}

describe('token minting for the browser refuses', () => {
  it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)(
    'an expired session token of the session, without the cookie (a token from an old log)',
    async () => {
      const { sessionId, pageToken } = await signedInBrowser('mint.expired@example.com')
      h.clock.advance(6 * 60 * 60 * 1000)
      for (const template of [undefined, 'hasura']) {
        expectClerkError(await mint(sessionId, { bearer: pageToken, template }), 401, 'authentication_invalid', {
          longMessage: /^This request carries no __client cookie of a signed-in browser\./,
        })
      }
    },
  )

  it('a valid session token of the session, without the cookie', async () => {
    const { sessionId, pageToken } = await signedInBrowser('mint.valid@example.com')
    expectClerkError(await mint(sessionId, { bearer: pageToken }), 401, 'authentication_invalid')
    expectClerkError(await mint(sessionId), 401, 'authentication_invalid')
  })

  it('the cookie of another browser, or one this server never issued', async () => {
    const victim = await signedInBrowser('mint.victim@example.com')
    const attacker = await signedInBrowser('mint.attacker@example.com')
    expectClerkError(
      await mint(victim.sessionId, { cookie: attacker.clientCookie, bearer: victim.pageToken }),
      401,
      'authentication_invalid',
      {
        longMessage: `The __client cookie sent does not belong to session ${victim.sessionId}. Sign in again through the handshake.`,
      },
    )
    expectClerkError(await mint(victim.sessionId, { cookie: '__client=forged' }), 401, 'authentication_invalid')
    expectClerkError(await mint('sess_unknown', { cookie: victim.clientCookie }), 401, 'authentication_invalid')
    // The victim's own cookie still works: nothing above changed the session.
    expect((await mint(victim.sessionId, { cookie: victim.clientCookie })).status).toBe(200)
  })

  it('the right cookie once the session was signed out, or revoked through the Backend API', async () => {
    const signedOut = await signedInBrowser('mint.signedout@example.com')
    await signedOut.agent.request(`${h.clerk.url}/sign-out`)
    expectClerkError(await mint(signedOut.sessionId, { cookie: signedOut.clientCookie }), 401, 'session_not_active')

    const revoked = await signedInBrowser('mint.revoked@example.com')
    expect((await h.call('POST', `/v1/sessions/${revoked.sessionId}/revoke`)).status).toBe(200)
    expectClerkError(await mint(revoked.sessionId, { cookie: revoked.clientCookie }), 401, 'session_not_active')
  })

  it('the right cookie from a page on an origin that is not allowed: 403, nothing minted for it', async () => {
    const { sessionId, clientCookie } = await signedInBrowser('mint.origin@example.com')
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:3000', 'null']) {
      expectClerkError(await mint(sessionId, { cookie: clientCookie, origin }), 403, 'origin_not_allowed')
    }
  })
})

describe('token minting for the browser accepts', () => {
  it('the cookie of the session client: a session or template token with azp = the allowed Origin', async () => {
    const { sessionId, userId, clientCookie } = await signedInBrowser('mint.right@example.com')
    const token = await mint(sessionId, { cookie: clientCookie })
    expect(token.status).toBe(200)
    expect(decodePart(token.body.jwt, 1)).toMatchObject({ sid: sessionId, sub: userId, azp: PAGE })
    const template = await mint(sessionId, { cookie: clientCookie, template: 'hasura' })
    expect(template.status).toBe(200)
    expect(decodePart(template.body.jwt, 1)).toMatchObject({ role: 'user', azp: PAGE })
  })
})
