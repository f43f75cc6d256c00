// The configuration a satellite application needs, checked once per set of options: the same incomplete
// configurations @clerk/remix and @clerk/backend refuse, with messages that name the variable to set.
import { RemixClerkError } from '../shared/remixClerkError.js'
import type { AuthenticateOptions } from './clerkInstance.js'

/** Throws a RemixClerkError naming the missing or malformed option; does nothing for an app that is not a satellite. */
export function checkSatelliteOptions(options: AuthenticateOptions): void {
  if (!options.isSatellite) return
  if (!options.proxyUrl && !options.domain) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      'remix-clerk: isSatellite (CLERK_IS_SATELLITE) is set, but neither domain (CLERK_DOMAIN) nor proxyUrl (CLERK_PROXY_URL): ' +
        "a satellite application needs one of them to find its Frontend API. Set CLERK_DOMAIN to the satellite's own domain " +
        '(e.g. satellite.example.com, as added under Domains in the Clerk Dashboard), or CLERK_PROXY_URL to its Frontend API proxy.',
    )
  }
  const development = options.publishableKey.startsWith('pk_test_') || /^(sk_)?test_/.test(options.secretKey)
  const { signInUrl } = options
  if (!signInUrl && development) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      'remix-clerk: a satellite application of a development instance needs signInUrl (CLERK_SIGN_IN_URL): the absolute URL ' +
        "of the primary application's sign-in page, e.g. https://primary.example.com/sign-in, through which the satellite " +
        'syncs its session with the primary.',
    )
  }
  if (signInUrl && !isHttpUrl(signInUrl)) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      `remix-clerk: a satellite's signInUrl (CLERK_SIGN_IN_URL) must be the absolute http(s) URL of the primary application's ` +
        `sign-in page, e.g. https://primary.example.com/sign-in; got ${JSON.stringify(signInUrl.slice(0, 100))}.`,
    )
  }
}

/**
 * A satellite's sign-in page must be on the primary, not on the satellite itself (it would sync with itself).
 * Checked per request, against the origin the browser sees. Throws like the other configuration errors.
 */
export function checkSignInUrlOrigin(signInUrl: string | undefined, origin: string): void {
  if (signInUrl && new URL(signInUrl).origin === origin) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_SATELLITE_OPTIONS',
      `remix-clerk: a satellite's signInUrl (CLERK_SIGN_IN_URL) must be on the primary application, another origin than the ` +
        `satellite's own ${origin}; got ${JSON.stringify(signInUrl.slice(0, 100))}.`,
    )
  }
}

/** An absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}
