// `/v1/clients`: only what a server SDK calls after a handshake, redeeming its nonce.
import { Hono } from 'hono'
import type { Core } from '../../core.js'
import { clerkError, paramMissing, unprocessable } from '../../errors.js'
import { LINK_TOKEN_PREFIX } from '../../store/nonceStore.js'
import { Query } from '../query.js'
import { json } from '../../http/respond.js'

/** `GET /v1/clients/handshake_payload`: redeems a handshake nonce (once) for its Set-Cookie directives. */
export function clientRoutes(core: Core): Hono {
  const app = new Hono()
  app.get('/handshake_payload', (c) => {
    const nonce = new Query(c.req.url, ['nonce']).string('nonce')
    if (!nonce) throw unprocessable(paramMissing('nonce'))
    // A satellite's link token shares the table but is never a handshake's payload.
    const directives = nonce.startsWith(LINK_TOKEN_PREFIX) ? undefined : core.store.transaction(() => core.store.nonces.take(nonce, core.now()))
    if (!directives) {
      throw clerkError(400, 'invalid_nonce', 'Invalid nonce', 'The handshake nonce is unknown, expired or already used. Start a new handshake.')
    }
    return json({ directives })
  })
  return app
}
