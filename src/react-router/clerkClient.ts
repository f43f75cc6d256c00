// clerkClient(args, options?) of remix-clerk/react-router: a Backend API client configured from the same options and
// variables as clerkMiddleware, as @clerk/react-router 3's is.
import { apiUrlFromPublishableKey } from '../auth/publishableKey.js'
import { createClerkClient, type ClerkClient } from '../backend/client.js'
import { missingKey, noSecretKey } from '../remix/errors.js'
import { reactRouterEnvReader } from './env.js'
import type { ClerkMiddlewareOptions, ReactRouterArgs } from './types.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

/**
 * @example
 * ```ts
 * import { clerkClient, getAuth } from 'remix-clerk/react-router'
 *
 * export async function loader(args: { request: Request; context: unknown }) {
 *   const { userId } = await getAuth(args)
 *   const user = userId ? await clerkClient(args).users.getUser(userId) : null
 *   return { name: user?.fullName ?? null }
 * }
 * ```
 */
export function clerkClient(args: ReactRouterArgs, options: ClerkMiddlewareOptions = {}): ClerkClient {
  const env = reactRouterEnvReader(options, args.context)
  const secretKey = options.secretKey || env('CLERK_SECRET_KEY')
  if (!secretKey) throw new RemixClerkError('REMIX_CLERK_MISSING_SECRET_KEY', missingKey(noSecretKey, args.context))
  const publishableKey = options.publishableKey || env('CLERK_PUBLISHABLE_KEY')
  const apiUrl =
    options.apiUrl || env('CLERK_API_URL') || (publishableKey ? apiUrlFromPublishableKey(publishableKey) : undefined)
  return createClerkClient({
    secretKey,
    apiUrl,
    machineSecretKey: options.machineSecretKey || env('CLERK_MACHINE_SECRET_KEY') || undefined,
  })
}
