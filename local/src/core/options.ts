// createLocalClerk's options and their defaults, checked once so a bad one fails at creation with a message naming the
// fix.
import { resolve } from 'node:path'
import { isClerkJsChoice } from '../clerkJsBundles/clerkJsChoice.js'
import { AllowedOrigins, DEFAULT_ALLOWED_ORIGINS } from '../http/allowedOrigins.js'
import { LocalClerkError } from '../shared/errors.js'
import { type LocalClerkWebhookOptions, type WebhookSettings, resolveWebhookOptions } from '../webhooks/settings.js'

export interface LocalClerkOptions {
  /** SQLite file path, or `':memory:'`. Default: `.data/local-clerk.db` under the working directory. */
  db?: string
  /** Session token lifetime in seconds. Default 60, as on Clerk. */
  sessionLifetime?: number
  /** Clock in milliseconds. Every timestamp and token time comes from it. Default `Date.now`. */
  now?: () => number
  /** Session token claims: 2 (default, `v`/`o`/`sts`) or 1 (`org_id`/`org_role`/…). */
  tokenVersion?: 1 | 2
  /** Public base URL, when it differs from the listening address (e.g. behind a proxy). */
  url?: string
  /**
   * Origins the sign-in pages and the handshake may redirect to, and the only ones `/local-clerk.js` may refresh
   * tokens for. Exact origins (`https://app.example.test`) or any port (`http://localhost:*`). Replaces the
   * default: http and https on `localhost` and `127.0.0.1`, any port.
   */
  allowedOrigins?: readonly string[]
  /**
   * Origins of satellite applications (`http://127.0.0.1:3001`): apps on other sites that share this instance's
   * sign-in, as Clerk's satellite domains. They are allowed origins too. A satellite reaches this backend under its
   * own host name (e.g. `CLERK_PROXY_URL=http://127.0.0.1:4000` for an app on 127.0.0.1), and its first handshake
   * takes the browser's client from the primary (the backend under `localhost`) through `/v1/client/sync`.
   */
  satelliteOrigins?: readonly string[]
  /**
   * Webhooks: Clerk's events (`user.created`, `session.created`, …), signed with the instance's
   * `CLERK_WEBHOOK_SIGNING_SECRET`, POSTed to `endpoints` in the background, with retries.
   */
  webhooks?: LocalClerkWebhookOptions
  /**
   * The ClerkJS this backend names in `CLERK_JS` and runs its hosted pages on: a major (`'6'`: the installed
   * `@clerk/clerk-js` of that major, else the newest in the cache) or an exact version (`'6.40.0'`). Every other
   * installed or cached copy is still served under its own version. Default: the installed `@clerk/clerk-js`, else the
   * newest cached ClerkJS 5. Creating the instance fails when this one is neither installed nor cached (the message
   * names the `npx remix-clerk-local clerk-js install …` that downloads it), or when a ClerkJS 6 comes without `@clerk/ui`.
   */
  clerkJs?: string
}

export interface ResolvedOptions {
  db: string
  sessionLifetime: number
  now: () => number
  tokenVersion: 1 | 2
  url: string | undefined
  allowedOrigins: AllowedOrigins
  /** Exact origins, normalised (`URL.origin`). */
  satelliteOrigins: readonly string[]
  webhooks: WebhookSettings
  clerkJs: string | undefined
}

export const DEFAULT_DB_PATH = '.data/local-clerk.db'
const MAX_LIFETIME = 315_360_000

const problem = (message: string) =>
  new LocalClerkError('REMIX_CLERK_LOCAL_INVALID_OPTION', `remix-clerk-local: ${message}`)

/** Checks the options once, with errors that say what to pass instead. */
export function resolveOptions(options: LocalClerkOptions = {}): ResolvedOptions {
  const { sessionLifetime = 60, tokenVersion = 2, now = Date.now } = options
  if (!Number.isInteger(sessionLifetime) || sessionLifetime < 1 || sessionLifetime > MAX_LIFETIME) {
    throw problem(
      `sessionLifetime must be a whole number of seconds from 1 to ${MAX_LIFETIME} (got ${String(sessionLifetime)}).`,
    )
  }
  if (tokenVersion !== 1 && tokenVersion !== 2) {
    throw problem(`tokenVersion must be 1 or 2 (got ${String(tokenVersion)}).`)
  }
  if (typeof now !== 'function') throw problem('now must be a function returning milliseconds, like Date.now.')
  if (options.db !== undefined && (typeof options.db !== 'string' || options.db === '')) {
    throw problem(`db must be a file path or ':memory:' (got ${JSON.stringify(options.db)}).`)
  }
  if (options.clerkJs !== undefined && !isClerkJsChoice(options.clerkJs)) {
    throw problem(
      `clerkJs must be a major such as '5' or '6', or an exact version such as '6.40.0' (got ${JSON.stringify(options.clerkJs)}).`,
    )
  }
  const satelliteOrigins = checkSatelliteOrigins(options.satelliteOrigins)
  return {
    db: options.db === undefined ? resolve(DEFAULT_DB_PATH) : options.db,
    sessionLifetime,
    now,
    tokenVersion,
    url: options.url === undefined ? undefined : checkUrl(options.url),
    // A satellite is where the handshake sends browsers back to: always an allowed origin.
    allowedOrigins: AllowedOrigins.parse(
      withSatellites(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS, satelliteOrigins),
    ),
    satelliteOrigins,
    webhooks: resolveWebhookOptions(options.webhooks),
    clerkJs: options.clerkJs,
  }
}

function withSatellites(allowed: readonly string[], satellites: readonly string[]): readonly string[] {
  // A value that is not an array is left for AllowedOrigins.parse to refuse with its message.
  return Array.isArray(allowed) ? [...allowed, ...satellites] : allowed
}

function checkSatelliteOrigins(origins: readonly string[] | undefined): string[] {
  if (origins === undefined) return []
  if (!Array.isArray(origins))
    throw problem('satelliteOrigins must be an array of origins such as "http://127.0.0.1:3001".')
  return origins.map((origin: unknown) => {
    let url: URL | undefined
    try {
      url = typeof origin === 'string' ? new URL(origin) : undefined
    } catch {
      url = undefined
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== String(origin).replace(/\/$/, '')
    ) {
      throw problem(
        `satellite origin ${JSON.stringify(String(origin))} is not valid; use an origin such as "http://127.0.0.1:3001" (scheme, host and port, no path).`,
      )
    }
    return url.origin
  })
}

/**
 * The URL ends up in the publishable key, which Clerk SDKs only accept when it contains a dot: so
 * `http://localhost:4000` is refused here, with the fix, rather than later by the SDK with a vague error.
 */
function checkUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw problem(`url must be an absolute http(s) URL such as http://127.0.0.1:4000 (got ${JSON.stringify(value)}).`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw problem(`url must use http or https (got ${JSON.stringify(value)}).`)
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw problem(`url must be an origin without path, query or fragment (got ${JSON.stringify(value)}).`)
  }
  if (!url.host.includes('.')) {
    throw problem(
      `url must have a dot in its host, or Clerk SDKs reject the publishable key (got ${JSON.stringify(value)}); use 127.0.0.1 instead of localhost.`,
    )
  }
  return url.origin
}
