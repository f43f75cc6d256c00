// A session token is immutable, lives about a minute, and a browser sends the same one with every
// request in that time, while Remix hands each loader of one page its own Request. So the outcome of
// the only expensive step, the signature check, is remembered per (instance, exact token): the
// cryptography runs once per token, and concurrent checks of the same token share one run.
// Everything that depends on the clock or on options (exp, nbf, iat, azp, aud) is checked on every use.
import { decodeJwt, type DecodedJwt, type JwtHeader } from './decodeJwt'
import { JWKS_TTL_MS, jwksScope, type KeyOptions, type SessionTokenAlgorithm } from './keys'
import { TokenVerificationErrorReason as Reason, failure, type VerificationFailure } from './reasons'
import { BoundedCache } from '../shared/boundedCache'
import { detached } from '../shared/detached'
import { forgetOnReset } from '../shared/processState'
import {
  checkSessionClaims,
  checkSessionHeader,
  checkSignature,
  checkSignatureNow,
  type SignatureResult,
  type VerifyResult,
  type VerificationOptions,
} from './verify'

/**
 * Tokens remembered at most, across instances; the least recently used is forgotten first. A token lives about a
 * minute, so this covers a thousand sessions active in the same minute per process, and a miss costs only the
 * signature check done without the cache. Each entry holds about 2.6 KB; at 10 000 entries, the churn of every new
 * token through 26 MB of long-lived heap cost the first-seen path 4–5 % (benchmark 1: 1.25–1.27× bare jose against
 * 1.20× at 1 000). fast-jwt's verified-token cache defaults to the same size.
 */
const MAX_VERIFIED_TOKENS = 1_000
/**
 * A remembered signature counts for this long at most: as long as the JWKS cache trusts a key set, so a
 * key withdrawn from the JWKS stops vouching for its tokens no later than it would without this cache.
 * @internal Exported for tests.
 */
export const VERIFIED_TOKEN_MAX_AGE_MS = JWKS_TTL_MS

/** A verified token, kept small: its header segment is shared, the rest of its text is its own (see `remember`). */
interface VerifiedEntry {
  readonly header: JwtHeader
  readonly payload: Record<string, unknown>
  /** The token's header segment, one string shared by every token of an instance. */
  readonly headerSegment: string
  /** The token after its header segment (`.payload.signature`). */
  readonly rest: string
  /** `instanceIdentity()` of the keys that verified the signature. */
  readonly instance: string
  /** Tenths of a second since this module loaded (a small integer, stored inline rather than as a boxed number). */
  readonly verifiedAt: number
}

// One Map for every instance, keyed by the token alone: the entry names its instance, and a lookup by
// another instance misses (and re-verifies) instead of trusting it. A Map iterates in insertion order,
// so re-inserting on use keeps its first key the least recently used.
//
// The key is a number made of the token's last five characters, a piece of its signature, and every use compares
// the whole token with the entry's: a token read from a new request's cookie is a new string, and hashing all of its
// ~800 characters for the lookup cost more than the rest of a cache hit. A token that shares the ending but differs
// anywhere else (a forgery reusing a signature) misses and is verified.
const keyOf = (token: string): number => {
  let key = 0
  for (let i = Math.max(0, token.length - 5); i < token.length; i++) key = key * 64 + (token.charCodeAt(i) & 63)
  return key
}
const verified = new Map<number, VerifiedEntry>()
const inFlight = new Map<
  number,
  { readonly token: string; readonly instance: string; readonly promise: Promise<SignatureResult> }
>()
/** The entry last inserted or moved to the end of `verified`. */
let mostRecent: VerifiedEntry | undefined
// Eviction walks one iterator kept across calls. A Map keeps deleted entries as holes in its table until it
// rebuilds it, and a fresh iterator had to step over every hole to reach the oldest entry: about 6 µs per new
// token once the cache was full. A live iterator steps over each hole once and also visits entries added after
// it was made, so its next entry is always the least recently used one.
// This is why the cache is its own LRU rather than shared/boundedCache: every request of benchmark 1 goes through it,
// and the lookup by a token's tail, the skipped move of the most recent entry and the kept iterator are what make a
// hit cost less than the rest of getAuth.
let oldest = verified.keys()
let signatureChecks = 0
let maxEntries = MAX_VERIFIED_TOKENS
forgetOnReset(() => {
  verified.clear()
  mostRecent = undefined
  oldest = verified.keys()
  signatureChecks = 0
  maxEntries = MAX_VERIFIED_TOKENS
})

/**
 * Names the keys a token is verified with: the `jwtKey` PEM when there is one (it alone decides), else
 * the JWKS of (apiUrl, apiVersion, secretKey), as the key cache scopes it.
 */
