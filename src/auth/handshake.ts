// The handshake: when the cookies cannot tell who is signed in (an expired session token, a missing
// `__client_uat`, …), a browser navigation is redirected to the Frontend API, which sends it back with
// fresh cookies behind a one-time nonce (or in a signed token). This module builds that redirect and
// turns the answer into cookies and a state.
import { parseSetCookie, stringifySetCookie } from 'cookie'
import { CLERK_API_VERSION } from '../backend/constants.js'
import { SingleFlight } from '../shared/singleFlight.js'
import type { ClerkInstance } from './clerkInstance.js'
import { decodeJwt } from '../jwt/decodeJwt.js'
import { HANDSHAKE_BINDING, newBinding, usedBindingRemoval } from './handshakeBinding.js'
import { redirectLocation } from './location.js'
import { formatFullMessage, TokenVerificationErrorReason as Reason } from '../jwt/reasons.js'
import { organizationIdParameter } from './organizationSync.js'
import { CookieName, QueryParameter, type RequestContext } from './requestContext.js'
import { AuthErrorReason, signedIn, signedOut, type RequestState, type StateFacts } from './requestState.js'
import { verifyJwt } from '../jwt/verifyJwt.js'
import { SESSION_TOKEN, checkSignature, checkTimeClaims, clockSkew } from '../jwt/verify.js'

/** Redirects in a row after which the browser is left signed out rather than sent around again. */
export const MAX_HANDSHAKE_REDIRECTS = 3

/** Query parameters that only matter to the handshake and are removed from the URL the user sees. */
const HANDSHAKE_PARAMETERS = [
  QueryParameter.Handshake,
  QueryParameter.HandshakeNonce,
  '__clerk_help',
  QueryParameter.DevBrowser,
  HANDSHAKE_BINDING,
]

/**
 * Only a browser navigation can follow a redirect to the Frontend API and come back, and only with GET:
 * the Frontend API answers nothing else, and a form POST must not lose its body to a detour.
 */
export function isEligibleForHandshake(context: RequestContext): boolean {
  if (context.method !== 'GET') return false
  const dest = context.header('sec-fetch-dest')
  if (dest === 'document' || dest === 'iframe') return true
  return dest === undefined && context.header('accept')?.startsWith('text/html') === true
}

/**
 * `Location`, `Cache-Control` and the loop counter for a redirect to the Frontend API's handshake, bound to this
 * browser (handshakeBinding.ts), or to `target` when given (the satellite sync of a development instance goes through
 * the primary's pages instead, and no nonce comes back from there).
 */
export function handshakeRedirectHeaders(
  context: RequestContext,
  instance: ClerkInstance,
  facts: StateFacts,
  reason: string,
  target?: URL,
): Headers {
  const binding = target ? undefined : newBinding(context)
  const headers = new Headers({
    location: redirectLocation(target ?? handshakeUrl(context, instance, facts, reason, binding!.value), 'absolute'),
    // A cached 307 would replay a stale handshake forever (Chrome caches redirects of inactive tabs).
    'cache-control': 'no-store',
  })
  headers.append(
    'set-cookie',
    stringifySetCookie(CookieName.RedirectCount, String(context.handshakeRedirectLoopCounter + 1), {
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 2,
    }),
  )
  if (binding) headers.append('set-cookie', binding.setCookie)
  return headers
}

