// Hostile values of the parameters satellites, refresh and organization sync read: forged `__clerk_synced`,
// made-up `__refresh` cookies, `__clerk_redirect_url` aimed elsewhere, organization slugs with path tricks. None
// crashes, signs anyone in, sends the browser off the allowed origins, or costs more Backend API calls than the
// case needs (each count is pinned).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { documentedCount } from '../../helpers/documentedCount.js'
import { getCookieSuffix } from '../../../src/auth/publishableKey.js'
import { MAX_FAILED_REFRESHES } from '../../../src/auth/refresh.js'
import { getAuth } from '../../../src/ssr.server.js'
import { withoutBinding } from '../../helpers/handshakeBinding.js'
import { NAVIGATION, args } from '../../helpers/localInstance.js'
import { sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { PAGE, PUBLISHABLE_KEY, T, T_SECONDS, calls, outcomeOf, useHostileWorld, warmUp } from './fixtures.js'

const world = useHostileWorld()
let suffix: string

beforeAll(async () => {
  suffix = await getCookieSuffix(PUBLISHABLE_KEY)
  world().server.on('POST', /^\/v1\/sessions\/[^/]+\/refresh$/, {
    status: 401,
    json: {
      errors: [{ code: 'refresh_token_not_found', message: 'Refresh token not found', long_message: '', meta: {} }],
    },
  })
})
afterAll(() => vi.restoreAllMocks())
beforeEach(() => warmUp(world()))

const refreshCalls = () => calls(world()).filter((call) => call.includes('/refresh')).length

/** What getAuth did with a request: its auth, or the Location of the 307 it threw. */
async function run(
  request: Request,
  extra = {},
): Promise<{ location: string | null; userId: string | null; reason: string | null }> {
  try {
    const auth = await getAuth(args(request), world().options(extra))
    return { location: null, userId: auth.userId, reason: (auth.debug() as { reason?: string }).reason ?? null }
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    return {
      location: response.headers.get('location'),
      userId: null,
      reason: response.headers.get('x-clerk-auth-reason'),
    }
  }
}

/** `run` over `items`, 50 at a time, as concurrent requests to a server would come. */
async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += 50)
    results.push(...(await Promise.all(items.slice(start, start + 50).map(run))))
  return results
}