export function instanceIdentity(options: KeyOptions): string {
  return options.jwtKey ? `pem:${options.jwtKey}` : `jwks:${jwksScope(options)}`
}

/**
 * Verifies a session token like `verifySessionToken`, and never throws, but checks each token's
 * signature once per instance. `instance` must be `instanceIdentity(options)`; callers that verify
 * often compute it once.
 */
export async function verifySessionTokenCached(
  token: string | DecodedJwt,
  options: VerificationOptions,
  instance: string,
): Promise<VerifyResult> {
  const text = typeof token === 'string' ? token : token.token
  const remembered = verifiedFromCache(text, options, instance)
  if (remembered !== undefined) return remembered

  let jwt: DecodedJwt
  if (typeof token === 'string') {
    const decoded = decodeJwt(token)
    if (!decoded.ok) return decoded
    jwt = decoded.jwt
  } else {
    jwt = token
  }
  const header = checkSessionHeader(jwt)
  if (!header.ok) return header
  return verifyNewSessionTokenNow(jwt, header.alg, options, instance) ?? verifyNewSessionToken(jwt, header.alg, options, instance)
}

/**
 * The rest of `verifySessionTokenCached` for a token the caller already decoded, whose header passed
 * `checkSessionHeader` and that `verifiedFromCache` did not know: the signature check (joined with a
 * check of the same token already running), then the claims. Never rejects.
 */
export function verifyNewSessionToken(
  jwt: DecodedJwt,
  alg: SessionTokenAlgorithm,
  options: VerificationOptions,
  instance: string,
): Promise<VerifyResult> {
  return sharedSignatureCheck(jwt, keyOf(jwt.token), alg, options, instance).then((signature) =>
    signature.ok ? withClaims(jwt, options, Date.now()) : signature,
  )
}

/**
 * The answer for a token `verifiedFromCache` did not know, without waiting, when its signature can be checked
 * synchronously (a known key and `node:crypto`, see syncSignature.ts); the verified signature is remembered as by
 * `verifyNewSessionToken`. Undefined when the check must go the asynchronous way. Nothing can be in flight for the
 * token meanwhile that this should join: a check in flight is asynchronous by definition, and a synchronous one
 * settles before any other request runs.
 */
export function verifyNewSessionTokenNow(
  jwt: DecodedJwt,
  alg: SessionTokenAlgorithm,
  options: VerificationOptions,
  instance: string,
): VerifyResult | undefined {
  const signature = checkSignatureNow(jwt, alg, options)
  if (signature === undefined) return undefined
  signatureChecks += 1
  if (!signature.ok) return signature
  remember(jwt, keyOf(jwt.token), instance)
  return withClaims(jwt, options, Date.now())
}

/**
 * `verifySessionTokenCached`'s answer when the signature is remembered, without waiting: a request that brings
 * a token seen before then takes no asynchronous step at all. Undefined when the signature must be checked.
 */
export function verifiedFromCache(token: string, options: VerificationOptions, instance: string): VerifyResult | undefined {
  if (options.skipJwksCache) return undefined
  const key = keyOf(token)
  const now = Date.now()
  const entry = verified.get(key)
  if (entry === undefined || !isValidFor(entry, token, instance, now)) return undefined
  touch(key, entry)
  return withClaims(entry, options, now)
}

/**
 * The decoded form of a token whose signature this instance already verified, so a request that brings
 * it again needs no parsing either. Undefined for tokens not (or no longer) remembered.
 */
export function knownVerifiedJwt(token: string, instance: string): DecodedJwt | undefined {
  const entry = verified.get(keyOf(token))
  if (entry === undefined || !isValidFor(entry, token, instance, Date.now())) return undefined
  return { header: entry.header, payload: entry.payload, token }
}

/** The entry vouches for exactly this token, for this instance, and is not too old. */
function isValidFor(entry: VerifiedEntry, token: string, instance: string, now: number): boolean {
  // In tenths of a second, verified rounded down and now rounded up: an entry is never thought younger than it is.
  const { headerSegment, rest } = entry
  return (
    token.length === headerSegment.length + rest.length &&
    token.slice(headerSegment.length) === rest &&
    token.slice(0, headerSegment.length) === headerSegment &&
    entry.instance === instance &&
    tenthsSinceLoad(now, 'up') - entry.verifiedAt < VERIFIED_TOKEN_MAX_AGE_TENTHS
  )
}

function withClaims(jwt: Pick<DecodedJwt, 'header' | 'payload'>, options: VerificationOptions, now: number): VerifyResult {
  const claims = checkSessionClaims(jwt.payload, options, now)
  return claims.ok ? { ok: true, payload: claims.payload, header: jwt.header } : claims
}

