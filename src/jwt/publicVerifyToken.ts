// `verifyToken(token, options)` of `remix-clerk/api.server`: verifies a session token from anywhere (a
// webhook, a WebSocket, an API route with a Bearer token) with the same rules and caches as getAuth.
import { createClerkClient } from '../backend/client.js'
import type { JwtPayload } from './decodeJwt.js'
import { TokenVerificationError } from './reasons.js'
import { instanceIdentity, verifyJwt } from './verifyJwt.js'
import { SESSION_TOKEN, type VerificationOptions } from './verify.js'

export interface VerifyTokenOptions {
  /** PEM public key (`CLERK_JWT_KEY`): verification without any network call. */
  jwtKey?: string | undefined
  /** Without `jwtKey`: the instance's JWKS is fetched (once, then cached) with this key. */
  secretKey?: string | undefined
  /** Backend API origin. Default `https://api.clerk.com`. */
  apiUrl?: string | undefined
  /** Default `v1`. */
  apiVersion?: string | undefined
  /** Accepted `aud` values; once set, the token must carry one of them. */
  audience?: string | string[] | undefined
  /** Accepted `azp` origins; once set, the token must carry one of them. */
  authorizedParties?: string[] | undefined
  /** Tolerated clock difference for `exp`, `nbf` and `iat`; default 5000, and 0 means none. */
  clockSkewInMs?: number | undefined
  /** Fetch the JWKS even when the cached copy is fresh. */
  skipJwksCache?: boolean | undefined
}

/**
 * Verifies a Clerk session token from anywhere (an API route with a Bearer token, a WebSocket, a webhook) with the
 * rules and caches of `getAuth`. Resolves to the token's claims, or rejects with a `TokenVerificationError` whose
 * `reason` says why (`token-expired`, `token-invalid-signature`, …). Give `jwtKey` (no network) or `secretKey`
 * (the instance's JWKS, fetched once and cached).
 *
 * @example
 * ```ts
 * import { json, type LoaderFunctionArgs } from '@remix-run/node'
 * import { TokenVerificationError, verifyToken } from 'remix-clerk/api.server'
 *
 * export async function loader({ request }: LoaderFunctionArgs) {
 *   const token = request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? ''
 *   try {
 *     const claims = await verifyToken(token, {
 *       secretKey: process.env.CLERK_SECRET_KEY,
 *       authorizedParties: ['https://example.com'],
 *     })
 *     return json({ userId: claims.sub })
 *   } catch (error) {
 *     if (error instanceof TokenVerificationError) return json({ reason: error.reason }, { status: 401 })
 *     throw error
 *   }
 * }
 * ```
 */
export async function verifyToken(token: string, options: VerifyTokenOptions = {}): Promise<JwtPayload> {
  const { secretKey, apiUrl, apiVersion } = options
  const internal: VerificationOptions = {
    ...options,
    fetchJwks: secretKey ? () => createClerkClient({ secretKey, apiUrl, apiVersion }).jwks.getJwks() : undefined,
  }
  const result = await verifyJwt(token, SESSION_TOKEN, internal, instanceIdentity(internal))
  if (!result.ok) throw TokenVerificationError.from(result)
  return result.payload
}
