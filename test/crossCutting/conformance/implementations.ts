// One request through four implementations, each outcome reduced to the same comparable shape:
//  - `remix4`: the official `getAuth` of @clerk/remix 4 (with the @clerk/backend 2 it bundles);
//  - `ours`: our `getAuth`, compared with `remix4`;
//  - `backend3`: the newest official engine, `createClerkClient(...).authenticateRequest` of @clerk/backend 3;
//  - `oursEngine`: our `authenticateRequest`, compared with `backend3` (request states show every header).
import { createClerkClient as createBackend3Client } from '@clerk/backend'
import { getAuth as remix4GetAuth } from '@clerk/remix/ssr.server'
import { getAuth } from '../../../src/ssr.server.js'
import type { AnyAuthObject } from '../../../src/auth/machine/machineAuthObjects.js'
import { authenticateRequest } from '../../../src/auth/authenticate.js'
import { clerkInstanceFor } from '../../../src/auth/clerkInstance.js'
import type { CheckAuthorizationParams } from '../../../src/auth/has.js'
import { resetProcessState } from '../../../src/shared/processState.js'
import { useSyncSignatures } from '../../../src/jwt/syncSignature.js'

/** What the app is configured with, in the option names every implementation shares. */
export interface Configuration {
  secretKey: string
  publishableKey: string
  /** The Backend API (JWKS); @clerk/remix 4 ignores an `apiUrl` option, so it gets `CLERK_API_URL`. */
  apiUrl: string
  jwtKey?: string
  authorizedParties?: string[]
  audience?: string | string[]
  isSatellite?: boolean
  domain?: string
  proxyUrl?: string
  signInUrl?: string
  satelliteAutoSync?: boolean
  allowedRedirectOrigins?: string[]
  organizationSyncOptions?: { organizationPatterns?: string[]; personalAccountPatterns?: string[] }
}

export type Implementation = 'remix4' | 'ours' | 'backend3' | 'oursEngine'

export interface Outcome {
  status: 'signed-in' | 'signed-out' | 'handshake' | 'redirect' | 'threw'
  reason: string | null
  message: string | null
  /** The auth object's data fields; `null` when there is none (a handshake). */
  auth: Record<string, unknown> | null
  /** `auth.getToken()` without options: the request's own token, no network. */
  token: string | null
  /** `auth.has()` over `HAS_CHECKS`. */
  has: boolean[] | null
  /** A redirect's Location, split so that parameters compare one by one. */
  location: { target: string; params: Record<string, string> } | null
  /** Every other header of the state or thrown Response; Set-Cookie values joined by newlines. */
  headers: Record<string, string>
  /** What a non-Response throw said. */
  error?: string
}

/** The auth object fields a loader reads. */
const AUTH_FIELDS = [
  'tokenType',
  'isAuthenticated',
  'userId',
  'sessionId',
  'sessionStatus',
  'actor',
  'orgId',
  'orgRole',
  'orgSlug',
  'orgPermissions',
  'factorVerificationAge',
  'sessionClaims',
] as const

const HAS_CHECKS: CheckAuthorizationParams[] = [
  { role: 'org:admin' },
  { role: 'member' },
  { permission: 'org:invoices:read' },
  { permission: 'org:invoices:refund' },
  { reverification: 'strict' },
  { reverification: 'lax' },
  { role: 'org:admin', reverification: 'lax' },
  { feature: 'dashboard' },
  { plan: 'pro' },
]

/**
 * Ours (getAuth and the engine) once more, with every signature checked by jose on WebCrypto instead of `node:crypto`,
 * as on a runtime without it; the caches are emptied first so that the signature is checked again, not remembered.
 */
export async function runOursOnWebCrypto(
  request: () => Request,
  config: Configuration,
): Promise<Pick<Record<Implementation, Outcome>, 'ours' | 'oursEngine'>> {
  const previous = useSyncSignatures(false)
  try {
    const [first, second] = [request(), request()] as const
    const sent = tokensIn(first)
    resetProcessState()
    const ours = withoutFreshTokenDetails(await viaOurGetAuth(first, config), sent)
    resetProcessState()
    return { ours, oursEngine: withoutFreshTokenDetails(await viaOurEngine(second, config), sent) }
  } finally {
    useSyncSignatures(previous)
  }
}