describe('__refresh cookies that Clerk never set', () => {
  const expired = () =>
    signToken(world().instanceKey, sessionClaims({ iat: T_SECONDS - 300, nbf: T_SECONDS - 310, exp: T_SECONDS - 240 }))
  const VALUES = ['x'.repeat(8_000), '%00%0d%0a', '"quoted"', '{"json":true}', 'eyJ.eyJ.sig', '💥', ';', '=']

  it('never sign anyone in; one expired token costs one refresh call however many made-up values it comes with', async () => {
    const token = await expired()
    const outcomes = []
    for (const value of VALUES) {
      const cookie = `__session_${suffix}=${token}; __client_uat_${suffix}=1; __refresh_${suffix}=${encodeURIComponent(value)}`
      outcomes.push(await outcomeOf(new Request(PAGE, { headers: { ...NAVIGATION, cookie } }), world().options()))
    }
    expect(new Set(outcomes.map((o) => `${o.status} ${'reason' in o ? o.reason : ''}`))).toEqual(
      new Set(['handshake session-token-expired-refresh-refresh_token_not_found']),
    )
    expect(refreshCalls()).toBe(1)
  })

  // Each token is a different session's (another `sid`), as an attacker holding many expired tokens would send them.
  const expiredOf = (index: number) =>
    signToken(
      world().instanceKey,
      sessionClaims({ sid: `sess_${index}`, iat: T_SECONDS - 300, nbf: T_SECONDS - 310, exp: T_SECONDS - 240 }),
    )
  const withJunk = (token: string, value: string) =>
    new Request(PAGE, {
      headers: {
        ...NAVIGATION,
        cookie: `__session_${suffix}=${token}; __client_uat_${suffix}=1; __refresh_${suffix}=${value}`,
      },
    })

  const expiredTokens = documentedCount('refresh-expired-tokens')
  it(`${expiredTokens} expired tokens, each sent twice with another made-up value, cost ${expiredTokens} refresh calls: the memory of failures is not cycled`, async () => {
    const tokens = await Promise.all(Array.from({ length: expiredTokens }, (_, index) => expiredOf(index)))
    for (const round of ['first', 'second'])
      await inBatches(tokens, (token) => outcomeOf(withJunk(token, `junk-${round}`), world().options()))
    expect(refreshCalls()).toBe(expiredTokens)
  })

  it('the same token with three made-up values at once costs one call', async () => {
    const token = await expiredOf(1)
    await Promise.all(['a', 'b', 'c'].map((value) => outcomeOf(withJunk(token, value), world().options())))
    expect(refreshCalls()).toBe(1)
  })

  it(`at most ${MAX_FAILED_REFRESHES} failing calls per 10 s in all; past that an unknown expired token takes the handshake without one, until failures age out`, async () => {
    const tokens = await Promise.all(Array.from({ length: MAX_FAILED_REFRESHES + 20 }, (_, index) => expiredOf(index)))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const outcomes = await inBatches(tokens, (token) => outcomeOf(withJunk(token, 'junk'), world().options()))
    const reasons = new Set(outcomes.map((outcome) => `${outcome.status} ${'reason' in outcome ? outcome.reason : ''}`))
    expect(refreshCalls()).toBe(MAX_FAILED_REFRESHES)
    expect(reasons).toEqual(
      new Set([
        'handshake session-token-expired-refresh-refresh_token_not_found',
        'handshake session-token-expired-refresh-too-many-failed-refreshes',
      ]),
    )
    vi.setSystemTime(T + 10_001)
    try {
      await outcomeOf(withJunk(await expiredOf(0), 'junk'), world().options())
      expect(refreshCalls()).toBe(MAX_FAILED_REFRESHES + 1)
    } finally {
      vi.setSystemTime(T)
    }
  })

  it('with a token that is not expired, or not the instance’s, nothing is refreshed at all', async () => {
    const valid = await signToken(world().instanceKey, sessionClaims())
    const forged = await signToken(world().impostorKey, sessionClaims({ iat: T_SECONDS - 300, exp: T_SECONDS - 240 }))
    for (const token of [valid, forged]) {
      const cookie = `__session_${suffix}=${token}; __client_uat_${suffix}=1; __refresh_${suffix}=anything`
      await outcomeOf(new Request(PAGE, { headers: { ...NAVIGATION, cookie } }), world().options())
    }
    expect(refreshCalls()).toBe(0)
  })
})

describe('forged __clerk_synced', () => {
  it('on a primary it means nothing; on a satellite `true` skips a sync and `false` asks for one, bounded by the loop limit', async () => {
    expect(await run(new Request(`${PAGE}?__clerk_synced=false`, { headers: NAVIGATION }))).toMatchObject({
      location: null,
      reason: 'session-token-and-uat-missing',
    })
    const satellite = { isSatellite: true, domain: 'satellite.example' }
    const forged = await run(
      new Request(`${PAGE}?__clerk_synced=true&__clerk_synced=false`, { headers: NAVIGATION }),
      satellite,
    )
    expect(forged).toMatchObject({ location: null, reason: 'session-token-and-uat-missing' })
    const asked = await run(new Request(`${PAGE}?__clerk_synced=false`, { headers: NAVIGATION }), satellite)
    expect(asked.reason).toBe('satellite-needs-syncing')
    expect(new URL(asked.location!).origin).toBe('https://clerk.satellite.example')
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const looping = await run(
      new Request(`${PAGE}?__clerk_synced=false`, { headers: { ...NAVIGATION, cookie: '__clerk_redirect_count=3' } }),
      satellite,
    )
    expect(looping).toMatchObject({ location: null, reason: 'satellite-needs-syncing' })
    for (const value of ['TRUE', '1', '', 'false%00']) {
      const other = await run(new Request(`${PAGE}?__clerk_synced=${value}`, { headers: NAVIGATION }), satellite)
      expect(other, value).toMatchObject({ location: null, reason: 'session-token-and-uat-missing' })
    }
  })
})