/** Joins a check of the same token for the same instance already running, or starts one. */
function sharedSignatureCheck(
  jwt: DecodedJwt,
  key: number,
  alg: SessionTokenAlgorithm,
  options: KeyOptions,
  instance: string,
): Promise<SignatureResult> {
  const running = inFlight.get(key)
  if (running !== undefined && running.token === jwt.token && running.instance === instance) return running.promise
  // A check for another instance (or another token with the same ending) holds the slot: run alone rather
  // than displace it.
  const holdsSlot = running === undefined
  const settle = (result: SignatureResult): SignatureResult => {
    if (holdsSlot) inFlight.delete(key)
    // Only a valid signature is remembered: a failure is recomputed every time, so nothing can make a
    // bad token pass later.
    if (result.ok) remember(jwt, key, instance)
    return result
  }
  signatureChecks += 1
  let promise: Promise<SignatureResult>
  try {
    promise = checkSignature(jwt, alg, options).then(settle, (error: unknown) => settle(unexpected(error)))
  } catch (error) {
    return Promise.resolve(settle(unexpected(error)))
  }
  // `settle` runs in a later microtask, so the slot is always taken before it is given back.
  if (holdsSlot) inFlight.set(key, { token: jwt.token, instance, promise })
  return promise
}

/** Only a bug (ours or an injected fetcher's) gets here; it still must not take the request down. */
function unexpected(error: unknown): VerificationFailure {
  return failure(Reason.TokenVerificationFailed, `Unexpected error while verifying the session token: ${String(error)}`)
}

/**
 * Moves the entry to the most recently used end. A browser sends the same token many times in a row, and
 * moving an entry that is already there would only fill the Map with holes it must then compact.
 */
function touch(key: number, entry: VerifiedEntry): void {
  if (entry === mostRecent) return
  verified.delete(key)
  verified.set(key, entry)
  mostRecent = entry
}

const LOADED_AT_MS = Date.now()
const VERIFIED_TOKEN_MAX_AGE_TENTHS = VERIFIED_TOKEN_MAX_AGE_MS / 100
/** Tenths of a second since this module loaded, rounded `down` or up: a small integer for 3 years of uptime. */
const tenthsSinceLoad = (now: number, round: 'down' | 'up'): number => (round === 'down' ? Math.floor : Math.ceil)((now - LOADED_AT_MS) / 100)

// Claims whose value every token of an instance repeats (its Frontend API, the app's origin, the session status),
// and the header segment: each entry keeps a reference to one shared string instead of a copy of its own.
const INSTANCE_WIDE_CLAIMS = ['iss', 'azp', 'sts'] as const
const sharedStrings = new BoundedCache<string, string>(64)
forgetOnReset(() => sharedStrings.clear())

function sharingInstanceStrings(payload: Record<string, unknown>): Record<string, unknown> {
  for (const claim of INSTANCE_WIDE_CLAIMS) {
    const value = payload[claim]
    if (typeof value === 'string') payload[claim] = shared(value)
  }
  return payload
}

/** The one kept copy of `text` (a detached copy, made the first time). */
function shared(text: string): string {
  let kept = sharedStrings.get(text)
  if (kept === undefined) {
    kept = detached(text)
    sharedStrings.set(kept, kept)
  }
  return kept
}

function remember(jwt: DecodedJwt, key: number, instance: string): void {
  verified.delete(key)
  // Strings of their own: the token came out of a request's Cookie header, and a string cut out of another keeps the
  // whole of it alive (an entry held about 2.7 KB that way, where its token and claims need about 1.4).
  const { token } = jwt
  const dot = token.indexOf('.')
  mostRecent = {
    header: jwt.header,
    payload: sharingInstanceStrings(jwt.payload),
    headerSegment: shared(token.slice(0, dot)),
    rest: detached(token.slice(dot)),
    instance,
    verifiedAt: tenthsSinceLoad(Date.now(), 'down'),
  }
  verified.set(key, mostRecent)
  while (verified.size > maxEntries) evictOldest()
}

function evictOldest(): void {
  let next = oldest.next()
  if (next.done === true) {
    oldest = verified.keys()
    next = oldest.next()
  }
  if (next.done !== true) verified.delete(next.value)
}

/** @internal Test hook: how many signature checks ran (cache misses) in this process. */
export function signatureCheckCount(): number {
  return signatureChecks
}

/** @internal Test hook: how many tokens are remembered. */
export function verifiedTokenCount(): number {
  return verified.size
}

/** @internal Test hook: a smaller bound, to watch eviction without minting a thousand tokens. Returns the previous bound. */
export function setMaxVerifiedTokens(max: number): number {
  const previous = maxEntries
  maxEntries = max
  return previous
}
