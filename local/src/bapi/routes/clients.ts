// `/v1/clients`: only what a server SDK calls after a handshake, redeeming its nonce.
import { Hono } from 'hono'
import type { Core } from '../../core.js'
import { clerkError, paramMissing, unprocessable } from '../../errors.js'
import { redeemNonce } from '../../services/handshakeNonces.js'
import { Query } from '../query.js'
import { json } from '../../http/respond.js'

/** `GET /v1/clients/handshake_payload`: redeems a handshake nonce (once) for its Set-Cookie directives. */
export function clientRoutes(core: Core): Hono {
  const app = new Hono()
  app.get('/handshake_payload', (c) => {
    const nonce = new Query(c.req.url, ['nonce']).string('nonce')
    if (!nonce) throw unprocessable(paramMissing('nonce'))
    const directives = redeemNonce(core, nonce)
    if (!directives) {
      throw clerkError(400, 'invalid_nonce', 'Invalid nonce', 'The handshake nonce is unknown, expired or already used. Start a new handshake.')
    }
    return json({ directives })
  })
  return app
}
