// Opt-in (`tokenCache: true`) memory of minted JWTs, so repeated getToken calls within a token's
// lifetime cost no request. Module-level, because clients are usually created per call.
import { decodeJwt } from 'jose/jwt/decode'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'

/** A token is not handed out when it has less than this left: the caller still has to use it. */
const EXPIRY_MARGIN_SECONDS = 10
/** @internal Exported for tests, which fill the cache to its bound. */
export const MAX_CACHED_TOKENS = 1_000

interface Entry {
  jwt: string
  /** Unix ms after which the entry is not served. */
  freshUntil: number
}

const entries = new BoundedCache<string, Entry>(MAX_CACHED_TOKENS, 'least-recently-used')
forgetOnReset(() => entries.clear())

export function cachedJwt(key: string, now: number): string | undefined {
  const entry = entries.get(key)
  if (!entry) return undefined
  if (now < entry.freshUntil) return entry.jwt
  entries.delete(key)
  return undefined
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
  entries.set(key, { jwt, freshUntil })
}

/** @internal Test hook: how many tokens are kept. */
export function tokenCacheSize(): number {
  return entries.size
}
