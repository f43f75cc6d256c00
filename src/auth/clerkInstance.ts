// What request authentication needs to know about one Clerk instance: its keys, cookie suffix, Frontend
// API, Backend API client and verification options. Derived once per set of options and then shared by
// every request made with the same options, so the hot path only compares a few strings.
import { createClerkClient, type ClerkClient } from '../backend/client.js'
import { ClerkClientError, type ClerkClientErrorCode } from '../backend/errors.js'
import { resolveConfig } from '../backend/options.js'
import type { AuthObjectDebugData, TokenMinter } from './authObject.js'
import { apiUrlFromPublishableKey, getCookieSuffix, parsePublishableKey, type InstanceType } from './publishableKey.js'
import { OrganizationMatcher, type OrganizationSyncOptions } from './organizationSync.js'
import { checkSatelliteOptions, isHttpUrl } from './satelliteOptions.js'
import { withoutScheme } from './requestContext.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import { isRemixClerkError, RemixClerkError, type RemixClerkErrorCode } from '../shared/remixClerkError.js'
import { instanceIdentity } from '../jwt/verifyJwt.js'
import type { VerifyTokenOptions } from '../jwt/publicVerifyToken.js'
import type { VerificationOptions } from '../jwt/verify.js'

/** `verifyToken`'s options (keys, API, claim checks) and what a request needs besides. */
export interface AuthenticateOptions extends Omit<VerifyTokenOptions, 'secretKey' | 'skipJwksCache'> {
  /** `CLERK_SECRET_KEY`: required, for the JWKS, handshake nonces and `getToken({ template })`. */
  secretKey: string
  /** `CLERK_PUBLISHABLE_KEY`: required; names the instance, its Frontend API and cookie suffix. */
  publishableKey: string
  /** The Frontend API behind your own domain: absolute, or a path on the app's origin such as `/__clerk`. */
  proxyUrl?: string | undefined
  /** A satellite's domain: its Frontend API is then `clerk.<domain>` (production, without `proxyUrl`). */
  domain?: string | undefined
  /** This app is a satellite of another domain, whose sign-in it shares. */
  isSatellite?: boolean | undefined
  /** The primary application's sign-in page; where a development satellite syncs with the primary. */
  signInUrl?: string | undefined
  /** A satellite syncs with the primary on a first visit without cookies (default false, as @clerk/backend 3). */
  satelliteAutoSync?: boolean | undefined
  /** Paths that name the organization (or the personal account) to activate. */
  organizationSyncOptions?: OrganizationSyncOptions | undefined
  /**
   * Origins a development primary may send the browser back to with its dev browser token
   * (`__clerk_redirect_url`, the satellite sync); `authorizedParties` count too.
   */
  allowedRedirectOrigins?: string[] | undefined
  /**
   * `X-Forwarded-Host` names the app's public host (default false: the `Host` header does). Only for an app behind
   * a proxy that sets it and drops the one a client sent.
   */
  trustForwardedHost?: boolean | undefined
  /**
   * `CLERK_MACHINE_SECRET_KEY`: this app's machine secret key, with which opaque M2M tokens are verified (as meant for
   * this machine); without it, the secret key verifies them. Read only where machine tokens are accepted.
   */
  machineSecretKey?: string | undefined
}

export interface ClerkInstance {
  readonly options: Readonly<AuthenticateOptions>
  readonly instanceType: InstanceType
  /** The Frontend API of the publishable key (never the proxy): the `iss` of the instance's tokens. */
  readonly frontendApi: string
  /** Where handshakes go when there is no `proxyUrl`: `clerk.<domain>` for a production satellite, else `frontendApi`. */
  readonly handshakeFrontendApi: string
  readonly isSatellite: boolean
  /**
   * A satellite's own Frontend APIs (`clerk.<domain>` in production, an absolute `proxyUrl`), without scheme: the
   * `iss` of the tokens it issues, which are the instance's too. Empty for a primary.
   */
  readonly satelliteIssuers: readonly string[]
  /** Compiled `organizationSyncOptions`; undefined without them, so nothing is matched. */
  readonly organizationMatcher: OrganizationMatcher | undefined
  readonly cookieSuffix: string
  readonly apiUrl: string
  /** `instanceIdentity()` of the verification keys: the verified-token cache's notion of "same instance". */
  readonly identity: string
  readonly verifyOptions: VerificationOptions
  /** For calls the app asks for (`getToken`, `load*`): the client's default deadline. */
  readonly client: ClerkClient
  /** For calls that hold up the page (the key set, a handshake nonce): `PAGE_BLOCKING_TIMEOUT_MS`. */
  readonly blockingClient: ClerkClient
  readonly mintToken: TokenMinter
  /** What `auth.debug()` shows about the configuration; its secrets are cut to a prefix by `debug()`. */
  readonly debugData: Readonly<AuthObjectDebugData>
}