function handshakeUrl(
  context: RequestContext,
  instance: ClerkInstance,
  facts: StateFacts,
  reason: string,
  binding: string,
): URL {
  const base = facts.proxyUrl || instance.handshakeFrontendApi
  const origin = (base.startsWith('http') ? base : `https://${base}`).replace(/\/+$/, '')
  const url = new URL(`${origin}/v1/client/handshake`)
  const redirectUrl = new URL(context.clerkUrl)
  // An earlier handshake's answer (one not bound to this browser, say) must not come back with this one's.
  for (const name of HANDSHAKE_PARAMETERS) redirectUrl.searchParams.delete(name)
  redirectUrl.searchParams.delete('__dev_session')
  redirectUrl.searchParams.append(HANDSHAKE_BINDING, binding)
  url.searchParams.append('redirect_url', redirectUrl.href)
  url.searchParams.append('__clerk_api_version', CLERK_API_VERSION)
  url.searchParams.append('suffixed_cookies', String(context.usesSuffixedCookies))
  url.searchParams.append('__clerk_hs_reason', reason)
  url.searchParams.append('format', 'nonce')
  const devBrowser = context.devBrowserToken
  if (instance.instanceType === 'development' && devBrowser)
    url.searchParams.append(QueryParameter.DevBrowser, devBrowser)
  // Every handshake of a page that names an organization activates it on the way (as upstream does).
  const target = instance.organizationMatcher?.findTarget(context.clerkUrl.pathname)
  if (target) url.searchParams.append('organization_id', organizationIdParameter(target))
  return url
}

/**
 * Whether the handshake answer this request carries (a nonce, else a token) came in its URL rather than in a cookie
 * the Frontend API set on the app's domain: only one in the URL can have been sent by someone else.
 */
export function handshakeInUrl(context: RequestContext): boolean {
  const name = context.handshakeNonce !== undefined ? QueryParameter.HandshakeNonce : QueryParameter.Handshake
  return context.queryParameter(name) !== undefined
}

type HandshakeOutcome =
  { readonly ok: true; readonly directives: readonly string[] } | { readonly ok: false; readonly problem: string }

// Remix runs every loader of a page at once, each with its own Request: they all see the same one-time
// nonce, and must share its one redemption. Only work in flight is shared, never a settled result,
// so a replayed URL cannot collect the cookies again.
const resolutions = new SingleFlight<HandshakeOutcome>()

/**
 * Applies the Frontend API's answer: every directive becomes a `Set-Cookie` on a 307 to the URL without
 * the handshake parameters, so no loader's response can drop them. Resolves to undefined when a nonce or
 * token that came in a cookie (not the URL) cannot be used: the request is then judged by its other cookies.
 */
export async function resolveHandshake(
  context: RequestContext,
  instance: ClerkInstance,
  facts: StateFacts,
): Promise<RequestState | undefined> {
  const nonce = context.handshakeNonce
  const token = nonce === undefined ? context.handshakeToken : undefined
  const outcome =
    nonce !== undefined
      ? await resolutions.run(`${instance.identity}\nnonce:${nonce}`, () => redeemNonce(instance, nonce))
      : token !== undefined
        ? await resolutions.run(`${instance.identity}\ntoken:${token}`, () => readHandshakeToken(instance, token))
        : undefined
  if (outcome === undefined) return undefined

  if (!outcome.ok) {
    const inUrl = context.queryParameter(nonce !== undefined ? QueryParameter.HandshakeNonce : QueryParameter.Handshake)
    if (inUrl === undefined) return undefined
    // Dropping the parameter ends this attempt; if the cookies still need a handshake, the next request
    // starts a fresh one, and the redirect counter bounds how often that can happen in a row.
    return signedOut(
      instance,
      facts,
      AuthErrorReason.HandshakeFailed,
      outcome.problem,
      cleanUrlRedirect(context, instance),
    )
  }

  const headers = cleanUrlRedirect(context, instance)
  let sessionToken = ''
  for (const directive of outcome.directives) {
    headers.append('set-cookie', directive)
    const { name, value } = parseSetCookie(directive)
    if (name.startsWith(CookieName.Session)) sessionToken = value ?? ''
  }
  if (!sessionToken) return signedOut(instance, facts, AuthErrorReason.SessionTokenMissing, '', headers)

  // Verified now so the state is right; the signature check is remembered, so the redirected request
  // that brings this token back skips it.
  const verified = await verifyJwt(sessionToken, SESSION_TOKEN, instance.verifyOptions, instance.identity)
  if (verified.ok) return signedIn(instance, facts, verified.payload, sessionToken, headers)
  const message = formatFullMessage(verified, 'cookie')
  if (CLOCK_REASONS.has(verified.reason)) {
    console.error(
      "remix-clerk: the session token from the handshake is not valid at this server's time; the server clock is " +
        `probably wrong (turn automatic time synchronization off and on again). ${message}`,
    )
  }
  return signedOut(instance, facts, verified.reason, message, headers)
}

