// An organization's verified domains from ClerkJS (<OrganizationProfile/>'s "Verified domains"): add one, prove it
// with the e-mail code sent to an address at it (always the development code), choose how users at it join, remove it.
import { deletedJson } from '../../backendJson/common.js'
import { organizationDomainJson } from '../../backendJson/organizationDomain.js'
import {
  attemptAffiliationVerification,
  createDomain,
  deleteDomain,
  getDomain,
  prepareAffiliationVerification,
  updateDomain,
} from '../../services/organizationDomains.js'
import type { OrganizationDomainRecord } from '../../store/organizationDomainStore.js'
import type { ClerkJsCall } from './call.js'
import { data, page } from './meRoutes.js'
import { withPermission } from './organizationAccess.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

const READ = 'org:sys_domains:read'
const MANAGE = 'org:sys_domains:manage'

const changed = (call: ClerkJsCall, domain: OrganizationDomainRecord) =>
  withClient(call, organizationDomainJson(call.core, domain))

/** A step on one domain of an organization the user may manage the domains of. */
function onDomain(
  step: (call: ClerkJsCall, domain: OrganizationDomainRecord) => OrganizationDomainRecord,
): FapiRoute['handle'] {
  return async (call, { id, domain_id: domainId }) => {
    const { organization } = withPermission(call, id!, MANAGE)
    return changed(
      call,
      call.core.store.transaction(() => step(call, getDomain(call.core, organization, domainId!))),
    )
  }
}

export const organizationDomainRoutes: FapiRoute[] = [
  {
    method: 'GET',
    path: '/v1/organizations/:id/domains',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, READ)
      const verified = call.param('verified')
      const mode = call.param('enrollment_mode')
      const filter = {
        organization_id: organization.id,
        verified: verified === undefined ? undefined : verified === 'true',
        include_modes: mode ? [mode] : undefined,
      }
      const { organizationDomains } = call.core.store
      const domains = organizationDomains.list(filter, page(call))
      return data(call, {
        data: domains.map((domain) => organizationDomainJson(call.core, domain)),
        total_count: organizationDomains.count(filter),
      })
    },
  },
  {
    // Unverified until an admin proves it with the e-mail code.
    method: 'POST',
    path: '/v1/organizations/:id/domains',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const input = {
        name: call.param('name') ?? '',
        ...(call.param('enrollment_mode') ? { enrollment_mode: call.param('enrollment_mode') } : {}),
      }
      return changed(
        call,
        call.core.store.transaction(() => createDomain(call.core, organization, input, false)),
      )
    },
  },
  {
    method: 'GET',
    path: '/v1/organizations/:id/domains/:domain_id',
    async handle(call, { id, domain_id: domainId }) {
      const { organization } = withPermission(call, id!, READ)
      return data(call, organizationDomainJson(call.core, getDomain(call.core, organization, domainId!)))
    },
  },
  {
    method: 'DELETE',
    path: '/v1/organizations/:id/domains/:domain_id',
    async handle(call, { id, domain_id: domainId }) {
      const { organization } = withPermission(call, id!, MANAGE)
      const domain = call.core.store.transaction(() => deleteDomain(call.core, organization, domainId!))
      return withClient(call, deletedJson('organization_domain', domain.id))
    },
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/domains/:domain_id/update_enrollment_mode',
    handle: onDomain((call, domain) =>
      updateDomain(call.core, call.core.store.organizations.get(domain.organization_id)!, domain.id, {
        enrollment_mode: call.param('enrollment_mode') ?? '',
        delete_pending: call.param('delete_pending') === 'true',
      }),
    ),
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/domains/:domain_id/prepare_affiliation_verification',
    handle: onDomain((call, domain) =>
      prepareAffiliationVerification(call.core, domain, call.param('affiliation_email_address')),
    ),
  },
  {
    method: 'POST',
    path: '/v1/organizations/:id/domains/:domain_id/attempt_affiliation_verification',
    handle: onDomain((call, domain) => attemptAffiliationVerification(call.core, domain, call.param('code') ?? '')),
  },
]
