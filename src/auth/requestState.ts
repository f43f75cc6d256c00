// The outcome of authenticating one request: signed in, signed out (with why), or a handshake to run.
// A state whose `headers` carry a `Location` is a redirect the app must answer with (307): a handshake,
// or the clean URL after one resolved.
import { authObjectForSession, signedOutAuthObject, type AuthObject, type SignedOutAuthObject } from './authObject.js'
import type { ClerkInstance } from './clerkInstance.js'
import type { MachineRequestState } from './machine/machineStates.js'
import type { JwtPayload } from '../jwt/decodeJwt.js'

/** Why a request is signed out or needs a handshake; the strings are upstream's. */
export const AuthErrorReason = {
  ClientUATWithoutSessionToken: 'client-uat-but-no-session-token',
  DevBrowserMissing: 'dev-browser-missing',
  DevBrowserSync: 'dev-browser-sync',
  PrimaryDomainCrossOriginSync: 'primary-domain-cross-origin-sync',
  PrimaryRespondsToSyncing: 'primary-responds-to-syncing',
  SatelliteCookieNeedsSyncing: 'satellite-needs-syncing',
  ActiveOrganizationMismatch: 'active-organization-mismatch',
  SessionTokenAndUATMissing: 'session-token-and-uat-missing',
  SessionTokenMissing: 'session-token-missing',
  SessionTokenExpired: 'session-token-expired',
  SessionTokenIATBeforeClientUAT: 'session-token-iat-before-client-uat',
  SessionTokenNBF: 'session-token-nbf',
  SessionTokenIatInTheFuture: 'session-token-iat-in-the-future',
  SessionTokenWithoutClientUAT: 'session-token-but-no-client-uat',
  // Ours: a handshake nonce or token that could not be redeemed (the redirect drops it from the URL).
  HandshakeFailed: 'handshake-failed',
  // Ours: a handshake nonce or token in the URL that this browser was not sent for (see handshakeBinding.ts).
  HandshakeUnbound: 'handshake-not-bound-to-browser',
  UnexpectedError: 'unexpected-error',
  // A token of a kind that was not accepted (`acceptsToken`).
  TokenTypeMismatch: 'token-type-mismatch',
} as const

const AuthStatusHeader = {
  Status: 'x-clerk-auth-status',
  Reason: 'x-clerk-auth-reason',
  Message: 'x-clerk-auth-message',
} as const

/** The facts every state shares; `clerkState` and `debug()` read them. */
export interface StateFacts {
  publishableKey: string
  /** Absolute (a relative `proxyUrl` option is resolved against the request's origin), or `''`. */
  proxyUrl: string
  domain: string
  isSatellite: boolean
}

export interface BaseState extends StateFacts {
  /** Headers for the app's response: debug headers, and for redirects `Location` and `Set-Cookie`. */
  headers: Headers | undefined
}

/** Whether a session with a task left to do (`sts: 'pending'`) counts as signed out; default true, as upstream. */
export interface PendingSessionOptions {
  treatPendingAsSignedOut?: boolean | undefined
}

export interface SignedInState extends BaseState {
  status: 'signed-in'
  reason: null
  message: null
  isSignedIn: true
  isAuthenticated: true
  tokenType: 'session_token'
  token: string
  sessionClaims: JwtPayload
  toAuth(options?: PendingSessionOptions): AuthObject
}

export interface SignedOutState extends BaseState {
  status: 'signed-out'
  reason: string
  message: string
  isSignedIn: false
  isAuthenticated: false
  tokenType: 'session_token'
  token: null
  toAuth(options?: PendingSessionOptions): SignedOutAuthObject
}

export interface HandshakeState extends BaseState {
  status: 'handshake'
  reason: string
  message: string
  isSignedIn: false
  isAuthenticated: false
  headers: Headers
  tokenType: 'session_token'
  token: null
  toAuth(options?: PendingSessionOptions): null
}

/** A session's states, or a machine token's (machine/machineStates.ts) where `acceptsToken` lets one in. */
export type RequestState = SignedInState | SignedOutState | HandshakeState | MachineRequestState

/** What a loader can get an auth object from: every state but a handshake. */
export type SettledState = Exclude<RequestState, HandshakeState>

export function stateFacts(instance: ClerkInstance, proxyUrl: string): StateFacts {
  return {
    publishableKey: instance.options.publishableKey,
    proxyUrl,
    domain: instance.options.domain ?? '',
    isSatellite: instance.isSatellite,
  }
}

export function signedIn(
  instance: ClerkInstance,
  facts: StateFacts,
  sessionClaims: JwtPayload,
  token: string,
  headers?: Headers,
): SignedInState {
  // Built on first use and then kept: one object per state (and per pending treatment), however many loaders ask.
  let auth: AuthObject | undefined
  let pendingKept: AuthObject | undefined
  const build = (treatPendingAsSignedOut: boolean) =>
    authObjectForSession(
      { sessionClaims, sessionToken: token, mintToken: instance.mintToken, debugData: instance.debugData },
      { treatPendingAsSignedOut },
    )
  return {
    status: 'signed-in',
    reason: null,
    message: null,
    isSignedIn: true,
    isAuthenticated: true,
    ...facts,
    headers,
    tokenType: 'session_token',
    token,
    sessionClaims,
    toAuth: (options) =>
      options?.treatPendingAsSignedOut === false ? (pendingKept ??= build(false)) : (auth ??= build(true)),
  }
}

export function signedOut(
  instance: ClerkInstance,
  facts: StateFacts,
  reason: string,
  message = '',
  headers?: Headers,
): SignedOutState {
  let auth: SignedOutAuthObject | undefined
  return {
    status: 'signed-out',
    reason,
    message,
    isSignedIn: false,
    isAuthenticated: false,
    ...facts,
    headers: withStatusHeaders(headers, 'signed-out', reason, message),
    tokenType: 'session_token',
    token: null,
    toAuth: () =>
      (auth ??= signedOutAuthObject({
        ...instance.debugData,
        status: 'signed-out',
        reason,
        message,
      })),
  }
}

export function handshake(facts: StateFacts, reason: string, message: string, headers: Headers): HandshakeState {
  return {
    status: 'handshake',
    reason,
    message,
    isSignedIn: false,
    isAuthenticated: false,
    ...facts,
    headers: withStatusHeaders(headers, 'handshake', reason, message),
    tokenType: 'session_token',
    token: null,
    toAuth: () => null,
  }
}

/** Whether the app must answer this request with a redirect (`state.headers` then holds it). */
export function isRedirect(state: RequestState): boolean {
  return state.headers?.has('location') === true
}

export function withStatusHeaders(
  headers: Headers | undefined,
  status: string,
  reason: string,
  message: string,
): Headers {
  const result = headers ?? new Headers()
  result.set(AuthStatusHeader.Status, status)
  if (reason) setQuietly(result, AuthStatusHeader.Reason, reason)
  if (message) setQuietly(result, AuthStatusHeader.Message, message)
  return result
}

// Messages quote token claims; a value a header cannot carry loses the header, not the request.
function setQuietly(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value)
  } catch {
    // nothing to add
  }
}
