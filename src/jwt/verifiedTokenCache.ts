// The tokens whose signature was verified, kept per exact token: a session token is immutable, lives about a minute,
// and a browser sends the same one with every request in that time, while Remix hands each loader of one page its
// own Request. This module only keeps them (bounded, least recently used first out, small entries); verifyJwt.ts
// decides what an entry proves (for which instance, which kind of token, how long), and decodeJwt.ts reads a kept
// token's decoded form instead of parsing it again.
import type { DecodedJwt, JwtHeader } from './decodeJwt.js'
import { JWKS_TTL_MS } from './keys.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { detached } from '../shared/detached.js'
import { forgetOnReset } from '../shared/processState.js'

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
export interface VerifiedEntry {
  readonly header: JwtHeader
  readonly payload: Record<string, unknown>
  /** The token's header segment, one string shared by every token of an instance. */
  readonly headerSegment: string
  /** The token after its header segment (`.payload.signature`). */
  readonly rest: string
  /** What the token was verified as (`TokenKind.name`): a session token is not thereby an OAuth token. */
  readonly kind: string
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
/** Exported for verifyJwt.ts, which keys its checks in flight the same way. */
export const keyOf = (token: string): number => {
  let key = 0
  for (let i = Math.max(0, token.length - 5); i < token.length; i++) key = key * 64 + (token.charCodeAt(i) & 63)
  return key
}
const verified = new Map<number, VerifiedEntry>()
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
let maxEntries = MAX_VERIFIED_TOKENS
// The last token found and its entry: a request looks its token up two or three times (decoding the plain and the
// suffixed cookie, then verifying), each time with the same string or an equal one.
let lastFound: { readonly token: string; readonly entry: VerifiedEntry } | undefined
forgetOnReset(() => {
  verified.clear()
  mostRecent = undefined
  lastFound = undefined
  oldest = verified.keys()
  maxEntries = MAX_VERIFIED_TOKENS
})

/** The entry of exactly this token, whoever verified it and however long ago; undefined when none is kept. */
export function findVerified(token: string): VerifiedEntry | undefined {
  if (lastFound !== undefined && lastFound.token === token) return lastFound.entry
  const entry = verified.get(keyOf(token))
  if (entry === undefined) return undefined
  const { headerSegment, rest } = entry
  if (
    token.length !== headerSegment.length + rest.length ||
    token.slice(headerSegment.length) !== rest ||
    token.slice(0, headerSegment.length) !== headerSegment
  ) {
    return undefined
  }
  lastFound = { token, entry }
  return entry
}

/** Whether the entry vouches for a token of this kind and instance at `now`: it is not older than the key set's trust. */
export function vouches(entry: VerifiedEntry, kind: string, instance: string, now: number): boolean {
  // In tenths of a second, verified rounded down and now rounded up: an entry is never thought younger than it is.
  return (
    entry.instance === instance &&
    entry.kind === kind &&
    tenthsSinceLoad(now, 'up') - entry.verifiedAt < VERIFIED_TOKEN_MAX_AGE_TENTHS
  )
}

/**
 * Moves the entry to the most recently used end. A browser sends the same token many times in a row, and
 * moving an entry that is already there would only fill the Map with holes it must then compact.
 */
export function touch(token: string, entry: VerifiedEntry): void {
  if (entry === mostRecent) return
  const key = keyOf(token)
  verified.delete(key)
  verified.set(key, entry)
  mostRecent = entry
}

/** Keeps `jwt` as verified by `instance` as a `kind`, now (replacing any entry under the same key). */
export function remember(jwt: DecodedJwt, kind: string, instance: string): void {
  const key = keyOf(jwt.token)
  verified.delete(key)
  lastFound = undefined
  // Strings of their own: the token came out of a request's Cookie header, and a string cut out of another keeps the
  // whole of it alive (an entry held about 2.7 KB that way, where its token and claims need about 1.4).
  const { token } = jwt
  const dot = token.indexOf('.')
  mostRecent = {
    header: jwt.header,
    payload: sharingInstanceStrings(jwt.payload),
    headerSegment: shared(token.slice(0, dot)),
    rest: detached(token.slice(dot)),
    kind,
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
  if (next.done !== true) {
    if (verified.get(next.value) === lastFound?.entry) lastFound = undefined
    verified.delete(next.value)
  }
}

const LOADED_AT_MS = Date.now()
const VERIFIED_TOKEN_MAX_AGE_TENTHS = VERIFIED_TOKEN_MAX_AGE_MS / 100
/** Tenths of a second since this module loaded, rounded `down` or up: a small integer for 3 years of uptime. */
const tenthsSinceLoad = (now: number, round: 'down' | 'up'): number =>
  (round === 'down' ? Math.floor : Math.ceil)((now - LOADED_AT_MS) / 100)

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

/** @internal Test hook: how many tokens are remembered. */
export function verifiedTokenCount(): number {
  return verified.size
}

/**
 * @internal Test hook: a smaller bound, to watch eviction without minting a thousand tokens (0 keeps nothing, so
 * every verification checks the signature). Returns the previous bound.
 */
export function setMaxVerifiedTokens(max: number): number {
  const previous = maxEntries
  maxEntries = max
  return previous
}
