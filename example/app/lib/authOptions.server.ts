// The options every getAuth and rootAuthLoader of the example passes, so that all loaders of a page decide alike.
// Satellite settings (CLERK_IS_SATELLITE, CLERK_DOMAIN / CLERK_PROXY_URL, CLERK_SIGN_IN_URL, CLERK_SATELLITE_AUTO_SYNC)
// come from the environment, which remix-clerk reads itself.
import type { GetAuthOptions } from 'remix-clerk/ssr.server'

export const AUTH_OPTIONS = {
  // Organization sync: /orgs/acme activates Acme for the session (if the user is a member), /me the personal account.
  organizationSyncOptions: {
    organizationPatterns: ['/orgs/:slug', '/orgs/:slug/(.*)'],
    personalAccountPatterns: ['/me', '/me/(.*)'],
  },
} satisfies GetAuthOptions

/**
 * Where ClerkJS sends people to sign in and up, handed over in clerkState: the app's own routes, or on a satellite
 * the primary's sign-in page (CLERK_SIGN_IN_URL, absolute), which is also where a development satellite syncs. Set
 * but empty (`CLERK_SIGN_IN_URL=`), the app names none, and ClerkJS uses the instance's hosted pages, as an app
 * does that follows Clerk's Remix quickstart: on remix-clerk-local, its local Account Portal.
 */
export const CLIENT_URLS = {
  signInUrl: process.env.CLERK_SIGN_IN_URL ?? '/sign-in',
  signUpUrl: process.env.CLERK_SIGN_UP_URL ?? '/sign-up',
}
