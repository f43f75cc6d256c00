// rootAuthLoader(args, callback?, options?): the root route's loader, which authenticates the request
// and hands `clerkState` to `ClerkApp` in the browser, next to the callback's own data.
import type { AnyAuthObject } from '../auth/machine/machineAuthObjects.js'
import { authenticateArgs } from './authenticateArgs.js'
import { clerkStateFor } from './clerkState.js'
import { jsonResponse, withClerkState } from './loaderResult.js'
import { envReader } from './env.js'
import { withForwardedVary } from './forwardedVary.js'
import { loadClientOptions } from './options.js'
import { loadResources } from './resources.js'
import type {
  AuthArgs,
  LoaderArgsWithAuth,
  RootAuthLoaderCallbackResult,
  RootAuthLoaderOptions,
  RootAuthLoaderResult,
  JsonResponse,
  ClerkState,
} from './types.js'

const NO_OPTIONS: RootAuthLoaderOptions = Object.freeze({})

export type RootAuthLoaderCallback<Args extends AuthArgs, Options extends RootAuthLoaderOptions, Result> = (
  args: LoaderArgsWithAuth<Args, Options>,
) => Result | Promise<Result>

/**
 * The root route's loader: authenticates the request and returns `{ clerkState }` for `ClerkApp` from
 * `@clerk/remix` in the browser. Throws a 307 Response when the browser must first go through a Clerk handshake.
 *
 * @example
 * ```tsx
 * import type { LoaderFunctionArgs } from '@remix-run/node'
 * import { rootAuthLoader } from 'remix-clerk/ssr.server'
 *
 * export const loader = (args: LoaderFunctionArgs) => rootAuthLoader(args)
 * ```
 */
export function rootAuthLoader<Args extends AuthArgs>(
  args: Args,
  options?: RootAuthLoaderOptions,
): Promise<JsonResponse<{ clerkState: ClerkState }>>
/**
 * The root route's loader with data of its own: the callback runs with `request.auth` (and `request.user` /
 * `request.session` / `request.organization` when `loadUser` / `loadSession` / `loadOrganization` ask for them),
 * and its result gets `clerkState` added, keeping its status and headers. A redirect from the callback is returned
 * untouched. Throws a 307 Response when the browser must first go through a Clerk handshake.
 *
 * @example
 * ```tsx
 * import type { LoaderFunctionArgs } from '@remix-run/node'
 * import { rootAuthLoader } from 'remix-clerk/ssr.server'
 *
 * export const loader = (args: LoaderFunctionArgs) =>
 *   rootAuthLoader(args, ({ request }) => {
 *     const { userId } = request.auth
 *     return { userId, name: request.user?.fullName ?? null }
 *   }, { loadUser: true })
 * ```
 */
export function rootAuthLoader<
  Args extends AuthArgs,
  Result extends RootAuthLoaderCallbackResult,
  Options extends RootAuthLoaderOptions = RootAuthLoaderOptions,
>(
  args: Args,
  callback: RootAuthLoaderCallback<Args, Options, Result>,
  options?: Options,
): Promise<RootAuthLoaderResult<Result>>
export async function rootAuthLoader(
  args: AuthArgs,
  callbackOrOptions?: RootAuthLoaderCallback<AuthArgs, RootAuthLoaderOptions, unknown> | RootAuthLoaderOptions,
  maybeOptions?: RootAuthLoaderOptions,
): Promise<unknown> {
  const callback = typeof callbackOrOptions === 'function' ? callbackOrOptions : undefined
  // Undefined when none was given: a new `{}` per call would look like a new options object to every memo.
  const given =
    maybeOptions ?? (callbackOrOptions && typeof callbackOrOptions !== 'function' ? callbackOrOptions : undefined)
  const options = given ?? NO_OPTIONS

  const { state, instance } = await authenticateArgs(args, given, { name: 'rootAuthLoader' })
  const auth = state.toAuth({ treatPendingAsSignedOut: options.treatPendingAsSignedOut })
  const env = envReader(given, args.context)
  const clerkState = clerkStateFor(state, auth, loadClientOptions(options, env), env)
  const headers = withForwardedVary(state.headers, instance)
  if (!callback) return jsonResponse({ clerkState }, headers)

  const request = args.request as Request & Record<string, unknown>
  const resources =
    options.loadUser || options.loadSession || options.loadOrganization
      ? await loadResources(instance.client, auth, options)
      : { session: undefined, user: undefined, organization: undefined }
  // The callback reads them from its request, as with @clerk/remix. The auth object is a copy, so the
  // callback cannot change what other loaders of this request get.
  Object.assign(request, { auth: { ...auth } satisfies AnyAuthObject, ...resources })
  const result = await callback(args as LoaderArgsWithAuth<AuthArgs, RootAuthLoaderOptions>)
  return withClerkState(result, clerkState, headers)
}
