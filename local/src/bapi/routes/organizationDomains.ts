// `/v1/organizations/{id}/domains` (create, list, update, delete) and `/v1/organization_domains` (the instance's).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { deletedJson } from '../../backendJson/common.js'
import { organizationDomainJson } from '../../backendJson/organizationDomain.js'
import { createDomain, deleteDomain, updateDomain } from '../../services/organizationDomains.js'
import { getOrganization } from '../../services/organizations.js'
import type { OrganizationDomainFilter, OrganizationDomainRecord } from '../../store/organizationDomainStore.js'
import { PAGE_PARAMS, Query, pathParam } from '../query.js'

/** `verified` and `enrollment_mode` (comma-separated or repeated, `-mode` to leave one out), newest first. */
function listDomains(core: Core, query: Query, organizationId?: string): Response {
  const modes = query.signedList('enrollment_mode')
  const split = (values: string[] | undefined) =>
    values?.flatMap((value) => value.split(',')).filter((value) => value !== '')
  const verified = query.string('verified')
  const filter: OrganizationDomainFilter = {
    organization_id: organizationId,
    verified: verified === undefined ? undefined : query.boolean('verified'),
    include_modes: split(modes.include),
    exclude_modes: split(modes.exclude),
    query: query.string('query'),
  }
  const { organizationDomains } = core.store
  return json({
    data: organizationDomains.list(filter, query.page()).map((domain) => organizationDomainJson(core, domain)),
    total_count: organizationDomains.count(filter),
  })
}

export function organizationDomainRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const organization = (id: string) => getOrganization(core, id)
  const answer = (domain: OrganizationDomainRecord) => json(organizationDomainJson(core, domain))

  app.get('/', (c) =>
    listDomains(
      core,
      new Query(c.req.url, ['verified', 'enrollment_mode', ...PAGE_PARAMS]),
      organization(pathParam(c, 'organization_id')).id,
    ),
  )

  // Verified unless the body says `verified: false` (the SDK sends true by default).
  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return answer(
      store.transaction(() => createDomain(core, organization(pathParam(c, 'organization_id')), body, true)),
    )
  })

  app.patch('/:domain_id', async (c) => {
    const body = await readJsonBody(c)
    const organizationId = pathParam(c, 'organization_id')
    const domainId = pathParam(c, 'domain_id')
    return answer(store.transaction(() => updateDomain(core, organization(organizationId), domainId, body)))
  })

  app.delete('/:domain_id', (c) => {
    const organizationId = pathParam(c, 'organization_id')
    const domainId = pathParam(c, 'domain_id')
    const domain = store.transaction(() => deleteDomain(core, organization(organizationId), domainId))
    return json(deletedJson('organization_domain', domain.id))
  })

  return app
}

/** `/v1/organization_domains`: every organization's, filtered by organization, verification, mode or name. */
export function instanceOrganizationDomainRoutes(core: Core): Hono {
  const app = new Hono()
  app.get('/', (c) => {
    const query = new Query(c.req.url, ['organization_id', 'verified', 'enrollment_mode', 'query', ...PAGE_PARAMS])
    return listDomains(core, query, query.string('organization_id'))
  })
  return app
}
