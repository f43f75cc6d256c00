// An organization's members and invitations from ClerkJS: `getMemberships` (with `query` and `role`), `addMember`,
// `updateMember` / `membership.update`, `removeMember` / `membership.destroy`, `inviteMember(s)`, `getInvitations`
// and `invitation.revoke`. Every member may list the members; the rest needs `org:sys_memberships:manage`.
import { INVITATION_STATUSES, type InvitationStatus } from '../../store/invitationStatus.js'
import {
  assertNotLastManager,
  createMembership,
  deleteMembership,
  getMembership,
  updateMembership,
} from '../../services/memberships.js'
import {
  inviteMany,
  inviteToOrganization,
  revokeOrganizationInvitation,
} from '../../services/organizationInvitations.js'
import type { ClerkJsCall } from './call.js'
import { data, page } from './meRoutes.js'
import { memberAccess, withPermission } from './organizationAccess.js'
import { frontendInvitationJson } from './organizationFrontendJson.js'
import { membershipJson } from './frontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

const MANAGE = 'org:sys_memberships:manage'

const roleInput = (call: ClerkJsCall) => ({ role: call.param('role') ?? '' })

/** The statuses asked for (repeated `status`), the ones Clerk knows; anything else is ignored, as a list filter. */
export const invitationStatuses = (call: ClerkJsCall): InvitationStatus[] | undefined => {
  const asked = call
    .params('status')
    .filter((status): status is InvitationStatus => (INVITATION_STATUSES as readonly string[]).includes(status))
  return asked.length > 0 ? asked : undefined
}

async function listInvitations(
  call: ClerkJsCall,
  organizationId: string,
  only?: InvitationStatus[],
): Promise<Response> {
  const { organization } = withPermission(call, organizationId, MANAGE)
  const filter = { organization_id: organization.id, statuses: only ?? invitationStatuses(call), manual_only: true }
  const now = call.core.now()
  const { organizationInvitations } = call.core.store
  const invitations = organizationInvitations.list(filter, { field: 'created_at', descending: true }, page(call), now)
  return data(call, {
    data: invitations.map(frontendInvitationJson),
    total_count: organizationInvitations.count(filter, now),
  })
}

export const organizationMemberRoutes: FapiRoute[] = [
  {
    // In the order they joined, as the members table shows them.
    method: 'GET',
    path: '/v1/organizations/:id/memberships',
    async handle(call, { id }) {
      const { organization } = memberAccess(call, id!)
      const roles = call.params('role')
      const filter = { query: call.param('query') || undefined, role: roles.length > 0 ? roles : undefined }
      const { organizations } = call.core.store
      const memberships = organizations.listMemberships(
        organization.id,
        filter,
        { field: 'created_at', descending: false },
        page(call),
      )
      return data(call, {
        data: memberships.map((m) => membershipJson(call.core, m)),
        total_count: organizations.countMemberships(organization.id, filter),
      })
    },
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/memberships',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const membership = call.core.store.transaction(() =>
        createMembership(call.core, organization, { user_id: call.param('user_id') ?? '', ...roleInput(call) }),
      )
      return withClient(call, membershipJson(call.core, membership))
    },
  },
  {
    // A new role; the last admin cannot be demoted.
    method: 'PATCH',
    path: '/v1/organizations/:id/memberships/:user_id',
    async handle(call, { id, user_id: userId }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const membership = call.core.store.transaction(() => {
        const current = getMembership(call.core, organization, userId!)
        assertNotLastManager(call.core, current, call.param('role') ?? current.role)
        return updateMembership(call.core, organization, userId!, roleInput(call))
      })
      return withClient(call, membershipJson(call.core, membership))
    },
  },
  {
    // The last admin cannot be removed.
    method: 'DELETE',
    path: '/v1/organizations/:id/memberships/:user_id',
    async handle(call, { id, user_id: userId }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const removed = call.core.store.transaction(() => {
        const membership = getMembership(call.core, organization, userId!)
        assertNotLastManager(call.core, membership)
        const json = membershipJson(call.core, membership)
        deleteMembership(call.core, organization, userId!)
        return json
      })
      return withClient(call, removed)
    },
  },
  { method: 'GET', path: '/v1/organizations/:id/invitations', handle: (call, { id }) => listInvitations(call, id!) },
  {
    method: 'GET',
    path: '/v1/organizations/:id/invitations/pending',
    handle: (call, { id }) => listInvitations(call, id!, ['pending']),
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/invitations',
    async handle(call, { id }) {
      const { organization, session } = withPermission(call, id!, MANAGE)
      const input = { email_address: call.param('email_address') ?? '', ...roleInput(call) }
      const invitation = call.core.store.transaction(() =>
        inviteToOrganization(call.core, organization, input, session.user_id),
      )
      return withClient(call, frontendInvitationJson(invitation))
    },
  },
  {
    // `inviteMembers({ emailAddresses, role })`: every address or none; the answer is the array of invitations.
    method: 'POST',
    path: '/v1/organizations/:id/invitations/bulk',
    async handle(call, { id }) {
      const { organization, session } = withPermission(call, id!, MANAGE)
      const inputs = call.params('email_address').map((email) => ({ email_address: email.trim(), ...roleInput(call) }))
      const invitations = call.core.store.transaction(() =>
        inviteMany(call.core, organization, inputs, session.user_id),
      )
      return withClient(call, invitations.map(frontendInvitationJson))
    },
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/invitations/:invitation_id/revoke',
    async handle(call, { id, invitation_id: invitationId }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const invitation = call.core.store.transaction(() =>
        revokeOrganizationInvitation(call.core, organization, invitationId!),
      )
      return withClient(call, frontendInvitationJson(invitation))
    },
  },
]
