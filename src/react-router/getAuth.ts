// getAuth(args, options?) of remix-clerk/react-router: the auth object of what clerkMiddleware found for this request,
// as @clerk/react-router 3's getAuth; no authentication of its own.
import type { AuthObject } from '../auth/authObject'
import { middlewareAuthOf } from './context'
import type { ReactRouterArgs } from './types'

/**
 * The auth object of the request (`userId`, `sessionId`, `orgId`, `has()`, `getToken()`, …), as clerkMiddleware
 * found it. Throws when the middleware did not run for this request.
 *
 * @example
 * ```ts
 * import { getAuth } from 'remix-clerk/react-router'
 *
 * export async function loader(args: { request: Request; context: unknown }) {
 *   const { userId } = await getAuth(args)
 *   if (!userId) throw new Response('Unauthorized', { status: 401 })
 *   return { userId }
 * }
 * ```
 */
export async function getAuth(args: ReactRouterArgs): Promise<AuthObject> {
  const { state } = middlewareAuthOf(args, 'getAuth')
  // A copy per call: one loader changing its auth object must not change another's.
  return { ...state.toAuth() }
}
