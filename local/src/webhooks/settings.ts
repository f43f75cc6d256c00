// The `webhooks` option of createLocalClerk: where events go, how deliveries retry, and where their outcomes are logged;
// checked once, with errors that name the fix. The defaults suit a development machine: a receiver that is down for
// a restart of the app gets the event a few seconds later, and one that stays down is given up on within two minutes.
import { LocalClerkError, type LocalClerkErrorCode } from '../shared/errors.js'

export interface LocalClerkWebhookOptions {
  /**
   * Where every event is POSTed, e.g. `http://localhost:3000/api/webhooks`: absolute http(s) URLs, at most
   * 20. More can be added later with `clerk.webhooks.addEndpoint(url)`.
   */
  endpoints?: readonly string[]
  /**
   * How long to wait before each retry of a failed delivery (non-2xx, network error, timeout), in milliseconds; the
   * number of entries is the number of retries. Default `[1000, 5000, 15000, 30000, 60000]`: six attempts over
   * about two minutes (Clerk's own, through Svix, go on for days).
   */
  retryDelays?: readonly number[]
  /** How long one attempt may take before it counts as failed, in milliseconds. Default 10 000. */
  timeout?: number
  /**
   * How many deliveries may wait for one endpoint (in order, or for a retry); beyond that, new events for it are
   * dropped, and the log says so. Default 1000.
   */
  queueLimit?: number
  /**
   * Receives one line per delivery attempt (its outcome), per dropped event and per delivery given up; `failed` is
   * true for those that did not reach the endpoint. No line contains the signing secret, a payload or a URL's query.
   * Default: failures to `console.warn`, successes nowhere. The command prints them all (only failures with `--quiet`).
   */
  log?: (line: string, failed: boolean) => void
}

/** The options, checked and with their defaults. */
export interface WebhookSettings {
  endpoints: string[]
  retryDelays: readonly number[]
  timeout: number
  queueLimit: number
  log: (line: string, failed: boolean) => void
}

const DEFAULT_RETRY_DELAYS: readonly number[] = [1000, 5000, 15_000, 30_000, 60_000]
const DEFAULT_TIMEOUT = 10_000
const DEFAULT_QUEUE_LIMIT = 1000
export const MAX_ENDPOINTS = 20
const MAX_RETRIES = 20
const MAX_DELAY = 3_600_000

const problem = (message: string, code: LocalClerkErrorCode = 'REMIX_CLERK_LOCAL_INVALID_OPTION') =>
  new LocalClerkError(code, `remix-clerk-local: ${message}`)
/** A bad URL, in `webhooks.endpoints` or given to `addEndpoint`. */
const ENDPOINT = 'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT'

const defaultLog = (line: string, failed: boolean) => {
  if (failed) console.warn(line)
}

export function resolveWebhookOptions(options: LocalClerkWebhookOptions | undefined): WebhookSettings {
  if (options === undefined) options = {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw problem('webhooks must be an object such as { endpoints: ["http://localhost:3000/api/webhooks"] }.')
  }
  const {
    endpoints = [],
    retryDelays = DEFAULT_RETRY_DELAYS,
    timeout = DEFAULT_TIMEOUT,
    queueLimit = DEFAULT_QUEUE_LIMIT,
    log = defaultLog,
  } = options
  if (!Array.isArray(endpoints))
    throw problem('webhooks.endpoints must be an array of URLs such as "http://localhost:3000/api/webhooks".')
  if (endpoints.length > MAX_ENDPOINTS)
    throw problem(
      `webhooks.endpoints may name at most ${MAX_ENDPOINTS} URLs (got ${endpoints.length}).`,
      'REMIX_CLERK_LOCAL_TOO_MANY_WEBHOOK_ENDPOINTS',
    )
  if (
    !Array.isArray(retryDelays) ||
    retryDelays.length > MAX_RETRIES ||
    !retryDelays.every((delay) => isWhole(delay, 0, MAX_DELAY))
  ) {
    throw problem(
      `webhooks.retryDelays must be an array of at most ${MAX_RETRIES} delays in milliseconds, each from 0 to ${MAX_DELAY}.`,
    )
  }
  if (!isWhole(timeout, 1, 600_000))
    throw problem(`webhooks.timeout must be a whole number of milliseconds from 1 to 600000 (got ${String(timeout)}).`)
  if (!isWhole(queueLimit, 1, 100_000))
    throw problem(`webhooks.queueLimit must be a whole number from 1 to 100000 (got ${String(queueLimit)}).`)
  if (typeof log !== 'function') throw problem('webhooks.log must be a function (line, failed) => void.')
  return {
    endpoints: [...new Set(endpoints.map(checkEndpoint))],
    retryDelays: [...retryDelays],
    timeout,
    queueLimit,
    log,
  }
}

/** An absolute http(s) URL without credentials (fetch refuses those), normalised. */
export function checkEndpoint(value: unknown): string {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw problem(
      `webhook endpoint ${describe(value)} is not valid; use an absolute http(s) URL such as "http://localhost:3000/api/webhooks".`,
      ENDPOINT,
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw problem(
      'a webhook endpoint cannot carry a user name or password in its URL; put a token in its path or query instead.',
      ENDPOINT,
    )
  }
  url.hash = ''
  return url.href
}

/** A URL fit for a log line: no credentials, no query (where tokens live), no fragment. */
export function urlForLog(endpoint: string): string {
  const url = new URL(endpoint)
  return `${url.origin}${url.pathname}`
}

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** Names a rejected value without repeating a long one whole (the URL may hold a token). */
function describe(value: unknown): string {
  if (typeof value !== 'string') return `(a ${value === null ? 'null' : typeof value})`
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
}
