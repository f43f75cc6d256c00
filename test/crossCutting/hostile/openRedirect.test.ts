// The handshake's clean-up redirect (a failed or resolved handshake sends the browser to the same URL without
// the handshake parameters) must never leave the request's origin. A path such as `//evil.com/phish` becomes a
// scheme-relative `Location` that browsers follow to another host; `/\evil.com`, tabs and newlines parse to the
// same. Every variant is driven through getAuth, rootAuthLoader and Remix's real request handler with a splat
// route (a custom 404 page), with a failed nonce, a failed token and a resolved token.
import { createRequestHandler, json } from '@remix-run/server-runtime'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { documentedCount } from '../../helpers/documentedCount.js'
import { getAuth, rootAuthLoader } from '../../../src/ssr.server.js'
import { serverBuild } from '../../remix/serverBuild.js'
import { NAVIGATION, args } from '../../helpers/localInstance.js'
import { sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { BINDING_COOKIE, TEST_BINDING } from '../../helpers/handshakeBinding.js'
import { FAPI_HOST } from '../../helpers/sessionTokens.js'
import { T_SECONDS, useHostileWorld, warmUp } from './fixtures.js'

const ORIGIN = 'https://app.example.com'

/**
 * Paths an attacker can put in a link to the app. `raw` is what follows the origin in the link; `path` is the
 * pathname the app's server sees once the URL is parsed (tabs and newlines dropped, `\` read as `/`).
 */
const HOSTILE_PATHS: ReadonlyArray<{ raw: string; path: string }> = [
  { raw: '//evil.com/phish', path: '//evil.com/phish' },
  { raw: '///evil.com/phish', path: '///evil.com/phish' },
  { raw: '/\\evil.com/', path: '//evil.com/' },
  { raw: '/\\\\evil.com/', path: '///evil.com/' },
  { raw: '/%5C%5Cevil.com/', path: '/%5C%5Cevil.com/' },
  { raw: '/%2F%2Fevil.com/', path: '/%2F%2Fevil.com/' },
  { raw: '/\t/evil.com/', path: '//evil.com/' },
  { raw: '/\n/evil.com/', path: '//evil.com/' },
  { raw: '/\r\n/evil.com/', path: '//evil.com/' },
  { raw: '/./\\evil.com', path: '//evil.com' },
  { raw: '/.//evil.com/x', path: '//evil.com/x' },
  { raw: '/x/..//evil.com/phish', path: '//evil.com/phish' },
  { raw: '/.//', path: '//' },
  { raw: '///', path: '///' },
]

const world = useHostileWorld()

beforeAll(() => {
  world().server.on('GET', '/v1/clients/handshake_payload', {
    status: 400,
    json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] },
  })
  // Each failed handshake is logged once; the log is not what these tests are about.
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterAll(() => vi.restoreAllMocks())
beforeEach(() => warmUp(world()))

type Handshake = 'failed nonce' | 'failed token' | 'resolved token'

/** A page request carrying handshake parameters of the given kind, back in the browser that was sent for them. */
async function handshakeRequest(raw: string, kind: Handshake): Promise<Request> {
  const url = `${ORIGIN}${raw}?tab=1&__clerk_handshake_binding=${TEST_BINDING}&`
  const headers = { ...NAVIGATION, cookie: BINDING_COOKIE }
  if (kind === 'failed nonce') return new Request(`${url}__clerk_handshake_nonce=anything`, { headers })
  if (kind === 'failed token') return new Request(`${url}__clerk_handshake=not.a.token`, { headers })
  const sessionToken = await signToken(world().instanceKey, sessionClaims())
  const token = await new SignJWT({
    handshake: [`__session=${sessionToken}; Path=/`, `__client_uat=${T_SECONDS}; Path=/`],
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_rs256', typ: 'JWT' })
    .setIssuedAt(T_SECONDS)
    .setExpirationTime(T_SECONDS + 60)
    .sign(world().instanceKey.privateKey)
  return new Request(`${url}__clerk_handshake=${token}`, { headers })
}

/** Where a browser goes with the 307's `Location`, resolved as browsers resolve it against the page's URL. */
function followed(response: Response, request: Request): URL {
  expect(response.status).toBe(307)
  const location = response.headers.get('location')
  expect(location).toBeTruthy()
  return new URL(location!, request.url)
}

function expectSameOriginSamePage(target: URL, path: string): void {
  expect(target.origin).toBe(ORIGIN)
  expect(target.pathname).toBe(path)
  expect(target.search).toBe('?tab=1')
}

/**
 * Remix resolves a relative redirect thrown by a loader against the route (react-router's `normalizeTo`), which
 * collapses repeated slashes; an absolute or scheme-relative one it passes through untouched.
 */
const collapsedByRemix = (path: string) => path.replace(/\/{2,}/g, '/')

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(Response)
  return thrown as Response
}

const KINDS: Handshake[] = ['failed nonce', 'failed token', 'resolved token']

it('tries as many hostile paths as docs/reliability.md says', () => {
  expect(HOSTILE_PATHS).toHaveLength(documentedCount('open-redirect-paths'))
})

describe.each(KINDS)('a %s on a hostile path stays on the app', (kind) => {
  it.each(HOSTILE_PATHS)('getAuth: $raw', async ({ raw, path }) => {
    const request = await handshakeRequest(raw, kind)
    const response = await thrownBy(getAuth(args(request), world().options()))
    expectSameOriginSamePage(followed(response, request), path)
    const cookies = response.headers.getSetCookie().filter((c) => !c.startsWith('__clerk_handshake_binding='))
    if (kind === 'resolved token') expect(cookies.some((c) => c.startsWith('__session='))).toBe(true)
    else expect(cookies).toEqual([])
  })

  it.each(HOSTILE_PATHS)('rootAuthLoader: $raw', async ({ raw, path }) => {
    const request = await handshakeRequest(raw, kind)
    const response = await thrownBy(rootAuthLoader(args(request), () => ({ page: 1 }), world().options()))
    expectSameOriginSamePage(followed(response, request), path)
  })
})

// On Netlify with a development key every redirect gets `__clerk_netlify_cache_bust`; the parameter is appended to the
// Location as it was decided, never by parsing it again (`new URL('/.//evil.com', base).pathname` is `//evil.com`).
describe.each(KINDS)('a %s on a hostile path, on Netlify with a development key, stays on the app', (kind) => {
  const DEVELOPMENT_KEY = `pk_test_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`
  const development = () => world().options({ publishableKey: DEVELOPMENT_KEY })
  beforeEach(() => {
    vi.stubEnv('NETLIFY', 'true')
    return () => vi.unstubAllEnvs()
  })

  function expectCacheBustedSamePage(response: Response, request: Request, path: string): void {
    const target = followed(response, request)
    expect(target.origin).toBe(ORIGIN)
    expect(target.pathname).toBe(path)
    expect(target.searchParams.get('tab')).toBe('1')
    expect(target.searchParams.get('__clerk_netlify_cache_bust')).toMatch(/^\d+$/)
  }

  it.each(HOSTILE_PATHS)('getAuth: $raw', async ({ raw, path }) => {
    const request = await handshakeRequest(raw, kind)
    expectCacheBustedSamePage(await thrownBy(getAuth(args(request), development())), request, path)
  })

  it.each(HOSTILE_PATHS)('rootAuthLoader: $raw', async ({ raw, path }) => {
    const request = await handshakeRequest(raw, kind)
    expectCacheBustedSamePage(
      await thrownBy(rootAuthLoader(args(request), () => ({ page: 1 }), development())),
      request,
      path,
    )
  })
})

describe("Remix's request handler with a splat route (a custom 404 page)", () => {
  const build = serverBuild({
    root: { path: '', loader: (loaderArgs) => rootAuthLoader(loaderArgs, () => ({ app: 'test' }), world().options()) },
    'routes/$': {
      parentId: 'root',
      path: '*',
      loader: async (loaderArgs) => {
        const { userId } = await getAuth(loaderArgs, world().options())
        return json({ notFound: true, userId })
      },
    },
  })
  const handle = createRequestHandler(build, 'production')

  it.each(KINDS.flatMap((kind) => HOSTILE_PATHS.map((variant) => ({ kind, ...variant }))))(
    '$kind: $raw',
    async ({ kind, raw, path }) => {
      const request = await handshakeRequest(raw, kind)
      const response = await handle(request)
      expectSameOriginSamePage(followed(response, request), collapsedByRemix(path))
    },
  )

  it('the page the redirect leads to is served on the app, not redirected again', async () => {
    const request = await handshakeRequest('//evil.com/phish', 'failed nonce')
    const target = followed(await handle(request), request)
    const page = await handle(new Request(target.href, { headers: NAVIGATION }))
    expect(page.status).toBe(200)
    expect(await page.json()).toMatchObject({ loaderData: { 'routes/$': { notFound: true, userId: null } } })
  })
})
