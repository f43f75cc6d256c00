// What minting reads from the store, cached until the database changes, so a mint reads no table while nothing changed.
import type { Store } from '../store/index.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import type { IdentifierRecord, UserRecord } from '../store/userStore.js'

export interface ActiveMembership {
  organization: OrganizationRecord
  membership: MembershipRecord
}

interface UserSources {
  user: UserRecord
  emails: IdentifierRecord[]
  phones: IdentifierRecord[]
}

/** What minting for one session reads, loaded once and shared by every mint until the database changes. */
export interface SessionSources {
  /** As stored: the status is not adjusted for expiry (the caller applies its clock). */
  session: SessionRecord
  /** The session's active organization, if the user is still a member of it. */
  active: ActiveMembership | undefined
  user(): UserSources
  memberships(): MembershipRecord[]
}

/** Plenty for development; past it the cache starts over rather than growing without bound. */
const MAX_SESSIONS = 10_000

/**
 * Read cache for the minter. Each mint starts with `refresh()`, which compares the store's change stamp (one cheap
 * statement); any write, by this process or another one on the same file, empties the cache, so a mint never sees
 * stale rows. Lookups in between trust the cache: call `refresh()` once per mint, before them.
 */
export class MintSources {
  private stamp = ''
  private readonly sessions = new Map<string, SessionSources>()
  private readonly templates = new Map<string, { id: string; version: number } | undefined>()

  constructor(private readonly store: Store) {}

  session(sessionId: string): SessionSources | undefined {
    let sources = this.sessions.get(sessionId)
    if (sources === undefined) {
      sources = this.load(sessionId)
      if (!sources) return undefined
      if (this.sessions.size >= MAX_SESSIONS) this.sessions.clear()
      this.sessions.set(sessionId, sources)
    }
    return sources
  }

  /** The id and version of the template with this name, or undefined. */
  template(name: string): { id: string; version: number } | undefined {
    if (!this.templates.has(name)) this.templates.set(name, this.store.templates.versionByName(name))
    return this.templates.get(name)
  }

  refresh(): void {
    const stamp = this.store.changeStamp()
    if (stamp === this.stamp) return
    this.stamp = stamp
    this.sessions.clear()
    this.templates.clear()
  }

  private load(sessionId: string): SessionSources | undefined {
    const { store } = this
    const session = store.sessions.getStored(sessionId)
    if (!session) return undefined
    let user: UserSources | undefined
    let memberships: MembershipRecord[] | undefined
    return {
      session,
      active: activeMembership(store, session),
      user: () =>
        (user ??= {
          user: store.users.get(session.user_id)!,
          emails: store.users.emails(session.user_id),
          phones: store.users.phones(session.user_id),
        }),
      memberships: () => (memberships ??= store.organizations.userMemberships(session.user_id)),
    }
  }
}

function activeMembership(store: Store, session: SessionRecord): ActiveMembership | undefined {
  const organizationId = session.last_active_organization_id
  return organizationId ? membershipIn(store, organizationId, session.user_id) : undefined
}

/**
 * The user's membership in the organization, with the organization; undefined when there is none. A membership
 * removed after the session chose the organization simply drops the org claims.
 */
export function membershipIn(store: Store, organizationId: string, userId: string): ActiveMembership | undefined {
  const membership = store.organizations.membership(organizationId, userId)
  const organization = membership && store.organizations.get(organizationId)
  return membership && organization ? { organization, membership } : undefined
}
