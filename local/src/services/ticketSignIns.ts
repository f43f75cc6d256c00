// Signing in with a ticket (ClerkJS's `signIn.create({ strategy: 'ticket', ticket })`, which <SignIn/> makes from
// `__clerk_ticket`): the ticket is the only factor, so the sign-in completes at once, on a fresh client. An
// organization invitation's signs the invited user in and makes them a member; a sign-in token's signs its user in,
// and an actor token's starts an impersonation session that carries the actor. Either is used up.
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { SignInRecord } from '../store/attemptStore.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { signInOnFreshClient } from './clients.js'
import { acceptOrganizationInvitation } from './organizationInvitations.js'
import { markTokenAccepted } from './signInTokens.js'
import { type FoundTicket, usableTicket } from './tickets.js'

type SignedIn = { client: ClientRecord; session: SessionRecord }

export function signInWithTicket(
  core: Core,
  client: ClientRecord | undefined,
  ticket: string | undefined,
): SignedIn & { signIn: SignInRecord } {
  return core.store.transaction(() => {
    const found = usableTicket(core, ticket)
    const { signedIn, identifier } = useTicket(core, client, found)
    const now = core.now()
    const signIn: SignInRecord = {
      id: newId('sia'),
      client_id: signedIn.client.id,
      status: 'complete',
      identifier,
      user_id: signedIn.session.user_id,
      first_factor: { strategy: 'ticket', status: 'verified', attempts: 1, expire_at: null },
      created_session_id: signedIn.session.id,
      abandon_at: now,
      created_at: now,
      updated_at: now,
    }
    core.store.attempts.putSignIn(signIn)
    return { signIn, ...signedIn }
  })
}

/** Uses the ticket up and signs its user in; the identifier the sign-in shows (the invited address). */
function useTicket(
  core: Core,
  client: ClientRecord | undefined,
  found: FoundTicket,
): { signedIn: SignedIn; identifier: string | null } {
  switch (found.kind) {
    case 'invitation':
      throw clerkError(
        422,
        'ticket_invalid',
        'This ticket signs up',
        "This is an application invitation's ticket: sign up with it (signUp.create({ strategy: 'ticket', ticket })).",
        {
          param_name: 'ticket',
        },
      )
    case 'organization_invitation': {
      const { invitation } = found
      const userId = core.store.users.userIdByEmail(invitation.email_address)
      if (!userId) {
        throw clerkError(
          422,
          'form_identifier_not_found',
          "Couldn't find your account.",
          `${invitation.email_address} has no account yet: sign up with this ticket.`,
          {
            param_name: 'ticket',
          },
        )
      }
      acceptOrganizationInvitation(core, invitation, userId)
      return { signedIn: signInOnFreshClient(core, client, userId), identifier: invitation.email_address }
    }
    default: {
      const { token } = found
      markTokenAccepted(core, token)
      const lifetimeMs = token.session_max_duration === null ? undefined : token.session_max_duration * 1000
      return {
        signedIn: signInOnFreshClient(core, client, token.user_id, undefined, { actor: token.actor, lifetimeMs }),
        identifier: null,
      }
    }
  }
}
