import { redirect } from '@remix-run/node'
import { getAuth, type SignedInAuthObject } from 'remix-clerk/ssr.server'
import { signInUrl } from './frontendApi.server'

type LoaderOrActionArgs = Parameters<typeof getAuth>[0]

/**
 * The signed-in auth object, or a redirect to the sign-in page that comes back to this URL. Without a sign-in page
 * (a real Clerk instance and no CLERK_SIGN_IN_URL) the error boundary explains what to set.
 */
export async function requireAuth(args: LoaderOrActionArgs): Promise<SignedInAuthObject> {
  const auth = await getAuth(args)
  if (auth.userId !== null) return auth
  const signIn = signInUrl(args.request.url)
  // no-store: the answer depends on cookies, and a cached redirect would outlive the sign-in.
  if (signIn) throw redirect(signIn, { headers: { 'Cache-Control': 'no-store' } })
  throw new Response('Signed out, and no sign-in page is configured: set CLERK_SIGN_IN_URL.', { status: 401 })
}
