// From a Request to an auth state: which token to trust, and when the cookies alone cannot tell, whether
// to send the browser through a handshake or to call it signed out. The order of the checks is
// upstream's decision table (a token in `Authorization` wins; then handshake answers, development
// browser checks, the cookies, the token itself).
import type { ClerkInstance } from './clerkInstance.js'
import { decodeJwt, type DecodedJwt } from '../jwt/decodeJwt.js'
import {
  cleanUrlRedirect,
  handshakeInUrl,
  handshakeRedirectHeaders,
  isEligibleForHandshake,
  MAX_HANDSHAKE_REDIRECTS,
  resolveHandshake,
} from './handshake.js'
import { isBoundToThisBrowser } from './handshakeBinding.js'
import {
  TokenVerificationErrorReason as Reason,
  failure,
  formatFullMessage,
  type TokenCarrier,
  type VerificationFailure,
} from '../jwt/reasons.js'
import { SESSION_TOKEN, type VerifyResult } from '../jwt/verify.js'
import { verifyJwt } from '../jwt/verifyJwt.js'
import { mustActivate } from './organizationSync.js'
import { authenticateAcceptedToken, type AcceptsToken } from './machine/acceptedToken.js'
import { opaqueMachineTokenKind } from '../jwt/machineTokens.js'
import { comesFromAnotherSite } from './referrer.js'
import { refreshSession, RefreshError } from './refresh.js'
import { checkSignInUrlOrigin } from './satelliteOptions.js'
import { allowedSatelliteUrl } from './satelliteRedirect.js'
import { createRequestContext, QueryParameter, type RequestContext } from './requestContext.js'
import {
  AuthErrorReason,
  handshake,
  signedIn,
  signedOut,
  stateFacts,
  type RequestState,
  type SignedInState,
  type StateFacts,
} from './requestState.js'

/**
 * Reads only the URL and headers of `request`, never its body. Never throws for a bad token (a configuration that
 * cannot work does throw). The state comes back at once when nothing has to wait (a token seen before, a new token
 * whose key is known), through a promise otherwise. `acceptsToken` other than the default `'session_token'` lets
 * machine tokens in (machine/acceptedToken.ts).
 */
export function authenticateRequest(
  request: Request,
  instance: ClerkInstance,
  acceptsToken: AcceptsToken = 'session_token',
): RequestState | Promise<RequestState> {
  const context = createRequestContext(request, {
    cookieSuffix: instance.cookieSuffix,
    instanceType: instance.instanceType,
    frontendApi: instance.frontendApi,
    satelliteIssuers: instance.satelliteIssuers,
    trustForwardedHost: instance.options.trustForwardedHost,
  })
  if (instance.isSatellite) checkSignInUrlOrigin(instance.options.signInUrl, context.clerkUrl.origin)
  const run = new Authentication(context, instance)
  // An opaque machine token sent where only sessions are taken is refused by its kind, not as a malformed session.
  const header = context.tokenInHeader
  if (acceptsToken !== 'session_token' || (header !== undefined && opaqueMachineTokenKind(header) !== undefined)) {
    return authenticateAcceptedToken(context, instance, acceptsToken, run)
  }
  return header !== undefined ? run.withTokenInHeader(header) : run.withCookies()
}

class Authentication {
  readonly facts: StateFacts

  constructor(
    private readonly context: RequestContext,
    private readonly instance: ClerkInstance,
  ) {
    this.facts = stateFacts(instance, absoluteProxyUrl(instance.options.proxyUrl, context))
  }

  withTokenInHeader(token: string): RequestState | Promise<RequestState> {
    return this.verified(token, 'header')
  }

  withCookies(): RequestState | Promise<RequestState> {
    const { context } = this
    if (context.handshakeNonce !== undefined || context.handshakeToken !== undefined) {
      if (handshakeInUrl(context) && !isBoundToThisBrowser(context)) return this.unboundHandshake()
      return resolveHandshake(context, this.instance, this.facts).then((resolved) => resolved ?? this.afterHandshake())
    }
    return this.afterHandshake()
  }

  /** The decision table once no handshake answer is left to redeem. */
  private afterHandshake(): RequestState | Promise<RequestState> {
    const { context, instance } = this
    if (instance.isSatellite) {
      const sync = this.satelliteSync()
      if (sync) return sync
    }
    const development = instance.instanceType === 'development'
    if (development && !instance.isSatellite) {
      const back = this.primaryRespondsToSyncing()
      if (back) return back
    }
    if (development && context.queryParameter(QueryParameter.DevBrowser) !== undefined) {
      return this.handshakeOrSignedOut(AuthErrorReason.DevBrowserSync)
    }
    if (development && context.devBrowserToken === undefined) {
      return this.handshakeOrSignedOut(AuthErrorReason.DevBrowserMissing)
    }

    const clientUat = context.clientUat
    const token = context.sessionTokenInCookie
    if (!clientUat && token === undefined) return this.signedOut(AuthErrorReason.SessionTokenAndUATMissing)
    if (!clientUat) return this.handshakeOrSignedOut(AuthErrorReason.SessionTokenWithoutClientUAT)
    if (token === undefined) return this.handshakeOrSignedOut(AuthErrorReason.ClientUATWithoutSessionToken)

    const jwt = context.decodedSessionTokenInCookie
    // Decoded again only to say why it is not a JWT (the context keeps the token, not the failure).
    if (jwt === undefined) return this.refused(decodeFailure(token), 'cookie', token)
    // The browser signed in or out after this token was minted: only the Frontend API knows the truth. Not for a
    // token that is no session token at all (a template or machine token): verification refuses that one for what it
    // is, before its age is looked at.
    const { iat } = jwt.payload
    if (typeof iat === 'number' && iat < clientUat && SESSION_TOKEN.checkHeader(jwt).ok) {
      return this.handshakeOrSignedOut(AuthErrorReason.SessionTokenIATBeforeClientUAT)
    }
    return this.verified(jwt, 'cookie')
  }

