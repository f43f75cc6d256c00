import type { JSONWebKeySet } from 'jose'
import type { BackendApi } from '../request'

export class JwksAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  /** The instance's public keys, as sent (`{ keys: [...] }`), ready for jose's `createLocalJWKSet`. */
  async getJwks(): Promise<JSONWebKeySet> {
    return this.#api.request({ method: 'GET', path: '/jwks' })
  }
}
