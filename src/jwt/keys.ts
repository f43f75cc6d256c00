// Finds the public key that verifies a session token: the `jwtKey` PEM (no network), or else the
// instance's JWKS from the Backend API, cached so that the hot path never waits on the network and
// forged `kid`s cannot turn into a flood of Backend API calls.
// jose by subpath rather than its index: loading only these modules halves the cost of a cold import.
import type { CryptoKey, JWK } from 'jose'
import { createLocalJWKSet } from 'jose/jwks/local'
import { importSPKI } from 'jose/key/import'
import { DEFAULT_API_URL, DEFAULT_API_VERSION } from '../backend/constants.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import { printable } from '../shared/quote.js'
import { scrubSecretKey } from '../shared/redact.js'
import {
  TokenVerificationErrorAction as Action,
  TokenVerificationErrorReason as Reason,
  failure,
  type VerificationFailure,
} from './reasons.js'

export const SESSION_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const
export type SessionTokenAlgorithm = (typeof SESSION_TOKEN_ALGORITHMS)[number]

/** A JWK as the Backend API sends it; only RSA keys for RS256/384/512 are used. */
interface JwkLike {
  kid?: unknown
  kty?: unknown
  alg?: unknown
  use?: unknown
  n?: unknown
  e?: unknown
  [member: string]: unknown
}

/**
 * Loads the instance's JWKS; it will be `createClerkClient(...).jwks.getJwks()`. Its errors are the client's
 * `ClerkAPIResponseError`, read by shape (`status`, `errors[].code`) so this module does not depend on it.
 * @internal Exported for the tests' JWKS servers.
 */
export type JwksFetcher = () => Promise<{ keys?: readonly JwkLike[] } | null | undefined>

export interface KeyOptions {
  /** PEM public key (`CLERK_JWT_KEY`): verification without any network call. */
  jwtKey?: string | undefined
  secretKey?: string | undefined
  apiUrl?: string | undefined
  apiVersion?: string | undefined
  fetchJwks?: JwksFetcher | undefined
  /** Fetch the JWKS even if the cached copy is fresh (still shared with concurrent callers). */
  skipJwksCache?: boolean | undefined
}

export type KeyResult = { readonly ok: true; readonly key: CryptoKey } | VerificationFailure

/** How long a fetched key set is trusted before it is fetched again (as upstream). */
export const JWKS_TTL_MS = 300_000
/** While the key set is fresh, unknown `kid`s refetch at most this often per instance. @internal Exported for tests (as are the two below), whose clocks step over these windows. */
export const JWKS_UNKNOWN_KID_REFETCH_MS = 5_000
/** Without a fresh key set, a failed fetch is retried at most this often per instance. @internal */
export const JWKS_RETRY_AFTER_FAILURE_MS = 1_000
/** An expired key set still verifies known `kid`s for this long when refreshing it fails (an outage). @internal */
export const JWKS_MAX_STALE_MS = 3_600_000

const MAX_PEM_KEYS = 16
const MAX_INSTANCES = 64
const MAX_KEYS_PER_SET = 64

export async function resolveVerificationKey(
  header: { kid?: unknown; alg: SessionTokenAlgorithm },
  options: KeyOptions,
): Promise<KeyResult> {
  if (options.jwtKey) return pemKey(options.jwtKey, header.alg).promise
  const { secretKey, fetchJwks } = options
  if (!secretKey || !fetchJwks) {
    return failure(
      Reason.JWKFailedToResolve,
      'Failed to resolve JWK during verification.',
      Action.SetClerkSecretKeyOrJWTKey,
    )
  }
  return instanceJwks(options, secretKey).resolve(header.kid, header.alg, fetchJwks, options.skipJwksCache === true)
}

/**
 * `resolveVerificationKey`'s answer when it is already known, without waiting: an imported `jwtKey`, or a key of a
 * fresh key set that verified a token before. Undefined when the key must be resolved (imported, fetched).
 * Awaiting a key that is already there costs a turn of the microtask queue on every new token.
 */
