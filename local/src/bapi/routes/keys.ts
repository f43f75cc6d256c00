// `/v1/jwks`: what networked verification (no `jwtKey`) fetches.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { json } from '../../http/respond.js'

/** `GET /v1/jwks`: the instance's public key, by which every session and default template token verifies. */
export function jwksRoutes(core: Core): Hono {
  const app = new Hono()
  const body = { keys: [core.keys.jwk] }
  app.get('/', () => json(body))
  return app
}
