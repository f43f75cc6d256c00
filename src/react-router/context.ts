// Where clerkMiddleware leaves the request's authentication for getAuth and rootAuthLoader: React Router's router
// context (`future.v8_middleware`), under a key of our own. React Router's `createContext(defaultValue)` is
// `{ defaultValue }`, so the key is made the same way and React Router is never imported.
import type { ClerkInstance } from '../auth/clerkInstance.js'
import type { SettledState } from '../auth/requestState.js'
import type { ClerkMiddlewareOptions } from './types.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

/** What the middleware authenticated, with what it was configured with (rootAuthLoader builds clerkState from it). */
export interface MiddlewareAuth {
  readonly state: SettledState
  readonly instance: ClerkInstance
  readonly options: ClerkMiddlewareOptions | undefined
}

/** React Router's `RouterContextProvider`, by the two methods it has. */
export interface RouterContextLike {
  get(key: unknown): unknown
  set(key: unknown, value: unknown): void
}

/** A RouterContext with `null` as its default: `get` answers null where the middleware did not run. */
const MIDDLEWARE_AUTH: { readonly defaultValue: MiddlewareAuth | null } = Object.freeze({ defaultValue: null })

/** As @clerk/react-router tells: the load context has `get` and `set` when middleware is on. */
export function isRouterContext(context: unknown): context is RouterContextLike {
  const candidate = context as Partial<RouterContextLike> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function'
  )
}

export function keepMiddlewareAuth(context: RouterContextLike, auth: MiddlewareAuth): void {
  context.set(MIDDLEWARE_AUTH, auth)
}

/** What clerkMiddleware left for this request; throws with the fix where it did not run. */
export function middlewareAuthOf(
  args: { context?: unknown } | null | undefined,
  caller: 'getAuth' | 'rootAuthLoader',
): MiddlewareAuth {
  const context = (args as { context?: unknown } | null | undefined)?.context
  const auth = isRouterContext(context) ? (context.get(MIDDLEWARE_AUTH) as MiddlewareAuth | null) : null
  if (auth) return auth
  throw new RemixClerkError(
    'REMIX_CLERK_MISSING_MIDDLEWARE',
    `remix-clerk: ${caller}() from remix-clerk/react-router reads what clerkMiddleware() found, and it did not run for ` +
      'this request. Export `export const middleware: Route.MiddlewareFunction[] = [clerkMiddleware()]` from app/root.tsx' +
      (isRouterContext(context)
        ? '.'
        : " and turn React Router's middleware on (`future: { v8_middleware: true }` in react-router.config.ts).") +
      ' Without middleware, import getAuth and rootAuthLoader from remix-clerk/ssr.server instead: they authenticate in the loader.',
  )
}
