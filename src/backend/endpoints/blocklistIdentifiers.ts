// clerkClient.blocklistIdentifiers: who may not sign up or sign in when the instance's blocklist is on.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { BlocklistIdentifier } from '../resources/identifierLists.js'
import type { PaginationParams } from './pagination.js'

export interface BlocklistIdentifierCreateParams {
  identifier: string
}

export interface BlocklistIdentifierAPI {
  getBlocklistIdentifierList(params?: PaginationParams): Promise<PaginatedResourceResponse<BlocklistIdentifier[]>>
  createBlocklistIdentifier(params: BlocklistIdentifierCreateParams): Promise<BlocklistIdentifier>
  deleteBlocklistIdentifier(blocklistIdentifierId: string): Promise<DeletedObject>
}

export const blocklistIdentifiers = defineApi<BlocklistIdentifierAPI>(
  'blocklistIdentifiers',
  'BlocklistIdentifierAPI',
  {
    getBlocklistIdentifierList: {
      method: 'GET',
      path: '/blocklist_identifiers',
      args: ['...params?'],
      returns: { page: BlocklistIdentifier },
    },
    createBlocklistIdentifier: {
      method: 'POST',
      path: '/blocklist_identifiers',
      args: ['...params'],
      returns: BlocklistIdentifier,
    },
    deleteBlocklistIdentifier: {
      method: 'DELETE',
      path: '/blocklist_identifiers/{blocklistIdentifierId}',
      args: ['blocklistIdentifierId'],
      returns: DeletedObject,
    },
  },
)
