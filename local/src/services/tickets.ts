// Tickets: the secret an invitation's link carries (`__clerk_ticket`), and what it leads to.
import type { Core } from '../core.js'
import { type ClerkErrorEntry, clerkError, paramValueInvalid } from '../errors.js'
import { randomBase62 } from '../ids.js'
import type { InvitationRecord } from '../store/invitationStore.js'
import type { OrganizationInvitationRecord } from '../store/organizationInvitationStore.js'

/** What a ticket belongs to: an application invitation (sign up) or an organization invitation (join). */
export type FoundTicket =
  | { kind: 'invitation'; invitation: InvitationRecord }
  | { kind: 'organization_invitation'; invitation: OrganizationInvitationRecord }

/** 43 base62 characters (about 256 bits): a ticket is a credential. */
const TICKET_LENGTH = 43
/** Tickets are at most a few dozen characters: anything longer is not one, and is not looked up. */
const MAX_TICKET_LENGTH = 512
const DAY_MS = 24 * 60 * 60 * 1000
/** Clerk's default lifetime of an invitation. */
const DEFAULT_EXPIRES_IN_DAYS = 30

export const newTicket = (): string => randomBase62(TICKET_LENGTH)

/** When an invitation made now stops working: `expires_in_days` (1 to 365) later, 30 days by default. */
export const invitationExpiry = (now: number, days: number | null | undefined): number => now + (days ?? DEFAULT_EXPIRES_IN_DAYS) * DAY_MS

export function findTicket(core: Core, ticket: string): FoundTicket | undefined {
  if (ticket.length > MAX_TICKET_LENGTH) return undefined
  const now = core.now()
  const invitation = core.store.invitations.byTicket(ticket, now)
  if (invitation) return { kind: 'invitation', invitation }
  const organizationInvitation = core.store.organizationInvitations.byTicket(ticket, now)
  return organizationInvitation && { kind: 'organization_invitation', invitation: organizationInvitation }
}

/** A ticket that can still be used; a 422 on `ticket` naming what is wrong with it otherwise. */
export function usableTicket(core: Core, ticket: string | undefined): FoundTicket {
  const found = ticket ? findTicket(core, ticket) : undefined
  if (!found) {
    throw clerkError(422, 'ticket_invalid', 'Invalid ticket', 'This ticket is not valid: it belongs to no invitation of this instance.', {
      param_name: 'ticket',
    })
  }
  assertPending(found.invitation, 'use')
  return found
}

/**
 * An invitation's `redirect_url`, where its link sends the browser: absolute and on an allowed origin, as every
 * redirect of this backend. A problem is added to `errors` (so one answer lists them all) and null returned.
 */
export function checkedRedirectUrl(core: Core, raw: string, errors: ClerkErrorEntry[]): string | null {
  const check = core.allowedOrigins.checkRedirect(raw)
  if (check.ok) return check.url.href
  errors.push(paramValueInvalid('redirect_url', check.problem.replace(/^redirect_url /, '')))
  return null
}

/**
 * Only a pending invitation can be used (its ticket) or revoked; otherwise a 422 that says what became of it, on the
 * `ticket` parameter when it is being used.
 */
export function assertPending(invitation: { status: string }, purpose: 'use' | 'revoke'): void {
  if (invitation.status === 'pending') return
  const expired = invitation.status === 'expired'
  if (purpose === 'revoke') {
    throw clerkError(422, 'invitation_not_pending', `This invitation is ${invitation.status}`, `Only pending invitations can be revoked; this one is ${invitation.status}.`)
  }
  throw clerkError(
    422,
    expired ? 'ticket_expired' : 'ticket_invalid',
    `This invitation is ${invitation.status}`,
    `This invitation is ${invitation.status} and can no longer be used.${expired ? ' Ask for a new one.' : ''}`,
    { param_name: 'ticket' },
  )
}
