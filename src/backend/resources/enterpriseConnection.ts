// Enterprise connections (SAML or OIDC single sign-on for a domain) and the older SAML connections.
import type { Fields } from './fields.js'

export interface SamlConnectionIdpCertificateJSON {
  certificate: string
  issued_at: number | null
  expires_at: number | null
}

export interface EnterpriseConnectionSamlConnectionLoginHintJSON {
  mode: 'email_address' | 'custom_attribute' | 'off'
  source?: string
}

export interface EnterpriseConnectionCustomAttributeJSON {
  name: string
  key: string
  sso_path: string
  scim_path: string
  multi_valued: boolean
}

export interface EnterpriseConnectionSamlConnectionJSON {
  id: string
  name: string
  idp_entity_id?: string
  idp_sso_url?: string
  idp_certificate?: string
  idp_certificate_issued_at?: number
  idp_certificate_expires_at?: number
  idp_certificates?: SamlConnectionIdpCertificateJSON[]
  idp_metadata_url?: string
  idp_metadata?: string
  acs_url?: string
  sp_entity_id?: string
  sp_metadata_url?: string
  sync_user_attributes?: boolean
  active: boolean
  allow_subdomains: boolean
  allow_idp_initiated: boolean
  force_authn: boolean
  login_hint: EnterpriseConnectionSamlConnectionLoginHintJSON
}

export interface EnterpriseConnectionOauthConfigJSON {
  id: string
  provider_key: string
  name: string
  client_id?: string
  discovery_url?: string
  auth_url?: string
  token_url?: string
  user_info_url?: string
  logo_public_url?: string
  requires_pkce: boolean
  created_at: number
  updated_at: number
}

export interface EnterpriseConnectionJSON {
  object: 'enterprise_connection'
  id: string
  name: string
  provider: string
  logo_public_url?: string
  domains: string[]
  organization_id?: string | null
  active: boolean
  sync_user_attributes: boolean
  allow_subdomains?: boolean
  disable_additional_identifications: boolean
  allow_organization_account_linking: boolean
  authenticatable: boolean
  disable_jit_provisioning: boolean
  custom_attributes?: EnterpriseConnectionCustomAttributeJSON[]
  created_at: number
  updated_at: number
  saml_connection?: EnterpriseConnectionSamlConnectionJSON | null
  oauth_config?: EnterpriseConnectionOauthConfigJSON | null
}

export interface AttributeMappingJSON {
  user_id: string
  email_address: string
  first_name: string
  last_name: string
}

export interface SamlConnectionJSON {
  object: 'saml_connection'
  id: string
  name: string
  domain: string
  organization_id: string | null
  idp_entity_id: string | null
  idp_sso_url: string | null
  idp_certificate: string | null
  idp_certificate_issued_at: number
  idp_certificate_expires_at: number
  idp_certificates?: SamlConnectionIdpCertificateJSON[]
  idp_metadata_url: string | null
  idp_metadata: string | null
  acs_url: string
  sp_entity_id: string
  sp_metadata_url: string
  active: boolean
  provider: string
  user_count: number
  sync_user_attributes: boolean
  allow_subdomains: boolean
  allow_idp_initiated: boolean
  created_at: number
  updated_at: number
  attribute_mapping: AttributeMappingJSON
}

export class SamlConnectionIdpCertificate {
  declare readonly certificate: string
  declare readonly issuedAt: number | null
  declare readonly expiresAt: number | null

  constructor(fields: Fields<SamlConnectionIdpCertificate>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SamlConnectionIdpCertificateJSON): SamlConnectionIdpCertificate {
    return new SamlConnectionIdpCertificate({
      certificate: data.certificate,
      issuedAt: data.issued_at,
      expiresAt: data.expires_at,
    })
  }
}

export class EnterpriseConnectionSamlConnectionLoginHint {
  declare readonly mode: 'email_address' | 'custom_attribute' | 'off'
  declare readonly source?: string | undefined

  constructor(fields: Fields<EnterpriseConnectionSamlConnectionLoginHint>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseConnectionSamlConnectionLoginHintJSON): EnterpriseConnectionSamlConnectionLoginHint {
    return new EnterpriseConnectionSamlConnectionLoginHint({ mode: data.mode, source: data.source })
  }
}

