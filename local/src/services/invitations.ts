// Application invitation rules (`/v1/invitations`): invite an address to sign up, revoke, delete. Signing up with the
// ticket of the link (services/ticketSignUps.ts) accepts it. No e-mail is sent: the link is in the invitation's `url`,
// and in the `email.created` webhook that says what Clerk would have sent.
import type { Core } from '../core/core.js'
import { type ClerkErrorEntry, identifierExists, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { InvitationRecord } from '../store/invitationStore.js'
import { EMAIL_ADDRESS } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'
import { sendInvitationEmail } from './invitationEmails.js'
import { assertPending, checkedRedirectUrl, invitationExpiry, newTicket } from './tickets.js'

/** Clerk's limit per bulk call. */
const MAX_BULK = 10

const INVITATION_FIELDS = {
  email_address: f.string({ pattern: EMAIL_ADDRESS, patternHint: 'must be a valid email address.' }).required(),
  public_metadata: f.nullableObject(),
  redirect_url: f.nullableString({ maxLength: 2048 }),
  /** No e-mail is sent here either way; `false` also leaves out the `email.created` webhook. */
  notify: f.nullableBoolean(),
  ignore_existing: f.nullableBoolean(),
  expires_in_days: f.nullableInteger(1, 365),
  template_slug: f.oneOf(['invitation', 'waitlist_invitation'] as const),
}

/**
 * Invites every address or none. An address that already has a pending invitation is refused unless
 * `ignore_existing`; one that belongs to a user is refused too, which `ignore_existing` lifts only for a single
 * invitation (Clerk's bulk endpoint never allows it).
 */
export function createInvitations(core: Core, inputs: unknown[], bulk: boolean): InvitationRecord[] {
  if (inputs.length === 0 || inputs.length > MAX_BULK) {
    throw unprocessable(paramValueInvalid('body', `must be an array of 1 to ${MAX_BULK} invitations.`))
  }
  const bodies = inputs.map((input) => parseFields(input, INVITATION_FIELDS))
  const { store } = core
  const now = core.now()
  const errors: ClerkErrorEntry[] = []
  const invitations = bodies.map((body): InvitationRecord => {
    const email = body.email_address.trim().toLowerCase()
    if (store.users.userIdByEmail(email) && (bulk || !body.ignore_existing)) {
      errors.push(
        identifierExists(
          'email_address',
          `${email} already belongs to a user; invitations are for people who have no account yet.`,
        ),
      )
    } else if (store.invitations.pendingFor(email, now) && !body.ignore_existing) {
      errors.push({
        code: 'duplicate_record',
        message: 'duplicate invitation',
        long_message: `There is already a pending invitation for ${email}. Revoke it first, or send ignore_existing: true.`,
        meta: { param_name: 'email_address' },
      })
    }
    return {
      id: newId('inv'),
      email_address: email,
      public_metadata: body.public_metadata ?? {},
      status: 'pending',
      redirect_url: body.redirect_url ? checkedRedirectUrl(core, body.redirect_url, errors) : null,
      ticket: newTicket(),
      expires_at: invitationExpiry(now, body.expires_in_days),
      created_at: now,
      updated_at: now,
    }
  })
  if (errors.length > 0) throw unprocessable(...errors)
  store.transaction(() =>
    invitations.forEach((invitation, i) => {
      store.invitations.insert(invitation)
      if (bodies[i]!.notify !== false) sendInvitationEmail(core, invitation)
    }),
  )
  return invitations
}

function getInvitation(core: Core, invitationId: string): InvitationRecord {
  const invitation = core.store.invitations.get(invitationId, core.now())
  if (!invitation)
    throw notFound('Invitation not found', `No invitation was found with id ${invitationId.slice(0, 100)}.`)
  return invitation
}

/** Only a pending invitation can be revoked: its link stops working (signing up without it still works). */
export function revokeInvitation(core: Core, invitationId: string): InvitationRecord {
  const invitation = getInvitation(core, invitationId)
  assertPending(invitation, 'revoke')
  core.store.invitations.setStatus(invitation.id, 'revoked', core.now())
  return getInvitation(core, invitationId)
}

/** Deleting removes the record whatever its status (Clerk's answer to an erasure request). */
export function deleteInvitation(core: Core, invitationId: string): InvitationRecord {
  const invitation = getInvitation(core, invitationId)
  core.store.invitations.delete(invitation.id)
  return invitation
}

/** The invitee signed up with the ticket: the invitation (read again, in the sign-up's transaction) is used up. */
export function markInvitationAccepted(core: Core, invitationId: string): void {
  assertPending(getInvitation(core, invitationId), 'use')
  core.store.invitations.setStatus(invitationId, 'accepted', core.now())
}
