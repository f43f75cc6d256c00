// Sign-up with an e-mail address and a password: `POST /v1/client/sign_ups`, its PATCH, then
// `prepare_verification` / `attempt_verification` with the e-mail code; or with an invitation's ticket
// (`strategy: 'ticket'`), which vouches for the address.
import { clerkError, notSupported } from '../../shared/errors.js'
import { hashPassword } from '../../services/passwords.js'
import {
  type SignUpInput,
  attemptEmailVerification,
  checkSignUpInput,
  pendingSignUp,
  prepareEmailVerification,
  startSignUp,
  updateSignUp,
} from '../../services/signUpAttempts.js'
import { completeTicketSignUp, startTicketSignUp } from '../../services/ticketSignUps.js'
import type { ClerkJsCall } from './call.js'
import { signUpJson } from './frontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

const UNSUPPORTED_PARAMS: Record<string, string> = {
  transfer: 'Transferring a sign-in to a sign-up (OAuth)',
  phone_number: 'Signing up with a phone number',
  username: 'Signing up with a username',
  web3_wallet: 'Signing up with a Web3 wallet',
}

function signUpInput(call: ClerkJsCall): SignUpInput {
  const strategy = call.param('strategy')
  // `password` is what ClerkJS's sign-up form sends, when it sends a strategy at all; `ticket` an invitation's.
  if (strategy !== undefined && strategy !== 'password' && strategy !== 'ticket') {
    throw notSupported(
      strategy.startsWith('oauth_')
        ? `Signing up with ${strategy.slice('oauth_'.length)} (OAuth)`
        : `The sign-up strategy ${JSON.stringify(strategy.slice(0, 60))}`,
      'sign up with an e-mail address and a password',
      422,
      { param_name: 'strategy' },
    )
  }
  for (const [param, what] of Object.entries(UNSUPPORTED_PARAMS)) {
    if (call.param(param))
      throw notSupported(what, 'sign up with an e-mail address and a password', 422, { param_name: param })
  }
  return {
    email_address: call.param('email_address'),
    password: call.param('password'),
    first_name: call.param('first_name'),
    last_name: call.param('last_name'),
    unsafe_metadata: call.param('unsafe_metadata'),
    locale: call.param('locale'),
  }
}

/** Hashed on the thread pool, once the input passed its checks. */
const digestOf = (input: SignUpInput) =>
  input.password === undefined ? Promise.resolve(undefined) : hashPassword(input.password)

export const signUpRoutes: FapiRoute[] = [
  {
    method: 'POST',
    path: '/v1/client/sign_ups',
    async handle(call) {
      const input = signUpInput(call)
      const fields = checkSignUpInput(call.core, input)
      const digest = (await digestOf(input)) ?? null
      if (call.param('strategy') === 'ticket' || call.param('ticket')) {
        const done = startTicketSignUp(call.core, call.ensureClient(), call.param('ticket'), fields, digest)
        if (done.signedIn) call.adoptClient(done.signedIn.client)
        return withClient(call, signUpJson(done.signUp))
      }
      return withClient(call, signUpJson(startSignUp(call.core, call.ensureClient(), fields, digest)))
    },
  },
  {
    method: 'GET',
    path: '/v1/client/sign_ups/:id',
    async handle(call, { id }) {
      const signUp = call.client && call.core.store.attempts.signUp(id!, call.client.id)
      if (!signUp)
        throw clerkError(
          404,
          'resource_not_found',
          'Sign-up not found',
          `No sign-up ${id!.slice(0, 60)} exists on this browser.`,
        )
      return withClient(call, signUpJson(signUp))
    },
  },
  {
    method: 'PATCH',
    path: '/v1/client/sign_ups/:id',
    async handle(call, { id }) {
      const client = call.ensureClient()
      const signUp = pendingSignUp(call.core, client, id!)
      const input = signUpInput(call)
      const fields = checkSignUpInput(call.core, input, signUp.fields)
      // A ticket sign-up completes as soon as it has everything (the ticket verified the address).
      const done = completeTicketSignUp(
        call.core,
        client,
        updateSignUp(call.core, signUp, fields, await digestOf(input)),
      )
      if (done.signedIn) call.adoptClient(done.signedIn.client)
      return withClient(call, signUpJson(done.signUp))
    },
  },
  {
    method: 'POST',
    path: '/v1/client/sign_ups/:id/prepare_verification',
    async handle(call, { id }) {
      const signUp = pendingSignUp(call.core, call.ensureClient(), id!)
      requireEmailCode(call)
      return withClient(call, signUpJson(prepareEmailVerification(call.core, signUp)))
    },
  },
  {
    method: 'POST',
    path: '/v1/client/sign_ups/:id/attempt_verification',
    async handle(call, { id }) {
      const client = call.ensureClient()
      const signUp = pendingSignUp(call.core, client, id!)
      requireEmailCode(call)
      const done = attemptEmailVerification(call.core, client, signUp, call.param('code') ?? '')
      if (done.signedIn) call.adoptClient(done.signedIn.client)
      return withClient(call, signUpJson(done.signUp))
    },
  },
]

function requireEmailCode(call: ClerkJsCall): void {
  const strategy = call.param('strategy')
  if (strategy !== 'email_code') {
    throw notSupported(
      `Verifying with ${JSON.stringify((strategy ?? '(none)').slice(0, 60))}`,
      'verify the e-mail address with the e-mail code',
      422,
      {
        param_name: 'strategy',
      },
    )
  }
}
