// clerkClient.samlConnections (deprecated by Clerk for enterpriseConnections): SAML single sign-on for a domain.
import { defineApi } from '../defineApi.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { SamlConnection } from '../resources/enterpriseConnection.js'
import type { PaginationParams, WithSign } from './pagination.js'

export type SamlIdpSlug = 'saml_okta' | 'saml_google' | 'saml_microsoft' | 'saml_custom'

export interface SamlConnectionListParams extends PaginationParams {
  query?: string
  orderBy?: WithSign<'phone_number' | 'email_address' | 'created_at' | 'first_name' | 'last_name' | 'username'>
  organizationId?: WithSign<string>[]
}

export interface SamlAttributeMappingParams {
  emailAddress?: string
  firstName?: string
  lastName?: string
  userId?: string
}

export interface CreateSamlConnectionParams {
  name: string
  provider: SamlIdpSlug
  domain: string
  organizationId?: string
  idpEntityId?: string
  idpSsoUrl?: string
  idpCertificate?: string
  idpCertificates?: string[]
  idpMetadataUrl?: string
  idpMetadata?: string
  attributeMapping?: SamlAttributeMappingParams
}

export interface UpdateSamlConnectionParams extends Partial<CreateSamlConnectionParams> {
  active?: boolean
  syncUserAttributes?: boolean
  allowSubdomains?: boolean
  allowIdpInitiated?: boolean
}

/** @deprecated Use `enterpriseConnections`. */
export interface SamlConnectionAPI {
  getSamlConnectionList(params?: SamlConnectionListParams): Promise<PaginatedResourceResponse<SamlConnection[]>>
  createSamlConnection(params: CreateSamlConnectionParams): Promise<SamlConnection>
  getSamlConnection(samlConnectionId: string): Promise<SamlConnection>
  updateSamlConnection(samlConnectionId: string, params?: UpdateSamlConnectionParams): Promise<SamlConnection>
  deleteSamlConnection(samlConnectionId: string): Promise<DeletedObject>
}

const CONNECTION = '/saml_connections/{samlConnectionId}'

export const samlConnections = defineApi<SamlConnectionAPI>('samlConnections', 'SamlConnectionAPI', {
  getSamlConnectionList: {
    method: 'GET',
    path: '/saml_connections',
    args: ['...params?'],
    returns: { page: SamlConnection },
  },
  createSamlConnection: {
    method: 'POST',
    path: '/saml_connections',
    args: ['...params'],
    deep: true,
    returns: SamlConnection,
  },
  getSamlConnection: { method: 'GET', path: CONNECTION, args: ['samlConnectionId'], returns: SamlConnection },
  updateSamlConnection: {
    method: 'PATCH',
    path: CONNECTION,
    args: ['samlConnectionId', '...params?'],
    deep: true,
    returns: SamlConnection,
  },
  deleteSamlConnection: { method: 'DELETE', path: CONNECTION, args: ['samlConnectionId'], returns: 'DeletedObject' },
})
