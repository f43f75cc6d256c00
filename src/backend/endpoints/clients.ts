// clerkClient.clients: browsers' Clerk clients, and the cookies of a handshake fetched by its nonce.
import { defineApi } from '../defineApi.js'
import { Client } from '../resources/client.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { HandshakePayload, type HandshakePayloadJSON } from '../resources/handshakePayload.js'
import type { PaginationParams } from './pagination.js'

export interface GetHandshakePayloadParams {
  nonce: string
}

export interface ClientAPI {
  getClientList(params?: PaginationParams): Promise<PaginatedResourceResponse<Client[]>>
  getClient(clientId: string): Promise<Client>
  /** The client a `__client` token belongs to. */
  verifyClient(token: string): Promise<Client>
  /** The cookies of a handshake that the Frontend API left behind a nonce. */
  getHandshakePayload(params: GetHandshakePayloadParams): Promise<HandshakePayload>
}

export const clients = defineApi<ClientAPI>('clients', 'ClientAPI', {
  getClientList: {
    method: 'GET',
    path: '/clients',
    args: ['...params?'],
    fixedQuery: { paginated: true },
    returns: { page: Client },
  },
  getClient: { method: 'GET', path: '/clients/{clientId}', args: ['clientId'], returns: Client },
  verifyClient: { method: 'POST', path: '/clients/verify', args: ['token'], returns: Client },
  getHandshakePayload: {
    method: 'GET',
    path: '/clients/handshake_payload',
    args: ['...params'],
    required: ['nonce'],
    returns: HandshakePayload,
    // The payload has no `object` field: it is built here rather than by the deserializer.
    run: async ({ send }, params) =>
      HandshakePayload.fromJSON((await send([params], { expect: undefined })) as HandshakePayloadJSON),
  },
})
