// `/v1/organizations` and their memberships, as an app's admin code and seeds create them.
import { Hono } from 'hono'
import type { Core } from '../../core.js'
import { deletedJson, listJson } from '../../resources/common.js'
import { membershipJson, membershipPageJson, organizationJson } from '../../resources/organization.js'
import {
  createMembership,
  createOrganization,
  deleteMembership,
  deleteOrganization,
  getOrganization,
} from '../../services/organizations.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

export function organizationRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['query', 'include_members_count', ...PAGE_PARAMS])
    const { limit, offset } = query.page()
    const search = query.string('query')
    const withCount = query.boolean('include_members_count')
    const organizations = store.organizations
      .list(search, limit, offset)
      .map((o) => organizationJson(o, withCount ? store.organizations.membersCount(o.id) : undefined))
    return json(listJson(organizations, store.organizations.count(search), true))
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(organizationJson(store.transaction(() => createOrganization(core, body))))
  })

  app.get('/:organization_id', (c) => {
    const query = new Query(c.req.url, ['include_members_count'])
    const organization = getOrganization(core, c.req.param('organization_id'))
    const count = query.boolean('include_members_count') ? store.organizations.membersCount(organization.id) : undefined
    return json(organizationJson(organization, count))
  })

  app.delete('/:organization_id', (c) => {
    const organizationId = c.req.param('organization_id')
    const organization = store.transaction(() => deleteOrganization(core, organizationId))
    return json(deletedJson('organization', organization.id))
  })

  app.get('/:organization_id/memberships', (c) => {
    const query = new Query(c.req.url, ['paginated', ...PAGE_PARAMS])
    const organization = getOrganization(core, c.req.param('organization_id'))
    const { limit, offset } = query.page()
    const memberships = store.organizations.memberships(organization.id, limit, offset)
    return json(membershipPageJson(store, memberships, store.organizations.membersCount(organization.id)))
  })

  app.post('/:organization_id/memberships', async (c) => {
    const body = await readJsonBody(c)
    const organizationId = c.req.param('organization_id')
    const membership = store.transaction(() => createMembership(core, organizationId, body))
    return json(membershipJson(store, membership))
  })

  app.delete('/:organization_id/memberships/:user_id', (c) => {
    const { organization_id: organizationId, user_id: userId } = c.req.param()
    // Serialised before the delete: the response describes the membership that was removed.
    return json(
      store.transaction(() => {
        const organization = getOrganization(core, organizationId)
        const membership = store.organizations.membership(organization.id, userId)
        const body = membership ? membershipJson(store, membership) : undefined
        deleteMembership(core, organizationId, userId)
        return body
      }),
    )
  })

  return app
}
