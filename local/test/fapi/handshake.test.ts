import { compactVerify, importJWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieSuffix } from '../../src/http/appCookies.js'
import { createLocalClerk } from '../../src/index.js'
import { BACKEND_MODE, TESTS_HOLD_THE_SERVER_CLOCK } from '../helpers/backend.js'
import { type Harness, countRows, decodePart, expectClerkError, startHarness } from '../helpers/harness.js'
import { BrowserAgent } from '../helpers/browserAgent.js'
import { OPEN_REDIRECT_ATTEMPTS } from '../helpers/openRedirects.js'

/**
 * `GET /v1/client/handshake` on its own, with a frozen clock so every directive can be asserted exactly (against the
 * CLI process, which runs on the real clock, times are asserted to the last few seconds).
 */
let h: Harness
let sfx: string
const APP = 'http://localhost:3000'

beforeAll(async () => {
  h = await startHarness()
  sfx = cookieSuffix(h.clerk.publishableKey)
})
afterAll(() => h.close())

const handshakeUrl = (params: Record<string, string>) =>
  `${h.clerk.url}/v1/client/handshake?${new URLSearchParams(params)}`

/** A browser signed in through the sign-in form (the form's own redirect is not followed). */
async function signedInBrowser(email: string): Promise<{ agent: BrowserAgent; signedInAt: number }> {
  const agent = new BrowserAgent()
  const hop = await agent.postForm(`${h.clerk.url}/sign-in`, { redirect_url: `${APP}/`, email })
  expect(hop.status).toBe(303)
  return { agent, signedInAt: h.clock.secondsNow() }
}

async function redeem(location: string): Promise<string[]> {
  const nonce = new URL(location).searchParams.get('__clerk_handshake_nonce')!
  const response = await h.call('GET', `/v1/clients/handshake_payload?nonce=${nonce}`)
  expect(response.status).toBe(200)
  return response.body.directives as string[]
}

const clientCount = () => countRows(h.clerk, 'clients')

