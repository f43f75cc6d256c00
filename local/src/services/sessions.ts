// Session rules (start, end, expire, active organization) shared by the Backend API, the handshake and ClerkJS.
import type { Core } from '../core/core.js'
import { notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { sessionEventJson } from '../backendJson/events.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { f, parseFields } from '../validation/schema.js'
import { getOrganization } from './organizations.js'
import { assertUserExists } from './users.js'

const DAY = 24 * 60 * 60 * 1000
/** Clerk's defaults: a session lasts 7 days and is abandoned after 30 days without activity. */
const SESSION_MAX_LIFETIME = 7 * DAY
const SESSION_ABANDON_AFTER = 30 * DAY

const CREATE_SESSION_FIELDS = {
  user_id: f.string().required(),
  /** Not in Clerk's API: lets tests create a session that already has an active organization. */
  active_organization_id: f.nullableString(),
}

export function createSession(core: Core, input: unknown): SessionRecord {
  const body = parseFields(input, CREATE_SESSION_FIELDS)
  return startSession(core, body.user_id, body.active_organization_id ?? undefined)
}

/** What a ticket's session has beyond an ordinary one: an actor (impersonation) and a shorter lifetime. */
export interface SessionExtras {
  actor?: Record<string, unknown> | null | undefined
  /** Milliseconds; at most the usual 7 days. */
  lifetimeMs?: number | undefined
}

/** Signs a user in, on a new client unless `clientId` names an existing one (the sign-in page's browser). */
export function startSession(
  core: Core,
  userId: string,
  organizationId?: string,
  clientId?: string,
  extra: SessionExtras = {},
): SessionRecord {
  const { store } = core
  assertUserExists(core, userId, 'user_id')
  let activeOrganizationId: string | null = null
  if (organizationId !== undefined) {
    const organization = getOrganization(core, organizationId)
    if (!store.organizations.membership(organization.id, userId)) {
      throw unprocessable(
        paramValueInvalid(
          'active_organization_id',
          `must be an organization the user is a member of; ${userId} is not a member of ${organization.id}.`,
        ),
      )
    }
    activeOrganizationId = organization.id
  }
  const now = core.now()
  const session: SessionRecord = {
    id: newId('sess'),
    user_id: userId,
    client_id: clientId ?? newId('client'),
    status: 'active',
    last_active_organization_id: activeOrganizationId,
    actor: extra.actor ?? null,
    last_active_at: now,
    expire_at: now + Math.min(extra.lifetimeMs ?? SESSION_MAX_LIFETIME, SESSION_MAX_LIFETIME),
    abandon_at: now + SESSION_ABANDON_AFTER,
    created_at: now,
    updated_at: now,
  }
  store.transaction(() => {
    if (clientId === undefined)
      store.clients.insert({ id: session.client_id, cookie_token: null, created_at: now, updated_at: now })
    store.sessions.insert(session)
    store.users.touchSignIn(userId, now)
    core.events.emit('session.created', () => sessionEventJson(core, session))
  })
  return session
}

export function getSession(core: Core, sessionId: string): SessionRecord {
  const session = core.store.sessions.get(sessionId, core.now())
  if (!session) throw notFound('Session not found', `No session was found with id ${sessionId}`)
  return session
}

/** Revoking an active session signs it out; revoking one that is already over changes nothing. */
export function revokeSession(core: Core, sessionId: string): SessionRecord {
  const session = getSession(core, sessionId)
  if (session.status !== 'active') return session
  return endSession(core, session, 'revoked')
}

/**
 * Ends one active session: `ended` (the user signed out of it), `removed` (taken off a browser's list of accounts) or
 * `revoked` (by the Backend API). When the browser did it, its client's `updated_at` moves, so every tab's older
 * tokens are seen as stale.
 */
export function endSession(core: Core, session: SessionRecord, status: 'ended' | 'removed' | 'revoked'): SessionRecord {
  const { store } = core
  return store.transaction(() => {
    const now = core.now()
    store.sessions.setStatus(session.id, status, now)
    if (status !== 'revoked') store.clients.touch(session.client_id, now)
    const ended = getSession(core, session.id)
    core.events.emit(`session.${status}`, () => sessionEventJson(core, ended))
    return ended
  })
}

/**
 * Revokes every active session of the user (a ban, a password change that signs out the other sessions) but
 * `exceptSessionId` (the browser's own, when the user asked for it there), each announced as `session.revoked`.
 */
export function revokeUserSessions(core: Core, userId: string, exceptSessionId?: string): void {
  for (const session of core.store.sessions.revokeActiveForUser(userId, core.now(), exceptSessionId)) {
    core.events.emit('session.revoked', () => sessionEventJson(core, session))
  }
}

/** Ends every active session of a browser client (sign-out, or a new sign-in on it); returns them. */
export function endClientSessions(core: Core, clientId: string, now: number): SessionRecord[] {
  const ended = core.store.sessions.endActiveForClient(clientId, now)
  for (const session of ended) {
    // One past its expiry was over already (it reads as expired): nothing to announce.
    if (session.expire_at > now) core.events.emit('session.ended', () => sessionEventJson(core, session))
  }
  return ended
}

/**
 * Organization sync: the handshake's `organization_id` (an id or a slug, `''` for the personal account) becomes the
 * session's active organization when the user is a member of it; anything else leaves the session as it is, as
 * Clerk does (the app sees the organization it has). A change moves the client's `updated_at`, so that other tabs'
 * older tokens are seen as stale.
 */
export function activateOrganization(core: Core, session: SessionRecord, idOrSlug: string): void {
  const { store } = core
  let organizationId: string | null = null
  if (idOrSlug !== '') {
    const organization = idOrSlug.length <= 256 ? store.organizations.get(idOrSlug) : undefined
    if (!organization || !store.organizations.membership(organization.id, session.user_id)) return
    organizationId = organization.id
  }
  if (organizationId === session.last_active_organization_id) return
  store.transaction(() => {
    const now = core.now()
    store.sessions.touch(session.id, organizationId, now)
    store.clients.touch(session.client_id, now)
  })
}
