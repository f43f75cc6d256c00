// Sign-in: `POST /v1/client/sign_ins`, then `prepare_first_factor` / `attempt_first_factor` on it.
import { clerkError, notSupported, paramValueInvalid, unprocessable } from '../../shared/errors.js'
import { attemptFirstFactor, pendingSignIn, prepareFirstFactor, startSignIn } from '../../services/signInAttempts.js'
import { signInWithTicket } from '../../services/ticketSignIns.js'
import type { SignInRecord } from '../../store/attemptStore.js'
import type { ClientRecord } from '../../store/clientStore.js'
import type { ClerkJsCall } from './call.js'
import { signInJson } from './frontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

/** Parameters of flows this backend does not have, which ClerkJS sends only for them. */
const UNSUPPORTED_PARAMS: Record<string, string> = {
  transfer: 'Transferring a sign-up to a sign-in (OAuth)',
  web3_wallet: 'Signing in with a Web3 wallet',
  phone_number: 'Signing in with a phone number',
}

function refuseUnsupported(call: ClerkJsCall): void {
  for (const [param, what] of Object.entries(UNSUPPORTED_PARAMS)) {
    if (call.param(param) !== undefined)
      throw notSupported(what, 'use an e-mail address with a password or the e-mail code', 422, { param_name: param })
  }
}

/** The sign-in, with the browser's client (after a completed sign-in, the fresh one it is now). */
function answer(call: ClerkJsCall, signIn: SignInRecord, signedInOn?: ClientRecord): Promise<Response> {
  if (signedInOn) call.adoptClient(signedInOn)
  return withClient(call, signInJson(call.core, signIn))
}

export const signInRoutes: FapiRoute[] = [
  {
    method: 'POST',
    path: '/v1/client/sign_ins',
    async handle(call) {
      refuseUnsupported(call)
      const client = call.ensureClient()
      const password = call.param('password')
      // A password without a strategy is the password strategy, as on Clerk's Frontend API: the first line of Clerk's
      // custom e-mail/password flow is `signIn.create({ identifier, password })`, which sends no strategy.
      // Likewise a ticket without a strategy is the ticket strategy.
      const strategy =
        call.param('strategy') ??
        (password !== undefined ? 'password' : call.param('ticket') !== undefined ? 'ticket' : undefined)
      // A ticket (<SignIn/> with `__clerk_ticket`): an invitation's signs in and joins, a sign-in or actor token's signs in.
      if (strategy === 'ticket') {
        const done = signInWithTicket(call.core, client, call.param('ticket'))
        return answer(call, done.signIn, done.client)
      }
      const signIn = startSignIn(call.core, client, call.param('identifier'), strategy)
      // With the password in the same request (ClerkJS's one-step form, or a custom flow's): verify it at once.
      if (strategy === 'password' && signIn.user_id !== null) {
        const done = await attemptFirstFactor(
          call.core,
          client,
          { ...signIn, user_id: signIn.user_id },
          { strategy, password },
        )
        return answer(call, done.signIn, done.client)
      }
      return answer(call, signIn)
    },
  },
  {
    method: 'GET',
    path: '/v1/client/sign_ins/:id',
    async handle(call, { id }) {
      const signIn = call.client && call.core.store.attempts.signIn(id!, call.client.id)
      if (!signIn)
        throw clerkError(
          404,
          'resource_not_found',
          'Sign-in not found',
          `No sign-in ${id!.slice(0, 60)} exists on this browser.`,
        )
      return withClient(call, signInJson(call.core, signIn))
    },
  },
  {
    method: 'POST',
    path: '/v1/client/sign_ins/:id/prepare_first_factor',
    async handle(call, { id }) {
      const signIn = pendingSignIn(call.core, call.ensureClient(), id!)
      const strategy = call.param('strategy') ?? ''
      const emailAddressId = call.param('email_address_id')
      if (
        emailAddressId !== undefined &&
        !call.core.store.users.emails(signIn.user_id).some((e) => e.id === emailAddressId)
      ) {
        throw unprocessable(paramValueInvalid('email_address_id', 'is not an e-mail address of the user signing in.'))
      }
      return answer(call, prepareFirstFactor(call.core, signIn, strategy))
    },
  },
  {
    method: 'POST',
    path: '/v1/client/sign_ins/:id/attempt_first_factor',
    async handle(call, { id }) {
      const client = call.ensureClient()
      const signIn = pendingSignIn(call.core, client, id!)
      const attempt = {
        strategy: call.param('strategy') ?? '',
        password: call.param('password'),
        code: call.param('code'),
      }
      const done = await attemptFirstFactor(call.core, client, signIn, attempt)
      return answer(call, done.signIn, done.client)
    },
  },
]
