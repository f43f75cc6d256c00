/**
 * Session refresh (`POST /v1/sessions/{id}/refresh`): a server SDK holding an expired session token and the
 * `__refresh` cookie the handshake set next to it gets a new session token without sending the browser anywhere.
 *
 * The refresh token is not stored: it is an HMAC of the session and its client under the instance's secret key, so
 * it is known for as long as the session lives, and worthless for any other session or instance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { compactVerify, importJWK } from 'jose'
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { f, parseFields } from '../validation/schema.js'
import { getSession } from './sessions.js'

/** Far longer than any real value, short enough that nothing needs a second look. */
const MAX_TOKEN_LENGTH = 16_384

const REFRESH_FIELDS = {
  expired_token: f.string({ maxLength: MAX_TOKEN_LENGTH }).required(),
  refresh_token: f.string({ maxLength: 256 }).required(),
  request_origin: f.string({ maxLength: 2_048 }).required(),
  request_headers: f.custom(parseRequestHeaders),
  request_originating_ip: f.string({ maxLength: 64 }),
  format: f.oneOf(['token', 'cookie'] as const),
}

/** The `__refresh` cookie value for this session: the credential of a refresh. */
export function refreshTokenFor(core: Core, session: Pick<SessionRecord, 'id' | 'client_id'>): string {
  return createHmac('sha256', core.keys.secretKey)
    .update(`refresh\n${session.id}\n${session.client_id}`)
    .digest('base64url')
}

const refused = (code: string, message: string, longMessage: string) => clerkError(401, code, message, longMessage)

/**
 * Checks a refresh request and returns the session to mint for; throws a Clerk-shaped 401 (404 for an unknown
 * session, 422 for a malformed body) otherwise. Every check Clerk documents: the expired token is the instance's
 * (signature; its `exp` may be past), names this session and was minted for the requesting origin, the refresh
 * token belongs to the session, and the session is still active.
 */
export async function checkRefresh(
  core: Core,
  sessionId: string,
  input: unknown,
): Promise<{ session: SessionRecord; origin: string; issuer: string | undefined; format: 'token' | 'cookie' }> {
  const body = parseFields(input, REFRESH_FIELDS)
  const session = getSession(core, sessionId)
  const claims = await expiredTokenClaims(core, body.expired_token)
  if (claims.sid !== session.id) {
    throw refused(
      'refresh_sid_mismatch',
      'Session mismatch',
      'The expired session token belongs to another session than the one in the URL.',
    )
  }
  if (claims.azp !== body.request_origin) {
    throw refused(
      'refresh_request_origin_azp_mismatch',
      'Request origin mismatch',
      'request_origin is not the origin the expired session token was minted for (its azp claim).',
    )
  }
  if (!sameSecret(body.refresh_token, refreshTokenFor(core, session))) {
    throw refused(
      'refresh_token_not_found',
      'Refresh token not found',
      'The refresh token is not the one issued for this session.',
    )
  }
  if (session.status !== 'active') {
    throw refused(
      'session_refresh_session_not_active',
      'Session not active',
      `The session is ${session.status}; sign in again (the handshake does that).`,
    )
  }
  // The new token comes from the Frontend API the expired one came from (a satellite's stays a satellite's); the
  // signature says the instance issued that one.
  const issuer = typeof claims.iss === 'string' ? claims.iss : undefined
  return { session, origin: body.request_origin, issuer, format: body.format ?? 'token' }
}

async function expiredTokenClaims(core: Core, token: string): Promise<Record<string, unknown>> {
  const claims = await claimsSignedByInstance(core, token)
  if (claims) return claims
  throw refused(
    'expired_session_token_invalid',
    'Invalid expired session token',
    'The expired session token is not a session token of this instance.',
  )
}

/** The claims of a token the instance key signed, whatever its `exp`; undefined for anything else. */
export async function claimsSignedByInstance(core: Core, token: string): Promise<Record<string, unknown> | undefined> {
  if (token.length > MAX_TOKEN_LENGTH) return undefined
  let payload: Uint8Array
  try {
    payload = (await compactVerify(token, await publicKey(core), { algorithms: ['RS256'] })).payload
  } catch {
    return undefined
  }
  try {
    const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims))
      return claims as Record<string, unknown>
  } catch {
    // falls through
  }
  return undefined
}

const publicKeys = new WeakMap<Core, Promise<CryptoKey | Uint8Array>>()

function publicKey(core: Core): Promise<CryptoKey | Uint8Array> {
  let key = publicKeys.get(core)
  if (!key) {
    key = importJWK(core.keys.jwk, 'RS256')
    publicKeys.set(core, key)
  }
  return key
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** `{ header: [values] }`, as the SDKs send the request's headers; checked for shape only, never used. */
function parseRequestHeaders(value: unknown, name: string): Record<string, string[]> {
  const problem = () =>
    clerkError(422, 'form_param_format_invalid', 'is invalid', `${name} must be an object of string arrays.`, {
      param_name: name,
    })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw problem()
  const entries = Object.entries(value)
  if (entries.length > 200) throw problem()
  for (const [, values] of entries) {
    if (!Array.isArray(values) || values.length > 50 || values.some((item) => typeof item !== 'string')) throw problem()
  }
  return value as Record<string, string[]>
}
