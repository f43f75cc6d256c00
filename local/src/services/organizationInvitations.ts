// Organization invitation rules: invite (one or up to ten at once), revoke, and accept (by the invited user, with
// the ticket of the invitation's link or from their list of invitations). No e-mail is sent: the link is in the
// invitation's `url`, and in the `email.created` webhook that says what Clerk would have sent. Each change is
// announced (`organizationInvitation.created`, `.revoked`, `.accepted`).
import type { Core } from '../core/core.js'
import { type ClerkErrorEntry, clerkError, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { organizationInvitationJson } from '../backendJson/organizationInvitation.js'
import type { InvitationStatus } from '../store/invitationStatus.js'
import type { OrganizationInvitationRecord } from '../store/organizationInvitationStore.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import { EMAIL_ADDRESS } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'
import { addMember, assertRoomFor, hasPermission, roleField } from './memberships.js'
import { sendOrganizationInvitationEmail } from './invitationEmails.js'
import { createDomainInvitations } from './organizationDomains.js'
import { assertPending, checkedRedirectUrl, invitationExpiry, newTicket } from './tickets.js'
import { assertUserExists } from './users.js'

/** Clerk's limit per bulk call. */
const MAX_BULK = 10
const INVITATION_FIELDS = {
  email_address: f.string({ pattern: EMAIL_ADDRESS, patternHint: 'must be a valid email address.' }).required(),
  role: roleField.required(),
  inviter_user_id: f.nullableString(),
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
  redirect_url: f.nullableString({ maxLength: 2048 }),
  expires_in_days: f.nullableInteger(1, 365),
  /** No e-mail is sent here either way; `false` also leaves out the `email.created` webhook. */
  notify: f.nullableBoolean(),
}

/** The invitation's e-mail address as stored: trimmed and lower-cased, as user addresses are. */
const normalEmail = (email: string) => email.trim().toLowerCase()

/**
 * Invites one address; see inviteMany. `inviterUserId` (the signed-in admin, from the Frontend API) takes the place of
 * the body's `inviter_user_id`.
 */
export function inviteToOrganization(
  core: Core,
  organization: OrganizationRecord,
  input: unknown,
  inviterUserId?: string,
): OrganizationInvitationRecord {
  return inviteMany(core, organization, [input], inviterUserId)[0]!
}

/**
 * Invites every address or none: each must not be a member already nor have a pending invitation (Clerk's
 * `duplicate_record`, naming the addresses), the inviter must be an admin, and the organization must have room for
 * them (pending invitations reserve seats).
 */
export function inviteMany(
  core: Core,
  organization: OrganizationRecord,
  inputs: unknown[],
  inviterUserId?: string,
): OrganizationInvitationRecord[] {
  if (inputs.length === 0 || inputs.length > MAX_BULK) {
    throw unprocessable(paramValueInvalid('body', `must be an array of 1 to ${MAX_BULK} invitations.`))
  }
  const bodies = inputs.map((input) => parseFields(input, INVITATION_FIELDS))
  const { store } = core
  const now = core.now()
  const emails = bodies.map((body) => normalEmail(body.email_address))
  const members = emails.filter((email) => {
    const userId = store.users.userIdByEmail(email)
    return userId !== undefined && store.organizations.membership(organization.id, userId) !== undefined
  })
  if (members.length > 0) {
    throw unprocessable({
      code: 'already_a_member_in_organization',
      message: 'already a member',
      long_message: `${members[0]} is already a member of the organization.`,
      meta: { param_name: 'email_address' },
    })
  }
  const duplicates = emails.filter(
    (email, i) => emails.indexOf(email) !== i || store.organizationInvitations.pendingFor(organization.id, email, now),
  )
  if (duplicates.length > 0) {
    throw clerkError(
      422,
      'duplicate_record',
      'duplicate invitation',
      `There are already pending invitations for ${[...new Set(duplicates)].join(', ')}. Revoke them first, or let them be accepted.`,
      { email_addresses: [...new Set(duplicates)] },
    )
  }
  const errors: ClerkErrorEntry[] = []
  const invitations = bodies.map((body, i): OrganizationInvitationRecord => {
    const inviter = inviterUserId ?? body.inviter_user_id ?? null
    if (inviter !== null && inviterUserId === undefined) assertInviterIsAdmin(core, organization, inviter)
    const redirectUrl = body.redirect_url ? checkedRedirectUrl(core, body.redirect_url, errors) : null
    return {
      id: newId('orginv'),
      organization_id: organization.id,
      email_address: emails[i]!,
      role: body.role,
      status: 'pending',
      inviter_user_id: inviter,
      domain_id: null,
      public_metadata: body.public_metadata ?? {},
      private_metadata: body.private_metadata ?? {},
      redirect_url: redirectUrl,
      ticket: newTicket(),
      expires_at: invitationExpiry(now, body.expires_in_days),
      created_at: now,
      updated_at: now,
    }
  })
  if (errors.length > 0) throw unprocessable(...errors)
  assertRoomFor(core, organization, invitations.length, true)
  store.transaction(() =>
    invitations.forEach((invitation, i) => {
      store.organizationInvitations.insert(invitation)
      core.events.emit('organizationInvitation.created', () => organizationInvitationJson(core, invitation))
      if (bodies[i]!.notify !== false) sendOrganizationInvitationEmail(core, invitation)
    }),
  )
  return invitations
}

function assertInviterIsAdmin(core: Core, organization: OrganizationRecord, userId: string): void {
  assertUserExists(core, userId, 'inviter_user_id')
  const membership = core.store.organizations.membership(organization.id, userId)
  if (!membership || !hasPermission(membership, 'org:sys_memberships:manage')) {
    throw unprocessable(
      paramValueInvalid('inviter_user_id', `must be an admin of organization ${organization.id}; ${userId} is not.`),
    )
  }
}

export function getOrganizationInvitation(
  core: Core,
  organization: OrganizationRecord,
  invitationId: string,
): OrganizationInvitationRecord {
  const invitation = core.store.organizationInvitations.get(invitationId, core.now())
  if (!invitation || invitation.organization_id !== organization.id) {
    throw notFound(
      'Invitation not found',
      `No invitation ${invitationId.slice(0, 100)} exists in organization ${organization.id}.`,
    )
  }
  return invitation
}

/** Only a pending invitation can be revoked; its link stops working. */
export function revokeOrganizationInvitation(
  core: Core,
  organization: OrganizationRecord,
  invitationId: string,
  input?: unknown,
): OrganizationInvitationRecord {
  const body = parseFields(input, { requesting_user_id: f.nullableString() })
  if (body.requesting_user_id) assertInviterIsAdmin(core, organization, body.requesting_user_id)
  const invitation = getOrganizationInvitation(core, organization, invitationId)
  assertPending(invitation, 'revoke')
  return core.store.transaction(() => {
    core.store.organizationInvitations.setStatus(invitation.id, 'revoked', core.now())
    const revoked = getOrganizationInvitation(core, organization, invitationId)
    core.events.emit('organizationInvitation.revoked', () => organizationInvitationJson(core, revoked))
    return revoked
  })
}

/**
 * The invited user joins with the invitation's role and metadata, and the invitation becomes accepted. The user
 * must own the invited address; one who is already a member just uses up the invitation.
 */
export function acceptOrganizationInvitation(
  core: Core,
  invitation: OrganizationInvitationRecord,
  userId: string,
): MembershipRecord {
  assertPending(invitation, 'use')
  const { store } = core
  if (store.users.userIdByEmail(invitation.email_address) !== userId) {
    throw clerkError(
      403,
      'not_allowed_access',
      'This invitation is for someone else',
      `This invitation was sent to ${invitation.email_address}, an address of another user.`,
    )
  }
  const organization = store.organizations.get(invitation.organization_id)!
  return store.transaction(() => {
    const membership =
      store.organizations.membership(organization.id, userId) ??
      addMemberFromInvitation(core, organization, invitation, userId)
    store.organizationInvitations.setStatus(invitation.id, 'accepted', core.now())
    // Clerk's payload: the invitation, accepted, and who accepted it.
    const accepted = store.organizationInvitations.get(invitation.id, core.now())!
    core.events.emit('organizationInvitation.accepted', () => ({
      ...organizationInvitationJson(core, accepted),
      status: 'accepted',
      user_id: userId,
    }))
    return membership
  })
}

/** The seat was reserved by the invitation itself, so only the members count against the limit here. */
function addMemberFromInvitation(
  core: Core,
  organization: OrganizationRecord,
  invitation: OrganizationInvitationRecord,
  userId: string,
): MembershipRecord {
  return addMember(core, organization, userId, {
    role: invitation.role,
    public_metadata: invitation.public_metadata,
    private_metadata: invitation.private_metadata,
  })
}

/**
 * The invitations sent to any of the user's addresses, newest first, after the user's verified domains made theirs
 * (see createDomainInvitations): what `user.getOrganizationInvitations()` and the Backend API list.
 */
export function userOrganizationInvitations(
  core: Core,
  userId: string,
  statuses: InvitationStatus[] | undefined,
  page: { limit: number; offset: number },
): { data: OrganizationInvitationRecord[]; totalCount: number } {
  createDomainInvitations(core, userId)
  const filter = { email_addresses: core.store.users.emails(userId).map((email) => email.value), statuses }
  if (filter.email_addresses.length === 0) return { data: [], totalCount: 0 }
  const now = core.now()
  const { organizationInvitations } = core.store
  return {
    data: organizationInvitations.list(filter, { field: 'created_at', descending: true }, page, now),
    totalCount: organizationInvitations.count(filter, now),
  }
}

/** `POST /v1/me/organization_invitations/{id}/accept`: only an invitation to one of the user's own addresses. */
export function acceptUserInvitation(core: Core, userId: string, invitationId: string): OrganizationInvitationRecord {
  const invitation = core.store.organizationInvitations.get(invitationId, core.now())
  const own =
    invitation !== undefined &&
    core.store.users.emails(userId).some((email) => email.value === invitation.email_address)
  if (!own) throw notFound('Invitation not found', `No invitation ${invitationId.slice(0, 100)} was sent to you.`)
  acceptOrganizationInvitation(core, invitation, userId)
  return core.store.organizationInvitations.get(invitation.id, core.now())!
}
