// The guard of every page that needs a signed-in user: it returns the auth object or redirects to sign-in.
import { redirect } from '@remix-run/node'
import { getAuth, type SignedInAuthObject } from 'remix-clerk/ssr.server'
import { AUTH_OPTIONS } from './authOptions.server'
import { signInUrl } from './frontendApi.server'

type LoaderOrActionArgs = Parameters<typeof getAuth>[0]

/** The signed-in auth object, or a redirect to the app's sign-in route that comes back to this URL. */
export async function requireAuth(args: LoaderOrActionArgs): Promise<SignedInAuthObject> {
  const auth = await getAuth(args, AUTH_OPTIONS)
  if (auth.userId !== null) return auth
  // no-store: the answer depends on cookies, and a cached redirect would outlive the sign-in.
  throw redirect(signInUrl(args.request.url), { headers: { 'Cache-Control': 'no-store' } })
}