  /**
   * The one place a request's token is verified, from `Authorization` or from the cookies. A token seen before, or
   * one whose key is known on a runtime with node:crypto, is answered without waiting.
   */
  private verified(token: string | DecodedJwt, carrier: TokenCarrier): RequestState | Promise<RequestState> {
    const { verifyOptions, identity } = this.instance
    const result = verifyJwt(token, SESSION_TOKEN, verifyOptions, identity)
    const text = typeof token === 'string' ? token : token.token
    return result instanceof Promise
      ? result.then((settled) => this.outcome(settled, carrier, text))
      : this.outcome(result, carrier, text)
  }

  private outcome(result: VerifyResult, carrier: TokenCarrier, token: string): RequestState | Promise<RequestState> {
    if (!result.ok) return this.refused(result, carrier, token)
    const { context, instance } = this
    if (carrier === 'header') return signedIn(instance, this.facts, result.payload, token)
    if (
      !instance.isSatellite &&
      context.handshakeRedirectLoopCounter === 0 &&
      comesFromAnotherSite(context, instance.frontendApi, instance.instanceType)
    ) {
      return this.handshakeOrSignedOut(
        AuthErrorReason.PrimaryDomainCrossOriginSync,
        'Cross-origin request from satellite domain requires handshake',
      )
    }
    const state = signedIn(instance, this.facts, result.payload, token)
    return (instance.organizationMatcher && this.organizationSync(state)) || state
  }

  /**
   * A handshake answer in the URL that this browser was not sent for is not redeemed: it may be someone else's
   * sign-in (login CSRF). A navigation takes a handshake of its own instead, which also completes a sign-in that the
   * Frontend API's own pages sent here; past the loop limit, or for any other request, the URL is cleaned of it.
   */
  private unboundHandshake(): RequestState {
    const { context, instance } = this
    const reason = AuthErrorReason.HandshakeUnbound
    const message =
      'The handshake answer in the URL was not sent to this browser by this app (no matching __clerk_handshake_binding ' +
      "cookie), so it was not redeemed: it may be another browser's sign-in."
    const own = this.handshakeOrSignedOut(reason, message)
    return own.status === 'handshake'
      ? own
      : signedOut(instance, this.facts, reason, message, cleanUrlRedirect(context, instance))
  }

  /**
   * A satellite's page load without the primary's cookies (or asked to sync with `__clerk_synced=false`) goes to
   * the primary to get them: through the Frontend API's handshake in production, through the primary's sign-in
   * page in development. As @clerk/backend 3: a first visit without cookies syncs only with `satelliteAutoSync`, and
   * `__clerk_synced=true` (back from a sync) never syncs again.
   */
  private satelliteSync(): RequestState | undefined {
    const { context, instance } = this
    if (context.method !== 'GET' || context.header('sec-fetch-dest') !== 'document') return undefined
    const synced = context.queryParameter(QueryParameter.ClerkSynced)
    if (synced === 'true') return undefined
    const needsSync = synced === 'false'
    const hasCookies = context.sessionTokenInCookie !== undefined || context.clientUat > 0
    if (hasCookies && !needsSync) return undefined
    if (!hasCookies && !needsSync && !instance.options.satelliteAutoSync)
      return this.signedOut(AuthErrorReason.SessionTokenAndUATMissing)
    if (instance.instanceType === 'production')
      return this.handshakeOrSignedOut(AuthErrorReason.SatelliteCookieNeedsSyncing)
    // Checked when the options were read: a development satellite has an absolute signInUrl.
    const signIn = new URL(instance.options.signInUrl!)
    signIn.searchParams.append(QueryParameter.ClerkRedirectUrl, context.clerkUrl.href)
    return this.handshakeOrSignedOut(AuthErrorReason.SatelliteCookieNeedsSyncing, '', signIn)
  }

  /**
   * A development primary that a satellite sent the browser to (`__clerk_redirect_url`) sends it straight back with
   * its dev browser token and `__clerk_synced=true`; only to an allowed origin, since the token is a credential.
   */
  private primaryRespondsToSyncing(): RequestState | undefined {
    const { context, instance } = this
    const requested = context.queryParameter(QueryParameter.ClerkRedirectUrl)
    if (requested === undefined) return undefined
    const back = allowedSatelliteUrl(requested, instance.options)
    if (!back) return undefined
    const devBrowser = context.devBrowserToken
    if (devBrowser) back.searchParams.append(QueryParameter.DevBrowser, devBrowser)
    back.searchParams.set(QueryParameter.ClerkSynced, 'true')
    return this.handshakeOrSignedOut(AuthErrorReason.PrimaryRespondsToSyncing, '', back)
  }

