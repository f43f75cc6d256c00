// clerkClient.jwks: the instance's public keys.
import { defineApi } from '../defineApi.js'

// Declared here rather than taken from jose: jose is ESM-only, and the .d.cts of a CommonJS app under
// "moduleResolution": "node16" may not import it, even for types. Type aliases, so that they fit jose's `JWK`.
/** One public key of the instance, as the Backend API sends it (RFC 7517). */
type JwksKeyJSON = { use: string; kty: string; kid: string; alg: string; n: string; e: string }
/** `GET /jwks`: `{ keys }`, ready for jose's `createLocalJWKSet`. */
type JwksJSON = { keys: JwksKeyJSON[] }

export interface JwksAPI {
  /** The instance's public keys, as sent (`{ keys: [...] }`), ready for jose's `createLocalJWKSet`. */
  getJwks(): Promise<JwksJSON>
}

export const jwks = defineApi<JwksAPI>('jwks', 'JwksAPI', {
  getJwks: { method: 'GET', path: '/jwks', args: [], returns: 'JwksJSON' },
})
