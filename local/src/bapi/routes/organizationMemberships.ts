// `/v1/organizations/{id}/memberships` (an organization's members: list with Clerk's filters, add, change the role or
// the metadata, remove) and `/v1/organization_memberships` (every membership of the instance).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { membershipJson, membershipPageJson } from '../../backendJson/organization.js'
import {
  createMembership,
  deleteMembership,
  getMembership,
  updateMembership,
  updateMembershipMetadata,
} from '../../services/memberships.js'
import { getOrganization } from '../../services/organizations.js'
import { MEMBERSHIP_ORDER_FIELDS, type MembershipFilter } from '../../store/organizationStore.js'
import { PAGE_PARAMS, Query, pathParam } from '../query.js'

const FILTER_PARAMS = [
  'user_id',
  'email_address',
  'phone_number',
  'username',
  'web3_wallet',
  'role',
  'query',
  'email_address_query',
  'phone_number_query',
  'username_query',
  'name_query',
  'last_active_at_before',
  'last_active_at_after',
  'created_at_before',
  'created_at_after',
]

const optionalInteger = (query: Query, name: string) =>
  query.string(name) === undefined ? undefined : query.integer(name, 0, Number.MAX_SAFE_INTEGER, 0)

function membershipFilter(query: Query): MembershipFilter {
  return {
    user_id: query.list('user_id'),
    email_address: query.list('email_address'),
    phone_number: query.list('phone_number'),
    username: query.list('username'),
    role: query.list('role'),
    query: query.string('query'),
    email_address_query: query.string('email_address_query'),
    phone_number_query: query.string('phone_number_query'),
    username_query: query.string('username_query'),
    name_query: query.string('name_query'),
    created_at_before: optionalInteger(query, 'created_at_before'),
    created_at_after: optionalInteger(query, 'created_at_after'),
    last_active_at_before: optionalInteger(query, 'last_active_at_before'),
    last_active_at_after: optionalInteger(query, 'last_active_at_after'),
  }
}

/** One organization's (or, with null, the instance's) memberships, newest first unless `order_by` says otherwise. */
function listMemberships(core: Core, organizationId: string | null, query: Query): Response {
  const { organizations } = core.store
  // Nobody has a Web3 wallet here, so filtering by one matches nobody.
  if (query.list('web3_wallet')) return json(membershipPageJson(core, [], 0))
  const filter = membershipFilter(query)
  const memberships = organizations.listMemberships(
    organizationId,
    filter,
    query.order(MEMBERSHIP_ORDER_FIELDS, '-created_at'),
    query.page(),
  )
  return json(membershipPageJson(core, memberships, organizations.countMemberships(organizationId, filter)))
}

export function organizationMembershipRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const organization = (id: string) => getOrganization(core, id)

  app.get('/', (c) => {
    const query = new Query(c.req.url, [...FILTER_PARAMS, 'order_by', 'paginated', ...PAGE_PARAMS])
    return listMemberships(core, organization(pathParam(c, 'organization_id')).id, query)
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    const membership = store.transaction(() =>
      createMembership(core, organization(pathParam(c, 'organization_id')), body),
    )
    return json(membershipJson(core, membership))
  })

  app.patch('/:user_id', async (c) => {
    const body = await readJsonBody(c)
    const organizationId = pathParam(c, 'organization_id')
    const userId = pathParam(c, 'user_id')
    return json(
      membershipJson(
        core,
        store.transaction(() => updateMembership(core, organization(organizationId), userId, body)),
      ),
    )
  })

  app.patch('/:user_id/metadata', async (c) => {
    const body = await readJsonBody(c)
    const organizationId = pathParam(c, 'organization_id')
    const userId = pathParam(c, 'user_id')
    return json(
      membershipJson(
        core,
        store.transaction(() => updateMembershipMetadata(core, organization(organizationId), userId, body)),
      ),
    )
  })

  app.delete('/:user_id', (c) => {
    const organizationId = pathParam(c, 'organization_id')
    const userId = pathParam(c, 'user_id')
    // Serialised before the delete: the response describes the membership that was removed.
    return json(
      store.transaction(() => {
        const found = organization(organizationId)
        const body = membershipJson(core, getMembership(core, found, userId))
        deleteMembership(core, found, userId)
        return body
      }),
    )
  })

  return app
}

export function instanceMembershipRoutes(core: Core): Hono {
  const app = new Hono()
  app.get('/', (c) => listMemberships(core, null, new Query(c.req.url, ['order_by', 'paginated', ...PAGE_PARAMS])))
  return app
}
