// clerkClient.instance: the instance's settings, restrictions and organization settings.
import { defineApi } from '../defineApi.js'
import { Instance, InstanceRestrictions, OrganizationSettings } from '../resources/instance.js'

export interface UpdateInstanceParams {
  testMode?: boolean | null | undefined
  hibp?: boolean | null | undefined
  enhancedEmailDeliverability?: boolean | null | undefined
  supportEmail?: string | null | undefined
  clerkJsVersion?: string | null | undefined
  developmentOrigin?: string | null | undefined
  allowedOrigins?: string[] | undefined
  urlBasedSessionSyncing?: boolean | null | undefined
  preferredSignInStrategyWhenPasswordRequired?: 'password' | 'otp' | '' | null | undefined
}

export interface UpdateRestrictionsParams {
  allowlist?: boolean | null | undefined
  blocklist?: boolean | null | undefined
  blockEmailSubaddresses?: boolean | null | undefined
  blockDisposableEmailDomains?: boolean | null | undefined
  ignoreDotsForGmailAddresses?: boolean | null | undefined
}

export interface UpdateOrganizationSettingsParams {
  enabled?: boolean | null | undefined
  maxAllowedMemberships?: number | null | undefined
  adminDeleteEnabled?: boolean | null | undefined
  domainsEnabled?: boolean | null | undefined
  domainsEnrollmentModes?: string[] | undefined
  creatorRoleId?: string | null | undefined
  domainsDefaultRoleId?: string | null | undefined
}

export interface InstanceAPI {
  get(): Promise<Instance>
  /** The Backend API answers 204 No Content. */
  update(params: UpdateInstanceParams): Promise<void>
  updateRestrictions(params: UpdateRestrictionsParams): Promise<InstanceRestrictions>
  getOrganizationSettings(): Promise<OrganizationSettings>
  updateOrganizationSettings(params: UpdateOrganizationSettingsParams): Promise<OrganizationSettings>
}

export const instance = defineApi<InstanceAPI>('instance', 'InstanceAPI', {
  get: { method: 'GET', path: '/instance', args: [], returns: Instance },
  update: { method: 'PATCH', path: '/instance', args: ['...params'], returns: 'void' },
  updateRestrictions: {
    method: 'PATCH',
    path: '/instance/restrictions',
    args: ['...params'],
    returns: InstanceRestrictions,
  },
  getOrganizationSettings: {
    method: 'GET',
    path: '/instance/organization_settings',
    args: [],
    returns: OrganizationSettings,
  },
  updateOrganizationSettings: {
    method: 'PATCH',
    path: '/instance/organization_settings',
    args: ['...params'],
    returns: OrganizationSettings,
  },
})
