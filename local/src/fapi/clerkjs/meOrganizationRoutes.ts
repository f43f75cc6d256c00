// The signed-in user's side of organizations (`/v1/me/organization_*`): leaving one (`user.leaveOrganization`), the
// invitations sent to their addresses (`user.getOrganizationInvitations()`) and accepting one (`invitation.accept()`).
import { deletedJson } from '../../backendJson/common.js'
import { assertNotLastManager, deleteMembership } from '../../services/memberships.js'
import { acceptUserInvitation, userOrganizationInvitations } from '../../services/organizationInvitations.js'
import { data, page } from './meRoutes.js'
import { memberAccess } from './organizationAccess.js'
import { invitationStatuses } from './organizationMemberRoutes.js'
import { userInvitationJson } from './organizationFrontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

export const meOrganizationRoutes: FapiRoute[] = [
  {
    // The last admin cannot leave (make someone else an admin first), as on Clerk.
    method: 'DELETE',
    path: '/v1/me/organization_memberships/:organization_id',
    async handle(call, { organization_id: organizationId }) {
      const { organization, membership } = memberAccess(call, organizationId!)
      call.core.store.transaction(() => {
        assertNotLastManager(call.core, membership)
        deleteMembership(call.core, organization, membership.user_id)
      })
      return withClient(call, deletedJson('organization_membership', membership.id))
    },
  },
  {
    method: 'GET',
    path: '/v1/me/organization_invitations',
    async handle(call) {
      const session = call.namedSession()
      const { data: invitations, totalCount } = call.core.store.transaction(() =>
        userOrganizationInvitations(call.core, session.user_id, invitationStatuses(call), page(call)),
      )
      return data(call, {
        data: invitations.map((invitation) => userInvitationJson(call.core, invitation)),
        total_count: totalCount,
      })
    },
  },
  {
    // The user joins with the invitation's role; the answer carries the client, whose user now has the membership.
    method: 'POST',
    path: '/v1/me/organization_invitations/:invitation_id/accept',
    async handle(call, { invitation_id: invitationId }) {
      const session = call.namedSession()
      const invitation = call.core.store.transaction(() =>
        acceptUserInvitation(call.core, session.user_id, invitationId!),
      )
      return withClient(call, userInvitationJson(call.core, invitation))
    },
  },
  {
    // Suggestions come from `automatic_suggestion` domains, which this backend does not offer.
    method: 'GET',
    path: '/v1/me/organization_suggestions',
    async handle(call) {
      call.namedSession()
      return data(call, { data: [], total_count: 0 })
    },
  },
]
