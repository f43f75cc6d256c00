// What `<OrganizationProfile/>` reads about an organization of the signed-in user: its members and roles, read-only.
// Invitations, membership requests and domains do not exist here, so those lists are empty; changes are not supported.
import { clerkError } from '../../errors.js'
import { roleName } from '../../resources/organization.js'
import type { OrganizationRecord } from '../../store/organizationStore.js'
import type { ClerkJsCall } from './call.js'
import { data, page } from './meRoutes.js'
import { membershipJson } from './resources.js'
import type { FapiRoute } from './route.js'

/** The organization, when the session's user is one of its members; a 404 otherwise (as if it did not exist). */
function memberOrganization(call: ClerkJsCall, organizationId: string): OrganizationRecord {
  const session = call.activeSession(call.param('_clerk_session_id'))
  const { organizations } = call.core.store
  const organization = organizations.get(organizationId)
  if (!organization || !organizations.membership(organization.id, session.user_id)) {
    throw clerkError(404, 'resource_not_found', 'Organization not found', `No organization ${organizationId.slice(0, 60)} of yours exists.`)
  }
  return organization
}

const emptyList: FapiRoute['handle'] = async (call, { id }) => {
  memberOrganization(call, id!)
  return data(call, { data: [], total_count: 0 })
}

export const organizationRoutes: FapiRoute[] = [
  {
    method: 'GET',
    path: '/v1/organizations/:id/memberships',
    async handle(call, { id }) {
      const organization = memberOrganization(call, id!)
      const { limit, offset } = page(call)
      const { organizations } = call.core.store
      const memberships = organizations.memberships(organization.id, limit, offset).map((m) => membershipJson(call.core, m))
      return data(call, { data: memberships, total_count: organizations.membersCount(organization.id) })
    },
  },
  {
    // The roles its members have (admin and member at least): what the members table shows and offers.
    method: 'GET',
    path: '/v1/organizations/:id/roles',
    async handle(call, { id }) {
      const organization = memberOrganization(call, id!)
      const { organizations } = call.core.store
      const keys = new Set(['org:admin', 'org:member'])
      for (const membership of organizations.memberships(organization.id, -1, 0)) keys.add(membership.role)
      const roles = [...keys].map((key) => ({
        object: 'role',
        id: `role_${key.replace(/^org:/, '')}`,
        key,
        name: roleName(key),
        description: '',
        permissions: [],
        created_at: organization.created_at,
        updated_at: organization.created_at,
      }))
      return data(call, { data: roles, total_count: roles.length })
    },
  },
  { method: 'GET', path: '/v1/organizations/:id/invitations', handle: emptyList },
  { method: 'GET', path: '/v1/organizations/:id/membership_requests', handle: emptyList },
  { method: 'GET', path: '/v1/organizations/:id/domains', handle: emptyList },
]
