// Opt-in (`tokenCache: true`) memory of minted JWTs, so repeated getToken calls within a token's
// lifetime cost no request. Module-level, because clients are usually created per call.
import { decodeJwt } from 'jose/jwt/decode'

/** A token is not handed out when it has less than this left: the caller still has to use it. */
export const EXPIRY_MARGIN_SECONDS = 10
export const MAX_CACHED_TOKENS = 1_000

interface Entry {
  jwt: string
  /** Unix ms after which the entry is not served. */
  freshUntil: number
}

// A Map iterates in insertion order: re-inserting on read makes its first key the least recently used.
const entries = new Map<string, Entry>()

export function cachedJwt(key: string, now: number): string | undefined {
  const entry = entries.get(key)
  if (!entry) return undefined
  entries.delete(key)
  if (now >= entry.freshUntil) return undefined
  entries.set(key, entry)
  return entry.jwt
}

/** Tokens without a numeric `exp`, or that are not JWTs, are not kept; nor are those already too old. */
export function cacheJwt(key: string, jwt: string, now: number): void {
  let exp: unknown
  try {
    exp = decodeJwt(jwt).exp
  } catch {
    return
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return
  const freshUntil = (exp - EXPIRY_MARGIN_SECONDS) * 1000
  if (now >= freshUntil) return
  entries.delete(key)
  entries.set(key, { jwt, freshUntil })
  if (entries.size > MAX_CACHED_TOKENS) entries.delete(entries.keys().next().value!)
}

/** For tests: forget every cached token. */
export function clearTokenCache(): void {
  entries.clear()
}

export function tokenCacheSize(): number {
  return entries.size
}
