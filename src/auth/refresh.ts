// Session refresh through the `__refresh` cookie: an expired session token on a GET, next to the refresh token the
// Frontend API set with it, is exchanged for a new one by the Backend API (`POST /v1/sessions/{sid}/refresh`). The
// request is then signed in at once, with the new cookies to set, instead of taking a handshake redirect.
import { parseSetCookie } from 'cookie'
import { ClerkAPIResponseError } from '../backend/errors.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import { SingleFlight } from '../shared/singleFlight.js'
import type { ClerkInstance } from './clerkInstance.js'
import { RefreshFailures } from './refreshFailures.js'
import { decodeJwt, type JwtPayload } from '../jwt/decodeJwt.js'
import { CookieName, type RequestContext } from './requestContext.js'
import { verifyJwt } from '../jwt/verifyJwt.js'
import { SESSION_TOKEN } from '../jwt/verify.js'

/** Why a refresh was not made or failed, as upstream names it (the handshake reason ends with it). */
export const RefreshError = {
  NonEligibleNoCookie: 'non-eligible-no-refresh-cookie',
  NonEligibleNonGet: 'non-eligible-non-get',
  InvalidSessionToken: 'invalid-session-token',
  ExpiredSessionTokenDecodeFailed: 'expired-session-token-decode-failed',
  ExpiredSessionTokenMissingSidClaim: 'expired-session-token-missing-sid-claim',
  FetchError: 'fetch-error',
  UnexpectedSDKError: 'unexpected-sdk-error',
  UnexpectedBAPIError: 'unexpected-bapi-error',
  // Ours: too many refreshes failed lately (see MAX_FAILED_REFRESHES); none was tried.
  TooManyFailures: 'too-many-failed-refreshes',
} as const

export type RefreshOutcome =
  | { readonly ok: true; readonly token: string; readonly payload: JwtPayload; readonly cookies: readonly string[] }
  | { readonly ok: false; readonly reason: string }

/**
 * How long a refresh's outcome answers the same (expired token, refresh token) pair again: Remix runs a page's
 * loaders in parallel, each with its own Request, and one that calls getAuth after awaiting something else must not
 * make a second Backend API call. The pair is the credential the Backend API takes, so whoever holds it could
 * refresh anyway. A failure is also remembered for the expired token alone, as long.
 */
const SETTLED_FOR_MS = 10_000
/**
 * Failed refreshes remembered at once (and refreshes in flight): at most this many failing Backend API calls per
 * `SETTLED_FOR_MS` in all. Past it, an expired token whose refresh is not known takes the handshake without a call.
 * @internal Exported for tests.
 */
export const MAX_FAILED_REFRESHES = 512
type Settled = { readonly outcome: RefreshOutcome; readonly until: number }
const settled = new BoundedCache<string, Settled>(256)
const failures = new RefreshFailures(MAX_FAILED_REFRESHES, SETTLED_FOR_MS)
const flights = new SingleFlight<RefreshOutcome>()
// Refreshes of one expired token with different refresh values run one after the other, so that a failure is known
// before the next value is tried (made-up values sent at once must not each cost a call).
const tokenQueues = new Map<string, Promise<unknown>>()
let warnedFull = false
forgetOnReset(() => {
  settled.clear()
  failures.clear()
  warnedFull = false
})

// Headers the Backend API does not need and the app may hold secrets in (its own session cookies, an API key).
const PRIVATE_HEADERS = new Set(['cookie', 'authorization'])

/** Called only for an expired token on a GET with a `__refresh_<suffix>` cookie. Never throws. */
export async function refreshSession(
  context: RequestContext,
  instance: ClerkInstance,
  expiredToken: string,
  refreshToken: string,
): Promise<RefreshOutcome> {
  const tokenKey = `${instance.identity}\n${expiredToken}`
  const key = `${tokenKey}\n${refreshToken}`
  return (
    remembered(key, tokenKey) ??
    flights.run(key, () =>
      oneAtATime(
        tokenKey,
        () => remembered(key, tokenKey) ?? tried(context, instance, expiredToken, refreshToken, key, tokenKey),
      ),
    )
  )
}

function remembered(key: string, tokenKey: string): RefreshOutcome | undefined {
  const now = Date.now()
  const known = settled.get(key)
  if (known && known.until > now) return known.outcome
  const reason = failures.failedRecently(tokenKey, now)
  return reason === undefined ? undefined : { ok: false, reason }
}

