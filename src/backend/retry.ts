// When a failed attempt is tried again, and after how long.
//
// 429 and 503 mean the server did not act on the request, so any request may be repeated.
// A network error, 502 or 504 may arrive after the server acted: repeating a POST such as createUser
// could create a second user, so only requests that are safe to replay (GET, DELETE, and token
// minting, which has no side effect) are repeated then. A refused connection never reached the
// server, so it is repeated for every method.

export interface FailedAttempt {
  /** HTTP status; undefined when no response arrived. */
  status: number | undefined
  /** Seconds from `Retry-After`. */
  retryAfter: number | undefined
  /** True when the request certainly never reached the server (connection refused, DNS failure). */
  notSent: boolean
}

/** A `Retry-After` longer than this is taken as "not soon": the error is returned instead of waiting. */
const RETRY_AFTER_CAP_SECONDS = 10
const BASE_DELAY_MS = 250
const MAX_DELAY_MS = 4_000

const REPLAYABLE_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'PUT'])
const NEVER_PROCESSED = new Set([429, 503])
const MAYBE_PROCESSED = new Set([502, 504])
// Error codes (Node's `cause.code`) of failures that happen before a byte of the request is sent.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

export function isReplaySafe(method: string, replaySafe: boolean | undefined): boolean {
  return replaySafe ?? REPLAYABLE_METHODS.has(method)
}

/** Milliseconds to wait before the next attempt, or undefined when this failure is final. */
export function retryDelay(failure: FailedAttempt, retryIndex: number, replaySafe: boolean): number | undefined {
  const { status, retryAfter } = failure
  let retryable: boolean
  if (status === undefined) retryable = replaySafe || failure.notSent
  else if (NEVER_PROCESSED.has(status)) retryable = true
  else if (MAYBE_PROCESSED.has(status)) retryable = replaySafe
  else retryable = false
  if (!retryable) return undefined
  if (retryAfter !== undefined) return retryAfter > RETRY_AFTER_CAP_SECONDS ? undefined : retryAfter * 1000
  return backoff(retryIndex)
}

/** Exponential backoff with jitter, so that many clients failing together do not retry together. */
function backoff(retryIndex: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retryIndex)
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

/** `Retry-After` as whole seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}

/** True when a fetch rejection says the connection was never made. */
export function wasNotSent(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
