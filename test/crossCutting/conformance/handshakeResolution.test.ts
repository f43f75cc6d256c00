// The way back from a handshake, against the local Frontend API over HTTP: a browser signed in through the
// real sign-in form (or never signed in) goes through `GET /v1/client/handshake`, and the app's request
// that comes back with the nonce (or token) runs through @clerk/remix 4, @clerk/backend 3 and ours. Each
// implementation redeems its own nonce (they are single-use). The expected outcome of every implementation
// is written out; where ours differs, the test names the difference.
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cookieSuffix } from './corpus.js'
import { runAll, type Configuration, type Implementation, type Outcome } from './implementations.js'
import { APP_URL } from './instances.js'
import { BINDING_COOKIE, TEST_BINDING, bound } from '../../helpers/handshakeBinding.js'

/** The binding cookie, which ours sets or clears on every handshake redirect and clean redirect. */
const BINDING = '__clerk_handshake_binding'

let local: LocalClerk
/** The local backend's clock offset: negative to mint as if earlier (an old handshake URL replayed now). */
let clockOffsetMs = 0
let signedInClient: string
let userId: string
let config: Configuration

beforeAll(async () => {
  local = await createLocalClerk({ db: ':memory:', sessionLifetime: 3600, now: () => Date.now() + clockOffsetMs })
  const { url } = await local.listen()
  config = { secretKey: local.secretKey, publishableKey: local.publishableKey, apiUrl: url, jwtKey: local.jwtKey }
  const form = new URLSearchParams({ redirect_url: APP_URL, email: 'handshake@example.com' })
  const signIn = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  })
  expect(signIn.status).toBe(303)
  signedInClient = signIn.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('__client='))!
    .split(';')[0]!
  const users = await fetch(`${url}/v1/users?email_address=handshake@example.com`, {
    headers: { authorization: `Bearer ${local.secretKey}` },
  })
  userId = ((await users.json()) as Array<{ id: string }>)[0]!.id
})
afterAll(() => local?.close())

/** The query the Frontend API sends the browser back with. */
async function handshakeReturn(format: 'nonce' | 'token', client?: string): Promise<string> {
  // As the app's own handshake redirect sends it (ours binds it to the browser, see src/auth/handshakeBinding.ts).
  const query = new URLSearchParams({ redirect_url: bound(APP_URL), format, suffixed_cookies: 'true' })
  const response = await fetch(`${local.url}/v1/client/handshake?${query}`, {
    redirect: 'manual',
    headers: client ? { cookie: client } : {},
  })
  expect(response.status).toBe(307)
  return new URL(response.headers.get('location')!).search
}

/** What tells the outcomes apart: cookie values are fresh tokens per redemption, so only their names count. */
interface Verdict {
  status: Outcome['status']
  reason: string | null
  userId: string | null
  /** A redirect target as sent (relative or absolute). */
  location: string | null
  cookies: string[]
  cors: boolean
}

function verdict(outcome: Outcome): Verdict {
  const location =
    outcome.location &&
    (outcome.status === 'handshake'
      ? outcome.location.target
      : `${outcome.location.target.replace('http://relative.invalid', '')}?${new URLSearchParams(outcome.location.params)}`)
  return {
    status: outcome.status,
    reason: outcome.reason,
    userId: (outcome.auth?.userId as string | null | undefined) ?? null,
    location,
    cookies: outcome.headers['set-cookie']?.split('\n').map((cookie) => cookie.split('=')[0]!) ?? [],
    cors: 'access-control-allow-origin' in outcome.headers,
  }
}

/** The app's request back from the handshake, in the browser that was sent there (`bound`) or in another one. */
async function run(
  returnQuery: () => Promise<string>,
  browser: 'bound' | 'another' = 'bound',
): Promise<Record<Implementation, Verdict>> {
  const queries = [await returnQuery(), await returnQuery(), await returnQuery(), await returnQuery()]
  const quiet = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')].map((spy) =>
    spy.mockImplementation(() => undefined),
  )
  const headers = {
    'sec-fetch-dest': 'document',
    accept: 'text/html',
    ...(browser === 'bound' ? { cookie: BINDING_COOKIE } : {}),
  }
  try {
    const outcomes = await runAll(
      () => new Request(`http://127.0.0.1:3000/dashboard${queries.shift()}`, { headers }),
      config,
    )
    return Object.fromEntries(Object.entries(outcomes).map(([name, outcome]) => [name, verdict(outcome)])) as Record<
      Implementation,
      Verdict
    >
  } finally {
    for (const spy of quiet) spy.mockRestore()
  }
}

/** The cookies of the handshake's directives, suffixed and plain (and the refresh token), in the order the Frontend API sends them. */
function sessionCookieNames(): string[] {
  const suffix = cookieSuffix(local.publishableKey)
  return [`__session_${suffix}`, '__session', `__client_uat_${suffix}`, '__client_uat', `__refresh_${suffix}`]
}

