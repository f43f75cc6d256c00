// clerkClient.apiKeys: API keys issued to users and organizations (versionless endpoints).
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { APIKey } from '../resources/machine.js'
import type { PaginationParams } from './pagination.js'

export interface GetAPIKeyListParams extends PaginationParams {
  /** A user or organization id. */
  subject: string
  includeInvalid?: boolean
}

export interface CreateAPIKeyParams {
  name: string
  subject: string
  description?: string | null
  claims?: Record<string, unknown> | null
  scopes?: string[]
  createdBy?: string | null
  secondsUntilExpiration?: number | null
}

export interface RevokeAPIKeyParams {
  apiKeyId: string
  revocationReason?: string | null
}

export interface UpdateAPIKeyParams {
  apiKeyId: string
  subject: string
  description?: string | null
  claims?: Record<string, unknown> | null
  scopes?: string[]
  secondsUntilExpiration?: number | null
}

export interface APIKeysAPI {
  list(params: GetAPIKeyListParams): Promise<PaginatedResourceResponse<APIKey[]>>
  create(params: CreateAPIKeyParams): Promise<APIKey>
  get(apiKeyId: string): Promise<APIKey>
  update(params: UpdateAPIKeyParams): Promise<APIKey>
  delete(apiKeyId: string): Promise<DeletedObject>
  revoke(params: RevokeAPIKeyParams): Promise<APIKey>
  getSecret(apiKeyId: string): Promise<{ secret: string }>
  /** The key a secret belongs to, if it is valid. */
  verify(secret: string): Promise<APIKey>
}

const KEY = '/api_keys/{apiKeyId}'

export const apiKeys = defineApi<APIKeysAPI>(
  'apiKeys',
  'APIKeysAPI',
  {
    list: { method: 'GET', path: '/api_keys', args: ['...params'], returns: { page: APIKey } },
    create: { method: 'POST', path: '/api_keys', args: ['...params'], returns: APIKey },
    get: { method: 'GET', path: KEY, args: ['apiKeyId'], returns: APIKey },
    update: { method: 'PATCH', path: KEY, args: ['...params'], returns: APIKey },
    delete: { method: 'DELETE', path: KEY, args: ['apiKeyId'], returns: DeletedObject },
    revoke: {
      method: 'POST',
      path: `${KEY}/revoke`,
      args: ['...params'],
      defaults: { revocationReason: null },
      returns: APIKey,
    },
    getSecret: { method: 'GET', path: `${KEY}/secret`, args: ['apiKeyId'], returns: '{ secret: string }' },
    verify: { method: 'POST', path: '/api_keys/verify', args: ['secret'], returns: APIKey },
  },
  { versionless: true },
)
