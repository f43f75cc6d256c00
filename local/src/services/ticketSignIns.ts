// Signing in with an organization invitation's ticket (ClerkJS's `signIn.create({ strategy: 'ticket', ticket })`,
// which <SignIn/> makes from `__clerk_ticket`): the invited user is signed in without a password, the ticket vouching
// for the address, and joins the organization.
import type { Core } from '../core.js'
import { clerkError } from '../errors.js'
import { newId } from '../ids.js'
import type { SignInRecord } from '../store/attemptStore.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { signInOnFreshClient } from './clients.js'
import { acceptOrganizationInvitation } from './organizationInvitations.js'
import { usableTicket } from './tickets.js'

export function signInWithTicket(core: Core, client: ClientRecord, ticket: string | undefined): { signIn: SignInRecord; client: ClientRecord; session: SessionRecord } {
  const found = usableTicket(core, ticket)
  if (found.kind !== 'organization_invitation') {
    throw clerkError(422, 'ticket_invalid', 'This ticket signs up', "This is an application invitation's ticket: sign up with it (signUp.create({ strategy: 'ticket', ticket })).", {
      param_name: 'ticket',
    })
  }
  const { invitation } = found
  const userId = core.store.users.userIdByEmail(invitation.email_address)
  if (!userId) {
    throw clerkError(422, 'form_identifier_not_found', "Couldn't find your account.", `${invitation.email_address} has no account yet: sign up with this ticket.`, {
      param_name: 'ticket',
    })
  }
  return core.store.transaction(() => {
    acceptOrganizationInvitation(core, invitation, userId)
    const signedIn = signInOnFreshClient(core, client, userId)
    const now = core.now()
    const signIn: SignInRecord = {
      id: newId('sia'),
      client_id: signedIn.client.id,
      status: 'complete',
      identifier: invitation.email_address,
      user_id: userId,
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
