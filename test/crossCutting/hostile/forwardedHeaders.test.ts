// `X-Forwarded-Host` is a request header like any other: a client can send it, and a shared cache that stores the
// answer hands it to everyone. With `proxyUrl: '/__clerk'`, the `__proxyUrl` that clerkState gives ClerkJS is built
// on the request's public origin, so a forwarded host the app does not trust must not choose it; and whatever the
// forwarded headers the app trusts can change (clerkState, a handshake's redirect) says `Vary` on them.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getAuth, rootAuthLoader } from '../../../src/ssr.server.js'
import { withoutBinding } from '../../helpers/handshakeBinding.js'
import { NAVIGATION, args } from '../../helpers/localInstance.js'
import { sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { PAGE, T_SECONDS, useHostileWorld } from './fixtures.js'

const world = useHostileWorld()
afterEach(() => vi.unstubAllEnvs())

const FORGED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }

interface ClerkStateBody {
  clerkState: { __internal_clerk_state: { __proxyUrl: string } }
}

async function rootLoaderAnswer(
  headers: Record<string, string>,
  extra = {},
): Promise<{ proxyUrl: string; vary: string[] }> {
  const response = (await rootAuthLoader(
    args(new Request(PAGE, { headers: { ...NAVIGATION, ...headers } })),
    world().options({ proxyUrl: '/__clerk', ...extra }),
  )) as Response
  const body = (await response.json()) as ClerkStateBody
  return { proxyUrl: body.clerkState.__internal_clerk_state.__proxyUrl, vary: varyOf(response) }
}

const varyOf = (response: Response) =>
  (response.headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)

describe('X-Forwarded-Host is trusted only when the app says so', () => {
  it('by default a forwarded host changes nothing: clerkState names the Frontend API on the request’s own host', async () => {
    const answer = await rootLoaderAnswer(FORGED)
    expect(answer.proxyUrl).toBe('https://app.example.com/__clerk')
    expect(answer.vary).not.toContain('x-forwarded-host')
    // The scheme is what the proxy says (a TLS-terminating proxy in front of plain http), and the answer varies on it.
    expect(answer.vary).toEqual(expect.arrayContaining(['x-forwarded-proto', 'cloudfront-forwarded-proto']))
  })

  it('with trustForwardedHost (or CLERK_TRUST_FORWARDED_HOST) the forwarded host counts, and the answer varies on it', async () => {
    const trusted = await rootLoaderAnswer(FORGED, { trustForwardedHost: true })
    expect(trusted.proxyUrl).toBe('https://evil.example/__clerk')
    expect(trusted.vary).toEqual(
      expect.arrayContaining(['x-forwarded-host', 'x-forwarded-proto', 'cloudfront-forwarded-proto']),
    )

    vi.stubEnv('CLERK_TRUST_FORWARDED_HOST', 'true')
    expect(await rootLoaderAnswer(FORGED)).toEqual(trusted)
  })

  it('a handshake redirect is built on the trusted public URL only, and varies on what it trusted', async () => {
    const expired = await signToken(
      world().instanceKey,
      sessionClaims({ iat: T_SECONDS - 300, nbf: T_SECONDS - 310, exp: T_SECONDS - 240 }),
    )
    const request = () =>
      new Request('http://10.0.0.5/dashboard', {
        headers: { ...NAVIGATION, ...FORGED, host: 'app.example.com', cookie: `__session=${expired}; __client_uat=1` },
      })
    const thrown = async (extra = {}) =>
      (await getAuth(args(request()), world().options(extra)).catch((error: unknown) => error)) as Response

    const untrusted = await thrown()
    expect(withoutBinding(new URL(untrusted.headers.get('location')!).searchParams.get('redirect_url')!)).toBe(
      'https://app.example.com/dashboard',
    )
    expect(varyOf(untrusted)).not.toContain('x-forwarded-host')
    expect(varyOf(untrusted)).toContain('x-forwarded-proto')

    const trusted = await thrown({ trustForwardedHost: true })
    expect(withoutBinding(new URL(trusted.headers.get('location')!).searchParams.get('redirect_url')!)).toBe(
      'https://evil.example/dashboard',
    )
    expect(varyOf(trusted)).toContain('x-forwarded-host')
  })
})
