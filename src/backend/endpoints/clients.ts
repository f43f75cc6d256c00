import type { BackendApi } from '../request'
import { HandshakePayload, type HandshakePayloadJSON } from '../resources/handshakePayload'
import { pathSegment } from '../url'

export interface GetHandshakePayloadParams {
  nonce: string
}

export class ClientAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  /** The cookies of a handshake that the Frontend API left behind a nonce. */
  async getHandshakePayload(params: GetHandshakePayloadParams): Promise<HandshakePayload> {
    // Checked like an id: a blank nonce can only fail, so fail before the request.
    pathSegment(params?.nonce, 'clients.getHandshakePayload: nonce')
    const json = await this.#api.request<HandshakePayloadJSON>({
      method: 'GET',
      path: '/clients/handshake_payload',
      query: { nonce: params.nonce },
    })
    return HandshakePayload.fromJSON(json)
  }
}
