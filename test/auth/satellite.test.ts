// Satellite domains in the decision table (rows 2–5 and 13 of the contract, as @clerk/backend 3 decides them): a
// satellite syncs with the primary when it has no cookies and may (`satelliteAutoSync`) or is asked to
// (`__clerk_synced=false`); `__clerk_synced=true` never syncs; a development satellite goes through the primary's
// sign-in page, and the primary sends the browser back with its dev browser, only to an allowed origin.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../src/auth/authenticate.js'
import { clerkInstanceFor, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import type { RequestState } from '../../src/auth/requestState.js'
import { resetProcessState } from '../../src/shared/processState.js'
import { rootAuthLoader } from '../../src/ssr.server.js'
import { BINDING_COOKIES, bound, withoutBinding } from '../helpers/handshakeBinding.js'
import {
  FETCH,
  NAVIGATION,
  args,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'

let instance: LocalInstance
let token: string
const SATELLITE = 'http://127.0.0.1:3001'
const PAGE = `${SATELLITE}/reports?tab=1`
const PRIMARY_SIGN_IN = 'http://localhost:3000/sign-in'

beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(() => instance?.close())
beforeEach(async () => {
  resetProcessState()
  token = await instance.mint(instance.sessionId)
})
afterEach(() => vi.restoreAllMocks())

const production = (extra: Partial<AuthenticateOptions> = {}): AuthenticateOptions => ({
  ...(instance.options as AuthenticateOptions),
  isSatellite: true,
  domain: 'satellite.example',
  ...extra,
})
const development = (extra: Partial<AuthenticateOptions> = {}): AuthenticateOptions => ({
  ...(instance.developmentOptions as AuthenticateOptions),
  isSatellite: true,
  domain: 'satellite.example',
  signInUrl: PRIMARY_SIGN_IN,
  ...extra,
})

async function stateFor(request: Request, options: AuthenticateOptions): Promise<RequestState> {
  return authenticateRequest(request, await clerkInstanceFor(options))
}

const location = (state: RequestState) => new URL(state.headers!.get('location')!)

describe('configuration', () => {
  it('a satellite needs a domain or a proxyUrl; a development satellite an absolute signInUrl on another origin', async () => {
    const refused = (fix: string) => ({
      code: 'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      message: expect.stringContaining(fix),
    })
    await expect(
      clerkInstanceFor({ ...(instance.options as AuthenticateOptions), isSatellite: true }),
    ).rejects.toMatchObject(refused("Set CLERK_DOMAIN to the satellite's own domain"))
    await expect(clerkInstanceFor(development({ signInUrl: undefined }))).rejects.toMatchObject(
      refused("needs signInUrl (CLERK_SIGN_IN_URL): the absolute URL of the primary application's sign-in page"),
    )
    await expect(clerkInstanceFor(development({ signInUrl: '/sign-in' }))).rejects.toMatchObject(
      refused("must be the absolute http(s) URL of the primary application's sign-in page"),
    )
    await expect(
      stateFor(requestWith(PAGE, { headers: NAVIGATION }), development({ signInUrl: `${SATELLITE}/sign-in` })),
    ).rejects.toMatchObject(
      refused(`must be on the primary application, another origin than the satellite's own ${SATELLITE}`),
    )
    // A production satellite needs no signInUrl; a proxyUrl alone is enough.
    await expect(
      clerkInstanceFor(production({ domain: undefined, proxyUrl: 'https://satellite.example/__clerk' })),
    ).resolves.toBeDefined()
  })
})

describe('a production satellite', () => {
  it('first visit without cookies: signed out at once (default), or a sync handshake with satelliteAutoSync', async () => {
    const quiet = await stateFor(requestWith(PAGE, { headers: NAVIGATION }), production())
    expect(quiet).toMatchObject({
      status: 'signed-out',
      reason: 'session-token-and-uat-missing',
      isSatellite: true,
      domain: 'satellite.example',
    })

    const auto = await stateFor(requestWith(PAGE, { headers: NAVIGATION }), production({ satelliteAutoSync: true }))
    expect(auto).toMatchObject({ status: 'handshake', reason: 'satellite-needs-syncing' })
    // Its Frontend API is clerk.<domain>: the handshake goes there.
    expect(`${location(auto).origin}${location(auto).pathname}`).toBe(
      'https://clerk.satellite.example/v1/client/handshake',
    )
    expect(withoutBinding(location(auto).searchParams.get('redirect_url')!)).toBe(PAGE)
    // With a proxyUrl, there instead.
    const proxied = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION }),
      production({ satelliteAutoSync: true, proxyUrl: 'http://127.0.0.1:4000' }),
    )
    expect(location(proxied).href.startsWith('http://127.0.0.1:4000/v1/client/handshake?')).toBe(true)
  })

  it('__clerk_synced=false (back from a sign-in on the primary) syncs even with cookies; __clerk_synced=true never syncs', async () => {
    const cookies = sessionCookies(token)
    const asked = await stateFor(
      requestWith(`${PAGE}&__clerk_synced=false`, { headers: NAVIGATION, cookies }),
      production(),
    )
    expect(asked).toMatchObject({ status: 'handshake', reason: 'satellite-needs-syncing' })
    const done = await stateFor(
      requestWith(`${PAGE}&__clerk_synced=true`, { headers: NAVIGATION }),
      production({ satelliteAutoSync: true }),
    )
    expect(done).toMatchObject({ status: 'signed-out', reason: 'session-token-and-uat-missing' })
  })

  it('with cookies: the usual verification (signed in), no sync; fetches and POSTs never sync', async () => {
    const signedIn = await stateFor(
      requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) }),
      production({ satelliteAutoSync: true }),
    )
    expect(signedIn).toMatchObject({ status: 'signed-in', isSatellite: true })
    for (const request of [
      requestWith(PAGE, { headers: FETCH }),
      requestWith(PAGE, { method: 'POST', headers: NAVIGATION }),
    ]) {
      const state = await stateFor(request, production({ satelliteAutoSync: true }))
      expect(state).toMatchObject({ status: 'signed-out', reason: 'session-token-and-uat-missing' })
    }
  })

  it('a navigation from another site is not a cross-origin sync on a satellite (row 13 is the primary’s)', async () => {
    const headers = { ...NAVIGATION, referer: 'https://elsewhere.example/' }
    const satellite = await stateFor(requestWith(PAGE, { headers, cookies: sessionCookies(token) }), production())
    expect(satellite.status).toBe('signed-in')
    const primary = await stateFor(
      requestWith(PAGE, { headers, cookies: sessionCookies(token) }),
      instance.options as AuthenticateOptions,
    )
    expect(primary).toMatchObject({ status: 'handshake', reason: 'primary-domain-cross-origin-sync' })
  })

  it('a resolved handshake returns to the page with __clerk_synced=true, so the sync does not start again', async () => {
    const nonce = 'nonce-for-satellite'
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const state = await stateFor(
      requestWith(bound(`${PAGE}&__clerk_synced=false&__clerk_handshake_nonce=${nonce}`), {
        headers: NAVIGATION,
        cookies: BINDING_COOKIES,
      }),
      production(),
    )
    // The nonce is unknown here: the clean redirect says so, and still marks the sync as done.
    expect(state.status).toBe('signed-out')
    expect(state.headers!.get('location')).toBe('/reports?tab=1&__clerk_synced=true')
  })

  it('clerkState tells ClerkJS it is a satellite, and of which domain', async () => {
    const response = (await rootAuthLoader(
      args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token) })),
      production(),
    )) as Response
    const { clerkState } = (await response.json()) as {
      clerkState: { __internal_clerk_state: Record<string, unknown> }
    }
    expect(clerkState.__internal_clerk_state).toMatchObject({ __isSatellite: true, __domain: 'satellite.example' })
  })
})

