// Whether a user may sign in (not banned, not locked, let in by the restrictions), and the Backend API calls that
// change it: ban, unban, lock, unlock.
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import type { UserRecord } from '../store/userStore.js'
import { checkAccess, userIdentifiers } from './accessLists.js'
import { revokeUserSessions } from './sessions.js'
import { LOCKOUT_MS, getUser, userUpdated } from './users.js'

/** Seconds until the lock ends, or null when the user is not locked. */
function lockoutSeconds(user: UserRecord, now: number): number | null {
  return user.locked_until !== null && user.locked_until > now ? Math.ceil((user.locked_until - now) / 1000) : null
}

/** Saves the change (`user.updated`); a ban also revokes every session the user has (`session.revoked`). */
function save(core: Core, user: UserRecord, changes: Partial<UserRecord>): UserRecord {
  return core.store.transaction(() => {
    core.store.users.update({ ...user, ...changes, updated_at: core.now() })
    if (changes.banned) revokeUserSessions(core, user.id)
    return userUpdated(core, user.id)
  })
}

/** Banned users cannot sign in, and every session they have is revoked at once. */
export const banUser = (core: Core, userId: string) => save(core, getUser(core, userId), { banned: true })

export const unbanUser = (core: Core, userId: string) => save(core, getUser(core, userId), { banned: false })

/** A lock keeps the user from signing in for Clerk's default lockout (an hour); sessions stay as they are. */
export const lockUser = (core: Core, userId: string) =>
  save(core, getUser(core, userId), { locked_until: core.now() + LOCKOUT_MS })

export const unlockUser = (core: Core, userId: string) => save(core, getUser(core, userId), { locked_until: null })

/** Throws Clerk's error for a user who may not sign in now: banned, locked, or kept out by the restrictions. */
export function assertMaySignIn(core: Core, userId: string): void {
  const user = getUser(core, userId)
  if (user.banned) {
    throw clerkError(
      403,
      'user_banned',
      'This account is banned.',
      'This account is banned and cannot sign in. Unban it with POST /v1/users/{user_id}/unban.',
    )
  }
  const seconds = lockoutSeconds(user, core.now())
  if (seconds !== null) {
    throw clerkError(
      403,
      'user_locked',
      'Your account is locked. Please try again later.',
      `This account is locked for another ${seconds} seconds. Unlock it with POST /v1/users/{user_id}/unlock.`,
      { lockout_expires_in_seconds: seconds },
    )
  }
  checkAccess(core, userIdentifiers(core, userId), 'sign_in')
}
