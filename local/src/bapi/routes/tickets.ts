// `/v1/sign_in_tokens`, `/v1/actor_tokens` and `/v1/testing_tokens`: tickets that sign a user in (the first two, see
// services/signInTokens.ts) and the testing token Clerk's testing helpers put on Frontend API calls.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { randomBase62 } from '../../shared/ids.js'
import { ticketJson } from '../../backendJson/instanceObjects.js'
import type { TicketKind, TicketRecord } from '../../store/instanceRecords.js'
import { createActorToken, createSignInToken, revokeToken } from '../../services/signInTokens.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'

/** A testing token lasts an hour, as Clerk's. */
const TESTING_TOKEN_LIFETIME_MS = 60 * 60 * 1000

function ticketRoutes(core: Core, kind: TicketKind, create: (core: Core, input: unknown) => TicketRecord): Hono {
  const app = new Hono()
  const render = (ticket: TicketRecord) => json(ticketJson(core.frontendApiUrl(), ticket))
  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return render(core.store.transaction(() => create(core, body)))
  })
  app.post('/:id/revoke', (c) => render(core.store.transaction(() => revokeToken(core, kind, c.req.param('id')))))
  return app
}

export const signInTokenRoutes = (core: Core) => ticketRoutes(core, 'sign_in_token', createSignInToken)
export const actorTokenRoutes = (core: Core) => ticketRoutes(core, 'actor_token', createActorToken)

/**
 * Clerk's testing tokens let test browsers past its bot protection. This backend has none, so a token only needs
 * to exist: the Frontend API ignores `__clerk_testing_token`.
 */
export function testingTokenRoutes(core: Core): Hono {
  const app = new Hono()
  app.post('/', () =>
    json({
      object: 'testing_token',
      token: `${Math.floor(core.now() / 1000)}-${randomBase62(32)}`,
      expires_at: core.now() + TESTING_TOKEN_LIFETIME_MS,
    }),
  )
  return app
}
