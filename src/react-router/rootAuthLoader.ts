// rootAuthLoader(args, callback?, options?) of remix-clerk/react-router: the root route's loader, which hands
// `clerkState` to @clerk/react-router's `<ClerkProvider loaderData={loaderData}>` next to the callback's own data, from
// what clerkMiddleware found. As @clerk/react-router 3: plain data stays plain data (typed for the page), a Response
// gets `clerkState` in its JSON body, a redirect goes out as it is.
import type { AnyAuthObject } from '../auth/machine/machineAuthObjects.js'
import { describeValue, invalidCallbackResult } from '../remix/errors.js'
import { withClerkState } from '../remix/loaderResult.js'
import { loadClientOptions } from '../remix/options.js'
import { loadResources } from '../remix/resources.js'
import type { RootAuthLoaderCallbackResult } from '../remix/types.js'
import { reactRouterClerkState } from './clerkState.js'
import { middlewareAuthOf } from './context.js'
import { reactRouterEnvReader } from './env.js'
import type {
  ReactRouterArgs,
  ReactRouterLoaderArgsWithAuth,
  ReactRouterRootAuthLoaderCallback,
  ReactRouterRootAuthLoaderOptions,
  ReactRouterRootAuthLoaderResult,
} from './types.js'
import type { ClerkState } from '../remix/types.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

/**
 * The root route's loader: `{ clerkState }` for `<ClerkProvider loaderData={loaderData}>`. Needs clerkMiddleware.
 *
 * @example
 * ```ts
 * import { clerkMiddleware, rootAuthLoader } from 'remix-clerk/react-router'
 *
 * export const middleware = [clerkMiddleware()]
 * export const loader = (args: { request: Request; context: unknown }) => rootAuthLoader(args)
 * ```
 */
export function rootAuthLoader(args: ReactRouterArgs): Promise<{ clerkState: ClerkState }>
/**
 * The root route's loader with data of its own: the callback runs with `request.auth` (and `request.user`,
 * `request.session`, `request.organization` when the options ask for them), and its result gets `clerkState`.
 */
export function rootAuthLoader<
  Args extends ReactRouterArgs,
  Result extends RootAuthLoaderCallbackResult,
  Options extends ReactRouterRootAuthLoaderOptions = ReactRouterRootAuthLoaderOptions,
>(
  args: Args,
  callback: ReactRouterRootAuthLoaderCallback<Args, Options, Result>,
  options?: Options,
): Promise<ReactRouterRootAuthLoaderResult<Result>>
export async function rootAuthLoader(
  args: ReactRouterArgs,
  callback?: ReactRouterRootAuthLoaderCallback<ReactRouterArgs, ReactRouterRootAuthLoaderOptions, unknown>,
  options: ReactRouterRootAuthLoaderOptions = {},
): Promise<unknown> {
  const { state, instance, options: middlewareOptions } = middlewareAuthOf(args, 'rootAuthLoader')
  const auth = state.toAuth()
  const env = reactRouterEnvReader(middlewareOptions, args.context)
  const clerkState = reactRouterClerkState(state, auth, loadClientOptions(middlewareOptions ?? {}, env), env)
  if (!callback) return { clerkState }

  const resources =
    options.loadUser || options.loadSession || options.loadOrganization
      ? await loadResources(instance.client, auth, options)
      : { session: undefined, user: undefined, organization: undefined }
  // The callback reads them from its request, as with @clerk/react-router; the auth object is a copy.
  Object.assign(args.request, { auth: { ...auth } satisfies AnyAuthObject, ...resources })
  const result = await callback(
    args as ReactRouterLoaderArgsWithAuth<ReactRouterArgs, ReactRouterRootAuthLoaderOptions>,
  )
  if (
    result instanceof Response ||
    (typeof result === 'object' && result !== null && (result as { type?: unknown }).type === 'DataWithResponseInit')
  ) {
    // The middleware appends the auth state's headers to the response, so none are added here.
    return withClerkState(result, clerkState, undefined)
  }
  return plainWithClerkState(result, clerkState)
}

/** Plain data stays plain: React Router serialises it (and types it for the page). */
function plainWithClerkState(result: unknown, clerkState: ClerkState): Record<string, unknown> {
  if (result === null) return { clerkState }
  if (typeof result === 'object' && !Array.isArray(result))
    return { ...(result as Record<string, unknown>), clerkState }
  throw new RemixClerkError('REMIX_CLERK_INVALID_CALLBACK_RESULT', invalidCallbackResult(describeValue(result)))
}
