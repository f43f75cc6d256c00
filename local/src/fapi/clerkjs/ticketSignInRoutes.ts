// Sign-in with a ticket: ClerkJS's `signIn.create({ strategy: 'ticket', ticket })` (and `<SignIn/>` with a
// `__clerk_ticket` in the URL) with a sign-in token or an actor token from the Backend API. The ticket is the only
// factor: the sign-in completes at once, on a fresh client, and an actor token's session carries its actor.
import { paramMissing, unprocessable } from '../../errors.js'
import { newId } from '../../ids.js'
import { signInOnFreshClient } from '../../services/clients.js'
import { redeemTicket } from '../../services/tickets.js'
import type { SignInRecord } from '../../store/attemptStore.js'
import type { ClerkJsCall } from './call.js'
import { signInJson } from './resources.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

const carriesTicket = (call: ClerkJsCall) => call.param('strategy') === 'ticket' || call.param('ticket') !== undefined

export const ticketSignInRoutes: FapiRoute[] = [
  {
    method: 'POST',
    path: '/v1/client/sign_ins',
    when: carriesTicket,
    async handle(call) {
      const ticket = call.param('ticket')
      if (!ticket) throw unprocessable(paramMissing('ticket'))
      const { core } = call
      const previous = call.client
      const { signIn, client } = core.store.transaction(() => {
        const redeemed = redeemTicket(core, ticket)
        const signedIn = signInOnFreshClient(core, previous, redeemed.userId, undefined, { actor: redeemed.actor, lifetimeMs: redeemed.lifetimeMs })
        const now = core.now()
        const record: SignInRecord = {
          id: newId('sia'),
          client_id: signedIn.client.id,
          status: 'complete',
          identifier: null,
          user_id: redeemed.userId,
          first_factor: null,
          created_session_id: signedIn.session.id,
          abandon_at: now,
          created_at: now,
          updated_at: now,
        }
        core.store.attempts.putSignIn(record)
        return { signIn: record, client: signedIn.client }
      })
      call.adoptClient(client)
      return withClient(call, signInJson(core, signIn))
    },
  },
]
