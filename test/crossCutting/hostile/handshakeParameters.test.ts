// Forged handshake parameters: a `__clerk_handshake_nonce` or `__clerk_handshake` token that Clerk never
// issued, in a cookie or in the URL. None sets a cookie or signs anyone in. A forged token costs no
// network call; a forged nonce costs exactly one Backend API call per distinct nonce and request, as
// upstream (the nonce can only be checked by redeeming it): the count is pinned here, so a future limiter
// shows up as a changed number.
import { SignJWT } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth } from '../../../src/ssr.server.js'
import { BINDING_COOKIE, TEST_BINDING } from '../../helpers/handshakeBinding.js'
import { FETCH, NAVIGATION, args } from '../../helpers/localInstance.js'
import { sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { PAGE, T_SECONDS, calls, outcomeOf, useHostileWorld, warmUp } from './fixtures.js'

const world = useHostileWorld()
const errors: string[] = []

beforeAll(() => {
  world().server.on('GET', '/v1/clients/handshake_payload', {
    status: 400,
    json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] },
  })
  vi.spyOn(console, 'error').mockImplementation((message: unknown) => void errors.push(String(message)))
})
afterAll(() => vi.restoreAllMocks())
beforeEach(async () => {
  await warmUp(world())
  errors.length = 0
})

/** The 307 getAuth throws, reduced to what a browser would do with it. */
async function redirectOf(request: Request): Promise<{
  status: number
  location: string | null
  setCookie: string[]
  reason: string | null
  message: string | null
}> {
  const thrown = await getAuth(args(request), world().options()).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(Response)
  const response = thrown as Response
  return {
    status: response.status,
    location: response.headers.get('location'),
    setCookie: response.headers.getSetCookie(),
    reason: response.headers.get('x-clerk-auth-reason'),
    message: response.headers.get('x-clerk-auth-message'),
  }
}

