// The Backend API's endpoints without a version in their path (`/api_keys`, `/m2m_tokens`,
// `/oauth_applications/access_tokens`), where @clerk/backend sends machine-token calls. API keys and OAuth access
// tokens take the instance's secret key; M2M tokens a machine's secret key or the instance's (see the route file).
import { Hono, type MiddlewareHandler } from 'hono'
import type { Core } from '../core/core.js'
import { toErrorResponse } from '../http/respond.js'
import { checkApiVersion } from './apiVersion.js'
import { requireSecretKey } from './auth.js'
import { apiKeyRoutes } from './routes/apiKeys.js'
import { m2mTokenRoutes } from './routes/m2mTokens.js'
import { oauthAccessTokenRoutes } from './routes/oauthAccessTokens.js'

export function machineTokenApi(core: Core): Hono {
  const app = new Hono()
  const withSecretKey: MiddlewareHandler[] = [requireSecretKey(core.keys.secretKey), checkApiVersion]
  for (const path of ['/api_keys', '/oauth_applications/access_tokens'])
    app.use(path, ...withSecretKey).use(`${path}/*`, ...withSecretKey)
  app.use('/m2m_tokens', checkApiVersion).use('/m2m_tokens/*', checkApiVersion)
  app.route('/api_keys', apiKeyRoutes(core))
  app.route('/m2m_tokens', m2mTokenRoutes(core))
  app.route('/oauth_applications/access_tokens', oauthAccessTokenRoutes(core))
  app.onError(toErrorResponse)
  return app
}