/**
 * The deadline of the Backend API calls a page waits for before it can be served (retries included).
 * @internal Exported for tests, which wait it out.
 */
export const PAGE_BLOCKING_TIMEOUT_MS = 3_000

// A handful of configurations per process at most (usually one): a short list compared field by field
// costs less than building a key out of a PEM and a secret key on every request. Each instance is filed under its
// own frozen options, and found by walking the list.
const instances = new BoundedCache<Readonly<AuthenticateOptions>, ClerkInstance>(16)
forgetOnReset(() => instances.clear())

/**
 * The instance for these options, created on first use. Throws an `Error` that names the variable to fix
 * when a key is missing or malformed, or when a feature we do not support yet is asked for.
 */
export async function clerkInstanceFor(options: AuthenticateOptions): Promise<ClerkInstance> {
  return findInstance(options) ?? createInstance(options)
}

/** The already created instance for these options, without waiting (the hot path). */
export function findInstance(options: AuthenticateOptions): ClerkInstance | undefined {
  for (const instance of instances.values()) {
    if (sameOptions(instance.options, options)) return instance
  }
  return undefined
}

async function createInstance(given: AuthenticateOptions): Promise<ClerkInstance> {
  const options = checkOptions(given)
  const { instanceType, frontendApi } = parsePublishableKey(options.publishableKey)
  const isSatellite = Boolean(options.isSatellite)
  const handshakeFrontendApi = parsePublishableKey(options.publishableKey, {
    domain: options.domain,
    isSatellite,
  }).frontendApi
  const satelliteIssuers = isSatellite ? satelliteFrontendApis(handshakeFrontendApi, options.proxyUrl) : []
  const { organizationSyncOptions } = options
  const organizationMatcher = organizationSyncOptions ? new OrganizationMatcher(organizationSyncOptions) : undefined
  const apiUrl = options.apiUrl || apiUrlFromPublishableKey(options.publishableKey)
  const cookieSuffix = await getCookieSuffix(options.publishableKey)
  const { machineSecretKey } = options
  const client = createClerkClient({
    secretKey: options.secretKey,
    apiUrl,
    apiVersion: options.apiVersion,
    machineSecretKey,
  })
  // The key set, a handshake nonce and a machine token's verification hold up the page being served: a Backend API
  // that hangs must not hold it for the client's default 10 s. Calls the app makes itself (getToken, load*) keep the
  // default.
  const blockingClient = createClerkClient({
    secretKey: options.secretKey,
    apiUrl,
    apiVersion: options.apiVersion,
    timeoutMs: PAGE_BLOCKING_TIMEOUT_MS,
    machineSecretKey,
  })
  const keyOptions = {
    jwtKey: options.jwtKey || undefined,
    secretKey: options.secretKey,
    apiUrl,
    apiVersion: options.apiVersion,
  }
  const identity = instanceIdentity(keyOptions)
  const instance: ClerkInstance = {
    options,
    instanceType,
    frontendApi,
    handshakeFrontendApi,
    isSatellite,
    satelliteIssuers,
    organizationMatcher,
    cookieSuffix,
    apiUrl,
    identity,
    verifyOptions: {
      ...keyOptions,
      fetchJwks: () => blockingClient.jwks.getJwks(),
      audience: options.audience,
      authorizedParties: options.authorizedParties,
      clockSkewInMs: options.clockSkewInMs,
    },
    client,
    blockingClient,
    mintToken: (sessionId, template, expiresInSeconds) =>
      client.sessions.getToken(sessionId, template, expiresInSeconds).then((token) => token.jwt),
    debugData: Object.freeze({
      secretKey: options.secretKey,
      machineSecretKey: machineSecretKey ?? '',
      jwtKey: options.jwtKey ?? '',
      publishableKey: options.publishableKey,
      instanceType,
      frontendApi,
      apiUrl,
      proxyUrl: options.proxyUrl ?? '',
      domain: options.domain ?? '',
      isSatellite,
      audience: options.audience,
      authorizedParties: options.authorizedParties,
    }),
  }
  // Another request may have created the same instance while the suffix was computed: keep the first.
  const existing = findInstance(options)
  if (existing) return existing
  instances.set(options, instance)
  return instance
}

/** `clerk.<domain>` (or the primary's, for a satellite without a domain) and an absolute proxyUrl, without scheme. */
function satelliteFrontendApis(frontendApi: string, proxyUrl: string | undefined): readonly string[] {
  const issuers = [withoutScheme(frontendApi)]
  if (proxyUrl && !proxyUrl.startsWith('/')) issuers.push(withoutScheme(proxyUrl).replace(/\/+$/, ''))
  return Object.freeze(issuers)
}

