// `/v1/organizations`: list, create, get (by id or slug), update, metadata, logo and delete; each organization's
// memberships, invitations and domains are mounted from their own files.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { readJsonBody } from '../../http/body.js'
import { readImageUpload } from '../upload.js'
import { json } from '../../http/respond.js'
import { deletedJson } from '../../backendJson/common.js'
import { type OrganizationCounts, organizationJson } from '../../backendJson/organization.js'
import {
  createOrganization,
  deleteOrganization,
  deleteOrganizationLogo,
  getOrganization,
  setOrganizationLogo,
  updateOrganization,
  updateOrganizationMetadata,
} from '../../services/organizations.js'
import { ORGANIZATION_ORDER_FIELDS, type OrganizationRecord } from '../../store/organizationStore.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { organizationDomainRoutes } from './organizationDomains.js'
import { organizationInvitationRoutes } from './organizationInvitations.js'
import { organizationMembershipRoutes } from './organizationMemberships.js'

const COUNT_PARAMS = ['include_members_count', 'include_missing_member_with_elevated_permissions']

/** What `include_members_count` (and the flag about a missing elevated member, never the case here) add. */
function counts(
  core: Core,
  query: Query,
  organization: OrganizationRecord,
): OrganizationCounts & { missing_member_with_elevated_permissions?: boolean } {
  return {
    ...(query.boolean('include_members_count')
      ? { members_count: core.store.organizations.membersCount(organization.id) }
      : {}),
    ...(query.boolean('include_missing_member_with_elevated_permissions')
      ? { missing_member_with_elevated_permissions: false }
      : {}),
  }
}

export function organizationRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const answer = (organization: OrganizationRecord, extra: OrganizationCounts = {}) =>
    json(organizationJson(core, organization, extra))

  // Always `{ data, total_count }`, as the SDK's getOrganizationList expects.
  app.get('/', (c) => {
    const query = new Query(c.req.url, [
      'query',
      'user_id',
      'organization_id',
      'order_by',
      ...COUNT_PARAMS,
      ...PAGE_PARAMS,
    ])
    const organizationIds = query.signedList('organization_id')
    const userIds = query.signedList('user_id')
    const filter = {
      query: query.string('query'),
      include_ids: organizationIds.include,
      exclude_ids: organizationIds.exclude,
      include_user_ids: userIds.include,
      exclude_user_ids: userIds.exclude,
    }
    const organizations = store.organizations.list(
      filter,
      query.order(ORGANIZATION_ORDER_FIELDS, '-created_at'),
      query.page(),
    )
    return json({
      data: organizations.map((organization) =>
        organizationJson(core, organization, counts(core, query, organization)),
      ),
      total_count: store.organizations.count(filter),
    })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return answer(store.transaction(() => createOrganization(core, body)))
  })

  app.get('/:organization_id', (c) => {
    const query = new Query(c.req.url, COUNT_PARAMS)
    const organization = getOrganization(core, c.req.param('organization_id'))
    return answer(organization, counts(core, query, organization))
  })

  app.patch('/:organization_id', async (c) => {
    const body = await readJsonBody(c)
    return answer(store.transaction(() => updateOrganization(core, c.req.param('organization_id'), body)))
  })

  app.delete('/:organization_id', (c) => {
    const organization = store.transaction(() => deleteOrganization(core, c.req.param('organization_id')))
    return json(deletedJson('organization', organization.id))
  })

  app.patch('/:organization_id/metadata', async (c) => {
    const body = await readJsonBody(c)
    return answer(
      store.transaction(() => updateOrganizationMetadata(core, c.req.param('organization_id'), body, 'merge')),
    )
  })

  app.put('/:organization_id/metadata', async (c) => {
    const body = await readJsonBody(c)
    return answer(
      store.transaction(() => updateOrganizationMetadata(core, c.req.param('organization_id'), body, 'replace')),
    )
  })

  // multipart/form-data: `file` (the image) and optionally `uploader_user_id`.
  app.put('/:organization_id/logo', async (c) => {
    const { image, form } = await readImageUpload(c)
    const uploader = form.get('uploader_user_id')
    const organizationId = c.req.param('organization_id')
    return answer(
      setOrganizationLogo(
        core,
        organizationId,
        image,
        typeof uploader === 'string' && uploader !== '' ? uploader : undefined,
      ),
    )
  })

  app.delete('/:organization_id/logo', (c) =>
    answer(store.transaction(() => deleteOrganizationLogo(core, c.req.param('organization_id')))),
  )

  app.route('/:organization_id/memberships', organizationMembershipRoutes(core))
  app.route('/:organization_id/invitations', organizationInvitationRoutes(core))
  app.route('/:organization_id/domains', organizationDomainRoutes(core))
  return app
}
