// The one Hono app behind both listen() and fetch(): the host guard first, then the Backend API and the Frontend API
// side by side.
import { Hono, type MiddlewareHandler } from 'hono'
import { backendApi } from '../bapi/index.js'
import { machineTokenApi } from '../bapi/machineTokenApi.js'
import { incomingRequest } from '../http/incomingRequest.js'
import { unsupportedApi } from '../bapi/unsupported.js'
import { json, toErrorResponse } from '../http/respond.js'
import type { Core } from '../core/core.js'
import { notFound } from '../shared/errors.js'
import { clerkJsApi, isClerkJsRequest } from '../fapi/clerkjs/index.js'
import { frontendApi } from '../fapi/index.js'
import { rejectOtherHosts } from './hostGuard.js'
import { withRequestAttributes } from '../webhooks/requestAttributes.js'

/** Every route of the local backend: the Backend API under `/v1/…` and the Frontend API part next to it. */
export function createApp(core: Core): Hono {
  const app = new Hono()
  app.use(rejectOtherHosts(core))
  app.use(recordRequestAttributes(core))
  const jwks = { keys: [core.keys.jwk] }
  app.get('/.well-known/jwks.json', () => json(jwks))
  // First: ClerkJS's calls share paths with the Backend API (`/v1/organizations/…`), where a missing secret key
  // would be a 401, and a 401 signs ClerkJS out.
  const clerkJs = clerkJsApi(core)
  app.use('/v1/*', async (c, next) => (isClerkJsRequest(c) ? clerkJs.fetch(c.req.raw, c.env) : next()))
  app.route('/v1', backendApi(core))
  // Before anything else at the root: the versionless Backend API paths of machine tokens.
  app.route('/', machineTokenApi(core))
  app.route('/', unsupportedApi(core))
  app.route('/', frontendApi(core))
  app.notFound((c) => {
    const { pathname } = new URL(c.req.url)
    return toErrorResponse(notFound('not found', `No route matches ${c.req.method} ${pathname}.`))
  })
  app.onError(toErrorResponse)
  return app
}

/** Who made the request, for the webhooks it causes (`event_attributes.http_request`); skipped when nobody listens. */
function recordRequestAttributes(core: Core): MiddlewareHandler {
  return (c, next) => {
    if (!core.events.enabled) return next()
    const attributes = {
      client_ip: incomingRequest(c)?.socket.remoteAddress ?? '',
      user_agent: c.req.header('user-agent') ?? '',
    }
    return withRequestAttributes(attributes, next)
  }
}
