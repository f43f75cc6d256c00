// Tokens the Backend API issues for sign-in: sign-in tokens (ticket sign-in), actor tokens (impersonation),
// testing tokens (bot protection in end-to-end tests), and a user's OAuth tokens at a social provider.
import { defaulted, type Fields } from './fields.js'

export type ActorTokenStatus = 'pending' | 'accepted' | 'revoked'

export interface SignInTokenJSON {
  object: 'sign_in_token'
  id: string
  user_id: string
  token: string
  status: 'pending' | 'accepted' | 'revoked'
  url: string
  created_at: number
  updated_at: number
}

export interface ActorTokenJSON {
  object: 'actor_token'
  id: string
  status: ActorTokenStatus
  user_id: string
  actor: Record<string, unknown> | null
  token?: string | null
  url?: string | null
  created_at: number
  updated_at: number
}

export interface TestingTokenJSON {
  object: 'testing_token'
  token: string
  expires_at: number
}

export interface OauthAccessTokenJSON {
  object: 'oauth_access_token'
  external_account_id: string
  token: string
  provider: string
  public_metadata: Record<string, unknown>
  label: string | null
  scopes?: string[]
  token_secret?: string
  expires_at?: number
  id_token?: string
}

export class SignInToken {
  declare readonly id: string
  declare readonly userId: string
  declare readonly token: string
  declare readonly status: string
  declare readonly url: string
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<SignInToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SignInTokenJSON): SignInToken {
    return new SignInToken({
      id: data.id,
      userId: data.user_id,
      token: data.token,
      status: data.status,
      url: data.url,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}

export class ActorToken {
  declare readonly id: string
  declare readonly status: ActorTokenStatus
  declare readonly userId: string
  declare readonly actor: Record<string, unknown> | null
  declare readonly token: string | null | undefined
  declare readonly url: string | null | undefined
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<ActorToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: ActorTokenJSON): ActorToken {
    return new ActorToken({
      id: data.id,
      status: data.status,
      userId: data.user_id,
      actor: data.actor,
      token: data.token,
      url: data.url,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}

export class TestingToken {
  declare readonly token: string
  declare readonly expiresAt: number

  constructor(fields: Fields<TestingToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: TestingTokenJSON): TestingToken {
    return new TestingToken({ token: data.token, expiresAt: data.expires_at })
  }
}

export class OauthAccessToken {
  declare readonly externalAccountId: string
  declare readonly provider: string
  declare readonly token: string
  declare readonly publicMetadata: Record<string, unknown>
  declare readonly label: string
  declare readonly scopes?: string[] | undefined
  declare readonly tokenSecret?: string | undefined
  declare readonly expiresAt?: number | undefined
  declare readonly idToken?: string | undefined

  constructor(fields: Fields<OauthAccessToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OauthAccessTokenJSON): OauthAccessToken {
    return new OauthAccessToken({
      externalAccountId: data.external_account_id,
      provider: data.provider,
      token: data.token,
      publicMetadata: defaulted(data.public_metadata, {}),
      label: data.label || '',
      scopes: data.scopes,
      tokenSecret: data.token_secret,
      expiresAt: data.expires_at,
      idToken: data.id_token,
    })
  }
}
