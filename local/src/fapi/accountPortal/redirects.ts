// Where a hosted page sends the browser afterwards: the redirect parameters ClerkJS puts on its URLs, each checked
// against the allowed origins exactly as the sign-in page checks `redirect_url`.
import type { Context } from 'hono'
import type { Core } from '../../core/core.js'
import type { RedirectCheck } from '../../http/allowedOrigins.js'
import { ownOrigins } from '../ownOrigin.js'
import { PORTAL_PATHS, isPortalPage } from './urls.js'

/**
 * The parameters of ClerkJS's `RedirectUrls` (snake_case, as `buildSignInUrl` writes them after `#`), in the order
 * ClerkJS ranks them: a force URL beats `redirect_url`, which beats a fallback, which beats the legacy after-URLs.
 */
export const REDIRECT_PARAMS = [
  'redirect_url',
  'sign_in_force_redirect_url',
  'sign_in_fallback_redirect_url',
  'sign_up_force_redirect_url',
  'sign_up_fallback_redirect_url',
  'after_sign_in_url',
  'after_sign_up_url',
] as const

type RedirectParam = (typeof REDIRECT_PARAMS)[number]

export interface PortalRedirects {
  /** The checked parameters as they came, for the links between the sign-in and sign-up pages to carry along. */
  query: URLSearchParams
  /** Where ClerkJS goes once signed in, and once signed up. */
  afterSignIn: string
  afterSignUp: string
  /** The app to go back to (a checked `redirect_url`, else the app the browser came from), if known. */
  back: URL | undefined
  /** The origins of every URL above: the only ones ClerkJS on the page may send the browser to. */
  origins: string[]
}

export type RedirectsResult = { ok: true; redirects: PortalRedirects } | { ok: false; problem: string }

/**
 * Reads and checks the redirect parameters of a hosted page's query (the page's script moves them there from
 * after `#`, where ClerkJS puts them). Each one present must pass `allowedOrigins.checkRedirect`, the check behind
 * every redirect of this backend, or be one of this server's own hosted pages (a profile page sending a signed-out
 * visitor to sign in and back). Without any, the browser goes to its account page after signing in.
 */
export function portalRedirects(core: Core, c: Context): RedirectsResult {
  const checked = new Map<RedirectParam, URL>()
  const query = new URLSearchParams()
  for (const name of REDIRECT_PARAMS) {
    const raw = c.req.query(name)
    if (raw === undefined) continue
    const check = checkPortalRedirect(core, c, raw)
    if (!check.ok) return { ok: false, problem: check.problem.replace('redirect_url', name) }
    checked.set(name, check.url)
    query.set(name, check.url.href)
  }
  const here = new URL(c.req.url).origin
  const first = (...names: RedirectParam[]) => names.map((name) => checked.get(name)).find((url) => url !== undefined)
  const account = new URL(PORTAL_PATHS.userProfile, c.req.url)
  const afterSignIn =
    first('sign_in_force_redirect_url', 'redirect_url', 'sign_in_fallback_redirect_url', 'after_sign_in_url') ?? account
  const afterSignUp =
    first('sign_up_force_redirect_url', 'redirect_url', 'sign_up_fallback_redirect_url', 'after_sign_up_url') ?? account
  const asked = checked.get('redirect_url')
  // A way back to the app, never to another hosted page (a profile page that sent a signed-out visitor here).
  const back = asked && !isPortalPage(asked, here) ? asked : referringApp(core, c)
  const urls = [afterSignIn, afterSignUp, ...(back ? [back] : [])]
  return {
    ok: true,
    redirects: {
      query,
      afterSignIn: afterSignIn.href,
      afterSignUp: afterSignUp.href,
      back,
      origins: [...new Set(urls.map((url) => url.origin))],
    },
  }
}

function checkPortalRedirect(core: Core, c: Context, raw: string): RedirectCheck {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (url && isPortalPage(url, new URL(c.req.url).origin)) return { ok: true, url }
  return core.allowedOrigins.checkRedirect(raw)
}

/**
 * The app page that led here, from the `Referer` (browsers send the app's origin across origins), when it is on an
 * allowed origin: `redirectToUserProfile()` and its siblings add no `redirect_url`, and the visitor still wants a
 * way back. Anything else, this server's own pages included, is ignored.
 */
function referringApp(core: Core, c: Context): URL | undefined {
  const referer = c.req.header('referer')
  if (referer === undefined) return undefined
  const check = core.allowedOrigins.checkRedirect(referer)
  return check.ok && !ownOrigins(core, c).includes(check.url.origin) ? check.url : undefined
}
