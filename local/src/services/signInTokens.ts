// Sign-in tokens (`/v1/sign_in_tokens`) and actor tokens (`/v1/actor_tokens`, impersonation): tickets that sign their
// user in once, through ClerkJS's `strategy: 'ticket'` or their `url` (services/tickets.ts finds them,
// ticketSignIns.ts uses them). An actor token's session carries the actor, which becomes the `act` claim of its
// session tokens.
import type { Core } from '../core/core.js'
import { clerkError, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { TicketKind, TicketRecord } from '../store/instanceRecords.js'
import { f, parseFields } from '../validation/schema.js'
import { newTicket } from './tickets.js'
import { getUser } from './users.js'

const DEFAULTS = {
  sign_in_token: { expiresIn: 30 * 24 * 60 * 60 },
  actor_token: { expiresIn: 60 * 60, sessionMax: 30 * 60 },
}

const SIGN_IN_TOKEN_FIELDS = { user_id: f.string().required(), expires_in_seconds: f.integer(1, 315_360_000) }
const ACTOR_TOKEN_FIELDS = {
  user_id: f.string().required(),
  actor: f.object().required(),
  expires_in_seconds: f.integer(1, 315_360_000),
  session_max_duration_in_seconds: f.integer(1, 315_360_000),
}

const NOUNS: Record<TicketKind, string> = { sign_in_token: 'sign-in token', actor_token: 'actor token' }

function insertToken(
  core: Core,
  ticket: Omit<TicketRecord, 'id' | 'token' | 'status' | 'created_at' | 'updated_at'>,
): TicketRecord {
  const now = core.now()
  const record: TicketRecord = {
    ...ticket,
    id: newId(ticket.kind === 'sign_in_token' ? 'sit' : 'act'),
    token: newTicket(),
    status: 'pending',
    created_at: now,
    updated_at: now,
  }
  core.store.records.tickets.insert(record)
  return record
}

export function createSignInToken(core: Core, input: unknown): TicketRecord {
  const body = parseFields(input, SIGN_IN_TOKEN_FIELDS)
  const user = getUser(core, body.user_id)
  const expiresIn = body.expires_in_seconds ?? DEFAULTS.sign_in_token.expiresIn
  return insertToken(core, {
    kind: 'sign_in_token',
    user_id: user.id,
    actor: null,
    session_max_duration: null,
    expires_at: core.now() + expiresIn * 1000,
  })
}

/** An actor token lets `actor` (at least `{ sub }`, who acts) sign in as `user_id`. */
export function createActorToken(core: Core, input: unknown): TicketRecord {
  const body = parseFields(input, ACTOR_TOKEN_FIELDS)
  if (typeof body.actor.sub !== 'string' || body.actor.sub === '') {
    throw unprocessable(paramValueInvalid('actor', 'must have a "sub": the id of whoever acts as the user.'))
  }
  const user = getUser(core, body.user_id)
  const expiresIn = body.expires_in_seconds ?? DEFAULTS.actor_token.expiresIn
  return insertToken(core, {
    kind: 'actor_token',
    user_id: user.id,
    actor: body.actor,
    session_max_duration: body.session_max_duration_in_seconds ?? DEFAULTS.actor_token.sessionMax,
    expires_at: core.now() + expiresIn * 1000,
  })
}

/** Revoking works on a token nobody used yet (Clerk: "cannot be revoked" otherwise). */
export function revokeToken(core: Core, kind: TicketKind, id: string): TicketRecord {
  const ticket = core.store.records.tickets.get(id)
  if (!ticket || ticket.kind !== kind) throw notFound('not found', `No ${NOUNS[kind]} was found with id ${id}`)
  if (ticket.status !== 'pending') {
    throw clerkError(
      400,
      `${kind}_cannot_be_revoked`,
      `This ${NOUNS[kind]} cannot be revoked`,
      `The ${NOUNS[kind]} ${id} is ${ticket.status}; only a pending one can be revoked.`,
    )
  }
  const next: TicketRecord = { ...ticket, status: 'revoked', updated_at: core.now() }
  core.store.records.tickets.update(next)
  return next
}

/** The token's ticket signed its user in: it is used up (in the sign-in's transaction). */
export function markTokenAccepted(core: Core, token: { id: string }): void {
  const stored = core.store.records.tickets.get(token.id)!
  core.store.records.tickets.update({ ...stored, status: 'accepted', updated_at: core.now() })
}
