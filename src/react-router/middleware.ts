// clerkMiddleware(): React Router's middleware (`future.v8_middleware`) that authenticates each request once, before
// any loader or action runs, as @clerk/react-router 3's does: a handshake or the clean redirect after one is answered
// at once (307); otherwise what it found is kept in the router context for getAuth and rootAuthLoader, and its headers
// (a refreshed session's cookies, the auth status) are appended to the response.
import { authenticateArgs } from '../remix/authenticateArgs.js'
import { withForwardedVary } from '../remix/forwardedVary.js'
import { isRouterContext, keepMiddlewareAuth } from './context.js'
import { reactRouterEnvReader } from './env.js'
import type { ClerkMiddleware, ClerkMiddlewareOptions } from './types.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

/**
 * The middleware for app/root.tsx. Options not given are read from their variables (`CLERK_SECRET_KEY`,
 * `VITE_CLERK_PUBLISHABLE_KEY` or `CLERK_PUBLISHABLE_KEY`, …).
 *
 * @example
 * ```ts
 * // app/root.tsx (react-router.config.ts: `future: { v8_middleware: true }`)
 * import { clerkMiddleware, rootAuthLoader } from 'remix-clerk/react-router'
 *
 * export const middleware = [clerkMiddleware()]
 * export const loader = (args: { request: Request; context: unknown }) => rootAuthLoader(args)
 * ```
 */
export function clerkMiddleware(options?: ClerkMiddlewareOptions): ClerkMiddleware {
  return async (args, next) => {
    const { context } = args
    if (!isRouterContext(context)) {
      throw new RemixClerkError(
        'REMIX_CLERK_MIDDLEWARE_NOT_ENABLED',
        'remix-clerk: clerkMiddleware() runs as React Router middleware, whose load context is a RouterContextProvider: ' +
          "turn it on with `future: { v8_middleware: true }` in react-router.config.ts, and export it from app/root.tsx's `middleware`.",
      )
    }
    let authenticated
    try {
      // Every kind, as @clerk/react-router's: each getAuth then keeps the kinds it accepts.
      authenticated = await authenticateArgs(args, options, {
        name: 'clerkMiddleware',
        readEnv: reactRouterEnvReader,
        acceptsToken: 'any',
      })
    } catch (thrown) {
      // A handshake, or the clean URL after one: the page is not rendered, the browser goes there first.
      if (thrown instanceof Response) return thrown
      throw thrown
    }
    const { state, instance } = authenticated
    keepMiddlewareAuth(context, { state, instance, options })
    return withHeaders(await next(), withForwardedVary(state.headers, instance))
  }
}

/** Appends (never sets) each header; a Response whose headers are immutable is copied first. */
function withHeaders(response: Response, headers: Headers): Response {
  let target = response
  try {
    appendAll(target.headers, headers)
  } catch {
    target = new Response(response.body, response)
    appendAll(target.headers, headers)
  }
  return target
}

function appendAll(target: Headers, source: Headers): void {
  source.forEach((value, name) => {
    if (name !== 'set-cookie') target.append(name, value)
  })
  for (const cookie of source.getSetCookie()) target.append('set-cookie', cookie)
}
