// What authentication needs to know about a request, read from its URL and headers only (never the
// body). Every value is computed on first use and then kept: getAuth runs in every loader, and a
// request that carries its token in `Authorization` never pays for cookie parsing.
import { parseCookie } from 'cookie'
import { decodeJwt, type DecodedJwt } from '../jwt/decodeJwt.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import type { InstanceType } from './publishableKey.js'

export const CookieName = {
  Session: '__session',
  ClientUat: '__client_uat',
  Refresh: '__refresh',
  DevBrowser: '__clerk_db_jwt',
  Handshake: '__clerk_handshake',
  HandshakeNonce: '__clerk_handshake_nonce',
  RedirectCount: '__clerk_redirect_count',
} as const

export const QueryParameter = {
  DevBrowser: '__clerk_db_jwt',
  Handshake: '__clerk_handshake',
  HandshakeNonce: '__clerk_handshake_nonce',
  /** On a satellite: `false` asks for a sync with the primary domain, `true` says it just happened. */
  ClerkSynced: '__clerk_synced',
  /** On a development primary: the satellite page to send the browser back to, with its dev browser. */
  ClerkRedirectUrl: '__clerk_redirect_url',
} as const

export interface RequestContextOptions {
  /** From `getCookieSuffix(publishableKey)`. */
  cookieSuffix: string
  instanceType: InstanceType
  /**
   * `parsePublishableKey(pk, { domain, isSatellite }).frontendApi`, without `proxyUrl`: the issuer our
   * session tokens carry, to tell them from another instance's.
   */
  frontendApi: string
  /**
   * A satellite's own Frontend APIs without their scheme (`clerk.<domain>`, its absolute `proxyUrl`): a production
   * satellite's tokens come from there, and are the instance's as much as those the primary's Frontend API issued.
   */
  satelliteIssuers?: readonly string[] | undefined
  /** `X-Forwarded-Host` names the public host (the `trustForwardedHost` option); otherwise `Host` does. */
  trustForwardedHost?: boolean | undefined
}

/** The headers a proxy says the public scheme in, always read: they can only switch between http and https. */
const FORWARDED_PROTO_HEADERS = ['cloudfront-forwarded-proto', 'x-forwarded-proto'] as const
const FORWARDED_HOST_HEADER = 'x-forwarded-host'
const VARY_PROTO = 'X-Forwarded-Proto, CloudFront-Forwarded-Proto'
const VARY_HOST_AND_PROTO = `X-Forwarded-Host, ${VARY_PROTO}`

/**
 * The `Vary` value of a response built on the public URL: the forwarded headers that can change it. A shared cache
 * then never hands the answer to a request whose forwarded headers say otherwise.
 */
export function forwardedHeadersVary(trustForwardedHost: boolean | undefined): string {
  return trustForwardedHost ? VARY_HOST_AND_PROTO : VARY_PROTO
}

const HTTP_PROTOCOLS = new Set(['http', 'https'])
// A host (and port) and nothing else: anything that could smuggle a path or credentials is ignored.
const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/

export class RequestContext {
  readonly method: string
  private readonly headers: Headers
  private clerkUrlValue: URL | undefined
  private cookieValues: Record<string, string | undefined> | undefined
  private suffixedValue: boolean | undefined
  // At most two tokens per request (plain and suffixed session): a short list compared by identity costs
  // less than hashing a 700-character key in a Map.
  private readonly decoded: Array<{ readonly token: string; readonly jwt: DecodedJwt | undefined }> = []

  constructor(
    private readonly request: Request,
    private readonly options: RequestContextOptions,
  ) {
    this.method = request.method
    this.headers = request.headers
  }

  /** `''` counts as absent, as upstream. */
  header(name: string): string | undefined {
    return this.headers.get(name) || undefined
  }

  /** Every header, names in lower case. */
  forEachHeader(callback: (value: string, name: string) => void): void {
    this.headers.forEach(callback)
  }

  /**
   * The URL the browser asked for: behind a proxy, `request.url` may name the internal host and scheme, so the
   * first value of `x-forwarded-proto` and of `host` (or `x-forwarded-host`, when the app trusts it) win when they
   * are well-formed. Any client can send `x-forwarded-host`: only a proxy that sets it (and drops the client's) makes
   * it the public host, which the app says with `trustForwardedHost`.
   */
  get clerkUrl(): URL {
    return (this.clerkUrlValue ??= this.deriveClerkUrl())
  }

