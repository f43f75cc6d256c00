// OAuth access tokens for tests: remix-clerk-local does not run the OAuth authorization flow, but an app's tests need
// tokens as if the instance, acting as an OAuth provider, had issued them to a client application. They are minted
// directly (opaque `oat_…`, or a JWT with `typ` at+jwt) and verified by the Backend API's verify endpoint.
import type { Core } from '../core/core.js'
import { notFound } from '../shared/errors.js'
import { machineAuthId, machineAuthSecret } from '../shared/machineIds.js'
import type { OAuthAccessTokenRecord } from '../store/oauthAccessTokenStore.js'
import { machineJwtSigner } from '../tokens/machineJwts.js'
import { f, parseFields } from '../validation/schema.js'
import { assertUserExists } from './users.js'

export interface OAuthAccessTokenParams {
  userId: string
  /** The OAuth application's client id the token was issued to; default a new `client_…` id. */
  clientId?: string | undefined
  scopes?: readonly string[] | undefined
  /** `aud`: the resources the token is for. */
  audience?: string | readonly string[] | undefined
  /** Default one hour. */
  expiresInSeconds?: number | undefined
  /** `opaque` (default, verified by the Backend API) or `jwt` (verified locally against the instance keys). */
  format?: 'opaque' | 'jwt' | undefined
}

const VERIFY_FIELDS = { access_token: f.string({ minLength: 1, maxLength: 8192 }).required() }
const DEFAULT_LIFETIME = 3600

export async function createOAuthAccessToken(
  core: Core,
  params: OAuthAccessTokenParams,
): Promise<{ record: OAuthAccessTokenRecord; token: string }> {
  assertUserExists(core, params.userId, 'user_id')
  const now = core.now()
  const lifetime = params.expiresInSeconds ?? DEFAULT_LIFETIME
  const id = machineAuthId('oat')
  const clientId = params.clientId ?? machineAuthId('client')
  const scopes = [...(params.scopes ?? [])]
  const audience = params.audience === undefined ? null : [params.audience].flat()
  const issuedAt = Math.floor(now / 1000)
  let token: string
  if (params.format === 'jwt') {
    token = await machineJwtSigner(core.keys).oauth({
      issuer: core.frontendApiUrl(),
      userId: params.userId,
      clientId,
      tokenId: id,
      scopes,
      audience,
      issuedAt,
      expiresAt: issuedAt + lifetime,
    })
  } else {
    token = machineAuthSecret('oat')
  }
  const record: OAuthAccessTokenRecord = {
    id,
    token,
    client_id: clientId,
    user_id: params.userId,
    scopes,
    audience,
    revoked: false,
    revocation_reason: null,
    expiration: params.format === 'jwt' ? (issuedAt + lifetime) * 1000 : now + lifetime * 1000,
    created_at: now,
    updated_at: now,
  }
  core.store.machineAuth.oauthAccessTokens.insert(record)
  return { record, token }
}

/** The token if it is live and its user still exists; else a 404, as Clerk answers a token it does not know. */
export function verifyOAuthAccessToken(core: Core, input: unknown): OAuthAccessTokenRecord {
  const { access_token: token } = parseFields(input, VERIFY_FIELDS)
  const record = core.store.machineAuth.oauthAccessTokens.byToken(token)
  const now = core.now()
  if (
    !record ||
    record.revoked ||
    (record.expiration !== null && record.expiration <= now) ||
    !core.store.users.get(record.user_id)
  ) {
    throw notFound('OAuth token not found', 'The access token is unknown, revoked or expired: it does not verify.')
  }
  return record
}

/** Revokes a token minted for tests. */
export function revokeOAuthAccessToken(core: Core, token: string, reason: string | null = null): void {
  const record = core.store.machineAuth.oauthAccessTokens.byToken(token)
  if (!record) throw notFound('OAuth token not found', 'No such access token was minted by this instance.')
  if (!record.revoked) core.store.machineAuth.oauthAccessTokens.revoke(record.id, reason, core.now())
}