export class EnterpriseConnectionCustomAttribute {
  declare readonly name: string
  declare readonly key: string
  declare readonly ssoPath: string
  declare readonly scimPath: string
  declare readonly multiValued: boolean

  constructor(fields: Fields<EnterpriseConnectionCustomAttribute>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseConnectionCustomAttributeJSON): EnterpriseConnectionCustomAttribute {
    return new EnterpriseConnectionCustomAttribute({
      name: data.name,
      key: data.key,
      ssoPath: data.sso_path,
      scimPath: data.scim_path,
      multiValued: data.multi_valued,
    })
  }
}

export class EnterpriseConnectionSamlConnection {
  declare readonly id: string
  declare readonly name: string
  declare readonly idpEntityId: string | undefined
  declare readonly idpSsoUrl: string | undefined
  declare readonly idpCertificate: string | undefined
  declare readonly idpCertificateIssuedAt: number | undefined
  declare readonly idpCertificateExpiresAt: number | undefined
  declare readonly idpMetadataUrl: string | undefined
  declare readonly idpMetadata: string | undefined
  declare readonly acsUrl: string | undefined
  declare readonly spEntityId: string | undefined
  declare readonly spMetadataUrl: string | undefined
  declare readonly syncUserAttributes: boolean | undefined
  declare readonly allowSubdomains: boolean
  declare readonly allowIdpInitiated: boolean
  declare readonly active: boolean
  declare readonly forceAuthn: boolean
  declare readonly loginHint: EnterpriseConnectionSamlConnectionLoginHint
  declare readonly idpCertificates: SamlConnectionIdpCertificate[]

  constructor(fields: Fields<EnterpriseConnectionSamlConnection>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseConnectionSamlConnectionJSON): EnterpriseConnectionSamlConnection {
    return new EnterpriseConnectionSamlConnection({
      id: data.id,
      name: data.name,
      idpEntityId: data.idp_entity_id,
      idpSsoUrl: data.idp_sso_url,
      idpCertificate: data.idp_certificate,
      idpCertificateIssuedAt: data.idp_certificate_issued_at,
      idpCertificateExpiresAt: data.idp_certificate_expires_at,
      idpMetadataUrl: data.idp_metadata_url,
      idpMetadata: data.idp_metadata,
      acsUrl: data.acs_url,
      spEntityId: data.sp_entity_id,
      spMetadataUrl: data.sp_metadata_url,
      syncUserAttributes: data.sync_user_attributes,
      allowSubdomains: data.allow_subdomains,
      allowIdpInitiated: data.allow_idp_initiated,
      active: data.active,
      forceAuthn: data.force_authn,
      loginHint: EnterpriseConnectionSamlConnectionLoginHint.fromJSON(data.login_hint),
      idpCertificates: (data.idp_certificates ?? []).map(SamlConnectionIdpCertificate.fromJSON),
    })
  }
}

export class EnterpriseConnectionOauthConfig {
  declare readonly id: string
  declare readonly name: string
  declare readonly clientId: string | undefined
  declare readonly discoveryUrl: string | undefined
  declare readonly logoPublicUrl: string | undefined
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly providerKey: string
  declare readonly authUrl: string | undefined
  declare readonly tokenUrl: string | undefined
  declare readonly userInfoUrl: string | undefined
  declare readonly requiresPkce: boolean

  constructor(fields: Fields<EnterpriseConnectionOauthConfig>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseConnectionOauthConfigJSON): EnterpriseConnectionOauthConfig {
    return new EnterpriseConnectionOauthConfig({
      id: data.id,
      name: data.name,
      clientId: data.client_id,
      discoveryUrl: data.discovery_url,
      logoPublicUrl: data.logo_public_url,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      providerKey: data.provider_key,
      authUrl: data.auth_url,
      tokenUrl: data.token_url,
      userInfoUrl: data.user_info_url,
      requiresPkce: data.requires_pkce,
    })
  }
}