export function knownVerificationKey(
  header: { kid?: unknown; alg: SessionTokenAlgorithm },
  options: KeyOptions,
): KeyResult | undefined {
  if (options.jwtKey) return pemKeys.get(options.jwtKey)?.get(header.alg)?.settled
  if (!options.secretKey || !options.fetchJwks || options.skipJwksCache === true) return undefined
  return instanceJwks(options, options.secretKey).known(header.kid, header.alg)
}

// ---------------------------------------------------------------------------------------------------
// jwtKey: a PEM, imported once per (PEM, algorithm).

// By PEM, then algorithm: the PEM string is the same object on every request of an instance, so its
// hash is computed once, where a combined key string would be rebuilt and rehashed on every call.
const pemKeys = new BoundedCache<string, Map<SessionTokenAlgorithm, ResolvingKey>>(MAX_PEM_KEYS)
forgetOnReset(() => pemKeys.clear())

/** A key being resolved, and once it is, the result itself (read without waiting by `knownVerificationKey`). */
interface ResolvingKey {
  readonly promise: Promise<KeyResult>
  settled: KeyResult | undefined
}

function pemKey(jwtKey: string, alg: SessionTokenAlgorithm): ResolvingKey {
  let byAlg = pemKeys.get(jwtKey)
  if (!byAlg) {
    byAlg = new Map()
    pemKeys.set(jwtKey, byAlg)
  }
  let key = byAlg.get(alg)
  if (!key) {
    const resolving: ResolvingKey = { promise: importPem(jwtKey, alg), settled: undefined }
    void resolving.promise.then((result) => {
      resolving.settled = result
    })
    byAlg.set(alg, resolving)
    key = resolving
  }
  return key
}

const PEM_ARMOUR = /-----(?:BEGIN|END) PUBLIC KEY-----/g

async function importPem(jwtKey: string, alg: SessionTokenAlgorithm): Promise<KeyResult> {
  // Env files often carry the PEM on one line with literal `\n`s, or without its armour at all.
  const body = jwtKey.replace(/\\n/g, '\n').replace(PEM_ARMOUR, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body))
    return invalidJwtKey('expected "-----BEGIN PUBLIC KEY-----" and base64 text')
  const pem = `-----BEGIN PUBLIC KEY-----\n${body.replace(/.{64}(?=.)/g, '$&\n')}\n-----END PUBLIC KEY-----`
  try {
    return { ok: true, key: await importSPKI(pem, alg) }
  } catch (error) {
    return invalidJwtKey(errorText(error))
  }
}

function invalidJwtKey(detail: string): VerificationFailure {
  return failure(
    Reason.TokenVerificationFailed,
    `Error verifying JWT signature. The jwtKey (CLERK_JWT_KEY) is not an RSA public key in PEM (SPKI) format: ${detail}.`,
    'Copy the PEM public key from the API keys page of the Clerk Dashboard into CLERK_JWT_KEY.',
  )
}

// ---------------------------------------------------------------------------------------------------
// JWKS: one cache per (apiUrl, apiVersion, secretKey), so two instances never share keys.

const instances = new BoundedCache<string, InstanceJwks>(MAX_INSTANCES)
// An instance's options object is the same on every request: found by identity, its scope string (with a secret
// key in it) is neither rebuilt nor rehashed per token.
let instancesByOptions = new WeakMap<KeyOptions, InstanceJwks>()
forgetOnReset(() => {
  instances.clear()
  instancesByOptions = new WeakMap()
})

/**
 * Names the key set of (apiUrl, apiVersion, secretKey), defaults applied: the JWKS cache is kept per scope, and the
 * verified-token cache names an instance by it, so the two always agree on what "the same instance" is.
 */
export function jwksScope(options: KeyOptions): string {
  return `${options.apiUrl || DEFAULT_API_URL}|${options.apiVersion || DEFAULT_API_VERSION}|${options.secretKey ?? ''}`
}

