// From a Request to an auth state: which token to trust, and when the cookies alone cannot tell, whether
// to send the browser through a handshake or to call it signed out. The order of the checks is
// upstream's decision table (a token in `Authorization` wins; then handshake answers, development
// browser checks, the cookies, the token itself).
import type { ClerkInstance } from './clerkInstance'
import { decodeJwt } from '../jwt/decodeJwt'
import { handshakeRedirectHeaders, isEligibleForHandshake, MAX_HANDSHAKE_REDIRECTS, resolveHandshake } from './handshake'
import { TokenVerificationErrorReason as Reason, failure, formatFullMessage, type TokenCarrier, type VerificationFailure } from '../jwt/reasons'
import { comesFromAnotherSite } from './referrer'
import { createRequestContext, QueryParameter, type RequestContext } from './requestContext'
import {
  AuthErrorReason,
  handshake,
  signedIn,
  signedOut,
  stateFacts,
  type RequestState,
  type StateFacts,
} from './requestState'
import { verifiedFromCache, verifyNewSessionToken, verifyNewSessionTokenNow, verifySessionTokenCached } from '../jwt/verifiedTokenCache'
import { checkSessionHeader } from '../jwt/verify'

/** Reads only the URL and headers of `request`, never its body. Never throws for a bad token. */
export async function authenticateRequest(request: Request, instance: ClerkInstance): Promise<RequestState> {
  const context = createRequestContext(request, {
    cookieSuffix: instance.cookieSuffix,
    instanceType: instance.instanceType,
    frontendApi: instance.frontendApi,
    knownJwt: instance.knownJwt,
  })
  const run = new Authentication(context, instance)
  return context.tokenInHeader !== undefined ? run.withTokenInHeader(context.tokenInHeader) : run.withCookies()
}

class Authentication {
  private readonly facts: StateFacts

  constructor(
    private readonly context: RequestContext,
    private readonly instance: ClerkInstance,
  ) {
    this.facts = stateFacts(instance, absoluteProxyUrl(instance.options.proxyUrl, context))
  }

  async withTokenInHeader(token: string): Promise<RequestState> {
    const { verifyOptions, identity } = this.instance
    const result = verifiedFromCache(token, verifyOptions, identity) ?? (await verifySessionTokenCached(token, verifyOptions, identity))
    return result.ok ? signedIn(this.instance, this.facts, result.payload, token) : this.refused(result, 'header')
  }

  async withCookies(): Promise<RequestState> {
    const { context, instance } = this
    if (context.handshakeNonce !== undefined || context.handshakeToken !== undefined) {
      const resolved = await resolveHandshake(context, instance, this.facts)
      if (resolved) return resolved
    }

    const development = instance.instanceType === 'development'
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
    if (jwt === undefined) return this.refused(decodeFailure(token), 'cookie')
    // A template or machine token is refused before its age is looked at.
    const header = checkSessionHeader(jwt)
    if (!header.ok) return this.refused(header, 'cookie')
    const { iat } = jwt.payload
    // The browser signed in or out after this token was minted: only the Frontend API knows the truth.
    if (typeof iat === 'number' && iat < clientUat) {
      return this.handshakeOrSignedOut(AuthErrorReason.SessionTokenIATBeforeClientUAT)
    }

    const { verifyOptions, identity } = instance
    const result =
      verifiedFromCache(jwt.token, verifyOptions, identity) ??
      verifyNewSessionTokenNow(jwt, header.alg, verifyOptions, identity) ??
      (await verifyNewSessionToken(jwt, header.alg, verifyOptions, identity))
    if (!result.ok) return this.refused(result, 'cookie')
    if (context.handshakeRedirectLoopCounter === 0 && comesFromAnotherSite(context, instance.frontendApi, instance.instanceType)) {
      return this.handshakeOrSignedOut(
        AuthErrorReason.PrimaryDomainCrossOriginSync,
        'Cross-origin request from satellite domain requires handshake',
      )
    }
    return signedIn(instance, this.facts, result.payload, token)
  }

  /**
   * A token that failed verification. A token that is only too old or too young for this clock gets a
   * handshake for a fresh one (navigations only); anything else is signed out with the reason.
   */
  private refused(failure: VerificationFailure, carrier: TokenCarrier): RequestState {
    const message = formatFullMessage(failure, carrier)
    switch (failure.reason) {
      case Reason.TokenExpired:
        // Refreshing through `__refresh` cookies is not supported: the handshake is the only way to a new token.
        return this.handshakeOrSignedOut(
          `${AuthErrorReason.SessionTokenExpired}-refresh-${this.context.method === 'GET' ? 'non-eligible-no-refresh-cookie' : 'non-eligible-non-get'}`,
          message,
        )
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
  private handshakeOrSignedOut(reason: string, message = ''): RequestState {
    const { context } = this
    if (!isEligibleForHandshake(context)) return this.signedOut(reason, message)
    if (context.handshakeRedirectLoopCounter >= MAX_HANDSHAKE_REDIRECTS) {
      console.warn(
        `remix-clerk: ${MAX_HANDSHAKE_REDIRECTS} handshakes in a row did not produce a valid session (last reason: ${reason}); ` +
          'treating the request as signed out. This usually means that the publishable and secret keys belong to ' +
          'different Clerk instances, or that the server clock is wrong.',
      )
      return this.signedOut(reason, message)
    }
    const headers = handshakeRedirectHeaders(context, this.instance, this.facts, reason)
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

function decodeFailure(token: string): VerificationFailure {
  const decoded = decodeJwt(token)
  return decoded.ok ? failure(Reason.TokenInvalid, 'Invalid JWT form.') : decoded
}