  private deriveClerkUrl(): URL {
    const url = new URL(this.request.url)
    const forwardedHost = this.options.trustForwardedHost ? firstValue(this.header(FORWARDED_HOST_HEADER)) : undefined
    const host = forwardedHost ?? firstValue(this.header('host'))
    const proto =
      firstValue(this.header(FORWARDED_PROTO_HEADERS[0])) ??
      firstValue(this.header(FORWARDED_PROTO_HEADERS[1])) ??
      url.protocol.slice(0, -1)
    if (!host || !HOST.test(host) || !HTTP_PROTOCOLS.has(proto.toLowerCase())) return url
    // Edit a copy rather than resolving the path against a new origin: a path like `//evil.com/` would
    // otherwise become the host.
    let origin: URL
    try {
      origin = new URL(`${proto.toLowerCase()}://${host}`)
    } catch {
      return url // e.g. port 99999 or a malformed IPv6 literal
    }
    if (origin.origin === url.origin) return url
    const derived = new URL(url)
    derived.protocol = origin.protocol
    derived.hostname = origin.hostname
    derived.port = origin.port
    return derived
  }

  /**
   * The token of an `Authorization` header: a single word is the token itself, `Bearer <token>` gives
   * `<token>`, any other scheme gives none.
   */
  get tokenInHeader(): string | undefined {
    return tokenFromAuthorization(this.header('authorization'))
  }

  /** A cookie by exact name; the first of duplicates wins, `''` counts as absent. */
  cookie(name: string): string | undefined {
    // cookie.parse decodes each value on its own and never throws on malformed text. Upstream once
    // %-decoded the whole header first, which split values at an encoded `;` and threw on a bad `%`.
    this.cookieValues ??= parseCookie(this.header('cookie') ?? '')
    return this.cookieValues[name] || undefined
  }

  suffixedCookie(name: string): string | undefined {
    return this.cookie(suffixedName(name, this.options.cookieSuffix))
  }

  /** The suffixed cookie when this request uses suffixed cookies, else the plain one. */
  suffixedOrPlainCookie(name: string): string | undefined {
    return this.usesSuffixedCookies ? this.suffixedCookie(name) : this.cookie(name)
  }

  /**
   * Whether the instance's cookies are the suffixed ones (`__session_<suffix>`). Both sets can coexist
   * (several apps on one domain, or an SDK upgrade); the first rule that applies decides.
   */
  get usesSuffixedCookies(): boolean {
    return (this.suffixedValue ??= this.decideSuffixedCookies())
  }

  private decideSuffixedCookies(): boolean {
    const suffixedUat = this.suffixedCookie(CookieName.ClientUat)
    const plainUat = this.cookie(CookieName.ClientUat)
    const suffixedSession = this.suffixedCookie(CookieName.Session)
    const plainSession = this.cookie(CookieName.Session)
    const plain = plainSession === undefined ? undefined : this.decode(plainSession)
    const suffixed = suffixedSession === undefined ? undefined : this.decode(suffixedSession)

    if (plainSession !== undefined) {
      const iss = plain?.payload.iss
      // A plain session from an older SDK (no iss) is ours; one issued by another instance is not.
      if (!iss) return false
      // Compared without schemes on both sides: a local Frontend API's key carries `http://` in it.
      if (typeof iss !== 'string' || !this.isInstanceIssuer(withoutScheme(iss))) return true
    }
    if (suffixedUat === undefined && suffixedSession === undefined) return false

    const plainIat = numberOr0(plain?.payload.iat)
    const suffixedIat = numberOr0(suffixed?.payload.iat)
    if (suffixedUat !== '0' && plainUat !== '0' && plainIat > suffixedIat) return false
    if (suffixedUat === '0' && plainUat !== '0') return false
    if (this.options.instanceType !== 'production' && suffixedUat !== '0' && plainUat === '0' && isExpired(suffixed)) {
      return false
    }
    if (suffixedUat === undefined && suffixedSession !== undefined) return false
    return true
  }

  private isInstanceIssuer(issuer: string): boolean {
    return (
      issuer === withoutScheme(this.options.frontendApi) || this.options.satelliteIssuers?.includes(issuer) === true
    )
  }

  get sessionTokenInCookie(): string | undefined {
    return this.suffixedOrPlainCookie(CookieName.Session)
  }

  /** The cookie session token decoded (unverified), or undefined when absent or malformed. */
  get decodedSessionTokenInCookie(): DecodedJwt | undefined {
    const token = this.sessionTokenInCookie
    return token === undefined ? undefined : this.decode(token)
  }

  /** Only the suffixed `__refresh_<suffix>` cookie is read, as upstream. */
  get refreshTokenInCookie(): string | undefined {
    return this.suffixedCookie(CookieName.Refresh)
  }

