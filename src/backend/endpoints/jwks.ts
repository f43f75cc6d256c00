// clerkClient.jwks: the instance's public keys.
import type { JSONWebKeySet } from 'jose'
import { defineApi } from '../defineApi'

export interface JwksAPI {
  /** The instance's public keys, as sent (`{ keys: [...] }`), ready for jose's `createLocalJWKSet`. */
  getJwks(): Promise<JSONWebKeySet>
}

export const jwks = defineApi<JwksAPI>('jwks', 'JwksAPI', {
  getJwks: { method: 'GET', path: '/jwks', args: [], returns: 'JwksJSON' },
})
