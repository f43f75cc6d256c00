// A user's account at an enterprise connection (SAML or OIDC single sign-on), as listed on the user.
import type { Fields } from './fields.js'
import { Verification, type VerificationJSON } from './identifiers.js'

export interface EnterpriseAccountConnectionJSON {
  id: string
  active: boolean
  allow_idp_initiated: boolean
  allow_subdomains: boolean
  disable_additional_identifications: boolean
  domain: string
  logo_public_url: string | null
  name: string
  protocol: string
  provider: string
  sync_user_attributes: boolean
  created_at: number
  updated_at: number
}

export interface EnterpriseAccountJSON {
  object: 'enterprise_account'
  id: string
  active: boolean
  email_address: string
  enterprise_connection: EnterpriseAccountConnectionJSON | null
  first_name: string | null
  last_name: string | null
  protocol: string
  provider: string
  provider_user_id: string | null
  public_metadata: Record<string, unknown>
  verification: VerificationJSON | null
  last_authenticated_at: number | null
  enterprise_connection_id: string | null
}

export class EnterpriseAccountConnection {
  declare readonly id: string
  declare readonly active: boolean
  declare readonly allowIdpInitiated: boolean
  declare readonly allowSubdomains: boolean
  declare readonly disableAdditionalIdentifications: boolean
  declare readonly domain: string
  declare readonly logoPublicUrl: string | null
  declare readonly name: string
  declare readonly protocol: string
  declare readonly provider: string
  declare readonly syncUserAttributes: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<EnterpriseAccountConnection>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseAccountConnectionJSON): EnterpriseAccountConnection {
    return new EnterpriseAccountConnection({
      id: data.id,
      active: data.active,
      allowIdpInitiated: data.allow_idp_initiated,
      allowSubdomains: data.allow_subdomains,
      disableAdditionalIdentifications: data.disable_additional_identifications,
      domain: data.domain,
      logoPublicUrl: data.logo_public_url,
      name: data.name,
      protocol: data.protocol,
      provider: data.provider,
      syncUserAttributes: data.sync_user_attributes,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}

export class EnterpriseAccount {
  declare readonly id: string
  declare readonly active: boolean
  declare readonly emailAddress: string
  declare readonly enterpriseConnection: EnterpriseAccountConnection | null
  declare readonly firstName: string | null
  declare readonly lastName: string | null
  declare readonly protocol: string
  declare readonly provider: string
  declare readonly providerUserId: string | null
  declare readonly publicMetadata: Record<string, unknown>
  declare readonly verification: Verification | null
  declare readonly lastAuthenticatedAt: number | null
  declare readonly enterpriseConnectionId: string | null

  constructor(fields: Fields<EnterpriseAccount>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseAccountJSON): EnterpriseAccount {
    return new EnterpriseAccount({
      id: data.id,
      active: data.active,
      emailAddress: data.email_address,
      enterpriseConnection:
        data.enterprise_connection && EnterpriseAccountConnection.fromJSON(data.enterprise_connection),
      firstName: data.first_name,
      lastName: data.last_name,
      protocol: data.protocol,
      provider: data.provider,
      providerUserId: data.provider_user_id,
      publicMetadata: data.public_metadata,
      verification: data.verification && Verification.fromJSON(data.verification),
      lastAuthenticatedAt: data.last_authenticated_at,
      enterpriseConnectionId: data.enterprise_connection_id,
    })
  }
}
