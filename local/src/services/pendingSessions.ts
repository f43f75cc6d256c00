// Pending sessions, for an app's tests: a session with a task left to do (its user must still choose an
// organization), whose tokens say `sts: 'pending'`, as Clerk's do while a session task is open. SDKs count such a
// session as signed out unless told otherwise (`treatPendingAsSignedOut: false`).
import type { Core } from '../core/core.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { getSession, startSession } from './sessions.js'

/** Starts a session (as `startSession`) and leaves it pending. */
export function startPendingSession(core: Core, userId: string, organizationId?: string): SessionRecord {
  return core.store.transaction(() => {
    const session = startSession(core, userId, organizationId)
    core.store.sessions.setStatus(session.id, 'pending', core.now())
    return getSession(core, session.id)
  })
}
