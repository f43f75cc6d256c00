// The Backend API (`/v1/…` for server SDKs): each resource's routes behind the secret-key and API-version checks.
import { Hono } from 'hono'
import type { Core } from '../core.js'
import { checkApiVersion } from './apiVersion.js'
import { requireSecretKey } from './auth.js'
import { toErrorResponse } from '../http/respond.js'
import { clientRoutes } from './routes/clients.js'
import { jwtTemplateRoutes } from './routes/jwtTemplates.js'
import { jwksRoutes } from './routes/keys.js'
import { organizationRoutes } from './routes/organizations.js'
import { sessionRoutes } from './routes/sessions.js'
import { userRoutes } from './routes/users.js'
import { webhookRoutes } from './routes/webhooks.js'

/**
 * The Backend API under `/v1`. Guards are attached per resource rather than to `/v1/*`, because the Frontend
 * API (`/v1/client/…`, no secret key) shares the prefix.
 */
export function backendApi(core: Core): Hono {
  const app = new Hono()
  const resources: Array<[string, Hono]> = [
    ['/users', userRoutes(core)],
    ['/sessions', sessionRoutes(core)],
    ['/jwt_templates', jwtTemplateRoutes(core)],
    ['/organizations', organizationRoutes(core)],
    ['/jwks', jwksRoutes(core)],
    ['/clients', clientRoutes(core)],
    ['/webhooks', webhookRoutes()],
  ]
  const guards = [requireSecretKey(core.keys.secretKey), checkApiVersion]
  for (const [path, routes] of resources) {
    app.use(path, ...guards)
    app.use(`${path}/*`, ...guards)
    app.route(path, routes)
  }
  app.onError(toErrorResponse)
  return app
}
