// A navigation that arrives from another site may come from a satellite domain whose sign-in the
// primary domain has not seen yet: such a request gets one handshake to pick it up. Navigations from
// Clerk's own pages (the Frontend API, the instance's Account Portal) are the normal sign-in flow.
import type { InstanceType } from './publishableKey.js'
import type { RequestContext } from './requestContext.js'

const LEGACY_DEV_SUFFIXES = ['.lcl.dev', '.lclstage.dev', '.lclclerk.com']
const DEV_PORTAL_SUFFIXES = ['.accounts.dev', '.accountsstage.dev', '.accounts.lclclerk.com']

/** A document GET whose `Referer` is another origin that is not one of the instance's Clerk pages. */
export function comesFromAnotherSite(
  context: RequestContext,
  frontendApi: string,
  instanceType: InstanceType,
): boolean {
  // The cheapest test first: most requests that come with a token are data requests, not navigations.
  if (context.method !== 'GET' || context.header('sec-fetch-dest') !== 'document') return false
  const referrer = context.header('referer')
  if (!referrer) return false
  let url: URL
  try {
    url = new URL(referrer)
  } catch {
    return false
  }
  if (url.origin === context.clerkUrl.origin) return false
  return !isClerkPage(url, frontendApi, instanceType)
}

function isClerkPage(url: URL, frontendApi: string, instanceType: InstanceType): boolean {
  const fapiHost = hostOf(frontendApi)
  if (url.hostname === fapiHost) return true
  // Development portal hosts can be had by anyone, so they are trusted for development instances only.
  if (instanceType !== 'production') {
    const host = url.hostname
    if (host.startsWith('accounts.') && LEGACY_DEV_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true
    if (DEV_PORTAL_SUFFIXES.some((suffix) => host.endsWith(suffix) && !host.endsWith(`.clerk${suffix}`))) return true
  }
  // Only this instance's Account Portal; a bare `accounts.` prefix would trust any `accounts.evil.com`.
  return url.origin === `https://${accountsHost(fapiHost)}`
}

function hostOf(frontendApi: string): string {
  try {
    return new URL(frontendApi.startsWith('http') ? frontendApi : `https://${frontendApi}`).hostname
  } catch {
    return frontendApi
  }
}

function accountsHost(fapiHost: string): string {
  // `clerk.example.com` → `accounts.example.com`; `cat-12.clerk.accounts.dev` → `cat-12.accounts.dev`.
  return fapiHost.replace(/clerk\.accountsstage\./, 'accountsstage.').replace(/clerk\.accounts\.|clerk\./, 'accounts.')
}
