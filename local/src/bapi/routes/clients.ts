// `/v1/clients`: browser clients (list, read, verify by their cookie's token) and the handshake nonce a server SDK
// redeems after a handshake.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { clerkError, notFound, paramMissing, unprocessable } from '../../shared/errors.js'
import { clientJson } from '../../backendJson/client.js'
import { listJson } from '../../backendJson/common.js'
import { redeemNonce } from '../../services/handshakeNonces.js'
import { f, parseFields } from '../../validation/schema.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

const VERIFY_FIELDS = { token: f.string({ maxLength: 4096 }).required() }

export function clientRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['paginated', ...PAGE_PARAMS])
    const { limit, offset } = query.page()
    const now = core.now()
    const clients = store.clients.page(limit, offset).map((client) => clientJson(store, client, now))
    return json(listJson(clients, store.clients.count(), query.boolean('paginated')))
  })

  /** `GET /v1/clients/handshake_payload`: redeems a handshake nonce (once) for its Set-Cookie directives. */
  app.get('/handshake_payload', (c) => {
    const nonce = new Query(c.req.url, ['nonce']).string('nonce')
    if (!nonce) throw unprocessable(paramMissing('nonce'))
    const directives = redeemNonce(core, nonce)
    if (!directives) {
      throw clerkError(
        400,
        'invalid_nonce',
        'Invalid nonce',
        'The handshake nonce is unknown, expired or already used. Start a new handshake.',
      )
    }
    return json({ directives })
  })

  /** The token is the browser's `__client` cookie value, which is what names a client here. */
  app.post('/verify', async (c) => {
    const { token } = parseFields(await readJsonBody(c), VERIFY_FIELDS)
    const client = store.clients.byCookieToken(token)
    if (!client)
      throw clerkError(
        400,
        'client_token_invalid',
        'Invalid client token',
        'The token does not name a client of this instance: send the value of the browser’s __client cookie.',
        { param_name: 'token' },
      )
    return json(clientJson(store, client, core.now()))
  })

  app.get('/:client_id', (c) => {
    const id = c.req.param('client_id')
    const client = store.clients.get(id)
    if (!client) throw notFound('not found', `No client was found with id ${id}`)
    return json(clientJson(store, client, core.now()))
  })

  return app
}
