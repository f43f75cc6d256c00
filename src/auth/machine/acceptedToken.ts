// `acceptsToken`: which kinds of token a route takes, as @clerk/backend 3's authenticateRequest decides it. A token in
// `Authorization` is sorted by its kind (machine tokens by prefix or claims, anything else a session token): a kind
// not accepted is refused with `token-type-mismatch` and never treated as a session; an accepted machine token is
// verified (verifyMachineToken.ts); a session token takes the session path. Without a header token, a route that
// takes only machine tokens is signed out ("No token in header") and one that takes sessions reads the cookies.
import { signedOutAuthObject } from '../authObject.js'
import type { ClerkInstance } from '../clerkInstance.js'
import type { RequestContext } from '../requestContext.js'
import { AuthErrorReason, signedOut, type RequestState, type StateFacts } from '../requestState.js'
import {
  isMachineTokenType,
  machineFailureMessage,
  machineTokenKind,
  TokenType,
  type MachineTokenType,
} from '../../jwt/machineTokens.js'
import { quote } from '../../shared/quote.js'
import { invalidTokenAuthObject, unauthenticatedMachineObject, type AnyAuthObject } from './machineAuthObjects.js'
import { refusedKind, signedInWithMachineToken, signedOutForKind } from './machineStates.js'
import { verifyMachineToken } from './verifyMachineToken.js'
import { RemixClerkError } from '../../shared/remixClerkError.js'

/** One kind, a list of kinds, or `'any'`; default `'session_token'`. */
export type AcceptsToken = TokenType | readonly TokenType[] | 'any'

const TOKEN_TYPES: readonly string[] = Object.values(TokenType)
const KIND_NAMES: Record<MachineTokenType, string> = {
  [TokenType.ApiKey]: 'An API key (ak_…)',
  [TokenType.M2MToken]: 'An M2M token (mt_…)',
  [TokenType.OAuthToken]: 'An OAuth access token (oat_…)',
}

/** The session paths of authenticate.ts, which the machine rules fall back to. */
export interface SessionAuthentication {
  readonly facts: StateFacts
  withTokenInHeader(token: string): RequestState | Promise<RequestState>
  withCookies(): RequestState | Promise<RequestState>
}

function isTokenTypeAccepted(type: TokenType | null, acceptsToken: AcceptsToken): boolean {
  if (type === null) return false
  if (acceptsToken === 'any') return true
  return typeof acceptsToken === 'string' ? acceptsToken === type : acceptsToken.includes(type)
}

/** The state of a request whose route takes more than session tokens (`acceptsToken` other than 'session_token'). */
export async function authenticateAcceptedToken(
  context: RequestContext,
  instance: ClerkInstance,
  acceptsToken: AcceptsToken,
  session: SessionAuthentication,
): Promise<RequestState> {
  const { facts } = session
  const { debugData } = instance
  const token = context.tokenInHeader
  const kind = token === undefined ? undefined : machineTokenKind(token)
  if (typeof acceptsToken !== 'string' && !isTokenTypeAccepted(kind ?? TokenType.SessionToken, acceptsToken)) {
    return refusedKind(facts, debugData)
  }
  if (token === undefined) {
    if (isMachineTokenType(acceptsToken))
      return signedOutForKind(facts, acceptsToken, 'No token in header', '', debugData)
    return session.withCookies()
  }
  if (acceptsToken === TokenType.SessionToken && kind !== undefined) {
    const message = `${KIND_NAMES[kind]} is not a session token: to take it, pass acceptsToken: '${kind}' (or a list with it).`
    return signedOut(instance, facts, AuthErrorReason.TokenTypeMismatch, message)
  }
  if (kind === undefined) {
    if (isMachineTokenType(acceptsToken))
      return signedOutForKind(facts, acceptsToken, AuthErrorReason.TokenTypeMismatch, '', debugData)
    return session.withTokenInHeader(token)
  }
  if (isMachineTokenType(acceptsToken) && kind !== acceptsToken) {
    return signedOutForKind(facts, acceptsToken, AuthErrorReason.TokenTypeMismatch, '', debugData)
  }
  return withMachineToken(token, kind, instance, facts)
}

async function withMachineToken(
  token: string,
  kind: MachineTokenType,
  instance: ClerkInstance,
  facts: StateFacts,
): Promise<RequestState> {
  const result = await verifyMachineToken(token, kind, instance)
  if (result.ok) return signedInWithMachineToken(facts, result.data, token, instance.debugData)
  return signedOutForKind(facts, kind, result.code, machineFailureMessage(result), instance.debugData)
}

/** Checks an `acceptsToken` option as it is read; throws with the values it may take. */
export function checkAcceptsToken(value: unknown): AcceptsToken {
  const valid = (item: unknown) => typeof item === 'string' && TOKEN_TYPES.includes(item)
  if (value === 'any' || valid(value) || (Array.isArray(value) && value.every(valid))) return value as AcceptsToken
  throw new RemixClerkError(
    'REMIX_CLERK_INVALID_OPTION',
    `remix-clerk: acceptsToken must be 'any', one of ${TOKEN_TYPES.map((type) => `'${type}'`).join(', ')}, or a list of them; ` +
      `got ${quote(value)}.`,
  )
}

/**
 * The auth object a route that accepts `acceptsToken` gets from one authenticated with `'any'` (React Router's
 * middleware), as @clerk/backend 3's getAuthObjectForAcceptedToken: as it is when its kind is accepted; else, for a
 * list, the refused kind's object; for one machine kind, that kind's unauthenticated object; for sessions, signed out.
 */
export function authObjectForAcceptedToken(auth: AnyAuthObject, acceptsToken: AcceptsToken): AnyAuthObject {
  if (acceptsToken === 'any' || isTokenTypeAccepted(auth.tokenType, acceptsToken)) return auth
  const refused = { status: 'signed-out', reason: AuthErrorReason.TokenTypeMismatch, message: '' }
  if (typeof acceptsToken !== 'string') return invalidTokenAuthObject(refused)
  return isMachineTokenType(acceptsToken)
    ? unauthenticatedMachineObject(acceptsToken, refused)
    : signedOutAuthObject(refused)
}