describe('a development satellite and its primary', () => {
  it('the satellite without cookies goes to the primary’s sign-in page, which names it as __clerk_redirect_url', async () => {
    const state = await stateFor(requestWith(PAGE, { headers: NAVIGATION }), development({ satelliteAutoSync: true }))
    expect(state).toMatchObject({ status: 'handshake', reason: 'satellite-needs-syncing' })
    expect(state.headers!.get('location')).toBe(`${PRIMARY_SIGN_IN}?__clerk_redirect_url=${encodeURIComponent(PAGE)}`)
  })

  it('back with the dev browser and __clerk_synced=true: the dev browser is synced through the handshake', async () => {
    const state = await stateFor(
      requestWith(`${PAGE}&__clerk_db_jwt=dvb_primary&__clerk_synced=true`, { headers: NAVIGATION }),
      development(),
    )
    expect(state).toMatchObject({ status: 'handshake', reason: 'dev-browser-sync' })
    expect(location(state).searchParams.get('__clerk_db_jwt')).toBe('dvb_primary')
    expect(withoutBinding(location(state).searchParams.get('redirect_url')!)).toBe(`${PAGE}&__clerk_synced=true`)
  })

  it('the primary sends the browser back with its dev browser, to an allowed origin only', async () => {
    const primaryOptions = (extra: Partial<AuthenticateOptions> = {}) => ({
      ...(instance.developmentOptions as AuthenticateOptions),
      ...extra,
    })
    const asked = `${PRIMARY_SIGN_IN}?__clerk_redirect_url=${encodeURIComponent(PAGE)}`
    const request = () => requestWith(asked, { headers: NAVIGATION, cookies: { __clerk_db_jwt: 'dvb_primary' } })

    const allowed = await stateFor(request(), primaryOptions({ allowedRedirectOrigins: [SATELLITE] }))
    expect(allowed).toMatchObject({ status: 'handshake', reason: 'primary-responds-to-syncing' })
    expect(allowed.headers!.get('location')).toBe(`${PAGE}&__clerk_db_jwt=dvb_primary&__clerk_synced=true`)
    // authorizedParties count as allowed origins too.
    const party = await stateFor(request(), primaryOptions({ authorizedParties: [SATELLITE] }))
    expect(party.reason).toBe('primary-responds-to-syncing')

    // Not allowed: ignored with one warning naming the option, and the page is authenticated as usual.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const refused = await stateFor(request(), primaryOptions())
    expect(refused.reason).not.toBe('primary-responds-to-syncing')
    await stateFor(request(), primaryOptions())
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toContain('allowedRedirectOrigins')
  })
})
