// The publishable key names the instance: `pk_test_`/`pk_live_` + base64("<frontend API host>$").
// From it come the instance type, the Frontend API host, the Backend API URL and the cookie suffix.
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

export type InstanceType = 'production' | 'development'

export interface PublishableKey {
  instanceType: InstanceType
  /** Frontend API host (or URL), replaced by `proxyUrl` or by `clerk.<domain>` for production satellites. */
  frontendApi: string
}

export interface ParsePublishableKeyOptions {
  proxyUrl?: string | undefined
  domain?: string | undefined
  isSatellite?: boolean | undefined
}

const LIVE_PREFIX = 'pk_live_'
const TEST_PREFIX = 'pk_test_'

// Upstream's texts, word for word, so that messages users search for still lead somewhere.
/** @internal Exported for tests (as are the three below), which compare messages. */
export const PUBLISHABLE_KEY_MISSING =
  'Publishable key is missing. Ensure that your publishable key is correctly configured. Double-check your environment configuration for your keys, or access them here: https://dashboard.clerk.com/last-active?path=api-keys'
/** @internal */
export const PUBLISHABLE_KEY_INVALID = 'Publishable key not valid.'
/** @internal */
export const PUBLISHABLE_KEY_UNDECODABLE = 'Publishable key not valid: Failed to decode key.'
/** @internal */
export const PUBLISHABLE_KEY_BAD_FORMAT = 'Publishable key not valid: Decoded key has invalid format.'

/** Throws a RemixClerkError with upstream's message when the key is missing or malformed. */
export function parsePublishableKey(key: string | undefined, options: ParsePublishableKeyOptions = {}): PublishableKey {
  if (!key) throw new RemixClerkError('REMIX_CLERK_MISSING_PUBLISHABLE_KEY', PUBLISHABLE_KEY_MISSING)
  const instanceType: InstanceType | undefined = key.startsWith(LIVE_PREFIX)
    ? 'production'
    : key.startsWith(TEST_PREFIX)
      ? 'development'
      : undefined
  const encoded = key.slice(LIVE_PREFIX.length)
  if (!instanceType || encoded === '' || encoded.includes('_')) throw invalidKey(PUBLISHABLE_KEY_INVALID)

  let decoded: string
  try {
    decoded = atob(encoded)
  } catch {
    throw invalidKey(PUBLISHABLE_KEY_UNDECODABLE)
  }
  // Exactly one `$`, at the end, and a dot in the host: `localhost:4000$` is not a key.
  const host = decoded.slice(0, -1)
  if (!decoded.endsWith('$') || host.includes('$') || !host.includes('.')) throw invalidKey(PUBLISHABLE_KEY_BAD_FORMAT)

  let frontendApi = host
  if (options.proxyUrl) frontendApi = options.proxyUrl
  else if (instanceType === 'production' && options.domain && options.isSatellite)
    frontendApi = `clerk.${options.domain}`
  return { instanceType, frontendApi }
}

const LEGACY_DEV_SUFFIXES = ['.lcl.dev', '.lclstage.dev', '.lclclerk.com']
const LOCAL_SUFFIXES = ['.lcl.dev', 'lclstage.dev', '.lclclerk.com', '.accounts.lclclerk.com']
const STAGING_SUFFIXES = ['.accountsstage.dev']

/** The Backend API URL that goes with a publishable key, when `CLERK_API_URL` is not set (as upstream). */
export function apiUrlFromPublishableKey(publishableKey: string | undefined): string {
  let frontendApi: string
  try {
    frontendApi = parsePublishableKey(publishableKey).frontendApi
  } catch {
    return 'https://api.clerk.com'
  }
  const endsWithAny = (suffixes: string[]) => suffixes.some((suffix) => frontendApi.endsWith(suffix))
  if (frontendApi.startsWith('clerk.') && endsWithAny(LEGACY_DEV_SUFFIXES)) return 'https://api.clerk.com'
  if (endsWithAny(LOCAL_SUFFIXES)) return 'https://api.lclclerk.com'
  if (endsWithAny(STAGING_SUFFIXES)) return 'https://api.clerkstage.dev'
  return 'https://api.clerk.com'
}

const suffixes = new BoundedCache<string, Promise<string>>(16)
forgetOnReset(() => suffixes.clear())

/**
 * The 8 characters that name this instance's cookies (`__session_<suffix>`): the start of
 * base64url(SHA-1(publishable key)). Computed once per key.
 */
export function getCookieSuffix(publishableKey: string): Promise<string> {
  let suffix = suffixes.get(publishableKey)
  if (!suffix) {
    suffix = computeCookieSuffix(publishableKey)
    suffixes.set(publishableKey, suffix)
  }
  return suffix
}

async function computeCookieSuffix(publishableKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(publishableKey)))
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .slice(0, 8)
}

function invalidKey(message: string): RemixClerkError {
  return new RemixClerkError('REMIX_CLERK_INVALID_PUBLISHABLE_KEY', message)
}