/** The client's option checks, reported with getAuth's codes. */
const CLIENT_ERROR_CODES: Record<ClerkClientErrorCode, RemixClerkErrorCode> = {
  secret_key_missing: 'REMIX_CLERK_MISSING_SECRET_KEY',
  secret_key_invalid: 'REMIX_CLERK_INVALID_SECRET_KEY',
  api_url_invalid: 'REMIX_CLERK_INVALID_API_URL',
  option_invalid: 'REMIX_CLERK_INVALID_OPTION',
  argument_invalid: 'REMIX_CLERK_INVALID_OPTION',
}

function checkOptions(options: AuthenticateOptions): AuthenticateOptions {
  checkSatelliteOptions(options)
  if (options.proxyUrl && !options.proxyUrl.startsWith('/') && !isHttpUrl(options.proxyUrl)) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_PROXY_URL',
      `remix-clerk: proxyUrl (CLERK_PROXY_URL) must be an absolute http(s) URL such as https://example.com/__clerk, or a ` +
        `path on your app such as /__clerk; got ${JSON.stringify(options.proxyUrl.slice(0, 60))}.`,
    )
  }
  try {
    // Validates the secret key and API URL now, with the client's messages, rather than at the first
    // JWKS or getToken call (which a jwtKey setup may never make).
    resolveConfig({
      secretKey: options.secretKey,
      apiUrl: options.apiUrl || undefined,
      apiVersion: options.apiVersion,
      machineSecretKey: options.machineSecretKey,
    })
  } catch (error) {
    if (error instanceof ClerkClientError) throw new RemixClerkError(CLIENT_ERROR_CODES[error.code], error.message)
    throw error
  }
  try {
    parsePublishableKey(options.publishableKey)
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error)
    throw new RemixClerkError(
      isRemixClerkError(error) ? error.code : 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY',
      `${problem} Set CLERK_PUBLISHABLE_KEY (or the publishableKey option) to the publishable key ` +
        '(pk_test_… or pk_live_…) from the API keys page of the Clerk Dashboard.',
    )
  }
  // Frozen copies: the instance is shared, and a caller's later change to its options object must not
  // change it behind the comparison.
  return Object.freeze({
    ...options,
    audience: Array.isArray(options.audience) ? (Object.freeze([...options.audience]) as string[]) : options.audience,
    authorizedParties: options.authorizedParties
      ? (Object.freeze([...options.authorizedParties]) as string[])
      : undefined,
    allowedRedirectOrigins: options.allowedRedirectOrigins
      ? (Object.freeze([...options.allowedRedirectOrigins]) as string[])
      : undefined,
    organizationSyncOptions: options.organizationSyncOptions
      ? frozenSyncOptions(options.organizationSyncOptions)
      : undefined,
  })
}

/** Whether two sets of options authenticate alike (strings compared by value, lists item by item). */
export function sameOptions(a: AuthenticateOptions, b: AuthenticateOptions): boolean {
  return (
    a.secretKey === b.secretKey &&
    a.publishableKey === b.publishableKey &&
    (a.jwtKey || undefined) === (b.jwtKey || undefined) &&
    (a.machineSecretKey || undefined) === (b.machineSecretKey || undefined) &&
    (a.apiUrl || undefined) === (b.apiUrl || undefined) &&
    (a.apiVersion || undefined) === (b.apiVersion || undefined) &&
    (a.proxyUrl || undefined) === (b.proxyUrl || undefined) &&
    (a.domain || undefined) === (b.domain || undefined) &&
    Boolean(a.isSatellite) === Boolean(b.isSatellite) &&
    (a.signInUrl || undefined) === (b.signInUrl || undefined) &&
    Boolean(a.satelliteAutoSync) === Boolean(b.satelliteAutoSync) &&
    Boolean(a.trustForwardedHost) === Boolean(b.trustForwardedHost) &&
    a.clockSkewInMs === b.clockSkewInMs &&
    sameList(a.audience, b.audience) &&
    sameList(a.authorizedParties, b.authorizedParties) &&
    sameList(a.allowedRedirectOrigins, b.allowedRedirectOrigins) &&
    sameSyncOptions(a.organizationSyncOptions, b.organizationSyncOptions)
  )
}

function sameSyncOptions(a: OrganizationSyncOptions | undefined, b: OrganizationSyncOptions | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    sameList(a.organizationPatterns ?? [], b.organizationPatterns ?? []) &&
    sameList(a.personalAccountPatterns ?? [], b.personalAccountPatterns ?? [])
  )
}

function frozenSyncOptions(options: OrganizationSyncOptions): OrganizationSyncOptions {
  const copy = (list: string[] | undefined) => (Array.isArray(list) ? (Object.freeze([...list]) as string[]) : list)
  return Object.freeze({
    organizationPatterns: copy(options.organizationPatterns),
    personalAccountPatterns: copy(options.personalAccountPatterns),
  })
}

function sameList(a: string | readonly string[] | undefined, b: string | readonly string[] | undefined): boolean {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b)) return false
  return a.length === b.length && a.every((value, index) => value === b[index])
}