describe('__clerk_redirect_url on a development primary', () => {
  const DEV_KEY = PUBLISHABLE_KEY.replace('pk_live_', 'pk_test_')
  const SATELLITE = 'http://127.0.0.1:3001'
  const attempts = [
    'javascript:alert(1)',
    '//evil.example/',
    `${SATELLITE}@evil.example/`,
    'http://127.0.0.1:3001.evil.example/',
    'https://127.0.0.1:3001/',
    'http://127.0.0.1:30010/',
    'http:\\\\evil.example/',
    'http://evil.example/?x=http://127.0.0.1:3001',
    `\t${SATELLITE}/`,
    'data:text/html,hi',
  ]

  it('tries as many tricks as docs/reliability.md says', () => {
    expect(attempts).toHaveLength(documentedCount('redirect-url-tricks'))
  })

  it('is followed only to an allowed origin (a URL the parser cleans up counts as what it parses to); everything else is ignored, so the dev browser token goes nowhere else', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const options = { publishableKey: DEV_KEY, allowedRedirectOrigins: [SATELLITE] }
    const headers = { ...NAVIGATION, cookie: '__clerk_db_jwt=dvb_secret' }
    for (const target of attempts) {
      const outcome = await run(
        new Request(`${PAGE}?__clerk_redirect_url=${encodeURIComponent(target)}`, { headers }),
        options,
      )
      const expected = outcome.reason === 'primary-responds-to-syncing' ? SATELLITE : 'https://clerk.example.com'
      if (outcome.location) expect(new URL(outcome.location).origin, target).toBe(expected)
    }
    const allowed = await run(
      new Request(`${PAGE}?__clerk_redirect_url=${encodeURIComponent(`${SATELLITE}/x`)}`, { headers }),
      options,
    )
    expect(allowed.location).toBe(`${SATELLITE}/x?__clerk_db_jwt=dvb_secret&__clerk_synced=true`)
  })
})

describe('organization slugs with path tricks', () => {
  const sync = { organizationSyncOptions: { organizationPatterns: ['/orgs/:slug', '/orgs/:slug/(.*)'] } }
  const paths = [
    '/orgs/..%2Fadmin',
    '/orgs/%2e%2e/x',
    '/orgs/acme%00',
    '/orgs/%F0%9F%92%A5',
    `/orgs/${'a'.repeat(10_000)}`,
    '/orgs/a%2F..%2F..%2Fb',
    '/orgs/?x',
    '/orgs//acme',
  ]

  it('name at most one raw segment, which the handshake carries as a parameter to the Frontend API only', async () => {
    const token = await signToken(world().instanceKey, sessionClaims())
    for (const path of paths) {
      const url = new URL(path, PAGE)
      const outcome = await run(
        new Request(url, { headers: { ...NAVIGATION, cookie: `__session=${token}; __client_uat=1` } }),
        sync,
      )
      if (outcome.location === null) {
        expect(outcome.userId, path).toBe('user_2xyz')
        continue
      }
      const handshake = new URL(outcome.location)
      expect(`${handshake.origin}${handshake.pathname}`, path).toBe('https://clerk.example.com/v1/client/handshake')
      const segment = url.pathname.split('/')[2]
      expect(handshake.searchParams.get('organization_id'), path).toBe(segment)
      expect(withoutBinding(handshake.searchParams.get('redirect_url')!), path).toBe(url.href)
    }
    expect(calls(world()).filter((call) => !call.endsWith('/jwks'))).toEqual([])
  })
})
