// Machine tokens as @clerk/backend 3 tells them apart: API keys (`ak_…`), M2M tokens (`mt_…`, or a JWT whose subject
// is a machine, `mch_…`) and OAuth access tokens (`oat_…`, or a JWT of type `at+jwt`), and what a verified one says.
import { decodeJwt } from './decodeJwt.js'

export const TokenType = {
  SessionToken: 'session_token',
  ApiKey: 'api_key',
  M2MToken: 'm2m_token',
  OAuthToken: 'oauth_token',
} as const

export type TokenType = (typeof TokenType)[keyof typeof TokenType]
type SessionTokenType = typeof TokenType.SessionToken
export type MachineTokenType = Exclude<TokenType, SessionTokenType>

const PREFIXES: ReadonlyArray<readonly [string, MachineTokenType]> = [
  ['mt_', TokenType.M2MToken],
  ['oat_', TokenType.OAuthToken],
  ['ak_', TokenType.ApiKey],
]
const MACHINE_TYPES: ReadonlySet<string> = new Set<string>([TokenType.ApiKey, TokenType.M2MToken, TokenType.OAuthToken])
export const OAUTH_ACCESS_TOKEN_TYPES: readonly string[] = ['at+jwt', 'application/at+jwt']
const MACHINE_SUBJECT_PREFIX = 'mch_'

export function isMachineTokenType(value: unknown): value is MachineTokenType {
  return typeof value === 'string' && MACHINE_TYPES.has(value)
}

/** The kind of an opaque machine token, by its prefix; undefined for anything else. */
export function opaqueMachineTokenKind(token: string): MachineTokenType | undefined {
  for (const [prefix, kind] of PREFIXES) if (token.startsWith(prefix)) return kind
  return undefined
}

/**
 * The machine token kind of `token` by its prefix, or, for a JWT, by its claims (an M2M JWT's subject is a machine,
 * an OAuth JWT's `typ` is at+jwt); undefined for anything else (a session token, junk).
 */
export function machineTokenKind(token: string): MachineTokenType | undefined {
  const opaque = opaqueMachineTokenKind(token)
  if (opaque !== undefined) return opaque
  if (!token.startsWith('eyJ')) return undefined
  const decoded = decodeJwt(token)
  if (!decoded.ok) return undefined
  const { header, payload } = decoded.jwt
  if (typeof payload.sub === 'string' && payload.sub.startsWith(MACHINE_SUBJECT_PREFIX)) return TokenType.M2MToken
  if (typeof header.typ === 'string' && OAUTH_ACCESS_TOKEN_TYPES.includes(header.typ)) return TokenType.OAuthToken
  return undefined
}

/** What a verified machine token says, whichever way it was verified (the Backend API, or its JWT). */
export interface MachineTokenData {
  readonly kind: MachineTokenType
  /** `ak_…`, `mt_…`, `oat_…`. */
  readonly id: string
  /** A user or organization (API keys), the minting machine (M2M), the user (OAuth). */
  readonly subject: string
  readonly scopes: readonly string[]
  readonly claims: Record<string, unknown> | null
  /** An API key's name; null for the other kinds. */
  readonly name: string | null
  /** An OAuth token's client (the OAuth application); null for the other kinds. */
  readonly clientId: string | null
  /** Milliseconds; null: never expires. */
  readonly expiration: number | null
}

/** Why a machine token did not verify, with @clerk/backend 3's `MachineTokenVerificationErrorCode`s. */
export const MachineTokenErrorCode = {
  TokenInvalid: 'token-invalid',
  InvalidSecretKey: 'secret-key-invalid',
  UnexpectedError: 'unexpected-error',
  TokenVerificationFailed: 'token-verification-failed',
} as const

export type MachineTokenErrorCode = (typeof MachineTokenErrorCode)[keyof typeof MachineTokenErrorCode]

export interface MachineTokenFailure {
  readonly ok: false
  readonly code: MachineTokenErrorCode | string
  readonly message: string
  /** The Backend API's status, when it answered. */
  readonly status?: number | undefined
}

export type MachineVerification = { readonly ok: true; readonly data: MachineTokenData } | MachineTokenFailure

export function machineFailure(
  code: MachineTokenFailure['code'],
  message: string,
  status?: number,
): MachineTokenFailure {
  return status === undefined ? { ok: false, code, message } : { ok: false, code, message, status }
}

/** The signed-out message upstream shows: `<message> (code=…, status=…)`. */
export function machineFailureMessage({ code, message, status }: MachineTokenFailure): string {
  return `${message} (code=${code}, status=${status ?? 'n/a'})`
}
