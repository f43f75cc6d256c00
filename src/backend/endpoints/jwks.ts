import type { BackendApi } from '../request'

// Declared here rather than taken from jose: jose is ESM-only, and the .d.cts of a CommonJS app under
// "moduleResolution": "node16" may not import it, even for types. Type aliases, so that they fit jose's `JWK`.
/** One public key of the instance, as the Backend API sends it (RFC 7517). */
type JwksKeyJSON = { use: string; kty: string; kid: string; alg: string; n: string; e: string }
/** `GET /jwks`: `{ keys }`, ready for jose's `createLocalJWKSet`. */
type JwksJSON = { keys: JwksKeyJSON[] }

export class JwksAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  /** The instance's public keys, as sent (`{ keys: [...] }`), ready for jose's `createLocalJWKSet`. */
  async getJwks(): Promise<JwksJSON> {
    return this.#api.request({ method: 'GET', path: '/jwks' })
  }
}
