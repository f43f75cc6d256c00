// Machine tokens in JWT form, verified locally against the instance's keys as @clerk/backend 3 verifies them (no
// Backend API call): M2M JWTs (header `cat` cl_B7d4PD333AAA or none, `typ` JWT, the session `audience` option) and
// OAuth access tokens (`typ` at+jwt, their `aud` checked against `audience` afterwards). Any failure is
// `token-verification-failed` with the reason's message, a bad category `token-invalid`, as upstream reports them.
import type { DecodedJwt } from './decodeJwt.js'
import { SESSION_TOKEN_ALGORITHMS, type SessionTokenAlgorithm } from './keys.js'
import {
  MachineTokenErrorCode as Code,
  OAUTH_ACCESS_TOKEN_TYPES,
  TokenType,
  machineFailure,
  type MachineTokenData,
  type MachineTokenFailure,
  type MachineVerification,
} from './machineTokens.js'
import type { VerificationFailure } from './reasons.js'
import { checkSessionClaims, checkSignature, type SignatureResult, type VerificationOptions } from './verify.js'
import { quote } from '../shared/quote.js'

const M2M_CATEGORY = 'cl_B7d4PD333AAA'
/** Claims an M2M token's `claims` leave out: they are the token's own fields. */
const M2M_STRUCTURAL_CLAIMS = new Set(['iss', 'sub', 'exp', 'nbf', 'iat', 'jti'])

type Kind = typeof TokenType.M2MToken | typeof TokenType.OAuthToken

/**
 * Verifies a machine JWT; synchronous when its key is known and the runtime checks signatures synchronously
 * (node:crypto), else a promise. Never throws, never rejects.
 */
export function verifyMachineJwt(
  jwt: DecodedJwt,
  kind: Kind,
  options: VerificationOptions,
): MachineVerification | Promise<MachineVerification> {
  const header = checkHeader(jwt, kind)
  if (!header.ok) return header
  let signature: SignatureResult | Promise<SignatureResult>
  try {
    signature = checkSignature(jwt, header.alg, options)
  } catch (error) {
    return machineFailure(Code.TokenVerificationFailed, `Unexpected error while verifying the token: ${String(error)}`)
  }
  if (!(signature instanceof Promise)) return afterSignature(jwt, kind, signature, options)
  return signature.then(
    (signature) => afterSignature(jwt, kind, signature, options),
    (error: unknown) =>
      machineFailure(Code.TokenVerificationFailed, `Unexpected error while verifying the token: ${String(error)}`),
  )
}

function checkHeader(jwt: DecodedJwt, kind: Kind): { ok: true; alg: SessionTokenAlgorithm } | MachineTokenFailure {
  const { cat, typ, alg } = jwt.header
  if (kind === TokenType.M2MToken && cat !== undefined && cat !== M2M_CATEGORY)
    return machineFailure(Code.TokenInvalid, 'Invalid M2M JWT category.')
  const allowed = kind === TokenType.OAuthToken ? OAUTH_ACCESS_TOKEN_TYPES : ['JWT']
  if (!(typ === undefined && kind === TokenType.M2MToken) && !allowed.includes(typ as string)) {
    return machineFailure(
      Code.TokenVerificationFailed,
      `Invalid JWT type ${quote(typ)}. Expected "${allowed.join(', ')}".`,
    )
  }
  if (!SESSION_TOKEN_ALGORITHMS.includes(alg as SessionTokenAlgorithm)) {
    return machineFailure(
      Code.TokenVerificationFailed,
      `Invalid JWT algorithm ${quote(alg)}. Supported: ${SESSION_TOKEN_ALGORITHMS.join(',')}.`,
    )
  }
  return { ok: true, alg: alg as SessionTokenAlgorithm }
}

function afterSignature(
  jwt: DecodedJwt,
  kind: Kind,
  signature: SignatureResult,
  options: VerificationOptions,
): MachineVerification {
  if (!signature.ok) return failed(signature)
  // The claims as a session's, without its authorized parties; the audience, when one is configured, must be named.
  const claims = checkSessionClaims(jwt.payload, { audience: options.audience, clockSkewInMs: options.clockSkewInMs })
  if (!claims.ok) return failed(claims)
  return { ok: true, data: kind === TokenType.M2MToken ? m2mData(jwt.payload) : oauthData(jwt.payload) }
}

const failed = (failure: VerificationFailure) => machineFailure(Code.TokenVerificationFailed, failure.message)

function m2mData(payload: Record<string, unknown>): MachineTokenData {
  const claims = Object.fromEntries(Object.entries(payload).filter(([name]) => !M2M_STRUCTURAL_CLAIMS.has(name)))
  const { scopes, aud } = payload
  return {
    kind: TokenType.M2MToken,
    id: typeof payload.jti === 'string' ? payload.jti : '',
    subject: payload.sub as string,
    scopes: typeof scopes === 'string' ? scopes.split(' ') : stringList(aud),
    claims: Object.keys(claims).length > 0 ? claims : null,
    name: null,
    clientId: null,
    expiration: (payload.exp as number) * 1000,
  }
}

function oauthData(payload: Record<string, unknown>): MachineTokenData {
  const { scp, scope } = payload
  return {
    kind: TokenType.OAuthToken,
    id: typeof payload.jti === 'string' ? payload.jti : '',
    subject: payload.sub as string,
    scopes: Array.isArray(scp) ? stringList(scp) : typeof scope === 'string' ? scope.split(' ') : [],
    claims: null,
    name: null,
    clientId: typeof payload.client_id === 'string' ? payload.client_id : '',
    expiration: (payload.exp as number) * 1000,
  }
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}
