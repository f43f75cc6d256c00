// Tickets: the one-time secrets that carry a browser to a sign-up or a sign-in (`__clerk_ticket`, ClerkJS's
// `strategy: 'ticket'`, the `url` of `/v1/tickets/accept`): an application invitation's, an organization
// invitation's, a sign-in token's and an actor token's. One lookup for all of them, one rule for what can still be
// used; what each leads to is in ticketSignIns.ts and ticketSignUps.ts.
import type { Core } from '../core/core.js'
import { type ClerkErrorEntry, clerkError, paramValueInvalid } from '../shared/errors.js'
import { randomBase62 } from '../shared/ids.js'
import type { TicketKind, TicketRecord } from '../store/instanceRecords.js'
import type { InvitationRecord } from '../store/invitationStore.js'
import type { InvitationStatus } from '../store/invitationStatus.js'
import type { OrganizationInvitationRecord } from '../store/organizationInvitationStore.js'

/** A sign-in or actor token as found: its status read as an invitation's (a pending one past its expiry is expired). */
type FoundToken = Omit<TicketRecord, 'status'> & { status: InvitationStatus }

/** What a ticket belongs to: an invitation (sign up, or join an organization) or a token that signs its user in. */
export type FoundTicket =
  | { kind: 'invitation'; invitation: InvitationRecord }
  | { kind: 'organization_invitation'; invitation: OrganizationInvitationRecord }
  | { kind: TicketKind; token: FoundToken }

/** 43 base62 characters (about 256 bits): a ticket is a credential. */
const TICKET_LENGTH = 43
/** Tickets are at most a few dozen characters: anything longer is not one, and is not looked up. */
const MAX_TICKET_LENGTH = 512
const DAY_MS = 24 * 60 * 60 * 1000
/** Clerk's default lifetime of an invitation. */
const DEFAULT_EXPIRES_IN_DAYS = 30

const NOUNS: Record<FoundTicket['kind'], string> = {
  invitation: 'invitation',
  organization_invitation: 'invitation',
  sign_in_token: 'sign-in token',
  actor_token: 'actor token',
}

export const newTicket = (): string => randomBase62(TICKET_LENGTH)

/** When an invitation made now stops working: `expires_in_days` (1 to 365) later, 30 days by default. */
export const invitationExpiry = (now: number, days: number | null | undefined): number =>
  now + (days ?? DEFAULT_EXPIRES_IN_DAYS) * DAY_MS

export function findTicket(core: Core, ticket: string): FoundTicket | undefined {
  if (ticket.length > MAX_TICKET_LENGTH) return undefined
  const now = core.now()
  const invitation = core.store.invitations.byTicket(ticket, now)
  if (invitation) return { kind: 'invitation', invitation }
  const organizationInvitation = core.store.organizationInvitations.byTicket(ticket, now)
  if (organizationInvitation) return { kind: 'organization_invitation', invitation: organizationInvitation }
  const [token] = core.store.records.tickets.where('token = ?', ticket)
  if (!token) return undefined
  const status = token.status === 'pending' && token.expires_at <= now ? 'expired' : token.status
  return { kind: token.kind, token: { ...token, status } }
}

/** What the ticket was made for: the invitation, or the sign-in or actor token. */
const subject = (found: FoundTicket): { status: string } => ('invitation' in found ? found.invitation : found.token)

/** A ticket that can still be used; a 422 on `ticket` naming what is wrong with it otherwise. */
export function usableTicket(core: Core, ticket: string | undefined): FoundTicket {
  const found = ticket ? findTicket(core, ticket) : undefined
  if (!found) {
    throw clerkError(
      422,
      'ticket_invalid',
      'Invalid ticket',
      'This ticket is not valid: it belongs to no invitation or token of this instance.',
      {
        param_name: 'ticket',
      },
    )
  }
  assertPending(subject(found), 'use', NOUNS[found.kind])
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
 * Only a pending invitation or token can be used (its ticket) or revoked; otherwise a 422 that says what became of
 * it, on the `ticket` parameter when it is being used.
 */
export function assertPending(record: { status: string }, purpose: 'use' | 'revoke', noun = 'invitation'): void {
  if (record.status === 'pending') return
  const expired = record.status === 'expired'
  if (purpose === 'revoke') {
    throw clerkError(
      422,
      'invitation_not_pending',
      `This ${noun} is ${record.status}`,
      `Only pending ${noun}s can be revoked; this one is ${record.status}.`,
    )
  }
  throw clerkError(
    422,
    expired ? 'ticket_expired' : 'ticket_invalid',
    `This ${noun} is ${record.status}`,
    `This ${noun} is ${record.status} and can no longer be used.${expired ? ' Ask for a new one.' : ''}`,
    { param_name: 'ticket' },
  )
}
