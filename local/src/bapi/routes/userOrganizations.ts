// `/v1/users/{id}/organization_memberships` and `/v1/users/{id}/organization_invitations`: a user's side of
// organizations, mounted under `/users` next to the user routes.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { json } from '../../http/respond.js'
import { membershipPageJson } from '../../backendJson/organization.js'
import { userOrganizationInvitations } from '../../services/organizationInvitations.js'
import { getUser } from '../../services/users.js'
import { INVITATION_STATUSES } from '../../store/invitationStatus.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { invitationPageJson } from './organizationInvitations.js'

export function userOrganizationRoutes(core: Core): Hono {
  const app = new Hono()
  const { organizations } = core.store

  // Newest first, as the SDK documents; always `{ data, total_count }`.
  app.get('/:user_id/organization_memberships', (c) => {
    const query = new Query(c.req.url, [...PAGE_PARAMS, 'paginated'])
    const user = getUser(core, c.req.param('user_id'))
    const { limit, offset } = query.page()
    const memberships = organizations.userMemberships(user.id, limit, offset, true)
    return json(membershipPageJson(core, memberships, organizations.userMembershipsCount(user.id)))
  })

  // The invitations sent to any of the user's addresses, those of their verified domains included.
  app.get('/:user_id/organization_invitations', (c) => {
    const query = new Query(c.req.url, ['status', ...PAGE_PARAMS])
    const user = getUser(core, c.req.param('user_id'))
    const { data, totalCount } = core.store.transaction(() =>
      userOrganizationInvitations(core, user.id, query.oneOfList('status', INVITATION_STATUSES), query.page()),
    )
    return json(invitationPageJson(core, data, totalCount))
  })

  return app
}
