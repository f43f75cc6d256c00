// CORS for browser calls to the Frontend API, limited to the allowed origins because they carry cookies.
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { Core } from '../core/core.js'

/**
 * CORS for the Frontend API's browser calls: only pages on allowed origins may read answers and send cookies
 * (`Access-Control-Allow-Credentials`), and `Vary: Origin` keeps caches from mixing origins. Errors carry the
 * headers too, so a page can read what went wrong.
 */
export function credentialedCors(core: Core): MiddlewareHandler {
  return cors({
    origin: (origin) => (core.allowedOrigins.allows(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  })
}
