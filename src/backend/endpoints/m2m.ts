// clerkClient.m2m: machine-to-machine tokens (versionless endpoints), sent with a machine secret key: the call's
// `machineSecretKey`, else the client's `machineSecretKey` option, else the secret key.
import { ClerkClientError } from '../errors.js'
import { defineApi } from '../defineApi.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { M2MToken } from '../resources/machine.js'
import type { PaginationParams } from './pagination.js'

export type M2MTokenFormat = 'opaque' | 'jwt'

export interface GetM2MTokenListParams extends PaginationParams {
  machineSecretKey?: string
  /** The machine id. */
  subject: string
  revoked?: boolean
  expired?: boolean
}

export interface CreateM2MTokenParams {
  machineSecretKey?: string
  secondsUntilExpiration?: number | null
  claims?: Record<string, unknown> | null
  minRemainingTtlSeconds?: number
  /** Default `opaque`. */
  tokenFormat?: M2MTokenFormat
}

export interface RevokeM2MTokenParams {
  machineSecretKey?: string
  m2mTokenId: string
  revocationReason?: string | null
}

export interface VerifyM2MTokenParams {
  machineSecretKey?: string
  token: string
}

export interface M2MTokenAPI {
  list(params: GetM2MTokenListParams): Promise<PaginatedResourceResponse<M2MToken[]>>
  createToken(params?: CreateM2MTokenParams): Promise<M2MToken>
  revokeToken(params: RevokeM2MTokenParams): Promise<M2MToken>
  /** Opaque tokens (`mt_…`) only: JWT-format M2M tokens are not verified by this client yet. */
  verify(params: VerifyM2MTokenParams): Promise<M2MToken>
}

export const m2m = defineApi<M2MTokenAPI>(
  'm2m',
  'M2MTokenAPI',
  {
    list: { method: 'GET', path: '/m2m_tokens', args: ['...params'], returns: { page: M2MToken } },
    createToken: {
      method: 'POST',
      path: '/m2m_tokens',
      args: ['...params?'],
      defaults: { secondsUntilExpiration: null, claims: null, tokenFormat: 'opaque' },
      returns: M2MToken,
    },
    revokeToken: {
      method: 'POST',
      path: '/m2m_tokens/{m2mTokenId}/revoke',
      args: ['...params'],
      defaults: { revocationReason: null },
      returns: M2MToken,
    },
    verify: {
      method: 'POST',
      path: '/m2m_tokens/verify',
      args: ['...params'],
      returns: M2MToken,
      note: 'Opaque tokens only: @clerk/backend verifies JWT-format M2M tokens locally, which this client does not do yet.',
      run: ({ send }, params) => {
        if (isM2MJwt(params?.token)) {
          throw new ClerkClientError(
            'argument_invalid',
            'm2m.verify: this is a JWT-format M2M token, which @clerk/backend verifies locally against the instance ' +
              'keys; remix-clerk does not verify M2M JWTs yet. Create opaque tokens (tokenFormat "opaque") or verify ' +
              'the JWT with verifyToken-like code against the JWKS.',
          )
        }
        return send([params]) as Promise<M2MToken>
      },
    },
  },
  { versionless: true, auth: 'machine' },
)

/** A JWT whose subject is a machine (`mch_…`), as @clerk/backend recognises M2M JWTs. */
function isM2MJwt(token: unknown): boolean {
  if (typeof token !== 'string') return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  try {
    const payload = JSON.parse(atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown }
    return typeof payload.sub === 'string' && payload.sub.startsWith('mch_')
  } catch {
    return false
  }
}
