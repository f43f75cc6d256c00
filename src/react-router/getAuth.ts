// getAuth(args, options?) of remix-clerk/react-router: the auth object of what clerkMiddleware found for this request
// (it accepts every kind of token), kept to the kinds this call accepts, as @clerk/react-router 3's getAuth; no
// authentication of its own.
import type { AuthObject } from '../auth/authObject.js'
import { authObjectForAcceptedToken, checkAcceptsToken, type AcceptsToken } from '../auth/machine/acceptedToken.js'
import type { AnyAuthObject, AuthObjectFor } from '../auth/machine/machineAuthObjects.js'
import type { PendingSessionOptions } from '../auth/requestState.js'
import type { TokenType } from '../jwt/machineTokens.js'
import { middlewareAuthOf } from './context.js'
import type { ReactRouterArgs } from './types.js'

/** Options of this entry's getAuth: the keys were the middleware's. */
export interface ReactRouterGetAuthOptions extends PendingSessionOptions {
  /** Which tokens the route takes (default `'session_token'`); the return type follows it. */
  acceptsToken?: AcceptsToken
}

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
export function getAuth(
  args: ReactRouterArgs,
  options?: PendingSessionOptions & { acceptsToken?: 'session_token' },
): Promise<AuthObject>
/** The auth object of whichever token kinds `acceptsToken` names; the type follows it. */
export function getAuth<const Accepts extends TokenType | readonly TokenType[] | 'any'>(
  args: ReactRouterArgs,
  options: PendingSessionOptions & { acceptsToken: Accepts },
): Promise<AuthObjectFor<Accepts>>
export async function getAuth(args: ReactRouterArgs, options: ReactRouterGetAuthOptions = {}): Promise<AnyAuthObject> {
  const { state } = middlewareAuthOf(args, 'getAuth')
  const acceptsToken = options.acceptsToken === undefined ? 'session_token' : checkAcceptsToken(options.acceptsToken)
  const auth = state.toAuth({ treatPendingAsSignedOut: options.treatPendingAsSignedOut })
  // A copy per call: one loader changing its auth object must not change another's.
  return { ...authObjectForAcceptedToken(auth, acceptsToken) }
}
