// getAuth(args, options?): who is signed in (or which machine token came), inside any loader or action.
import type { AuthObject } from '../auth/authObject.js'
import type { TokenType } from '../jwt/machineTokens.js'
import type { AnyAuthObject, AuthObjectFor } from '../auth/machine/machineAuthObjects.js'
import { authenticateArgs } from './authenticateArgs.js'
import type { AcceptsTokenOption, AuthArgs, GetAuthOptions } from './types.js'

/**
 * The auth object of the request in `args` (`userId`, `sessionId`, `orgId`, `has()`, `getToken()`, …).
 * Reads only the request's URL and headers, never its body, so an action can still read its form data.
 * Throws a 307 Response when the browser must first go through a Clerk handshake; Remix sends it as is.
 * Options not given are read from `CLERK_SECRET_KEY`, `CLERK_PUBLISHABLE_KEY`, … (`process.env`, then the
 * loader's `context`). With `acceptsToken`, machine tokens in `Authorization` count too, and the type follows.
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
export function getAuth(
  args: AuthArgs,
  options?: GetAuthOptions & { acceptsToken?: 'session_token' },
): Promise<AuthObject>
/**
 * The auth object of whichever token kinds `acceptsToken` names (`'api_key'`, `'m2m_token'`, `'oauth_token'`, a
 * list, `'any'`): a machine token in `Authorization` is verified as @clerk/backend 3 verifies it.
 *
 * @example
 * ```ts
 * import { json, type LoaderFunctionArgs } from '@remix-run/node'
 * import { getAuth } from 'remix-clerk/ssr.server'
 *
 * export async function loader(args: LoaderFunctionArgs) {
 *   const auth = await getAuth(args, { acceptsToken: 'api_key' })
 *   if (!auth.isAuthenticated) return json({ error: 'Unauthorized' }, { status: 401 })
 *   return json({ subject: auth.subject, scopes: auth.scopes })
 * }
 * ```
 */
export function getAuth<const Accepts extends TokenType | readonly TokenType[] | 'any'>(
  args: AuthArgs,
  options: GetAuthOptions & { acceptsToken: Accepts },
): Promise<AuthObjectFor<Accepts>>
export async function getAuth(args: AuthArgs, options?: GetAuthOptions & AcceptsTokenOption): Promise<AnyAuthObject> {
  const { state } = await authenticateArgs(args, options, { name: 'getAuth' })
  // A copy per call: one loader changing its auth object must not change another's.
  return { ...state.toAuth({ treatPendingAsSignedOut: options?.treatPendingAsSignedOut }) }
}