function instanceJwks(options: KeyOptions, secretKey: string): InstanceJwks {
  const known = instancesByOptions.get(options)
  // Checked again: a caller may have changed its options object since (the public verifyToken takes any object).
  if (known !== undefined && known.belongsTo(options, secretKey)) return known
  const scope = jwksScope(options)
  let jwks = instances.get(scope)
  if (!jwks) {
    jwks = new InstanceJwks(options.apiUrl || DEFAULT_API_URL, options.apiVersion || DEFAULT_API_VERSION, secretKey)
    instances.set(scope, jwks)
  }
  instancesByOptions.set(options, jwks)
  return jwks
}

interface KeySet {
  readonly kids: ReadonlySet<string>
  readonly select: ReturnType<typeof createLocalJWKSet>
  readonly fetchedAt: number
  /** Keys this set already produced, by `${alg} ${kid}`: a token with a known kid then needs no await. */
  readonly selected: Map<string, KeyResult>
}

class InstanceJwks {
  private keySet: KeySet | undefined
  private lastAttemptAt = Number.NEGATIVE_INFINITY
  private lastUnknownKidFetchAt = Number.NEGATIVE_INFINITY
  private lastFailure: VerificationFailure | undefined
  private inflight: Promise<void> | undefined

  constructor(
    private readonly apiUrl: string,
    private readonly apiVersion: string,
    private readonly secretKey: string,
  ) {}

  belongsTo(options: KeyOptions, secretKey: string): boolean {
    return (
      secretKey === this.secretKey &&
      (options.apiUrl || DEFAULT_API_URL) === this.apiUrl &&
      (options.apiVersion || DEFAULT_API_VERSION) === this.apiVersion
    )
  }

  /** The key for a known kid of a fresh key set, when it was selected before; never fetches. */
  known(kid: unknown, alg: SessionTokenAlgorithm): KeyResult | undefined {
    const cached = this.keySet
    if (typeof kid !== 'string' || cached === undefined || !this.isFresh(Date.now())) return undefined
    return cached.selected.get(`${alg} ${kid}`)
  }

  async resolve(kid: unknown, alg: SessionTokenAlgorithm, fetchJwks: JwksFetcher, force: boolean): Promise<KeyResult> {
    // A token without a kid can never match a JWKS key: refuse it without a fetch.
    if (typeof kid !== 'string') return kidMismatch(kid)
    const cached = this.keySet
    if (!force && cached?.kids.has(kid) && this.isFresh(Date.now())) return select(cached, kid, alg)

    await this.refresh(fetchJwks, force)
    const set = this.keySet
    if (set?.kids.has(kid) && Date.now() - set.fetchedAt < JWKS_TTL_MS + JWKS_MAX_STALE_MS) {
      return select(set, kid, alg)
    }
    return this.lastFailure ?? kidMismatch(kid)
  }

  private isFresh(now: number): boolean {
    return this.keySet !== undefined && now - this.keySet.fetchedAt < JWKS_TTL_MS
  }

  /**
   * Single-flight. With a fresh key set, the only reason to fetch is an unknown kid: that may be a key
   * rotation (so the first such token fetches at once) or a forgery (so further ones wait out the window).
   */
  private refresh(fetchJwks: JwksFetcher, force: boolean): Promise<void> | undefined {
    if (this.inflight) return this.inflight
    const now = Date.now()
    if (!force) {
      if (this.isFresh(now)) {
        if (now - this.lastUnknownKidFetchAt < JWKS_UNKNOWN_KID_REFETCH_MS) return undefined
        this.lastUnknownKidFetchAt = now
      } else if (this.lastFailure && now - this.lastAttemptAt < JWKS_RETRY_AFTER_FAILURE_MS) {
        return undefined
      }
    }
    this.lastAttemptAt = now
    this.inflight = this.load(fetchJwks).finally(() => {
      this.inflight = undefined
    })
    return this.inflight
  }

  private async load(fetchJwks: JwksFetcher): Promise<void> {
    let body: Awaited<ReturnType<JwksFetcher>>
    try {
      body = await fetchJwks()
    } catch (error) {
      this.lastFailure = jwksLoadFailure(error, jwksUrl(this.apiUrl, this.apiVersion), this.secretKey)
      return
    }
    const keys = usableKeys(body?.keys)
    if (keys.length === 0) {
      this.lastFailure = failure(
        Reason.RemoteJWKFailedToLoad,
        'The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.',
        Action.ContactSupport,
      )
      return
    }
    this.keySet = {
      kids: new Set(keys.map((key) => key.kid)),
      select: createLocalJWKSet({ keys }),
      fetchedAt: Date.now(),
      selected: new Map(),
    }
    this.lastFailure = undefined
  }
}

