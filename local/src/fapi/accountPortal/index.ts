// The local Account Portal: hosted sign-in, sign-up, user profile, organization profile and create-organization
// pages, built on ClerkJS's own components, which `display_config` names so that `redirectToSignIn()`,
// `<SignInButton/>`, `redirectToUserProfile()` and their siblings lead here and back to the app.
import type { Context, Hono } from 'hono'
import { CLERK_JS_PACKAGE } from '../../clerkJsBundles/clerkJsBundle.js'
import type { Core } from '../../core/core.js'
import { currentSession } from '../../services/clients.js'
import { publishableKeyFor } from '../../shared/urls.js'
import { cookieClient } from '../clientCookie.js'
import { errorPage, htmlResponse } from '../html.js'
import { type PortalConfig, portalPage } from './page.js'
import { type PortalRedirects, portalRedirects } from './redirects.js'
import { portalScript } from './script.js'
import { PORTAL_PATHS, PORTAL_SCRIPT_PATH, type PortalPage } from './urls.js'

/**
 * What each page may load and do: scripts only from this server (ClerkJS, its chunks and `/accounts/portal.js`; no
 * inline script), calls to this server only, inline styles (ClerkJS's components style themselves at run time),
 * ClerkJS's timer worker (a `blob:` URL), images from here or `data:`/`blob:` (ClerkJS draws initials), and no
 * framing (a framed sign-in could be clicked through unseen).
 */
const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

const PAGE_HEADERS = { 'Content-Security-Policy': PORTAL_CSP, 'X-Content-Type-Options': 'nosniff' }

interface PageSpec {
  title: string
  mount: string
  /** Profile pages need someone signed in: a signed-out visitor signs in first and comes back. */
  needsUser: boolean
  /** Shown instead of the component when the session has no active organization. */
  noOrganization?: string
  props(redirects: PortalRedirects, c: Context): Record<string, string>
}

const PAGES: Record<PortalPage, PageSpec> = {
  signIn: {
    title: 'Sign in',
    mount: 'mountSignIn',
    needsUser: false,
    props: (r, c) => ({
      forceRedirectUrl: r.afterSignIn,
      signUpForceRedirectUrl: r.afterSignUp,
      signUpUrl: carrying(PORTAL_PATHS.signUp, r, c),
    }),
  },
  signUp: {
    title: 'Sign up',
    mount: 'mountSignUp',
    needsUser: false,
    props: (r, c) => ({
      forceRedirectUrl: r.afterSignUp,
      signInForceRedirectUrl: r.afterSignIn,
      signInUrl: carrying(PORTAL_PATHS.signIn, r, c),
    }),
  },
  userProfile: { title: 'Your account', mount: 'mountUserProfile', needsUser: true, props: () => ({}) },
  organizationProfile: {
    title: 'Organization',
    mount: 'mountOrganizationProfile',
    needsUser: true,
    noOrganization:
      'No organization is active in this session. Choose one in your app (with the organization switcher), then open this page again.',
    props: (r, c) => ({ afterLeaveOrganizationUrl: r.back?.href ?? new URL(PORTAL_PATHS.userProfile, c.req.url).href }),
  },
  createOrganization: {
    title: 'Create an organization',
    mount: 'mountCreateOrganization',
    needsUser: true,
    props: (r, c) => ({
      afterCreateOrganizationUrl: r.back?.href ?? new URL(PORTAL_PATHS.organizationProfile, c.req.url).href,
    }),
  },
}

/**
 * The other page of the pair (sign-in, sign-up) with this page's redirect parameters in its query: ClerkJS's link
 * between the two carries only what it finds after `#`, which the portal script has moved out of it.
 */
function carrying(path: string, redirects: PortalRedirects, c: Context): string {
  const url = new URL(path, c.req.url)
  url.search = redirects.query.toString()
  return url.href
}

/** Registers the hosted pages and their script on the Frontend API's app. */
export function mountAccountPortal(app: Hono, core: Core): void {
  const script = portalScript()
  app.get(
    PORTAL_SCRIPT_PATH,
    () =>
      new Response(script, {
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        },
      }),
  )
  for (const [page, path] of Object.entries(PORTAL_PATHS) as Array<[PortalPage, string]>) {
    app.get(path, (c) => showPortalPage(core, c, PAGES[page]))
  }
}

async function showPortalPage(core: Core, c: Context, spec: PageSpec): Promise<Response> {
  const checked = portalRedirects(core, c)
  if (!checked.ok) {
    return errorPage(
      400,
      'Cannot continue',
      checked.problem,
      'Open this page from your app, which adds where to go back to.',
    )
  }
  const { redirects } = checked
  const here = new URL(c.req.url)
  // Where the visitor came back from the app through the Referer: keep it in the URL, so that it survives the
  // detour through sign-in and a reload.
  if (redirects.back && !here.searchParams.has('redirect_url'))
    here.searchParams.set('redirect_url', redirects.back.href)
  const signIn = new URL(PORTAL_PATHS.signIn, here)
  signIn.searchParams.set('redirect_url', here.href)
  if (spec.needsUser && !signedIn(core, c)) return seeOther(signIn)

  const clerkJs = core.clerkJs
  if (!clerkJs) {
    return errorPage(
      503,
      'ClerkJS is not installed',
      `remix-clerk-local has no ${CLERK_JS_PACKAGE}, so it cannot serve the pages built on Clerk's components.`,
      'Download it once with npx remix-clerk-local clerk-js install (add 6 for ClerkJS 6 with @clerk/ui), then restart ' +
        'remix-clerk-local. Without it, sign in at /sign-in?redirect_url=<your page>.',
    )
  }
  const config: PortalConfig = {
    mount: spec.mount,
    props: spec.props(redirects, c),
    allowedRedirectOrigins: redirects.origins,
    ...(spec.needsUser ? { signInUrl: signIn.href } : {}),
    ...(spec.noOrganization ? { noOrganization: spec.noOrganization } : {}),
  }
  // The no-JavaScript page signs in too, and goes back to the app (it takes app URLs only).
  const withoutJavaScript =
    !spec.needsUser && redirects.back
      ? `/sign-in?${new URLSearchParams({ redirect_url: redirects.back.href })}`
      : undefined
  const page = portalPage({
    title: spec.title,
    origin: here.origin,
    publishableKey: publishableKeyFor(core.frontendApiUrl()),
    clerkJs,
    ui: clerkJs.major === '5' ? undefined : core.npmBundles.find((bundle) => bundle.name === '@clerk/ui'),
    config,
    back: redirects.back,
    withoutJavaScript,
  })
  return htmlResponse(page, 200, PAGE_HEADERS)
}

function signedIn(core: Core, c: Context): boolean {
  const client = cookieClient(core, c)
  return client !== undefined && currentSession(core, client) !== undefined
}

/** 303 with an empty fragment, so the browser does not carry this page's fragment over to the next one. */
function seeOther(to: URL): Response {
  return new Response(null, { status: 303, headers: { Location: `${to.href}#`, 'Cache-Control': 'no-store' } })
}
