// This server's own origin, as the browser reached it or as configured: where its pages (the sign-in forms, the
// hosted Account Portal pages) run, so requests and redirects from there are this server's own.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'

/** The origins that are this server: the one the request came to (host-checked, see assembly/hostGuard.ts) and the configured one. */
export function ownOrigins(core: Core, c: Context): string[] {
  return [new URL(c.req.url).origin, new URL(core.frontendApiUrl()).origin]
}

/** Whether an `Origin` header value names this server itself, i.e. the request came from one of its own pages. */
export function isOwnOrigin(core: Core, c: Context, origin: string): boolean {
  return ownOrigins(core, c).includes(origin)
}