describe('a handshake coming back (production instance)', () => {
  it.each(['nonce', 'token'] as const)(
    'signed in (format=%s) → upstream: signed in where it stands, cookies on the state (@clerk/remix 4 getAuth drops them), CORS headers; ours: `resolved-handshake-redirects` (307 to the clean relative URL with every cookie) and `no-cors-on-resolution`',
    async (format) => {
      const cookies = sessionCookieNames()
      const signedIn = { status: 'signed-in', reason: null, userId } as const
      expect(await run(() => handshakeReturn(format, signedInClient))).toEqual({
        remix4: { ...signedIn, location: null, cookies: [], cors: false },
        backend3: { ...signedIn, location: null, cookies, cors: true },
        ours: {
          status: 'redirect',
          reason: null,
          userId: null,
          location: '/dashboard?tab=1',
          cookies: [BINDING, ...cookies],
          cors: false,
        },
        oursEngine: { ...signedIn, location: '/dashboard?tab=1', cookies: [BINDING, ...cookies], cors: false },
      })
    },
  )

  it('a signed-out nonce → everyone signed out (session-token-missing) with the clearing cookies; ours redirects to the clean URL', async () => {
    const cookies = sessionCookieNames()
    const signedOut = { status: 'signed-out', reason: 'session-token-missing', userId: null } as const
    expect(await run(() => handshakeReturn('nonce'))).toEqual({
      remix4: { ...signedOut, location: null, cookies: [], cors: false },
      backend3: { ...signedOut, location: null, cookies, cors: true },
      ours: {
        status: 'redirect',
        reason: 'session-token-missing',
        userId: null,
        location: '/dashboard?tab=1',
        cookies: [BINDING, ...cookies],
        cors: false,
      },
      oursEngine: { ...signedOut, location: '/dashboard?tab=1', cookies: [BINDING, ...cookies], cors: false },
    })
  })

  it('an unknown nonce → upstream logs and stays on the URL with the nonce (signed out); ours: `failed-nonce-clean-redirect` (handshake-failed, 307 to the clean URL, no cookies)', async () => {
    const failed = {
      status: 'signed-out',
      reason: 'handshake-failed',
      userId: null,
      location: '/dashboard?tab=1',
      cookies: [BINDING],
      cors: false,
    } as const
    expect(
      await run(async () => `?tab=1&__clerk_handshake_binding=${TEST_BINDING}&__clerk_handshake_nonce=unknown`),
    ).toEqual({
      remix4: {
        status: 'signed-out',
        reason: 'session-token-missing',
        userId: null,
        location: null,
        cookies: [],
        cors: false,
      },
      backend3: {
        status: 'signed-out',
        reason: 'session-token-missing',
        userId: null,
        location: null,
        cookies: [],
        cors: true,
      },
      ours: { ...failed, status: 'redirect' },
      oursEngine: failed,
    })
  })
})

describe('a handshake answer opened in another browser (login CSRF)', () => {
  it.each(['nonce', 'token'] as const)(
    'someone else’s signed-in answer (format=%s) → upstream signs this browser in as them; ours: `handshake-bound-to-browser` (not redeemed, a handshake of this browser’s own)',
    async (format) => {
      const cookies = sessionCookieNames()
      const signedIn = { status: 'signed-in', reason: null, userId } as const
      const own = {
        status: 'handshake',
        reason: 'handshake-not-bound-to-browser',
        userId: null,
        location: `${local.url}/v1/client/handshake`,
        cookies: ['__clerk_redirect_count', BINDING],
        cors: false,
      } as const
      expect(await run(() => handshakeReturn(format, signedInClient), 'another')).toEqual({
        remix4: { ...signedIn, location: null, cookies: [], cors: false },
        backend3: { ...signedIn, location: null, cookies, cors: true },
        ours: own,
        oursEngine: own,
      })
    },
  )
})

describe('a handshake token replayed after it expired (production instance)', () => {
  it('signed in two minutes ago (the handshake token lived 60 s, the session token an hour) → upstream checks only the signature and signs in; ours: `expired-handshake-token` (handshake-failed, 307 to the clean URL, no cookies)', async () => {
    clockOffsetMs = -120_000
    let replay: () => Promise<string>
    try {
      const queries = await Promise.all([1, 2, 3, 4].map(() => handshakeReturn('token', signedInClient)))
      replay = async () => queries.shift()!
    } finally {
      clockOffsetMs = 0
    }
    const cookies = sessionCookieNames()
    const signedIn = { status: 'signed-in', reason: null, userId } as const
    const failed = {
      status: 'signed-out',
      reason: 'handshake-failed',
      userId: null,
      location: '/dashboard?tab=1',
      cookies: [BINDING],
      cors: false,
    } as const
    expect(await run(replay)).toEqual({
      remix4: { ...signedIn, location: null, cookies: [], cors: false },
      backend3: { ...signedIn, location: null, cookies, cors: true },
      ours: { ...failed, status: 'redirect' },
      oursEngine: failed,
    })
  })
})
