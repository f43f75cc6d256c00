// Where the browser goes to sign in and out. On the local backend (remix-clerk-local) those pages live on
// its Frontend API; with a real Clerk instance, CLERK_SIGN_IN_URL points at your sign-in page.

interface FrontendApiConfig {
  /**
   * Where the browser reaches the local backend, e.g. `http://localhost:4000`; undefined for a real Clerk instance.
   * CLERK_PROXY_URL when set (the backend under the app's host name), else the URL in the publishable key.
   */
  localBase: string | undefined
  signInUrl: string | undefined
}

let config: FrontendApiConfig | undefined

// Read once: the environment of a running server does not change, and every page renders these links.
function frontendApiConfig(): FrontendApiConfig {
  if (config) return config
  const local = localFrontendApi(process.env.CLERK_PUBLISHABLE_KEY ?? '')
  const localBase = local && (browserFacingUrl(process.env.CLERK_PROXY_URL) ?? local)
  const signInUrl = process.env.CLERK_SIGN_IN_URL || (localBase ? `${localBase}/sign-in` : undefined)
  config = { localBase, signInUrl }
  return config
}

/**
 * The local backend's pages and script must be on the same site as the app: its sign-in sets an HttpOnly,
 * SameSite=Lax `__client` cookie, which the browser sends with the script's token refresh only then. An app on
 * `http://localhost:3000` next to a backend published as `http://127.0.0.1:4000` (two sites) therefore sends the
 * browser to `CLERK_PROXY_URL=http://localhost:4000`, which getAuth uses for the handshake too.
 */
function browserFacingUrl(proxyUrl: string | undefined): string | undefined {
  // A relative proxy path (`/__clerk`) would need the app to forward it; the local backend is reached directly.
  if (!proxyUrl || !/^https?:\/\//.test(proxyUrl)) return undefined
  const { href } = new URL(proxyUrl)
  return href.endsWith('/') ? href.slice(0, -1) : href
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

function withRedirect(url: string, returnTo: string): string {
  const target = new URL(url)
  target.searchParams.set('redirect_url', returnTo)
  return target.href
}

/** The sign-in page, coming back to `returnTo` (an absolute URL of this app); null when none is configured. */
export function signInUrl(returnTo: string): string | null {
  const { signInUrl } = frontendApiConfig()
  return signInUrl ? withRedirect(signInUrl, returnTo) : null
}

/**
 * The sign-out page, coming back to `returnTo`; null on a real Clerk instance, where signing out is the browser
 * SDK's job.
 */
export function signOutUrl(returnTo: string): string | null {
  const { localBase } = frontendApiConfig()
  return localBase ? withRedirect(`${localBase}/sign-out`, returnTo) : null
}

/**
 * The local backend's browser script, which keeps `__session` fresh while a tab is open (Clerk's browser SDK
 * does that on a real instance). Null on a real Clerk instance.
 */
export function localClerkScriptUrl(): string | null {
  const { localBase } = frontendApiConfig()
  return localBase ? `${localBase}/local-clerk.js` : null
}