  /**
   * A signed-in page whose URL names another organization (or the personal account) than the session's active one
   * goes through the handshake, which activates it. Never more than the handshake loop limit allows: an organization
   * the user cannot activate leaves the page signed in as it was.
   */
  private organizationSync(state: SignedInState): RequestState | undefined {
    const target = this.instance.organizationMatcher!.findTarget(this.context.clerkUrl.pathname)
    if (!target) return undefined
    const auth = state.toAuth()
    if (!auth.userId || !mustActivate(target, auth.orgId, auth.orgSlug)) return undefined
    if (this.context.handshakeRedirectLoopCounter >= MAX_HANDSHAKE_REDIRECTS) {
      console.warn(
        'remix-clerk: the organization this URL names could not be activated after several handshakes (the user may not ' +
          'be a member of it, or it does not exist); keeping the active organization as it is.',
      )
      return undefined
    }
    const result = this.handshakeOrSignedOut(AuthErrorReason.ActiveOrganizationMismatch)
    return result.status === 'handshake' ? result : undefined
  }

  /**
   * A token that failed verification. A token that is only too old or too young for this clock gets a
   * handshake for a fresh one (navigations only); anything else is signed out with the reason.
   */
  private async refused(failure: VerificationFailure, carrier: TokenCarrier, token: string): Promise<RequestState> {
    const message = formatFullMessage(failure, carrier)
    switch (failure.reason) {
      case Reason.TokenExpired: {
        // A GET with the `__refresh` cookie the Frontend API set next to the token gets a new one from the Backend
        // API, without a redirect; anything else (or a failed refresh) takes the handshake.
        let refreshError: string = RefreshError.NonEligibleNonGet
        if (this.context.method === 'GET') {
          const refreshToken = this.context.refreshTokenInCookie
          refreshError = RefreshError.NonEligibleNoCookie
          if (refreshToken !== undefined) {
            const refreshed = await refreshSession(this.context, this.instance, token, refreshToken)
            if (refreshed.ok)
              return signedIn(
                this.instance,
                this.facts,
                refreshed.payload,
                refreshed.token,
                setCookieHeaders(refreshed.cookies),
              )
            refreshError = refreshed.reason
          }
        }
        return this.handshakeOrSignedOut(`${AuthErrorReason.SessionTokenExpired}-refresh-${refreshError}`, message)
      }
      case Reason.TokenNotActiveYet:
        return this.handshakeOrSignedOut(AuthErrorReason.SessionTokenNBF, message)
      case Reason.TokenIatInTheFuture:
        return this.handshakeOrSignedOut(AuthErrorReason.SessionTokenIatInTheFuture, message)
      default:
        return this.signedOut(failure.reason, message)
    }
  }

  /**
   * A handshake for a browser navigation that has not looped yet; otherwise signed out with the same
   * reason and message (a fetch or a form POST cannot take the detour).
   */
  private handshakeOrSignedOut(reason: string, message = '', target?: URL): RequestState {
    const { context } = this
    if (!isEligibleForHandshake(context)) return this.signedOut(reason, message)
    if (context.handshakeRedirectLoopCounter >= MAX_HANDSHAKE_REDIRECTS) {
      console.warn(
        `remix-clerk: ${MAX_HANDSHAKE_REDIRECTS} handshakes in a row did not produce a valid session (last reason: ${reason}); ` +
          'treating the request as signed out. ' +
          (reason === AuthErrorReason.SatelliteCookieNeedsSyncing
            ? "Check that this satellite's domain is one of the instance's satellite domains, and that its Frontend API " +
              '(domain or proxyUrl) reaches the instance.'
            : 'This usually means that the publishable and secret keys belong to different Clerk instances, or that the ' +
              'server clock is wrong.'),
      )
      return this.signedOut(reason, message)
    }
    const headers = handshakeRedirectHeaders(context, this.instance, this.facts, reason, target)
    return handshake(this.facts, reason, message, headers)
  }

  private signedOut(reason: string, message = ''): RequestState {
    return signedOut(this.instance, this.facts, reason, message)
  }
}

/** A `proxyUrl` such as `/__clerk` is a path on the app's own (public) origin. */
function absoluteProxyUrl(proxyUrl: string | undefined, context: RequestContext): string {
  if (!proxyUrl) return ''
  return proxyUrl.startsWith('/') ? `${context.clerkUrl.origin}${proxyUrl}` : proxyUrl
}

function setCookieHeaders(cookies: readonly string[]): Headers {
  const headers = new Headers()
  for (const cookie of cookies) headers.append('set-cookie', cookie)
  return headers
}

function decodeFailure(token: string): VerificationFailure {
  const decoded = decodeJwt(token)
  return decoded.ok ? failure(Reason.TokenInvalid, 'Invalid JWT form.') : decoded
}