/** A handshake token as the Frontend API signs it (valid for a minute from T), setting `__session` to `sessionToken`. */
async function handshakeToken(
  privateKey: CryptoKey,
  sessionToken: string,
  header: Record<string, unknown> = {},
  times: Record<string, unknown> = { iat: T_SECONDS, exp: T_SECONDS + 60 },
): Promise<string> {
  return new SignJWT({
    handshake: [`__session=${sessionToken}; Path=/; SameSite=Lax`, '__client_uat=9999999999; Path=/'],
    ...times,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_rs256', typ: 'JWT', ...header })
    .sign(privateKey)
}

/**
 * A navigation back to the page with the handshake parameters in its URL, in the browser the app sent for them (its
 * binding cookie next to the value in the URL): someone forging his own URL, since nobody else's is redeemed.
 */
function backInThisBrowser(url: string): Request {
  return new Request(`${url}&__clerk_handshake_binding=${TEST_BINDING}`, {
    headers: { ...NAVIGATION, cookie: BINDING_COOKIE },
  })
}

const cleanRedirect = (problem: string) => ({
  status: 307,
  location: '/dashboard?tab=1',
  // The used binding value leaves the cookie: only its own handshake's answer may use it.
  setCookie: ['__clerk_handshake_binding=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax'],
  reason: 'handshake-failed',
  message: problem,
})

describe('a forged handshake nonce', () => {
  it('in a cookie: one Backend API call per distinct nonce, then judged by the other cookies (here: none)', async () => {
    for (let i = 0; i < 50; i++) {
      const request = new Request(PAGE, { headers: { ...FETCH, cookie: `__clerk_handshake_nonce=forged_${i}` } })
      expect(await outcomeOf(request, world().options())).toEqual({
        status: 'signed-out',
        reason: 'session-token-and-uat-missing',
        message: '',
      })
    }
    expect(calls(world())).toEqual(
      Array.from({ length: 50 }, (_, i) => `GET /v1/clients/handshake_payload?nonce=forged_${i}`),
    )
    expect(errors).toHaveLength(50)
    expect(errors[0]).toBe(
      'remix-clerk: The handshake nonce could not be redeemed: status 400, invalid_nonce, Invalid nonce Redirecting to the same page without the handshake parameters.',
    )
  })

  it('in the URL: a 307 to the same page without it, no cookie set, one call', async () => {
    const request = backInThisBrowser(`${PAGE}?tab=1&__clerk_handshake_nonce=forged`)
    expect(await redirectOf(request)).toEqual(
      cleanRedirect('The handshake nonce could not be redeemed: status 400, invalid_nonce, Invalid nonce'),
    )
    expect(calls(world())).toEqual(['GET /v1/clients/handshake_payload?nonce=forged'])
  })
})

describe('a forged handshake token (no network call)', () => {
  it("signed by the impostor, setting the impostor's session: a clean 307, no cookie", async () => {
    const attackerSession = await signToken(world().impostorKey, sessionClaims({ sub: 'user_admin' }))
    const forged = await handshakeToken(world().impostorKey.privateKey, attackerSession)
    const request = backInThisBrowser(`${PAGE}?tab=1&__clerk_handshake=${forged}`)
    expect(await redirectOf(request)).toEqual(
      cleanRedirect(
        "The handshake token failed verification (token-invalid-signature): JWT signature is invalid. If you switched Clerk keys, clear this site's cookies.",
      ),
    )
    expect(calls(world())).toEqual([])
  })

  it('a JWT template token of the instance passed off as a handshake token: refused by its category', async () => {
    const valid = await signToken(world().instanceKey, sessionClaims())
    const template = await handshakeToken(world().instanceKey.privateKey, valid, { cat: 'cl_B7d4PD222AAA' })
    const request = backInThisBrowser(`${PAGE}?tab=1&__clerk_handshake=${template}`)
    expect(await redirectOf(request)).toEqual(
      cleanRedirect(
        'The handshake token is not one: Invalid session token category (cat) "cl_B7d4PD222AAA". JWT template and machine tokens cannot be used as session tokens.',
      ),
    )
    expect(calls(world())).toEqual([])
  })

  it('garbage in a cookie: ignored, the session cookie decides', async () => {
    const valid = await signToken(world().instanceKey, sessionClaims())
    const request = new Request(PAGE, {
      headers: { ...FETCH, cookie: `__clerk_handshake=x.y.z; __session=${valid}; __client_uat=1` },
    })
    expect(await outcomeOf(request, world().options())).toEqual({ status: 'signed-in', userId: 'user_2xyz' })
    expect(calls(world())).toEqual([])
  })
})

// A handshake URL ends up in logs and browser history: replayed later, it must not set cookies. @clerk/backend 3
// checks only the signature of a handshake token; we check its time claims as for a session token.
describe('an expired or not yet valid handshake token of the instance', () => {
  const replayed = async (times: Record<string, unknown>) => {
    const session = await signToken(world().instanceKey, sessionClaims())
    const token = await handshakeToken(world().instanceKey.privateKey, session, {}, times)
    return redirectOf(backInThisBrowser(`${PAGE}?tab=1&__clerk_handshake=${token}`))
  }

  it('expired an hour ago: a clean 307, no cookie', async () => {
    const outcome = await replayed({ iat: T_SECONDS - 3660, exp: T_SECONDS - 3600 })
    expect(outcome).toEqual(
      cleanRedirect(
        expect.stringMatching(
          /^The handshake token cannot be used now \(token-expired\): JWT is expired\./,
        ) as unknown as string,
      ),
    )
    expect(calls(world())).toEqual([])
  })

  it('without exp: refused, it would never expire', async () => {
    const outcome = await replayed({ iat: T_SECONDS })
    expect(outcome).toEqual(
      cleanRedirect(
        'The handshake token cannot be used now (token-verification-failed): Invalid JWT expiry date claim (exp) undefined. Expected number.',
      ),
    )
  })

  it('nbf or iat in the future: refused', async () => {
    expect((await replayed({ nbf: T_SECONDS + 60, exp: T_SECONDS + 120 })).message).toMatch(/\(token-not-active-yet\)/)
    expect((await replayed({ iat: T_SECONDS + 60, exp: T_SECONDS + 120 })).message).toMatch(
      /\(token-iat-in-the-future\)/,
    )
  })

  it('expired within the clock skew (5 s by default, or the configured clockSkewInMs): accepted', async () => {
    const outcome = await replayed({ iat: T_SECONDS - 64, exp: T_SECONDS - 4 })
    expect(outcome).toMatchObject({ status: 307, location: '/dashboard?tab=1', reason: null })
    expect(outcome.setCookie.some((cookie) => cookie.startsWith('__session='))).toBe(true)
  })
})
