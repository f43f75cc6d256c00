// Netlify's CDN may serve a cached answer to a redirect of the handshake flow, which then loops. On a development
// instance running on Netlify, @clerk/remix makes each such redirect unique with a `__clerk_netlify_cache_bust`
// parameter; so do we (ClerkJS removes it from the URL).
import { processEnvValue } from '../shared/processEnv'

const CACHE_BUST_PARAMETER = '__clerk_netlify_cache_bust'
const BASE_FOR_RELATIVE = 'http://relative.invalid'

/**
 * The redirect's headers, with the parameter added to a copy of them on Netlify with a development instance; the
 * state's own headers are never changed (every loader of the page throws the same redirect).
 */
export function withNetlifyCacheBust(headers: Headers, publishableKey: string): Headers {
  const location = headers.get('location')
  if (location === null || !publishableKey.startsWith('pk_test_') || !onNetlify() || location.includes('__clerk_handshake')) return headers
  const url = new URL(location, BASE_FOR_RELATIVE)
  url.searchParams.append(CACHE_BUST_PARAMETER, Date.now().toString())
  const busted = new Headers(headers)
  // Our clean-URL redirects are relative on purpose (see handshake.ts): they stay relative.
  busted.set('location', url.origin === BASE_FOR_RELATIVE ? `${url.pathname}${url.search}${url.hash}` : url.href)
  return busted
}

/** The variables Netlify sets in its functions, as upstream checks them. */
function onNetlify(): boolean {
  const url = processEnvValue('URL')
  return Boolean(processEnvValue('NETLIFY')) || Boolean(processEnvValue('NETLIFY_FUNCTIONS_TOKEN')) || (typeof url === 'string' && url.endsWith('netlify.app'))
}
