// An organization's verified domain: users with an e-mail address there can be invited or suggested to join.
import type { Fields } from './fields.js'

export type OrganizationEnrollmentMode =
  'manual_invitation' | 'automatic_invitation' | 'automatic_suggestion' | 'enterprise_sso'

export interface OrganizationDomainVerificationJSON {
  status: 'unverified' | 'verified'
  strategy: 'email_code'
  attempts: number
  expires_at: number
}

export interface OrganizationDomainJSON {
  object: 'organization_domain'
  id: string
  name: string
  organization_id: string
  enrollment_mode: OrganizationEnrollmentMode
  verification: OrganizationDomainVerificationJSON | null
  affiliation_email_address: string | null
  created_at: number
  updated_at: number
  total_pending_invitations: number
  total_pending_suggestions: number
}

export class OrganizationDomainVerification {
  declare readonly status: string
  declare readonly strategy: string
  declare readonly attempts: number | null
  declare readonly expireAt: number | null

  constructor(fields: Fields<OrganizationDomainVerification>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OrganizationDomainVerificationJSON): OrganizationDomainVerification {
    return new OrganizationDomainVerification({
      status: data.status,
      strategy: data.strategy,
      attempts: data.attempts ?? null,
      expireAt: data.expires_at ?? null,
    })
  }
}

export class OrganizationDomain {
  declare readonly id: string
  declare readonly organizationId: string
  declare readonly name: string
  declare readonly enrollmentMode: OrganizationEnrollmentMode
  declare readonly verification: OrganizationDomainVerification | null
  declare readonly totalPendingInvitations: number
  declare readonly totalPendingSuggestions: number
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly affiliationEmailAddress: string | null

  constructor(fields: Fields<OrganizationDomain>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OrganizationDomainJSON): OrganizationDomain {
    return new OrganizationDomain({
      id: data.id,
      organizationId: data.organization_id,
      name: data.name,
      enrollmentMode: data.enrollment_mode,
      verification: data.verification && OrganizationDomainVerification.fromJSON(data.verification),
      totalPendingInvitations: data.total_pending_invitations,
      totalPendingSuggestions: data.total_pending_suggestions,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      affiliationEmailAddress: data.affiliation_email_address,
    })
  }
}
