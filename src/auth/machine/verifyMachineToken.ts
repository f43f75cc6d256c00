// Verifies a machine token as @clerk/backend 3 does: a JWT (M2M or OAuth) locally against the instance's keys, an
// opaque one by the Backend API's verify endpoint of its kind (`POST /api_keys/verify`, `/m2m_tokens/verify` with the
// machine secret key when there is one, `/oauth_applications/access_tokens/verify`), through the verified-token cache.
// A refused or failed call is the answer upstream gives: 404 `token-invalid`, 401 `secret-key-invalid`, else
// `unexpected-error`.
import type { ClerkInstance } from '../clerkInstance.js'
import { ClerkAPIResponseError } from '../../backend/errors.js'
import type { APIKey, M2MToken } from '../../backend/resources/machine.js'
import type { IdPOAuthAccessToken } from '../../backend/resources/oauthApplication.js'
import { decodeJwt } from '../../jwt/decodeJwt.js'
import {
  MachineTokenErrorCode as Code,
  TokenType,
  machineFailure,
  type MachineTokenData,
  type MachineTokenType,
  type MachineVerification,
} from '../../jwt/machineTokens.js'
import { verifyMachineJwt } from '../../jwt/verifyMachineJwt.js'
import { quote } from '../../shared/quote.js'
import { cachedMachineVerification } from './machineTokenCache.js'

/** Clerk's opaque tokens are short base64-ish text; anything else is refused without asking the Backend API. */
const OPAQUE_TOKEN = /^(?:ak|mt|oat)_[\w+/=.-]{1,250}$/

const NOT_FOUND: Record<MachineTokenType, string> = {
  [TokenType.ApiKey]: 'API key not found',
  [TokenType.M2MToken]: 'Machine token not found',
  [TokenType.OAuthToken]: 'OAuth token not found',
}

// A small number per instance, so that cache keys do not repeat the instance's keys.
const instanceNumbers = new WeakMap<ClerkInstance, number>()
let nextInstanceNumber = 0

/** Never throws, never rejects: a failure is a value with upstream's code. */
export function verifyMachineToken(
  token: string,
  kind: MachineTokenType,
  instance: ClerkInstance,
): MachineVerification | Promise<MachineVerification> {
  let number = instanceNumbers.get(instance)
  if (number === undefined) instanceNumbers.set(instance, (number = nextInstanceNumber++))
  const key = `${number}\n${token}`
  // API keys have no JWT form: an `ak_…` token is opaque.
  if (kind !== TokenType.ApiKey && token.startsWith('eyJ')) {
    return cachedMachineVerification(key, 'jwt', () => {
      const decoded = decodeJwt(token)
      if (!decoded.ok) return machineFailure(Code.TokenInvalid, decoded.message)
      return verifyMachineJwt(decoded.jwt, kind, instance.verifyOptions)
    })
  }
  if (!OPAQUE_TOKEN.test(token))
    return machineFailure(Code.TokenInvalid, `${NOT_FOUND[kind]}: not the form of a Clerk token.`)
  return cachedMachineVerification(key, 'backend-api', () => askBackendApi(token, kind, instance))
}

async function askBackendApi(
  token: string,
  kind: MachineTokenType,
  instance: ClerkInstance,
): Promise<MachineVerification> {
  const client = instance.blockingClient
  try {
    switch (kind) {
      case TokenType.ApiKey:
        return { ok: true, data: apiKeyData(await client.apiKeys.verify(token)) }
      case TokenType.M2MToken:
        return { ok: true, data: m2mData(await client.m2m.verify({ token })) }
      default: {
        const verified = await client.idPOAuthAccessToken.verify(token)
        const wrongAudience = audienceProblem(verified.aud, instance.verifyOptions.audience)
        if (wrongAudience) return machineFailure(Code.TokenVerificationFailed, wrongAudience)
        return { ok: true, data: oauthData(verified) }
      }
    }
  } catch (error) {
    return failureOf(error, kind)
  }
}

function failureOf(error: unknown, kind: MachineTokenType): MachineVerification {
  if (error instanceof ClerkAPIResponseError) {
    if (error.status === 401)
      return machineFailure(Code.InvalidSecretKey, error.errors[0]?.message || 'Invalid secret key', 401)
    if (error.status === 404) return machineFailure(Code.TokenInvalid, NOT_FOUND[kind], 404)
    return machineFailure(Code.UnexpectedError, 'Unexpected error', error.status)
  }
  return machineFailure(Code.UnexpectedError, 'Unexpected error')
}

/** As upstream checks an OAuth token's audience: with an expected audience, `aud` must name one of them. */
function audienceProblem(
  aud: readonly string[] | undefined,
  audience: string | string[] | undefined,
): string | undefined {
  const expected = [audience ?? []].flat().filter((value) => value !== '')
  if (expected.length === 0 || aud?.some((value) => expected.includes(value))) return undefined
  return `Invalid JWT audience claim (aud) ${quote(aud)}. Is not included in "${quote(expected)}".`
}

const apiKeyData = (key: APIKey): MachineTokenData => ({
  kind: TokenType.ApiKey,
  id: key.id,
  subject: key.subject,
  scopes: key.scopes,
  claims: key.claims,
  name: key.name,
  clientId: null,
  expiration: key.expiration,
})

const m2mData = (token: M2MToken): MachineTokenData => ({
  kind: TokenType.M2MToken,
  id: token.id,
  subject: token.subject,
  scopes: token.scopes,
  claims: token.claims,
  name: null,
  clientId: null,
  expiration: token.expiration,
})

const oauthData = (token: IdPOAuthAccessToken): MachineTokenData => ({
  kind: TokenType.OAuthToken,
  id: token.id,
  subject: token.subject,
  scopes: token.scopes,
  claims: null,
  name: null,
  clientId: token.clientId,
  expiration: token.expiration,
})