async function tried(
  context: RequestContext,
  instance: ClerkInstance,
  expiredToken: string,
  refreshToken: string,
  key: string,
  tokenKey: string,
): Promise<RefreshOutcome> {
  const place = failures.reserve(Date.now())
  if (!place) {
    if (!warnedFull) {
      warnedFull = true
      console.warn(
        `remix-clerk: ${MAX_FAILED_REFRESHES} session refreshes failed within ${SETTLED_FOR_MS / 1000} s (expired tokens sent with ` +
          '__refresh cookies the Backend API refused); further expired tokens take the handshake without a refresh until they age out.',
      )
    }
    return { ok: false, reason: RefreshError.TooManyFailures }
  }
  warnedFull = false
  const outcome = await attempt(context, instance, expiredToken, refreshToken).catch((): RefreshOutcome => ({
    ok: false,
    reason: RefreshError.UnexpectedSDKError,
  }))
  const now = Date.now()
  place.settle(tokenKey, outcome.ok ? undefined : outcome.reason, now)
  settled.set(key, { outcome, until: now + SETTLED_FOR_MS })
  return outcome
}

function oneAtATime<T>(tokenKey: string, run: () => Promise<T> | T): Promise<T> {
  const previous = tokenQueues.get(tokenKey) ?? Promise.resolve()
  const mine = previous.then(run)
  const tail = mine.then(
    () => undefined,
    () => undefined,
  )
  tokenQueues.set(tokenKey, tail)
  void tail.then(() => {
    if (tokenQueues.get(tokenKey) === tail) tokenQueues.delete(tokenKey)
  })
  return mine
}

async function attempt(
  context: RequestContext,
  instance: ClerkInstance,
  expiredToken: string,
  refreshToken: string,
): Promise<RefreshOutcome> {
  const decoded = decodeJwt(expiredToken)
  if (!decoded.ok) return { ok: false, reason: RefreshError.ExpiredSessionTokenDecodeFailed }
  const { sid } = decoded.jwt.payload
  if (typeof sid !== 'string' || sid === '')
    return { ok: false, reason: RefreshError.ExpiredSessionTokenMissingSidClaim }

  let cookies: unknown
  try {
    const answer = await instance.blockingClient.sessions.refreshSession(sid, {
      format: 'cookie',
      suffixed_cookies: context.usesSuffixedCookies,
      expired_token: expiredToken,
      refresh_token: refreshToken,
      request_origin: context.clerkUrl.origin,
      request_headers: forwardedHeaders(context),
    })
    cookies = answer.cookies
  } catch (error) {
    return { ok: false, reason: reasonOf(error) }
  }
  const directives = Array.isArray(cookies) ? cookies.filter((value): value is string => typeof value === 'string') : []
  if (directives.length === 0) return { ok: false, reason: RefreshError.UnexpectedSDKError }

  let token = ''
  for (const directive of directives) {
    const { name, value } = parseSetCookie(directive)
    if (name.startsWith(CookieName.Session)) token = value ?? ''
  }
  const verified = await verifyJwt(token, SESSION_TOKEN, instance.verifyOptions, instance.identity)
  // The new token must be for the session that was refreshed (upstream only verifies it).
  if (!verified.ok || verified.payload.sid !== sid) return { ok: false, reason: RefreshError.InvalidSessionToken }
  return { ok: true, token, payload: verified.payload, cookies: directives }
}

/** The request's headers as `{ name: [value] }`, as upstream sends them, without cookies and credentials. */
function forwardedHeaders(context: RequestContext): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  context.forEachHeader((value, name) => {
    if (!PRIVATE_HEADERS.has(name)) result[name] = [value]
  })
  return result
}

/** A Backend API error code, or upstream's names for the rest. */
function reasonOf(error: unknown): string {
  if (!(error instanceof ClerkAPIResponseError)) return RefreshError.UnexpectedBAPIError
  const code = error.errors[0]?.code
  if (code === 'network_error' || code === 'timeout') return RefreshError.FetchError
  if (code === undefined || code === 'unexpected_response') return RefreshError.UnexpectedBAPIError
  // A code is sent back in a header and a URL: only a plain identifier is taken as it is.
  return /^[a-z0-9_]{1,64}$/.test(code) ? code : RefreshError.UnexpectedBAPIError
}
