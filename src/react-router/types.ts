// Public types of `remix-clerk/react-router`. React Router's own types are matched by shape, not imported, so the
// package neither depends on React Router at run time nor drags its types into ours.
import type { ClerkState, RootAuthLoaderOptions, RequestWithAuth } from '../remix/types.js'

/** React Router's `LoaderFunctionArgs` / `ActionFunctionArgs` / the typegen's `Route.LoaderArgs`, by shape. */
export interface ReactRouterArgs {
  request: Request
  /** With `future.v8_middleware`, React Router's `RouterContextProvider`, where clerkMiddleware keeps what it found. */
  context: unknown
  params?: unknown
}

/**
 * Options of `clerkMiddleware` (and `clerkClient`): the keys and the instance's settings, as `getAuth` of
 * remix-clerk/ssr.server takes them, and the URLs `rootAuthLoader` hands to the browser. Each falls back to its
 * variable (public ones first under Vite's `VITE_` prefix, as @clerk/react-router reads them).
 */
export type ClerkMiddlewareOptions = Omit<RootAuthLoaderOptions, 'loadUser' | 'loadSession' | 'loadOrganization'>

/** React Router's `Route.MiddlewareFunction` (`MiddlewareFunction<Response>`), by shape. */
export type ClerkMiddleware = (args: ReactRouterArgs, next: () => Promise<Response>) => Promise<Response>

/** Options of this entry's `rootAuthLoader`: what to fetch for the callback (the rest was the middleware's). */
export type ReactRouterRootAuthLoaderOptions = Pick<
  RootAuthLoaderOptions,
  'loadUser' | 'loadSession' | 'loadOrganization'
>

export type ReactRouterLoaderArgsWithAuth<
  Args extends ReactRouterArgs,
  Options extends ReactRouterRootAuthLoaderOptions,
> = Omit<Args, 'request'> & {
  request: RequestWithAuth<Options>
}

export type ReactRouterRootAuthLoaderCallback<
  Args extends ReactRouterArgs,
  Options extends ReactRouterRootAuthLoaderOptions,
  Result,
> = (args: ReactRouterLoaderArgsWithAuth<Args, Options>) => Result | Promise<Result>

/** React Router's `data(value, init)` result (`UNSAFE_DataWithResponseInit`), by shape. */
interface DataWithResponseInitLike<D> {
  type: string
  data: D
  init: ResponseInit | null
}

/**
 * The loader's data for a callback result `R`, so that `Route.ComponentProps['loaderData']` stays typed: a plain
 * object (or `null`) with `clerkState` added, `data(…)` with `clerkState` added to its data, a Response as it is (its
 * JSON body gains `clerkState`; React Router types the data of a Response as `never`).
 */
export type ReactRouterRootAuthLoaderResult<R> = R extends Response
  ? Response
  : R extends DataWithResponseInitLike<infer D>
    ? Omit<R, 'data'> & { data: (D extends null ? unknown : D) & { clerkState: ClerkState } }
    : (R extends null ? unknown : R) & { clerkState: ClerkState }