describe('GET /v1/client/handshake', () => {
  it('a browser without a __client cookie gets none, stores nothing, and the app gets clearing directives (suffixed and plain)', async () => {
    const agent = new BrowserAgent()
    const before = { clients: clientCount(), nonces: countRows(h.clerk, 'handshake_nonces') }
    const hop = await agent.request(
      handshakeUrl({ redirect_url: `${APP}/page?a=1`, format: 'nonce', suffixed_cookies: 'true' }),
    )
    expect(hop.status).toBe(307)
    expect(hop.response.headers.get('cache-control')).toBe('no-store')
    // Signing in makes a fresh client anyway (hostile/sessionFixation.test.ts): a GET any page can make creates none.
    expect(hop.setCookies).toEqual([])
    expect({ clients: clientCount(), nonces: countRows(h.clerk, 'handshake_nonces') }).toEqual(before)
    const location = new URL(hop.location!)
    expect(`${location.origin}${location.pathname}`).toBe(`${APP}/page`)
    expect([...location.searchParams.keys()]).toEqual(['a', '__clerk_handshake_nonce'])
    expect(await redeem(hop.location!)).toEqual([
      `__session_${sfx}=; Max-Age=0; Path=/; SameSite=Lax`,
      '__session=; Max-Age=0; Path=/; SameSite=Lax',
      `__client_uat_${sfx}=0; Max-Age=31536000; Path=/; SameSite=Lax`,
      '__client_uat=0; Max-Age=31536000; Path=/; SameSite=Lax',
      `__refresh_${sfx}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`,
    ])
  })

  it('a signed-in browser: a fresh session token for the app origin, __client_uat = the last sign-in, Secure on https', async () => {
    const { agent, signedInAt } = await signedInBrowser('hs.signed-in@example.com')
    // Later than the sign-in, where the tests hold the server's clock: __client_uat stays the sign-in's time.
    if (TESTS_HOLD_THE_SERVER_CLOCK) h.clock.advance(30_000)
    const hop = await agent.request(
      handshakeUrl({ redirect_url: 'https://localhost:8443/', format: 'nonce', suffixed_cookies: 'false' }),
    )
    const directives = await redeem(hop.location!)
    expect(directives).toHaveLength(3)
    const [session, uat, refresh] = directives as [string, string, string]
    expect(session).toMatch(/^__session=eyJ[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Secure; SameSite=Lax$/)
    expect(uat).toMatch(/^__client_uat=\d+; Max-Age=31536000; Path=\/; Secure; SameSite=Lax$/)
    expect(Number(/=(\d+);/.exec(uat)![1])).toEqual(signedInAt)
    // The refresh token goes to the app's server only (HttpOnly), under the suffixed name SDKs read, suffixed or not.
    expect(refresh).toMatch(new RegExp(`^__refresh_${sfx}=[\\w-]{43}; Path=/; HttpOnly; Secure; SameSite=Lax$`))

    const token = session.slice('__session='.length, session.indexOf(';'))
    expect(decodePart(token, 0)).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
    const claims = decodePart(token, 1)
    expect(claims.azp).toBe('https://localhost:8443')
    expect(claims.iat).toEqual(h.clock.secondsNow())
    expect(claims.exp).toBe((claims.iat as number) + 60)
    expect(claims.iss).toBe(h.clerk.url)
    const user = await h.call('GET', '/v1/users?email_address=hs.signed-in@example.com')
    expect(claims.sub).toBe(user.body[0].id)
    const session_ = await h.call('GET', `/v1/sessions/${claims.sid as string}`)
    expect(session_.body.status).toBe('active')
  })

  it('format=token (and no format at all): a JWT signed by the instance key carrying the directives', async () => {
    const { agent } = await signedInBrowser('hs.token@example.com')
    const key = await importJWK(h.clerk.jwks.keys[0]!, 'RS256')
    for (const params of [{}, { format: 'token' }] as Array<Record<string, string>>) {
      const hop = await agent.request(handshakeUrl({ redirect_url: `${APP}/x`, suffixed_cookies: 'true', ...params }))
      expect(hop.status).toBe(307)
      expect(hop.response.headers.get('cache-control')).toBe('no-store')
      const token = new URL(hop.location!).searchParams.get('__clerk_handshake')!
      const { payload, protectedHeader } = await compactVerify(token, key)
      expect(protectedHeader).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
      const body = JSON.parse(new TextDecoder().decode(payload)) as { handshake: string[]; iat: number; exp: number }
      expect(Object.keys(body).sort()).toEqual(['exp', 'handshake', 'iat'])
      expect(body.iat).toEqual(h.clock.secondsNow())
      expect(body.exp).toBe(body.iat + 60)
      expect(body.handshake.map((d) => d.split('=')[0])).toEqual([
        `__session_${sfx}`,
        '__session',
        `__client_uat_${sfx}`,
        '__client_uat',
        `__refresh_${sfx}`,
      ])
    }
  })

  it('replaces the parameters of an earlier handshake and accepts (ignores) the other parameters the SDK sends', async () => {
    const agent = new BrowserAgent()
    const hop = await agent.request(
      handshakeUrl({
        redirect_url: `${APP}/p?x=1&__clerk_handshake=old-token&__clerk_handshake_nonce=old-nonce`,
        format: 'nonce',
        suffixed_cookies: 'true',
        __clerk_api_version: '2025-04-10',
        __clerk_hs_reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
        __session: 'eyJ.not.a-token',
        __clerk_db_jwt: 'dvb_x',
        organization_id: 'org_x',
      }),
    )
    expect(hop.status).toBe(307)
    const location = new URL(hop.location!)
    expect(location.searchParams.get('x')).toBe('1')
    expect(location.searchParams.has('__clerk_handshake')).toBe(false)
    expect(location.searchParams.getAll('__clerk_handshake_nonce')).toHaveLength(1)
    expect(location.searchParams.get('__clerk_handshake_nonce')).not.toBe('old-nonce')
  })

  it('after revocation of the session, the browser is signed out', async () => {
    const { agent } = await signedInBrowser('hs.later@example.com')
    const first = await redeem(
      (await agent.request(handshakeUrl({ redirect_url: `${APP}/`, format: 'nonce' }))).location!,
    )
    const sid = decodePart(first[0]!.split('=')[1]!.split(';')[0]!, 1).sid as string
    expect((await h.call('POST', `/v1/sessions/${sid}/revoke`)).body.status).toBe('revoked')
    const afterRevoke = await redeem(
      (await agent.request(handshakeUrl({ redirect_url: `${APP}/`, format: 'nonce' }))).location!,
    )
    expect(afterRevoke[0]).toBe('__session=; Max-Age=0; Path=/; SameSite=Lax')
  })

  it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)('after expiry of the session, the browser is signed out', async () => {
    const second = await signedInBrowser('hs.expiry@example.com')
    h.clock.advance(7 * 24 * 60 * 60 * 1000)
    const afterExpiry = await redeem(
      (await second.agent.request(handshakeUrl({ redirect_url: `${APP}/`, format: 'nonce' }))).location!,
    )
    expect(afterExpiry).toEqual([
      '__session=; Max-Age=0; Path=/; SameSite=Lax',
      '__client_uat=0; Max-Age=31536000; Path=/; SameSite=Lax',
      `__refresh_${sfx}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`,
    ])
  })

  it('a __client cookie this database never issued is a signed-out browser, and creates no client', async () => {
    const agent = new BrowserAgent()
    agent.jar(h.clerk.url).set('__client', 'forged-or-from-another-database')
    const before = clientCount()
    const hop = await agent.request(handshakeUrl({ redirect_url: `${APP}/`, format: 'nonce' }))
    expect(hop.setCookies).toEqual([])
    expect(clientCount()).toBe(before)
    expect((await redeem(hop.location!))[0]).toBe('__session=; Max-Age=0; Path=/; SameSite=Lax')
  })

  describe('bad parameters get Clerk-shaped errors, no redirect and no client', () => {
    async function refused(params: Record<string, string>) {
      const before = clientCount()
      const response = await fetch(handshakeUrl(params), { redirect: 'manual' })
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.getSetCookie()).toEqual([])
      expect(clientCount()).toBe(before)
      return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() }
    }

    it('missing redirect_url', async () => {
      expectClerkError(await refused({ format: 'nonce' }), 422, 'form_param_missing', { paramName: 'redirect_url' })
    })

    it('unknown format or suffixed_cookies values', async () => {
      expectClerkError(await refused({ redirect_url: `${APP}/`, format: 'cookie' }), 422, 'form_param_value_invalid', {
        paramName: 'format',
        longMessage: 'format must be one of token, nonce (got "cookie").',
      })
      expectClerkError(
        await refused({ redirect_url: `${APP}/`, suffixed_cookies: 'yes' }),
        422,
        'form_param_value_invalid',
        {
          paramName: 'suffixed_cookies',
        },
      )
    })

    it.each(OPEN_REDIRECT_ATTEMPTS)('open redirect attempt, %s: %s', async (_name, redirectUrl, kind) => {
      const response = await refused({ redirect_url: redirectUrl, format: 'nonce' })
      if (kind === 'origin') expectClerkError(response, 403, 'redirect_url_not_allowed', { paramName: 'redirect_url' })
      else expectClerkError(response, 422, 'form_param_format_invalid', { paramName: 'redirect_url' })
    })
  })
})

