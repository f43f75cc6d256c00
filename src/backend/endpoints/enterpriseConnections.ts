// clerkClient.enterpriseConnections: SAML and OIDC single sign-on for a domain. Nested parameters (SAML, OIDC,
// attribute mapping) are Clerk's own, so their keys are snake_cased too.
import { defineApi } from '../defineApi.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { EnterpriseConnection } from '../resources/enterpriseConnection.js'
import type { PaginationParams } from './pagination.js'

export type OrganizationEnterpriseConnectionProvider =
  | 'saml_custom'
  | 'saml_okta'
  | 'saml_google'
  | 'saml_microsoft'
  | 'oidc_custom'
  | 'oidc_github_enterprise'
  | 'oidc_gitlab'

export interface EnterpriseConnectionListParams extends PaginationParams {
  organizationId?: string
  active?: boolean
}

export interface EnterpriseConnectionOidcParams {
  authUrl?: string
  clientId?: string
  clientSecret?: string
  discoveryUrl?: string
  requiresPkce?: boolean
  tokenUrl?: string
  userInfoUrl?: string
}

export interface EnterpriseConnectionSamlAttributeMappingParams {
  userId?: string | null
  emailAddress?: string | null
  firstName?: string | null
  lastName?: string | null
}

export type EnterpriseConnectionSamlLoginHintParams =
  { mode: 'custom_attribute'; source: string } | { mode: 'email_address' | 'off'; source?: never }

export interface EnterpriseConnectionCustomAttributeParams {
  name: string
  key: string
  ssoPath?: string
  scimPath?: string
  multiValued?: boolean
}

export interface EnterpriseConnectionSamlParams {
  allowIdpInitiated?: boolean
  allowSubdomains?: boolean
  attributeMapping?: EnterpriseConnectionSamlAttributeMappingParams
  forceAuthn?: boolean
  idpCertificate?: string
  idpCertificates?: string[]
  idpEntityId?: string
  idpMetadata?: string
  idpMetadataUrl?: string
  idpSsoUrl?: string
  loginHint?: EnterpriseConnectionSamlLoginHintParams
}

export interface CreateEnterpriseConnectionParams {
  name: string
  domains: string[]
  organizationId?: string
  active?: boolean
  syncUserAttributes?: boolean
  provider: OrganizationEnterpriseConnectionProvider
  allowOrganizationAccountLinking?: boolean
  customAttributes?: EnterpriseConnectionCustomAttributeParams[]
  authenticatable?: boolean
  disableJitProvisioning?: boolean
  oidc?: EnterpriseConnectionOidcParams
  saml?: EnterpriseConnectionSamlParams
}

export interface UpdateEnterpriseConnectionParams extends Partial<Omit<CreateEnterpriseConnectionParams, 'provider'>> {
  disableAdditionalIdentifications?: boolean
  provider?: string
}

export interface EnterpriseConnectionAPI {
  createEnterpriseConnection(params: CreateEnterpriseConnectionParams): Promise<EnterpriseConnection>
  updateEnterpriseConnection(
    enterpriseConnectionId: string,
    params: UpdateEnterpriseConnectionParams,
  ): Promise<EnterpriseConnection>
  getEnterpriseConnectionList(
    params?: EnterpriseConnectionListParams,
  ): Promise<PaginatedResourceResponse<EnterpriseConnection[]>>
  getEnterpriseConnection(enterpriseConnectionId: string): Promise<EnterpriseConnection>
  deleteEnterpriseConnection(enterpriseConnectionId: string): Promise<DeletedObject>
}

const CONNECTION = '/enterprise_connections/{enterpriseConnectionId}'

export const enterpriseConnections = defineApi<EnterpriseConnectionAPI>(
  'enterpriseConnections',
  'EnterpriseConnectionAPI',
  {
    createEnterpriseConnection: {
      method: 'POST',
      path: '/enterprise_connections',
      args: ['...params'],
      deep: true,
      returns: EnterpriseConnection,
    },
    updateEnterpriseConnection: {
      method: 'PATCH',
      path: CONNECTION,
      args: ['enterpriseConnectionId', '...params'],
      deep: true,
      returns: EnterpriseConnection,
    },
    getEnterpriseConnectionList: {
      method: 'GET',
      path: '/enterprise_connections',
      args: ['...params?'],
      returns: { page: EnterpriseConnection },
    },
    getEnterpriseConnection: {
      method: 'GET',
      path: CONNECTION,
      args: ['enterpriseConnectionId'],
      returns: EnterpriseConnection,
    },
    deleteEnterpriseConnection: {
      method: 'DELETE',
      path: CONNECTION,
      args: ['enterpriseConnectionId'],
      returns: 'DeletedObject',
    },
  },
)
