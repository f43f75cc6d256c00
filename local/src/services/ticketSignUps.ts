// Signing up with an invitation's ticket (ClerkJS's `signUp.create({ strategy: 'ticket', ticket })`): the invited
// address needs no code, the ticket vouches for it. Completing the sign-up uses up the invitation: an application
// invitation's public metadata becomes the user's, an organization invitation makes the user a member.
import type { Core } from '../core/core.js'
import { clerkError, identifierExists, unprocessable } from '../shared/errors.js'
import type { SignUpFields, SignUpRecord } from '../store/attemptStore.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { markInvitationAccepted } from './invitations.js'
import { acceptOrganizationInvitation } from './organizationInvitations.js'
import { completeSignUp, missingSignUpFields, startSignUp } from './signUpAttempts.js'
import { type FoundTicket, usableTicket } from './tickets.js'

type Outcome = { signUp: SignUpRecord; signedIn: { client: ClientRecord; session: SessionRecord } | undefined }
type InvitationTicket = Extract<FoundTicket, { kind: 'invitation' | 'organization_invitation' }>

/** An invitation's ticket; a sign-in or actor token's is refused (its user exists: it signs in). */
function invitationTicket(core: Core, ticket: string | undefined): InvitationTicket {
  const found = usableTicket(core, ticket)
  if (found.kind === 'invitation' || found.kind === 'organization_invitation') return found
  throw clerkError(
    422,
    'ticket_invalid',
    'This ticket signs in',
    "This ticket signs its user in: use it with signIn.create({ strategy: 'ticket', ticket }).",
    {
      param_name: 'ticket',
    },
  )
}

/**
 * A new sign-up for the ticket's address, verified by the ticket; complete at once when the input also brought a
 * password (Clerk's one-call custom flow), otherwise missing it, as ClerkJS's form then asks.
 */
export function startTicketSignUp(
  core: Core,
  client: ClientRecord,
  ticket: string | undefined,
  fields: SignUpFields,
  passwordDigest: string | null,
): Outcome {
  const email = invitationTicket(core, ticket).invitation.email_address
  if (core.store.users.userIdByEmail(email)) {
    throw unprocessable(
      identifierExists('email_address', `${email} already has an account: sign in with this ticket instead.`),
    )
  }
  const started = startSignUp(core, client, { ...fields, email_address: email, ticket: ticket! }, passwordDigest)
  const verified: SignUpRecord = {
    ...started,
    email_verification: { strategy: 'ticket', status: 'verified', attempts: 1, expire_at: null },
  }
  core.store.transaction(() => core.store.attempts.putSignUp(verified))
  return completeTicketSignUp(core, client, verified)
}

/**
 * Completes a ticket sign-up that has everything (after its create or an update), accepting the invitation in the
 * same transaction; anything else is returned as it is.
 */
export function completeTicketSignUp(core: Core, client: ClientRecord, signUp: SignUpRecord): Outcome {
  const ticket = signUp.fields.ticket
  const vouched = signUp.email_verification?.strategy === 'ticket' && signUp.email_verification.status === 'verified'
  if (ticket === undefined || !vouched || missingSignUpFields(signUp).length > 0) return { signUp, signedIn: undefined }
  return core.store.transaction(() => {
    const found = invitationTicket(core, ticket)
    if (found.kind === 'invitation') {
      markInvitationAccepted(core, found.invitation.id)
      return completeSignUp(core, client, signUp, found.invitation.public_metadata)
    }
    const done = completeSignUp(core, client, signUp)
    acceptOrganizationInvitation(core, found.invitation, done.signUp.created_user_id!)
    return done
  })
}