export async function runAll(request: () => Request, config: Configuration): Promise<Record<Implementation, Outcome>> {
  // One request per implementation, as many as `request` is asked for (some callers hand out single-use nonces).
  const [remix4, ours, backend3, oursEngine] = [request(), request(), request(), request()] as const
  const sent = tokensIn(remix4)
  const fresh = (outcome: Outcome) => withoutFreshTokenDetails(outcome, sent)
  return {
    remix4: fresh(await viaRemix4(remix4, config)),
    ours: fresh(await viaOurGetAuth(ours, config)),
    backend3: fresh(await viaBackend3(backend3, config)),
    oursEngine: fresh(await viaOurEngine(oursEngine, config)),
  }
}

/** Every JWT-looking value the request carries (cookies, Authorization). */
function tokensIn(request: Request): Set<string> {
  // Cookie values may come percent-encoded (`%2E` for the dots); SDKs decode them.
  const text = `${request.headers.get('cookie') ?? ''} ${request.headers.get('authorization') ?? ''}`.replace(
    /%2E/gi,
    '.',
  )
  return new Set(text.match(JWT) ?? [])
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g

/**
 * A refreshed session token is minted anew by each implementation's own Backend API call: its `jti` and times differ
 * from run to run, so they are replaced by a placeholder (the session, user and origin still compare).
 */
function withoutFreshTokenDetails(outcome: Outcome, sent: Set<string>): Outcome {
  if (outcome.token === null || sent.has(outcome.token)) return outcome
  const claims = outcome.auth?.sessionClaims as Record<string, unknown> | undefined
  const headers = { ...outcome.headers }
  if (headers['set-cookie']) headers['set-cookie'] = headers['set-cookie'].replace(JWT, '(fresh jwt)')
  return {
    ...outcome,
    token: `(refreshed: sid ${String(claims?.sid)})`,
    auth: outcome.auth && {
      ...outcome.auth,
      sessionClaims: claims && { ...claims, jti: '(fresh)', iat: '(fresh)', nbf: '(fresh)', exp: '(fresh)' },
    },
    headers,
  }
}

/** Everything but `apiUrl` (which @clerk/remix 4 reads only from CLERK_API_URL); it ignores what it does not know. */
function getAuthOptions(config: Configuration) {
  const { apiUrl: _apiUrl, ...options } = config
  return options
}

async function viaRemix4(request: Request, config: Configuration): Promise<Outcome> {
  const previous = process.env.CLERK_API_URL
  process.env.CLERK_API_URL = config.apiUrl
  try {
    const auth = await remix4GetAuth(
      { request, context: {}, params: {} },
      getAuthOptions(config) as { secretKey: string },
    )
    return await fromAuthObject(auth as unknown as AnyAuthObject)
  } catch (thrown) {
    return fromThrown(thrown)
  } finally {
    if (previous === undefined) delete process.env.CLERK_API_URL
    else process.env.CLERK_API_URL = previous
  }
}

async function viaOurGetAuth(request: Request, config: Configuration): Promise<Outcome> {
  try {
    return await fromAuthObject(
      await getAuth({ request, context: {}, params: {} }, { ...getAuthOptions(config), apiUrl: config.apiUrl }),
    )
  } catch (thrown) {
    return fromThrown(thrown)
  }
}

async function viaBackend3(request: Request, config: Configuration): Promise<Outcome> {
  const { secretKey, publishableKey, jwtKey, apiUrl, authorizedParties, audience, isSatellite, domain, proxyUrl } =
    config
  const { signInUrl, satelliteAutoSync, organizationSyncOptions } = config
  try {
    const client = createBackend3Client({
      secretKey,
      publishableKey,
      jwtKey,
      apiUrl,
      isSatellite,
      domain,
      proxyUrl,
      telemetry: { disabled: true },
    })
    const state = await client.authenticateRequest(request, {
      authorizedParties,
      audience,
      signInUrl,
      satelliteAutoSync,
      organizationSyncOptions,
    })
    return await fromState(state as unknown as RequestStateLike)
  } catch (thrown) {
    return fromThrown(thrown)
  }
}

async function viaOurEngine(request: Request, config: Configuration): Promise<Outcome> {
  try {
    return await fromState(await authenticateRequest(request, await clerkInstanceFor(getAuthOptionsWithApi(config))))
  } catch (thrown) {
    return fromThrown(thrown)
  }
}

function getAuthOptionsWithApi(config: Configuration) {
  return { ...getAuthOptions(config), apiUrl: config.apiUrl }
}

/** What both engines' request states have in common. */
interface RequestStateLike {
  status: 'signed-in' | 'signed-out' | 'handshake'
  reason: string | null
  message: string | null
  headers: Headers | undefined
  toAuth(): AnyAuthObject | null
}

async function fromState(state: RequestStateLike): Promise<Outcome> {
  const auth = state.toAuth()
  return {
    ...(auth ? await fromAuthObject(auth) : { auth: null, token: null, has: null }),
    status: state.status,
    reason: state.reason ?? null,
    message: normaliseMessage(state.message ?? null),
    ...fromHeaders(state.headers),
  }
}

async function fromAuthObject(auth: AnyAuthObject): Promise<Outcome> {
  const debug = auth.debug() as { reason?: string; message?: string }
  const fields: Record<string, unknown> = {}
  // `undefined` and `null` are different answers to a loader (`orgId === null`), so both stay visible.
  const record = auth as unknown as Record<string, unknown>
  for (const field of AUTH_FIELDS)
    fields[field] = field in auth && record[field] !== undefined ? record[field] : '(undefined)'
  return {
    status: auth.isAuthenticated ? 'signed-in' : 'signed-out',
    reason: auth.isAuthenticated ? null : (debug.reason ?? null),
    message: auth.isAuthenticated ? null : normaliseMessage(debug.message ?? null),
    auth: fields,
    token: await auth.getToken(),
    has: HAS_CHECKS.map((check) => (auth.has as (params: CheckAuthorizationParams) => boolean)(check)),
    location: null,
    headers: {},
  }
}

function fromThrown(thrown: unknown): Outcome {
  if (!(thrown instanceof Response)) {
    return {
      status: 'threw',
      reason: null,
      message: null,
      auth: null,
      token: null,
      has: null,
      location: null,
      headers: {},
      error: String(thrown),
    }
  }
  const headers = fromHeaders(thrown.headers)
  const status = headers.location?.target.endsWith('/v1/client/handshake') ? 'handshake' : 'redirect'
  return {
    status: thrown.status === 307 ? status : 'threw',
    reason: thrown.headers.get('x-clerk-auth-reason'),
    // A state without a message sends no header: its message is ''.
    message: normaliseMessage(thrown.headers.get('x-clerk-auth-message') ?? ''),
    auth: null,
    token: null,
    has: null,
    ...headers,
    ...(thrown.status === 307 ? {} : { error: `a ${thrown.status} Response` }),
  }
}

function fromHeaders(headers: Headers | undefined): Pick<Outcome, 'location' | 'headers'> {
  const result: Record<string, string> = {}
  let location: Outcome['location'] = null
  headers?.forEach((value, name) => {
    if (name === 'set-cookie') return
    if (name === 'location') {
      const url = new URL(value, 'http://relative.invalid')
      const params = Object.fromEntries(url.searchParams)
      if (params.redirect_url) params.redirect_url = withoutBindingValue(params.redirect_url)
      location = { target: `${url.origin}${url.pathname}`, params }
    } else {
      result[name] = name === 'x-clerk-auth-message' ? normaliseMessage(value)! : value
    }
  })
  const cookies = headers?.getSetCookie() ?? []
  if (cookies.length > 0) result['set-cookie'] = cookies.map(normaliseSetCookie).join('\n')
  return { location, headers: result }
}

/**
 * The random value that binds our handshakes to the browser (src/auth/handshakeBinding.ts) as `(binding)`: ours and our
 * engine each draw their own.
 */
function withoutBindingValue(text: string): string {
  return text.replace(/(__clerk_handshake_binding(?:=|%3D))[\w-]{22}/g, '$1(binding)')
}

/** The order and case of cookie attributes mean nothing to a browser: `a=1; Max-Age=2; HttpOnly` → `a=1; httponly; max-age=2`. */
function normaliseSetCookie(cookie: string): string {
  const [pair, ...attributes] = withoutBindingValue(cookie)
    .split(';')
    .map((part) => part.trim())
  const normalised = attributes.map((attribute) => {
    const [name, ...value] = attribute.split('=')
    return [name!.toLowerCase(), ...value].join('=')
  })
  return [pair, ...normalised.sort()].join('; ')
}

/** Messages quote the clock, which moves between two implementations' runs. */
function normaliseMessage(message: string | null): string | null {
  return (
    message?.replace(
      /Current date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g,
      'Current date: (now)',
    ) ?? null
  )
}
