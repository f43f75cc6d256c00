// Where the browser signs in and out. The app's own /sign-in and /sign-up routes render Clerk's components
// (ClerkJS), on any Clerk instance. On remix-clerk-local the backend also has pages of its own, which work without
// JavaScript: the fallback offered next to the components.

let localBackendUrl: string | null | undefined

/**
 * The local backend as the browser reaches it: CLERK_PROXY_URL when set (`npm start` sets it to
 * `http://localhost:<port>`, the app's own site, where the backend's `__client` cookie reaches ClerkJS), else the URL
 * in the publishable key. Null on a real Clerk instance. Read once: a running server's environment does not change.
 */
function localBackend(): string | null {
  if (localBackendUrl !== undefined) return localBackendUrl
  const inKey = localFrontendApi(process.env.CLERK_PUBLISHABLE_KEY ?? '')
  const proxy = process.env.CLERK_PROXY_URL
  // A relative proxy path (`/__clerk`) would need the app to forward it; the local backend is reached directly.
  localBackendUrl = inKey ? (proxy && /^https?:\/\//.test(proxy) ? new URL(proxy).origin : inKey) : null
  return localBackendUrl
}

/**
 * A publishable key is `pk_live_`/`pk_test_` + base64(`<frontend API>$`). Clerk's frontend APIs are bare host
 * names (`clerk.example.com`); remix-clerk-local puts its scheme in (`http://127.0.0.1:4000`), which is how the
 * app tells the two apart without another setting.
 */
function localFrontendApi(publishableKey: string): string | undefined {
  const match = /^pk_(?:live|test)_([A-Za-z0-9+/]+={0,2})$/.exec(publishableKey)
  if (!match?.[1]) return undefined
  let decoded: string
  try {
    decoded = atob(match[1])
  } catch {
    return undefined
  }
  if (!decoded.endsWith('$')) return undefined
  const frontendApi = decoded.slice(0, -1)
  return /^https?:\/\//.test(frontendApi) ? new URL(frontendApi).origin : undefined
}

/** `url` with `?redirect_url=<returnTo>`; a relative `url` stays relative. */
function withRedirect(url: string, returnTo: string): string {
  const target = new URL(url, 'http://relative.invalid')
  target.searchParams.set('redirect_url', returnTo)
  return target.origin === 'http://relative.invalid' ? `${target.pathname}${target.search}` : target.href
}

/** The app's sign-in route (Clerk's `<SignIn/>`), coming back to `returnTo` (an absolute URL of this app). */
export function signInUrl(returnTo: string): string {
  return withRedirect('/sign-in', returnTo)
}

/** The local backend's own sign-in page (no JavaScript needed), coming back to `returnTo`; null on a real Clerk instance. */
export function localSignInUrl(returnTo: string): string | null {
  const backend = localBackend()
  return backend ? withRedirect(`${backend}/sign-in`, returnTo) : null
}

/** The local backend's sign-out page, coming back to `returnTo`; null on a real Clerk instance. */
export function localSignOutUrl(returnTo: string): string | null {
  const backend = localBackend()
  return backend ? withRedirect(`${backend}/sign-out`, returnTo) : null
}