async function select(set: KeySet, kid: string, alg: SessionTokenAlgorithm): Promise<KeyResult> {
  try {
    // jose picks the key by kid and alg and imports each (key, alg) once.
    const result: KeyResult = { ok: true, key: await set.select({ kid, alg }) }
    // Only a usable key is kept (at most one per kid and algorithm of a bounded set); a failure is found again.
    set.selected.set(`${alg} ${kid}`, result)
    return result
  } catch (error) {
    return failure(
      Reason.TokenVerificationFailed,
      `Error verifying JWT signature. The JWKS key kid='${printable(kid)}' cannot verify ${alg}: ${errorText(error)}.`,
      Action.EnsureClerkJWT,
    )
  }
}

/** RSA signing keys only, first of each kid, and a bounded number of them. */
function usableKeys(keys: unknown): Array<JWK & { kid: string }> {
  if (!Array.isArray(keys)) return []
  const seen = new Set<string>()
  const usable: Array<JWK & { kid: string }> = []
  for (const key of keys as unknown[]) {
    if (typeof key !== 'object' || key === null) continue
    const { kid, kty, alg, use, n, e } = key as JwkLike
    if (typeof kid !== 'string' || seen.has(kid) || kty !== 'RSA') continue
    if (typeof n !== 'string' || typeof e !== 'string') continue
    if (alg !== undefined && !SESSION_TOKEN_ALGORITHMS.includes(alg as SessionTokenAlgorithm)) continue
    if (use !== undefined && use !== 'sig') continue
    seen.add(kid)
    usable.push(alg === undefined ? { kty, kid, n, e } : { kty, kid, n, e, alg: alg as string })
    if (usable.length === MAX_KEYS_PER_SET) break
  }
  return usable
}

function kidMismatch(kid: unknown): VerificationFailure {
  return failure(
    Reason.JWKKidMismatch,
    `Unable to find a signing key in JWKS that matches the kid='${printable(String(kid))}' of the provided session token. Please make sure that the __session cookie or the HTTP authorization header contain a Clerk-generated session JWT.`,
    Action.CheckJWKS,
  )
}

function jwksLoadFailure(error: unknown, url: string, secretKey: string): VerificationFailure {
  const { status, errors, message } = (error ?? {}) as { status?: unknown; errors?: unknown; message?: unknown }
  const entries = Array.isArray(errors) ? (errors as Array<{ code?: unknown; message?: unknown } | null>) : []
  const invalidKey = entries.find((entry) => entry?.code === 'clerk_key_invalid')
  if (invalidKey) {
    const text =
      typeof invalidKey.message === 'string' && invalidKey.message
        ? invalidKey.message
        : 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.'
    return failure(Reason.InvalidSecretKey, scrubSecretKey(text, secretKey), Action.ContactSupport)
  }
  // Upstream's wording for an error status. A 2xx lands here only with a body that is not a key set (broken
  // JSON, an HTML page from a proxy): "code=200" would hide that, so the client's description is shown.
  if (typeof status === 'number' && (status < 200 || status > 299)) {
    return failure(
      Reason.RemoteJWKFailedToLoad,
      `Error loading Clerk JWKS from ${url} with code=${status}`,
      Action.ContactSupport,
    )
  }
  const detail = entries[0]?.message ?? message ?? error
  return failure(
    Reason.RemoteJWKFailedToLoad,
    `Error loading Clerk JWKS from ${url}: ${scrubSecretKey(String(detail), secretKey)}`,
    Action.ContactSupport,
  )
}

function jwksUrl(apiUrl: string, apiVersion: string): string {
  return [apiUrl.replace(/\/+$/, ''), apiVersion.replace(/^\/+|\/+$/g, ''), 'jwks'].join('/')
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
