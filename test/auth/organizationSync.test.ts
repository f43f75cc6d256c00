// Organization sync: our segment matcher against upstream's (path-to-regexp 6's `match`, as @clerk/shared ships
// it) on generated paths for every supported pattern form; the forms we refuse; and the decision: a signed-in
// page whose URL names another organization (or the personal account) takes a handshake that activates it.
import { match } from '@clerk/shared/pathToRegexp'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../src/auth/authenticate.js'
import { clerkInstanceFor, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import { OrganizationMatcher } from '../../src/auth/organizationSync.js'
import type { RequestState } from '../../src/auth/requestState.js'
import { resetProcessState } from '../../src/shared/processState.js'
import {
  FETCH,
  NAVIGATION,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'

const PATTERNS = [
  '/orgs/:slug',
  '/orgs/:slug/(.*)',
  '/o/:id',
  '/o/:id/(.*)',
  '/app/:any/orgs/:slug',
  '/me',
  '/me/(.*)',
  '/',
  '/Team/:slug/settings',
  '/(.*)',
  '/:slug',
  '/:id/(.*)',
]

describe('the matcher', () => {
  it('agrees with path-to-regexp 6 (upstream) on every supported form, for generated paths', () => {
    const segment = fc.constantFrom(
      'orgs',
      'o',
      'app',
      'me',
      'team',
      'Team',
      'settings',
      'acme',
      'org_2x',
      '',
      'ACME',
      'a%2Fb',
      '..',
      'x.y',
      '~',
    )
    const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`)
    fc.assert(
      fc.property(path, (pathname) => {
        for (const pattern of PATTERNS) {
          const ours = new OrganizationMatcher({ organizationPatterns: [pattern] }).findTarget(pathname)
          const upstream = match(pattern)(pathname)
          const params = upstream ? (upstream.params as Record<string, string>) : undefined
          const expected = params?.id
            ? { type: 'organization', organizationId: params.id }
            : params?.slug
              ? { type: 'organization', organizationSlug: params.slug }
              : undefined
          expect(ours, `${pattern} on ${pathname}`).toEqual(expected)
          const personal = new OrganizationMatcher({ personalAccountPatterns: [pattern] }).findTarget(pathname)
          expect(personal, `${pattern} (personal) on ${pathname}`).toEqual(
            upstream ? { type: 'personalAccount' } : undefined,
          )
        }
      }),
      { numRuns: 400 },
    )
  })

  it('takes one trailing `/` after the root as upstream does: `/` matches `/` and `//`, not `///`', () => {
    // Found by the generated paths above on CI; path-to-regexp 6 compiles `/` to /^\/[\/#\?]?$/i.
    const root = new OrganizationMatcher({ personalAccountPatterns: ['/'] })
    for (const [path, matches] of [
      ['/', true],
      ['//', true],
      ['///', false],
      ['', false],
      ['/x', false],
    ] as const) {
      expect(root.findTarget(path), path).toEqual(matches ? { type: 'personalAccount' } : undefined)
      expect(Boolean(match('/')(path)), `upstream on ${JSON.stringify(path)}`).toBe(matches)
    }
  })

  it('organization patterns win over personal ones; without options nothing matches', () => {
    const matcher = new OrganizationMatcher({
      organizationPatterns: ['/orgs/:slug'],
      personalAccountPatterns: ['/orgs/(.*)', '/me'],
    })
    expect(matcher.findTarget('/orgs/acme')).toEqual({ type: 'organization', organizationSlug: 'acme' })
    expect(matcher.findTarget('/me')).toEqual({ type: 'personalAccount' })
    expect(new OrganizationMatcher({}).findTarget('/orgs/acme')).toBeUndefined()
  })

  it('refuses, when the options are read, every form it does not support: no custom regular expression reaches a path', () => {
    for (const pattern of [
      'orgs/:slug',
      '/orgs/:slug((a+)+)',
      '/orgs/(.*)/x',
      '/orgs/:slug?',
      '/orgs/*',
      '/orgs//x',
      '/orgs/{:slug}',
      '/orgs/:',
    ]) {
      expect(() => new OrganizationMatcher({ organizationPatterns: [pattern] }), pattern).toThrow(
        expect.objectContaining({
          code: 'REMIX_CLERK_INVALID_ORGANIZATION_SYNC_OPTIONS',
          message: expect.stringContaining('Supported: a path of literal segments and `:name` segments'),
        }),
      )
    }
    expect(() => new OrganizationMatcher({ organizationPatterns: '/orgs/:slug' as unknown as string[] })).toThrow(
      expect.objectContaining({
        code: 'REMIX_CLERK_INVALID_ORGANIZATION_SYNC_OPTIONS',
        message: expect.stringContaining("such as ['/orgs/:slug']"),
      }),
    )
  })

  it('takes linear time on long hostile paths', () => {
    const matcher = new OrganizationMatcher({
      organizationPatterns: ['/orgs/:slug', '/orgs/:slug/(.*)'],
      personalAccountPatterns: ['/me/(.*)'],
    })
    const paths = [
      '/orgs/' + 'a'.repeat(200_000),
      '/orgs/' + '/'.repeat(100_000),
      '/me/' + 'x/'.repeat(100_000),
      '/' + 'orgs/'.repeat(50_000),
    ]
    const started = performance.now()
    for (const path of paths) matcher.findTarget(path)
    // Generous: a backtracking matcher takes minutes here; these take milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})

describe('the decision', () => {
  let instance: LocalInstance
  let orgToken: string
  let plainToken: string
  const APP = 'http://127.0.0.1:3000'
  const sync = {
    organizationPatterns: ['/orgs/:slug', '/orgs/:slug/(.*)', '/by-id/:id'],
    personalAccountPatterns: ['/me', '/me/(.*)'],
  }

  beforeAll(async () => {
    instance = await startLocalInstance()
  })
  afterAll(() => instance?.close())
  beforeEach(async () => {
    resetProcessState()
    orgToken = await instance.mint(instance.orgSessionId)
    plainToken = await instance.mint(instance.sessionId)
  })
  afterEach(() => vi.restoreAllMocks())

  const options = (): AuthenticateOptions => ({
    ...(instance.options as AuthenticateOptions),
    organizationSyncOptions: sync,
  })
  const stateFor = async (
    path: string,
    token: string,
    headers: Record<string, string> = NAVIGATION,
    cookies: Record<string, string> = {},
  ): Promise<RequestState> =>
    authenticateRequest(
      requestWith(`${APP}${path}`, { headers, cookies: { ...sessionCookies(token), ...cookies } }),
      await clerkInstanceFor(options()),
    )
  const organizationIdOf = (state: RequestState) =>
    new URL(state.headers!.get('location')!).searchParams.get('organization_id')

  it('the organization of the URL is active already (by slug or id): signed in, no handshake', async () => {
    expect((await stateFor('/orgs/acme/invoices', orgToken)).status).toBe('signed-in')
    expect((await stateFor(`/by-id/${instance.orgId}`, orgToken)).status).toBe('signed-in')
    expect((await stateFor('/me', plainToken)).status).toBe('signed-in')
    expect((await stateFor('/dashboard', orgToken)).status).toBe('signed-in')
  })

  it('another organization, or the personal account while in one: a handshake that activates it', async () => {
    const other = await stateFor('/orgs/beta', orgToken)
    expect(other).toMatchObject({ status: 'handshake', reason: 'active-organization-mismatch' })
    expect(organizationIdOf(other)).toBe('beta')
    const byId = await stateFor(`/by-id/${instance.orgId}`, plainToken)
    expect(organizationIdOf(byId)).toBe(instance.orgId)
    const personal = await stateFor('/me/settings', orgToken)
    expect(personal.reason).toBe('active-organization-mismatch')
    expect(organizationIdOf(personal)).toBe('')
  })

  it('every handshake of such a page carries organization_id, whatever its reason', async () => {
    const expired = await instance.mint(instance.orgSessionId, { offsetMs: -120_000 })
    const state = await stateFor('/orgs/beta', expired)
    expect(state.reason).toBe('session-token-expired-refresh-non-eligible-no-refresh-cookie')
    expect(organizationIdOf(state)).toBe('beta')
  })

  it('a fetch stays signed in as it is; after three handshakes the page is served with the active organization', async () => {
    expect((await stateFor('/orgs/beta', orgToken, FETCH)).status).toBe('signed-in')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const looped = await stateFor('/orgs/beta', orgToken, NAVIGATION, { __clerk_redirect_count: '3' })
    expect(looped.status).toBe('signed-in')
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('costs nothing without organizationSyncOptions: an instance without them has no matcher', async () => {
    const plain = await clerkInstanceFor(instance.options as AuthenticateOptions)
    expect(plain.organizationMatcher).toBeUndefined()
  })
})