export class EnterpriseConnection {
  declare readonly id: string
  declare readonly name: string
  declare readonly domains: string[]
  declare readonly organizationId: string | null
  declare readonly active: boolean
  declare readonly syncUserAttributes: boolean
  declare readonly allowSubdomains: boolean | undefined
  declare readonly disableAdditionalIdentifications: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly samlConnection: EnterpriseConnectionSamlConnection | null
  declare readonly oauthConfig: EnterpriseConnectionOauthConfig | null
  declare readonly provider: string
  declare readonly logoPublicUrl: string | undefined
  declare readonly allowOrganizationAccountLinking: boolean
  declare readonly authenticatable: boolean
  declare readonly disableJitProvisioning: boolean
  declare readonly customAttributes: EnterpriseConnectionCustomAttribute[] | undefined

  constructor(fields: Fields<EnterpriseConnection>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EnterpriseConnectionJSON): EnterpriseConnection {
    return new EnterpriseConnection({
      id: data.id,
      name: data.name,
      domains: data.domains,
      organizationId: data.organization_id ?? null,
      active: data.active,
      syncUserAttributes: data.sync_user_attributes,
      allowSubdomains: data.allow_subdomains,
      disableAdditionalIdentifications: data.disable_additional_identifications,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      samlConnection: data.saml_connection ? EnterpriseConnectionSamlConnection.fromJSON(data.saml_connection) : null,
      oauthConfig: data.oauth_config ? EnterpriseConnectionOauthConfig.fromJSON(data.oauth_config) : null,
      provider: data.provider,
      logoPublicUrl: data.logo_public_url,
      allowOrganizationAccountLinking: data.allow_organization_account_linking,
      authenticatable: data.authenticatable,
      disableJitProvisioning: data.disable_jit_provisioning,
      customAttributes: data.custom_attributes?.map(EnterpriseConnectionCustomAttribute.fromJSON),
    })
  }
}

export class AttributeMapping {
  declare readonly userId: string
  declare readonly emailAddress: string
  declare readonly firstName: string
  declare readonly lastName: string

  constructor(fields: Fields<AttributeMapping>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: AttributeMappingJSON): AttributeMapping {
    return new AttributeMapping({
      userId: data.user_id,
      emailAddress: data.email_address,
      firstName: data.first_name,
      lastName: data.last_name,
    })
  }
}

/** @deprecated Clerk's enterprise connections replace SAML connections. */
export class SamlConnection {
  declare readonly id: string
  declare readonly name: string
  declare readonly domain: string
  declare readonly organizationId: string | null
  declare readonly idpEntityId: string | null
  declare readonly idpSsoUrl: string | null
  declare readonly idpCertificate: string | null
  declare readonly idpCertificateIssuedAt: number
  declare readonly idpCertificateExpiresAt: number
  declare readonly idpMetadataUrl: string | null
  declare readonly idpMetadata: string | null
  declare readonly acsUrl: string
  declare readonly spEntityId: string
  declare readonly spMetadataUrl: string
  declare readonly active: boolean
  declare readonly provider: string
  declare readonly userCount: number
  declare readonly syncUserAttributes: boolean
  declare readonly allowSubdomains: boolean
  declare readonly allowIdpInitiated: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly attributeMapping: AttributeMapping
  declare readonly idpCertificates: SamlConnectionIdpCertificate[]

  constructor(fields: Fields<SamlConnection>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SamlConnectionJSON): SamlConnection {
    return new SamlConnection({
      id: data.id,
      name: data.name,
      domain: data.domain,
      organizationId: data.organization_id,
      idpEntityId: data.idp_entity_id,
      idpSsoUrl: data.idp_sso_url,
      idpCertificate: data.idp_certificate,
      idpCertificateIssuedAt: data.idp_certificate_issued_at,
      idpCertificateExpiresAt: data.idp_certificate_expires_at,
      idpMetadataUrl: data.idp_metadata_url,
      idpMetadata: data.idp_metadata,
      acsUrl: data.acs_url,
      spEntityId: data.sp_entity_id,
      spMetadataUrl: data.sp_metadata_url,
      active: data.active,
      provider: data.provider,
      userCount: data.user_count,
      syncUserAttributes: data.sync_user_attributes,
      allowSubdomains: data.allow_subdomains,
      allowIdpInitiated: data.allow_idp_initiated,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      attributeMapping: data.attribute_mapping && AttributeMapping.fromJSON(data.attribute_mapping),
      idpCertificates: (data.idp_certificates ?? []).map(SamlConnectionIdpCertificate.fromJSON),
    })
  }
}
