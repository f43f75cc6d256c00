// getAuth(args): who is signed in, inside any loader or action.
import type { AuthObject } from '../auth/authObject'
import { authenticateArgs } from './authenticateArgs'
import type { AuthArgs, GetAuthOptions } from './types'

/**
 * The auth object of the request in `args` (`userId`, `sessionId`, `orgId`, `has()`, `getToken()`, …).
 * Reads only the request's URL and headers, never its body, so an action can still read its form data.
 * Throws a 307 Response when the browser must first go through a Clerk handshake; Remix sends it as is.
 */
export async function getAuth(args: AuthArgs, options?: GetAuthOptions): Promise<AuthObject> {
  const { state } = await authenticateArgs(args, options, 'getAuth')
  // A copy per call: one loader changing its auth object must not change another's.
  return { ...state.toAuth() }
}
