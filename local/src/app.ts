import { Hono } from 'hono'
import { backendApi } from './bapi/index.js'
import { json, toErrorResponse } from './bapi/respond.js'
import type { Core } from './core.js'
import { notFound } from './errors.js'

/** Every route of the local backend; the Frontend API part mounts next to the Backend API here. */
export function createApp(core: Core): Hono {
  const app = new Hono()
  const jwks = { keys: [core.keys.jwk] }
  app.get('/.well-known/jwks.json', () => json(jwks))
  app.route('/v1', backendApi(core))
  app.notFound((c) => {
    const { pathname } = new URL(c.req.url)
    return toErrorResponse(notFound('not found', `No route matches ${c.req.method} ${pathname}.`))
  })
  app.onError(toErrorResponse)
  return app
}
