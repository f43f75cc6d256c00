// Organization domains in the Backend API's (and ClerkJS's) JSON.
import type { OrganizationDomainRecord } from '../store/organizationDomainStore.js'
import { publicOrganizationDataJson } from './organization.js'
import type { JsonView } from './view.js'

export function organizationDomainJson(view: JsonView, domain: OrganizationDomainRecord) {
  const { store } = view
  const verification = domain.verification && {
    status: domain.verification.status,
    strategy: domain.verification.strategy,
    attempts: domain.verification.attempts,
    expire_at: domain.verification.expire_at,
    verified_at: null,
  }
  const pendingInvitations = store.organizationInvitations.count(
    { organization_id: domain.organization_id, statuses: ['pending'], domain_id: domain.id },
    view.now(),
  )
  return {
    object: 'organization_domain',
    id: domain.id,
    organization_id: domain.organization_id,
    name: domain.name,
    enrollment_mode: domain.enrollment_mode,
    affiliation_email_address: domain.affiliation_email_address,
    affiliation_verification: verification,
    ownership_verification: null,
    verification,
    total_pending_invitations: pendingInvitations,
    total_pending_suggestions: 0,
    public_organization_data: publicOrganizationDataJson(view, store.organizations.get(domain.organization_id)!),
    created_at: domain.created_at,
    updated_at: domain.updated_at,
  }
}