  /** `__client_uat` in seconds; 0 when absent or not a number (signed out). */
  get clientUat(): number {
    return Number.parseInt(this.suffixedOrPlainCookie(CookieName.ClientUat) ?? '', 10) || 0
  }

  get devBrowserToken(): string | undefined {
    return this.queryParameter(QueryParameter.DevBrowser) ?? this.suffixedOrPlainCookie(CookieName.DevBrowser)
  }

  get handshakeToken(): string | undefined {
    return this.queryParameter(QueryParameter.Handshake) ?? this.cookie(CookieName.Handshake)
  }

  get handshakeNonce(): string | undefined {
    return this.queryParameter(QueryParameter.HandshakeNonce) ?? this.cookie(CookieName.HandshakeNonce)
  }

  /** How many handshake redirects this browser already made in a row (the cookie lives 2 s). */
  get handshakeRedirectLoopCounter(): number {
    return Number(this.cookie(CookieName.RedirectCount)) || 0
  }

  queryParameter(name: string): string | undefined {
    // Every request asks for the handshake parameters, which are almost never there: a substring test spares
    // parsing the URL (3 µs). A `%` could hide an encoded name (`%5F%5Fclerk_handshake`), and Remix puts one in
    // every data request (`?_data=routes%2Fdashboard`): then a pattern that matches every spelling of the name
    // as a key decides.
    const { url } = this.request
    if (!(url.includes('%') ? keyPattern(name).test(url) : url.includes(name))) return undefined
    return this.clerkUrl.searchParams.get(name) || undefined
  }

  private decode(token: string): DecodedJwt | undefined {
    for (const entry of this.decoded) if (entry.token === token) return entry.jwt
    const result = decodeJwt(token)
    const jwt = result.ok ? result.jwt : undefined
    this.decoded.push({ token, jwt })
    return jwt
  }
}

export function createRequestContext(request: Request, options: RequestContextOptions): RequestContext {
  return new RequestContext(request, options)
}

/**
 * `Bearer x` → x (scheme in any case, extra spaces allowed), one word → itself, other schemes → none.
 * @internal Exported for tests: every header form is checked on this alone.
 */
export function tokenFromAuthorization(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  if (!trimmed) return undefined
  const space = trimmed.search(/[ \t]/)
  if (space === -1) return trimmed
  if (trimmed.slice(0, space).toLowerCase() !== 'bearer') return undefined
  return trimmed.slice(space + 1).trim()
}

// Every request compares its token's `iss` with the instance's Frontend API: the same few strings each time,
// so their answers are kept (bounded: an `iss` is whatever a token says).
const schemeless = new BoundedCache<string, string>(64)
forgetOnReset(() => schemeless.clear())

export function withoutScheme(url: string): string {
  let result = schemeless.get(url)
  if (result === undefined) {
    result = url.replace(/https?:\/\//gi, '')
    schemeless.set(url, result)
  }
  return result
}

// `__session_<suffix>` and its kind, built once per (name, suffix): a name built anew for every lookup would also
// be hashed anew by every lookup. Few suffixes exist per process (one per instance), and each inner Map holds only
// the few cookie names this module asks for.
const suffixedNames = new BoundedCache<string, Map<string, string>>(16)
forgetOnReset(() => suffixedNames.clear())

function suffixedName(name: string, suffix: string): string {
  let names = suffixedNames.get(suffix)
  if (!names) {
    names = new Map()
    suffixedNames.set(suffix, names)
  }
  let full = names.get(name)
  if (full === undefined) {
    full = `${name}_${suffix}`
    names.set(name, full)
  }
  return full
}

// A query key that decodes to the name: each of its characters as itself or %-encoded (hex digits in either case),
// right after the `?` or a `&`. Letters match in either case too: a false match only costs a parse of the URL. Only
// the package's own parameter names are asked for, so the map stays as small as that list.
const keyPatterns = new Map<string, RegExp>()

function keyPattern(name: string): RegExp {
  let pattern = keyPatterns.get(name)
  if (pattern === undefined) {
    // A name outside ASCII has longer encodings; it is then always looked up.
    const ascii = /^[\x21-\x7e]+$/.test(name)
    const spelling = [...name].map((char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(2, '0')
      return `(?:${char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}|%${hex})`
    })
    pattern = ascii ? new RegExp(`[?&]${spelling.join('')}(?:[=&#]|$)`, 'i') : /(?:)/
    keyPatterns.set(name, pattern)
  }
  return pattern
}

function firstValue(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim() || undefined
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function isExpired(jwt: DecodedJwt | undefined): boolean {
  const exp = jwt?.payload.exp
  return typeof exp === 'number' && exp <= Math.floor(Date.now() / 1000)
}
