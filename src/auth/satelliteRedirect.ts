// Where a development primary may send the browser back to after a satellite asked it to sync: the primary appends
// its dev browser token (a credential for the development instance) to that URL, so it must be a satellite the app
// trusts. Upstream redirects to any URL at all, which lets a link hand any site the visitor's dev browser.
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import type { AuthenticateOptions } from './clerkInstance.js'
import { isHttpUrl } from './satelliteOptions.js'

// Said once per origin: a link that keeps coming back must not fill the log.
const warned = new BoundedCache<string, true>(64)
forgetOnReset(() => warned.clear())

/**
 * The URL to send the browser back to, a copy the caller may add parameters to, when it is an absolute http(s) URL
 * on an origin listed in `allowedRedirectOrigins` or `authorizedParties`; otherwise undefined (and a warning saying
 * which option to set), and the request goes on as if the parameter were not there.
 */
export function allowedSatelliteUrl(requested: string, options: AuthenticateOptions): URL | undefined {
  if (!isHttpUrl(requested)) return undefined
  const url = new URL(requested)
  const allowed = [...(options.allowedRedirectOrigins ?? []), ...(options.authorizedParties ?? [])]
  if (allowed.some((origin) => sameOrigin(origin, url.origin))) return url
  if (!warned.get(url.origin)) {
    warned.set(url.origin, true)
    console.warn(
      `remix-clerk: a satellite asked this primary application to sync and come back to ${url.origin}, which is not an ` +
        'allowed origin; ignored. If it is your satellite, add its origin to the allowedRedirectOrigins (or ' +
        "authorizedParties) option of getAuth and rootAuthLoader, e.g. { allowedRedirectOrigins: ['https://satellite.example.com'] }.",
    )
  }
  return undefined
}

function sameOrigin(configured: string, origin: string): boolean {
  try {
    return new URL(configured).origin === origin
  } catch {
    return false
  }
}
