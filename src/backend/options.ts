// Options of createClerkClient and their validation. Validation runs on the first request, never at
// creation: `createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })` must not throw when the
// variable is unset, so a loader can create a client per call and get a clear rejection instead.
import {
  CLERK_API_VERSION,
  DEFAULT_API_URL,
  DEFAULT_API_VERSION,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from './constants.js'
import { ClerkClientError } from './errors.js'
import { processEnvValue } from '../shared/processEnv.js'
import { quote } from '../shared/quote.js'

/** Any function with the shape of `fetch`; the client calls it as `fetch(url, init)`. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface ClerkClientOptions {
  /** Your instance's secret key (`sk_test_…` / `sk_live_…`), usually `process.env.CLERK_SECRET_KEY`. */
  secretKey?: string | undefined
  /** Backend API origin. Default: `CLERK_API_URL` from `process.env` where there is one, else `https://api.clerk.com`. */
  apiUrl?: string | undefined
  /** Path version segment. Default `v1`. */
  apiVersion?: string | undefined
  /** Default `remix-clerk@<version>`. */
  userAgent?: string | undefined
  /** Default `globalThis.fetch`, looked up on every call so that later polyfills and test doubles apply. */
  fetch?: FetchLike | undefined
  /** Deadline for a whole call, retries and waits included. Default 10 000 ms. */
  timeoutMs?: number | undefined
  /** Extra attempts after a retryable failure (network error, 429, 502, 503, 504). Default 2. */
  retries?: number | undefined
  /** Keep minted `getToken` results until 10 s before they expire. Default false. */
  tokenCache?: boolean | undefined
  /**
   * A machine's secret key (`ak_…`), sent by the `m2m` methods instead of the secret key, as @clerk/backend does;
   * each call may pass its own `machineSecretKey`.
   */
  machineSecretKey?: string | undefined
}

export interface ClientConfig {
  /** '' only in a configuration resolved with `secretKeyRequired: false` and no key given. */
  readonly secretKey: string
  readonly machineSecretKey: string | undefined
  /** Normalised apiUrl: no trailing slash. */
  readonly apiUrl: string
  readonly apiVersion: string
  /** `${apiUrl}/${apiVersion}`: request paths are appended to it. */
  readonly baseUrl: string
  /** The path part of baseUrl, e.g. `/v1`, for messages that name the endpoint. */
  readonly basePath: string
  /** The path part of apiUrl ('' for an origin), for versionless endpoints. */
  readonly apiPath: string
  readonly headers: Readonly<Record<string, string>>
  readonly fetch: FetchLike | undefined
  readonly timeoutMs: number
  readonly retries: number
  readonly tokenCache: boolean
}

const MAX_RETRIES = 10

/** `secretKeyRequired: false` for requests that carry another credential or need none (M2M, keyless applications). */
export function resolveConfig(options: ClerkClientOptions, { secretKeyRequired = true } = {}): ClientConfig {
  const secretKey = secretKeyRequired || hasValue(options.secretKey) ? checkSecretKey(options.secretKey) : ''
  const machineSecretKey = hasValue(options.machineSecretKey)
    ? checkBearerKey(options.machineSecretKey, 'createClerkClient: machineSecretKey')
    : undefined
  const { apiUrl, apiPath } = checkApiUrl(options.apiUrl || apiUrlFromEnvironment() || DEFAULT_API_URL)
  const apiVersion = options.apiVersion || DEFAULT_API_VERSION
  if (!/^[A-Za-z0-9._-]+$/.test(apiVersion)) {
    throw new ClerkClientError(
      'option_invalid',
      `createClerkClient: apiVersion must be a single path segment such as "v1", got ${quote(apiVersion)}.`,
    )
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ClerkClientError(
      'option_invalid',
      `createClerkClient: timeoutMs must be a positive number of milliseconds, got ${quote(timeoutMs)}.`,
    )
  }
  const retries = options.retries ?? DEFAULT_RETRIES
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw new ClerkClientError(
      'option_invalid',
      `createClerkClient: retries must be an integer from 0 to ${MAX_RETRIES}, got ${quote(retries)}.`,
    )
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ClerkClientError(
      'option_invalid',
      'createClerkClient: fetch must be a function with the signature of fetch.',
    )
  }
  const headers: Record<string, string> = {
    'Clerk-API-Version': CLERK_API_VERSION,
    'User-Agent': options.userAgent || DEFAULT_USER_AGENT,
  }
  if (secretKey) headers.Authorization = `Bearer ${secretKey}`
  return {
    secretKey,
    machineSecretKey,
    apiUrl,
    apiPath,
    apiVersion,
    baseUrl: `${apiUrl}/${apiVersion}`,
    basePath: `${apiPath}/${apiVersion}`,
    headers,
    fetch: options.fetch,
    timeoutMs,
    retries,
    tokenCache: options.tokenCache === true,
  }
}

/**
 * `CLERK_API_URL`, so that `createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })` talks to the same Backend
 * API as getAuth (a local backend, a staging instance) without repeating the URL. Read only when `apiUrl` is not
 * given; a runtime without `process.env`, or one that refuses the read (Deno without `--allow-env`), has none.
 */
function apiUrlFromEnvironment(): string | undefined {
  const value = processEnvValue('CLERK_API_URL')
  return typeof value === 'string' && value !== '' ? value : undefined
}

function checkSecretKey(value: unknown): string {
  const secretKey = typeof value === 'string' ? value.trim() : ''
  if (!secretKey) {
    throw new ClerkClientError(
      'secret_key_missing',
      'Missing Clerk secret key. Set the CLERK_SECRET_KEY environment variable or pass `secretKey` to ' +
        'createClerkClient(); find the key in the Clerk Dashboard under API keys.',
    )
  }
  if (secretKey.startsWith('pk_')) {
    throw new ClerkClientError(
      'secret_key_invalid',
      'The Clerk secret key is a publishable key (pk_…). Set CLERK_SECRET_KEY (or `secretKey`) to the ' +
        'secret key (sk_test_… or sk_live_…) from the Clerk Dashboard.',
    )
  }
  return checkBearerKey(secretKey, 'The Clerk secret key', 'Check CLERK_SECRET_KEY')
}

function hasValue(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

/**
 * A key goes into the Authorization header: a space, quote or line break would make fetch throw an error that quotes
 * the header, so it is refused here with a message that does not.
 */
export function checkBearerKey(value: unknown, what: string, check = `Check ${what}`): string {
  const key = typeof value === 'string' ? value.trim() : ''
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new ClerkClientError(
      'secret_key_invalid',
      `${what} is empty or contains spaces, quotes or non-ASCII characters. ${check} for stray quoting or a ` +
        'second value pasted into it.',
    )
  }
  return key
}

function checkApiUrl(value: string): { apiUrl: string; apiPath: string } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalidApiUrl(value)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw invalidApiUrl(value)
  }
  const apiPath = url.pathname.replace(/\/+$/, '')
  return { apiUrl: `${url.origin}${apiPath}`, apiPath }
}

function invalidApiUrl(value: string): ClerkClientError {
  return new ClerkClientError(
    'api_url_invalid',
    `The Clerk API URL ${quote(value)} is not an http(s) URL without query or credentials. Set CLERK_API_URL ` +
      '(or `apiUrl`) to an origin such as https://api.clerk.com or http://127.0.0.1:4000.',
  )
}
