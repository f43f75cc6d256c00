// `/v1/organizations/{id}/invitations` (invite one or many, list, get, revoke) and `/v1/organization_invitations` (the
// instance's). A user's are in userOrganizations.ts.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { paramFormatInvalid, unprocessable } from '../../shared/errors.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { organizationInvitationJson } from '../../backendJson/organizationInvitation.js'
import {
  getOrganizationInvitation,
  inviteMany,
  inviteToOrganization,
  revokeOrganizationInvitation,
} from '../../services/organizationInvitations.js'
import { getOrganization } from '../../services/organizations.js'
import { INVITATION_STATUSES } from '../../store/invitationStatus.js'
import {
  ORGANIZATION_INVITATION_ORDER_FIELDS,
  type OrganizationInvitationFilter,
  type OrganizationInvitationRecord,
} from '../../store/organizationInvitationStore.js'
import { PAGE_PARAMS, Query, pathParam } from '../query.js'

export const invitationPageJson = (core: Core, invitations: OrganizationInvitationRecord[], totalCount: number) => ({
  data: invitations.map((invitation) => organizationInvitationJson(core, invitation)),
  total_count: totalCount,
})

/** A list of invitations, newest first unless `order_by` says otherwise. */
function listInvitations(core: Core, filter: OrganizationInvitationFilter, query: Query): Response {
  const now = core.now()
  const { organizationInvitations } = core.store
  const order = query.order(ORGANIZATION_INVITATION_ORDER_FIELDS, '-created_at')
  const invitations = organizationInvitations.list(filter, order, query.page(), now)
  return json(invitationPageJson(core, invitations, organizationInvitations.count(filter, now)))
}

export function organizationInvitationRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const organization = (id: string) => getOrganization(core, id)
  const answer = (invitation: OrganizationInvitationRecord) => json(organizationInvitationJson(core, invitation))

  // An organization's list leaves out what its verified domains sent on their own, as Clerk's does.
  app.get('/', (c) => {
    const query = new Query(c.req.url, ['status', 'email_address', 'order_by', ...PAGE_PARAMS])
    const email = query.string('email_address')
    const filter = {
      organization_id: organization(pathParam(c, 'organization_id')).id,
      statuses: query.oneOfList('status', INVITATION_STATUSES),
      email_addresses: email === undefined ? undefined : [email.trim().toLowerCase()],
      manual_only: true,
    }
    return listInvitations(core, filter, query)
  })

  app.get('/pending', (c) => {
    const query = new Query(c.req.url, PAGE_PARAMS)
    return listInvitations(
      core,
      { organization_id: organization(pathParam(c, 'organization_id')).id, statuses: ['pending'], manual_only: true },
      query,
    )
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return answer(
      store.transaction(() => inviteToOrganization(core, organization(pathParam(c, 'organization_id')), body)),
    )
  })

  app.post('/bulk', async (c) => {
    const body = await readJsonBody(c)
    if (!Array.isArray(body)) throw unprocessable(paramFormatInvalid('body', 'must be a JSON array of invitations.'))
    const invitations = store.transaction(() => inviteMany(core, organization(pathParam(c, 'organization_id')), body))
    return json(invitationPageJson(core, invitations, invitations.length))
  })

  app.get('/:invitation_id', (c) => {
    const organizationId = pathParam(c, 'organization_id')
    const invitationId = pathParam(c, 'invitation_id')
    return answer(getOrganizationInvitation(core, organization(organizationId), invitationId))
  })

  app.post('/:invitation_id/revoke', async (c) => {
    const body = await readJsonBody(c)
    const organizationId = pathParam(c, 'organization_id')
    const invitationId = pathParam(c, 'invitation_id')
    return answer(
      store.transaction(() => revokeOrganizationInvitation(core, organization(organizationId), invitationId, body)),
    )
  })

  return app
}

/** `/v1/organization_invitations`: every organization's, filtered by status or (partly) by address. */
export function instanceOrganizationInvitationRoutes(core: Core): Hono {
  const app = new Hono()
  app.get('/', (c) => {
    const query = new Query(c.req.url, ['status', 'query', 'order_by', ...PAGE_PARAMS])
    return listInvitations(
      core,
      { statuses: query.oneOfList('status', INVITATION_STATUSES), query: query.string('query') },
      query,
    )
  })
  return app
}
