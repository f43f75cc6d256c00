// Netlify's CDN may serve a cached answer to a redirect of the handshake flow, which then loops. On a development
// instance running on Netlify, @clerk/remix makes each such redirect unique with a `__clerk_netlify_cache_bust`
// parameter; so do we (ClerkJS removes it from the URL).
import { withQueryParameter } from '../auth/location.js'
import { processEnvValue } from '../shared/processEnv.js'

const CACHE_BUST_PARAMETER = '__clerk_netlify_cache_bust'

/**
 * The redirect's headers, with the parameter added to a copy of them on Netlify with a development instance; the
 * state's own headers are never changed (every loader of the page throws the same redirect). The parameter is
 * appended to the Location as authentication wrote it, which is never parsed again: a same-origin path stays the
 * path it was (`/.//evil.com/phish` must not turn into `//evil.com/phish`).
 */
export function withNetlifyCacheBust(headers: Headers, publishableKey: string): Headers {
  const location = headers.get('location')
  if (location === null || !publishableKey.startsWith('pk_test_') || !onNetlify()) return headers
  const busted = new Headers(headers)
  busted.set('location', withQueryParameter(location, CACHE_BUST_PARAMETER, Date.now().toString()))
  return busted
}

/** The variables Netlify sets in its functions, as upstream checks them. */
function onNetlify(): boolean {
  const url = processEnvValue('URL')
  return (
    Boolean(processEnvValue('NETLIFY')) ||
    Boolean(processEnvValue('NETLIFY_FUNCTIONS_TOKEN')) ||
    (typeof url === 'string' && url.endsWith('netlify.app'))
  )
}