// The url option has no CLI flag.
describe.runIf(BACKEND_MODE === 'library')('behind https (the url option)', () => {
  it('the __client cookie is Secure when the public URL is https (a TLS proxy in front)', async () => {
    const proxied = await createLocalClerk({ db: ':memory:', url: 'https://clerk.example.test' })
    try {
      const { port } = await proxied.listen(0)
      proxied.seed({ users: [{ email_address: 'secure@example.com' }] })
      const hop = await new BrowserAgent().postForm(
        `http://127.0.0.1:${port}/sign-in`,
        { redirect_url: `${APP}/`, email: 'secure@example.com' },
        'https://clerk.example.test',
      )
      expect(hop.status).toBe(303)
      expect(hop.setCookies[0]).toMatch(/^__client=\w{43}; Max-Age=31536000; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    } finally {
      await proxied.close()
    }
  })
})

describe('allowedOrigins option', () => {
  it('replaces the default list', async () => {
    const custom = await startHarness({ allowedOrigins: ['https://app.example.test'] })
    try {
      const allowed = await fetch(`${custom.clerk.url}/v1/client/handshake?redirect_url=https://app.example.test/x`, {
        redirect: 'manual',
      })
      expect(allowed.status).toBe(307)
      expect(allowed.headers.get('location')).toMatch(/^https:\/\/app\.example\.test\/x\?__clerk_handshake=/)
      const refused = await fetch(`${custom.clerk.url}/v1/client/handshake?redirect_url=http://localhost:3000/`, {
        redirect: 'manual',
      })
      expect(refused.status).toBe(403)
    } finally {
      await custom.close()
    }
  })
})
