// Where the local Account Portal's pages live, and the `display_config` URLs that point ClerkJS at them.

/**
 * The hosted pages, at the paths of Clerk's Account Portal (`accounts.<domain>/sign-in`, `/user`, …) under
 * `/accounts/`, so they never collide with the backend's own no-JavaScript `/sign-in` and `/sign-out` pages.
 */
export const PORTAL_PATHS = {
  signIn: '/accounts/sign-in',
  signUp: '/accounts/sign-up',
  userProfile: '/accounts/user',
  organizationProfile: '/accounts/organization',
  createOrganization: '/accounts/create-organization',
} as const

export type PortalPage = keyof typeof PORTAL_PATHS

/** The script every hosted page runs (and the no-JavaScript `/sign-in` page, to read a `redirect_url` after `#`). */
export const PORTAL_SCRIPT_PATH = '/accounts/portal.js'

/** Whether `url` is one of the hosted pages on `origin` (and carries no user name or password). */
export function isPortalPage(url: URL, origin: string): boolean {
  const plain = url.username === '' && url.password === ''
  return plain && url.origin === origin && Object.values<string>(PORTAL_PATHS).includes(url.pathname)
}

/**
 * The `display_config` fields ClerkJS 5 and 6 build their URLs from (`buildSignInUrl`, `redirectToUserProfile`, …),
 * on `origin`: the backend as this browser reaches it (the app's `CLERK_PROXY_URL`), so the pages share the
 * `__client` cookie with the app's ClerkJS. ClerkJS reads neither after-sign-in URL itself (the app's options win);
 * they are where a hosted page sends someone who came without a `redirect_url`: to their account. The other URLs
 * (`home_url`, after sign-out, after creating or leaving an organization) stay empty, so ClerkJS in the app keeps
 * following the app's own options and never leaves it on its own.
 */
export function portalDisplayUrls(origin: string) {
  return {
    sign_in_url: `${origin}${PORTAL_PATHS.signIn}`,
    sign_up_url: `${origin}${PORTAL_PATHS.signUp}`,
    user_profile_url: `${origin}${PORTAL_PATHS.userProfile}`,
    organization_profile_url: `${origin}${PORTAL_PATHS.organizationProfile}`,
    create_organization_url: `${origin}${PORTAL_PATHS.createOrganization}`,
    after_sign_in_url: `${origin}${PORTAL_PATHS.userProfile}`,
    after_sign_up_url: `${origin}${PORTAL_PATHS.userProfile}`,
  }
}
