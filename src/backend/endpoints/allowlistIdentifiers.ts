// clerkClient.allowlistIdentifiers: who may sign up when the instance's allowlist is on.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { AllowlistIdentifier } from '../resources/identifierLists.js'
import type { PaginationParams } from './pagination.js'

export interface AllowlistIdentifierCreateParams {
  identifier: string
  notify: boolean
}

export interface AllowlistIdentifierAPI {
  getAllowlistIdentifierList(params?: PaginationParams): Promise<PaginatedResourceResponse<AllowlistIdentifier[]>>
  createAllowlistIdentifier(params: AllowlistIdentifierCreateParams): Promise<AllowlistIdentifier>
  deleteAllowlistIdentifier(allowlistIdentifierId: string): Promise<DeletedObject>
}

export const allowlistIdentifiers = defineApi<AllowlistIdentifierAPI>(
  'allowlistIdentifiers',
  'AllowlistIdentifierAPI',
  {
    getAllowlistIdentifierList: {
      method: 'GET',
      path: '/allowlist_identifiers',
      args: ['...params?'],
      fixedQuery: { paginated: true },
      returns: { page: AllowlistIdentifier },
    },
    createAllowlistIdentifier: {
      method: 'POST',
      path: '/allowlist_identifiers',
      args: ['...params'],
      returns: AllowlistIdentifier,
    },
    deleteAllowlistIdentifier: {
      method: 'DELETE',
      path: '/allowlist_identifiers/{allowlistIdentifierId}',
      args: ['allowlistIdentifierId'],
      returns: DeletedObject,
    },
  },
)