const CLOCK_REASONS = new Set<string>([Reason.TokenExpired, Reason.TokenNotActiveYet, Reason.TokenIatInTheFuture])

/**
 * A 307 to the current URL without the handshake parameters, on the request's own origin. On a satellite the URL says `__clerk_synced=true`: the cookies now say all there is, and a sync asked for with
 * `__clerk_synced=false` (or a first visit, with `satelliteAutoSync`) must not start again.
 */
export function cleanUrlRedirect(context: RequestContext, instance: ClerkInstance): Headers {
  const url = new URL(context.clerkUrl)
  for (const name of HANDSHAKE_PARAMETERS) url.searchParams.delete(name)
  if (instance.isSatellite) url.searchParams.set(QueryParameter.ClerkSynced, 'true')
  const headers = new Headers({ location: redirectLocation(url, 'same-origin'), 'cache-control': 'no-store' })
  const removal = usedBindingRemoval(context)
  if (removal) headers.append('set-cookie', removal)
  return headers
}

async function redeemNonce(instance: ClerkInstance, nonce: string): Promise<HandshakeOutcome> {
  try {
    const payload = await instance.blockingClient.clients.getHandshakePayload({ nonce })
    return { ok: true, directives: payload.directives.filter((directive) => typeof directive === 'string') }
  } catch (error) {
    return failed(`The handshake nonce could not be redeemed: ${describeError(error)}`)
  }
}

/** A handshake token is signed by the instance key; its payload's `handshake` lists the directives. */
async function readHandshakeToken(instance: ClerkInstance, token: string): Promise<HandshakeOutcome> {
  const decoded = decodeJwt(token)
  if (!decoded.ok) return failed(`The handshake token is malformed: ${decoded.message}`)
  // Session category or none: a JWT template signed by the same key must not be able to set cookies.
  const header = SESSION_TOKEN.checkHeader(decoded.jwt)
  if (!header.ok) return failed(`The handshake token is not one: ${header.message}`)
  const signature = await checkSignature(decoded.jwt, header.alg, instance.verifyOptions)
  if (!signature.ok) {
    return failed(
      `The handshake token failed verification (${signature.reason}): ${signature.message} If you switched Clerk keys, ` +
        "clear this site's cookies.",
    )
  }
  // Upstream stops at the signature; a handshake URL replayed from a log or history must not set cookies later.
  const time = checkTimeClaims(decoded.jwt.payload, clockSkew(instance.verifyOptions.clockSkewInMs), Date.now())
  if (!time.ok) return failed(`The handshake token cannot be used now (${time.reason}): ${time.message}`)
  const directives = decoded.jwt.payload.handshake
  if (!Array.isArray(directives)) return failed('The handshake token has no "handshake" list of cookies.')
  return { ok: true, directives: directives.filter((directive): directive is string => typeof directive === 'string') }
}

/** Said once per failed handshake (parallel loaders share it), without tokens or keys. */
function failed(problem: string): HandshakeOutcome {
  console.error(`remix-clerk: ${problem} Redirecting to the same page without the handshake parameters.`)
  return { ok: false, problem }
}

function describeError(error: unknown): string {
  const { status, errors, message } = (error ?? {}) as { status?: unknown; errors?: unknown; message?: unknown }
  const first = Array.isArray(errors) ? (errors[0] as { code?: unknown; message?: unknown } | undefined) : undefined
  const parts = [
    typeof status === 'number' ? `status ${status}` : undefined,
    typeof first?.code === 'string' ? first.code : undefined,
    typeof first?.message === 'string' ? first.message : typeof message === 'string' ? message : undefined,
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(', ') : String(error)
}
