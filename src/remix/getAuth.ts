// getAuth(args): who is signed in, inside any loader or action.
import type { AuthObject } from '../auth/authObject'
import { authenticateArgs } from './authenticateArgs'
import type { AuthArgs, GetAuthOptions } from './types'

/**
 * The auth object of the request in `args` (`userId`, `sessionId`, `orgId`, `has()`, `getToken()`, …).
 * Reads only the request's URL and headers, never its body, so an action can still read its form data.
 * Throws a 307 Response when the browser must first go through a Clerk handshake; Remix sends it as is.
 * Options not given are read from `CLERK_SECRET_KEY`, `CLERK_PUBLISHABLE_KEY`, … (`process.env`, then the
 * loader's `context`).
 *
 * @example
 * ```ts
 * import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
 * import { getAuth } from 'remix-clerk/ssr.server'
 *
 * export async function loader(args: LoaderFunctionArgs) {
 *   const { userId, orgId, has } = await getAuth(args)
 *   if (!userId) throw redirect(`/sign-in?redirect_url=${encodeURIComponent(args.request.url)}`)
 *   return json({ userId, orgId, canManage: has({ permission: 'org:invoices:manage' }) })
 * }
 * ```
 */
export async function getAuth(args: AuthArgs, options?: GetAuthOptions): Promise<AuthObject> {
  const { state } = await authenticateArgs(args, options, { name: 'getAuth' })
  // A copy per call: one loader changing its auth object must not change another's.
  return { ...state.toAuth() }
}
