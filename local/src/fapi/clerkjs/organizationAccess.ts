// Who may do what to an organization from the Frontend API: its members, each as far as their role's permissions go
// (`org:sys_profile:manage`, `org:sys_memberships:manage`, …), as on Clerk.
import { clerkError } from '../../shared/errors.js'
import { hasPermission } from '../../services/memberships.js'
import type { MembershipRecord, OrganizationRecord } from '../../store/organizationStore.js'
import type { SessionRecord } from '../../store/sessionStore.js'
import type { ClerkJsCall } from './call.js'

export interface OrganizationAccess {
  session: SessionRecord
  organization: OrganizationRecord
  /** The signed-in user's membership. */
  membership: MembershipRecord
}

/** The organization, when the session's user is one of its members; a 404 otherwise (as if it did not exist). */
export function memberAccess(call: ClerkJsCall, organizationId: string): OrganizationAccess {
  const session = call.namedSession()
  const { organizations } = call.core.store
  const organization = organizations.get(organizationId)
  const membership = organization && organizations.membership(organization.id, session.user_id)
  if (!organization || !membership) {
    throw clerkError(
      404,
      'resource_not_found',
      'Organization not found',
      `No organization ${organizationId.slice(0, 60)} of yours exists.`,
    )
  }
  return { session, organization, membership }
}

/** A member whose role lacks the permission gets a 403 that names it (never a 401, which would sign ClerkJS out). */
export function withPermission(call: ClerkJsCall, organizationId: string, permission: string): OrganizationAccess {
  const access = memberAccess(call, organizationId)
  if (!hasPermission(access.membership, permission)) {
    throw clerkError(
      403,
      'not_allowed_access',
      'You are not authorized to perform this request',
      `This needs the permission ${permission}, which your role ${access.membership.role} in ${access.organization.id} does not have.`,
    )
  }
  return access
}
