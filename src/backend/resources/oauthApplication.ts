// The instance as an OAuth provider: its OAuth applications and the access tokens they are issued.
import type { Fields } from './fields.js'

export interface OAuthApplicationJSON {
  object: 'oauth_application'
  id: string
  instance_id: string
  name: string
  client_id: string
  client_uri: string | null
  client_image_url: string | null
  dynamically_registered: boolean
  consent_screen_enabled: boolean
  pkce_required: boolean
  public: boolean
  scopes: string
  redirect_uris: string[]
  authorize_url: string
  token_fetch_url: string
  user_info_url: string
  discovery_url: string
  token_introspection_url: string
  created_at: number
  updated_at: number
  client_secret?: string
}

/** Who acts on the subject's behalf (RFC 8693 `act`), nested at most once. */
export interface IdPOAuthAccessTokenActorJSON {
  iss?: string
  sub: string
  act?: IdPOAuthAccessTokenActorJSON
}

export interface IdPOAuthAccessTokenJSON {
  object: 'clerk_idp_oauth_access_token'
  id: string
  client_id: string
  type: string
  subject: string
  scopes: string[]
  revoked: boolean
  revocation_reason: string | null
  expired: boolean
  expiration: number | null
  created_at: number
  updated_at: number
  aud?: string[]
  act?: IdPOAuthAccessTokenActorJSON
}

export class OAuthApplication {
  declare readonly id: string
  declare readonly instanceId: string
  declare readonly name: string
  declare readonly clientId: string
  declare readonly clientUri: string | null
  declare readonly clientImageUrl: string | null
  declare readonly dynamicallyRegistered: boolean
  declare readonly consentScreenEnabled: boolean
  declare readonly pkceRequired: boolean
  /** The JSON's `public` (a reserved word). */
  declare readonly isPublic: boolean
  declare readonly scopes: string
  declare readonly redirectUris: string[]
  declare readonly authorizeUrl: string
  declare readonly tokenFetchUrl: string
  declare readonly userInfoUrl: string
  declare readonly discoveryUrl: string
  declare readonly tokenIntrospectionUrl: string
  declare readonly createdAt: number
  declare readonly updatedAt: number
  /** Only when it was just created or rotated. */
  declare readonly clientSecret?: string | undefined

  constructor(fields: Fields<OAuthApplication>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OAuthApplicationJSON): OAuthApplication {
    return new OAuthApplication({
      id: data.id,
      instanceId: data.instance_id,
      name: data.name,
      clientId: data.client_id,
      clientUri: data.client_uri,
      clientImageUrl: data.client_image_url,
      dynamicallyRegistered: data.dynamically_registered,
      consentScreenEnabled: data.consent_screen_enabled,
      pkceRequired: data.pkce_required,
      isPublic: data.public,
      scopes: data.scopes,
      redirectUris: data.redirect_uris,
      authorizeUrl: data.authorize_url,
      tokenFetchUrl: data.token_fetch_url,
      userInfoUrl: data.user_info_url,
      discoveryUrl: data.discovery_url,
      tokenIntrospectionUrl: data.token_introspection_url,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      clientSecret: data.client_secret,
    })
  }
}

export class IdPOAuthAccessToken {
  declare readonly id: string
  declare readonly clientId: string
  declare readonly type: string
  declare readonly subject: string
  declare readonly scopes: string[]
  declare readonly revoked: boolean
  declare readonly revocationReason: string | null
  declare readonly expired: boolean
  declare readonly expiration: number | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly aud?: string[] | undefined
  declare readonly act?: IdPOAuthAccessTokenActorJSON | undefined

  constructor(fields: Fields<IdPOAuthAccessToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: IdPOAuthAccessTokenJSON): IdPOAuthAccessToken {
    return new IdPOAuthAccessToken({
      id: data.id,
      clientId: data.client_id,
      type: data.type,
      subject: data.subject,
      scopes: data.scopes,
      revoked: data.revoked,
      revocationReason: data.revocation_reason,
      expired: data.expired,
      expiration: data.expiration,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      aud: data.aud,
      act: actorOf(data.act, 1),
    })
  }
}

/** Only `iss`, `sub` and a nested `act` of well-formed actors are kept, as @clerk/backend keeps them. */
function actorOf(value: unknown, nesting: number): IdPOAuthAccessTokenActorJSON | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { iss, sub, act } = value as Record<string, unknown>
  if (typeof sub !== 'string') return undefined
  const nested = nesting > 0 ? actorOf(act, nesting - 1) : undefined
  return { ...(typeof iss === 'string' ? { iss } : {}), sub, ...(nested ? { act: nested } : {}) }
}
