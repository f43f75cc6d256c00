// `/oauth_applications/access_tokens/verify` (no API version in the path, as @clerk/backend calls it): the OAuth
// access tokens remix-clerk-local/testing mints, verified as Clerk verifies the tokens it issues as an OAuth provider.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { oauthAccessTokenJson } from '../../backendJson/machineAuth.js'
import { verifyOAuthAccessToken } from '../../services/oauthAccessTokens.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'

export function oauthAccessTokenRoutes(core: Core): Hono {
  const app = new Hono()
  app.post('/verify', async (c) => {
    const body = await readJsonBody(c)
    return json(oauthAccessTokenJson(verifyOAuthAccessToken(core, body), core.now()))
  })
  return app
}
