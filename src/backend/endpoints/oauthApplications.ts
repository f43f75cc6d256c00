// clerkClient.oauthApplications: the instance as an OAuth provider, and the applications it serves.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { OAuthApplication } from '../resources/oauthApplication.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface CreateOAuthApplicationParams {
  name: string
  redirectUris?: string[] | null | undefined
  scopes?: string | null | undefined
  public?: boolean | null | undefined
}

export interface UpdateOAuthApplicationParams extends CreateOAuthApplicationParams {
  oauthApplicationId: string
}

export interface RevokeOAuthApplicationTokenParams {
  oauthApplicationId: string
  token: string
}

export interface GetOAuthApplicationListParams extends PaginationParams {
  nameQuery?: string
  orderBy?: WithSign<'name' | 'created_at'>
}

export interface OAuthApplicationsAPI {
  list(params?: GetOAuthApplicationListParams): Promise<PaginatedResourceResponse<OAuthApplication[]>>
  get(oauthApplicationId: string): Promise<OAuthApplication>
  create(params: CreateOAuthApplicationParams): Promise<OAuthApplication>
  update(params: UpdateOAuthApplicationParams): Promise<OAuthApplication>
  delete(oauthApplicationId: string): Promise<DeletedObject>
  rotateSecret(oauthApplicationId: string): Promise<OAuthApplication>
  revokeToken(params: RevokeOAuthApplicationTokenParams): Promise<void>
}

const APPLICATION = '/oauth_applications/{oauthApplicationId}'

export const oauthApplications = defineApi<OAuthApplicationsAPI>('oauthApplications', 'OAuthApplicationsAPI', {
  list: { method: 'GET', path: '/oauth_applications', args: ['...params?'], returns: { page: OAuthApplication } },
  get: { method: 'GET', path: APPLICATION, args: ['oauthApplicationId'], returns: OAuthApplication },
  create: { method: 'POST', path: '/oauth_applications', args: ['...params'], returns: OAuthApplication },
  update: { method: 'PATCH', path: APPLICATION, args: ['...params'], returns: OAuthApplication },
  delete: { method: 'DELETE', path: APPLICATION, args: ['oauthApplicationId'], returns: DeletedObject },
  rotateSecret: {
    method: 'POST',
    path: `${APPLICATION}/rotate_secret`,
    args: ['oauthApplicationId'],
    returns: OAuthApplication,
  },
  revokeToken: { method: 'POST', path: `${APPLICATION}/revoke_token`, args: ['...params'], returns: 'void' },
})
