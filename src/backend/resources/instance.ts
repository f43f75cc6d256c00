// The instance and its settings: restrictions (allowlist, blocklist, …) and organization settings.
import type { Fields } from './fields.js'
import type { OrganizationEnrollmentMode } from './organizationDomain.js'

export interface InstanceJSON {
  object: 'instance'
  id: string
  environment_type: string
  allowed_origins: string[] | null
}

export interface InstanceRestrictionsJSON {
  object: 'instance_restrictions'
  allowlist: boolean
  blocklist: boolean
  block_email_subaddresses: boolean
  block_disposable_email_domains: boolean
  ignore_dots_for_gmail_addresses: boolean
}

export interface InstanceSettingsJSON {
  object: 'instance_settings'
  id: string
  restricted_to_allowlist: boolean
  from_email_address: string
  progressive_sign_up: boolean
  enhanced_email_deliverability: boolean
}

export interface OrganizationSettingsJSON {
  object: 'organization_settings'
  enabled: boolean
  max_allowed_memberships: number
  max_allowed_roles: number
  max_allowed_permissions: number
  creator_role: string
  admin_delete_enabled: boolean
  domains_enabled: boolean
  slug_disabled: boolean
  domains_enrollment_modes: OrganizationEnrollmentMode[]
  domains_default_role: string
}

export class Instance {
  declare readonly id: string
  declare readonly environmentType: string
  declare readonly allowedOrigins: string[] | null

  constructor(fields: Fields<Instance>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: InstanceJSON): Instance {
    return new Instance({ id: data.id, environmentType: data.environment_type, allowedOrigins: data.allowed_origins })
  }
}

export class InstanceRestrictions {
  declare readonly allowlist: boolean
  declare readonly blocklist: boolean
  declare readonly blockEmailSubaddresses: boolean
  declare readonly blockDisposableEmailDomains: boolean
  declare readonly ignoreDotsForGmailAddresses: boolean

  constructor(fields: Fields<InstanceRestrictions>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: InstanceRestrictionsJSON): InstanceRestrictions {
    return new InstanceRestrictions({
      allowlist: data.allowlist,
      blocklist: data.blocklist,
      blockEmailSubaddresses: data.block_email_subaddresses,
      blockDisposableEmailDomains: data.block_disposable_email_domains,
      ignoreDotsForGmailAddresses: data.ignore_dots_for_gmail_addresses,
    })
  }
}

export class InstanceSettings {
  declare readonly id?: string | undefined
  declare readonly restrictedToAllowlist?: boolean | undefined
  declare readonly fromEmailAddress?: string | undefined
  declare readonly progressiveSignUp?: boolean | undefined
  declare readonly enhancedEmailDeliverability?: boolean | undefined

  constructor(fields: Fields<InstanceSettings>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: InstanceSettingsJSON): InstanceSettings {
    return new InstanceSettings({
      id: data.id,
      restrictedToAllowlist: data.restricted_to_allowlist,
      fromEmailAddress: data.from_email_address,
      progressiveSignUp: data.progressive_sign_up,
      enhancedEmailDeliverability: data.enhanced_email_deliverability,
    })
  }
}

export class OrganizationSettings {
  declare readonly enabled: boolean
  declare readonly maxAllowedMemberships: number
  declare readonly maxAllowedRoles: number
  declare readonly maxAllowedPermissions: number
  declare readonly creatorRole: string
  declare readonly adminDeleteEnabled: boolean
  declare readonly domainsEnabled: boolean
  declare readonly slugDisabled: boolean
  declare readonly domainsEnrollmentModes: OrganizationEnrollmentMode[]
  declare readonly domainsDefaultRole: string

  constructor(fields: Fields<OrganizationSettings>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OrganizationSettingsJSON): OrganizationSettings {
    return new OrganizationSettings({
      enabled: data.enabled,
      maxAllowedMemberships: data.max_allowed_memberships,
      maxAllowedRoles: data.max_allowed_roles,
      maxAllowedPermissions: data.max_allowed_permissions,
      creatorRole: data.creator_role,
      adminDeleteEnabled: data.admin_delete_enabled,
      domainsEnabled: data.domains_enabled,
      slugDisabled: data.slug_disabled,
      domainsEnrollmentModes: data.domains_enrollment_modes,
      domainsDefaultRole: data.domains_default_role,
    })
  }
}
