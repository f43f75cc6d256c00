// The auth object a loader gets from getAuth(): who is signed in, has(), getToken() and debug().
// Shapes follow upstream: signed in without an organization leaves the org fields `undefined`;
// signed out sets every field to `null`.
import { sessionAuthFields, type SessionAuthFields } from './claims.js'
import type { JwtPayload, SessionStatusClaim } from '../jwt/decodeJwt.js'
import { createCheckAuthorization, type CheckAuthorization } from './has.js'
import { RemixClerkError } from '../shared/remixClerkError.js'

export type { CheckAuthorization, CheckAuthorizationParams, ReverificationConfig } from './has.js'

export interface GetTokenOptions {
  /** A JWT template name: the Backend API mints a token from it for this session. */
  template?: string
  /** Lifetime of the minted token; setting it also mints (upstream does the same). */
  expiresInSeconds?: number
}

export type GetToken = (options?: GetTokenOptions) => Promise<string | null>

/**
 * Mints a token for a session through the Backend API: `sessions.getToken(sessionId, template, expiresIn)`.
 * Injected so that this module knows nothing of the client.
 */
export type TokenMinter = (
  sessionId: string,
  template: string | undefined,
  expiresInSeconds: number | undefined,
) => Promise<string>

export type AuthObjectDebugData = Record<string, unknown>
export type AuthObjectDebug = () => AuthObjectDebugData

export interface SignedInAuthObject extends SessionAuthFields {
  tokenType: 'session_token'
  sessionClaims: JwtPayload
  getToken: GetToken
  has: CheckAuthorization
  debug: AuthObjectDebug
  isAuthenticated: true
}

export interface SignedOutAuthObject {
  tokenType: 'session_token'
  sessionClaims: null
  sessionId: null
  sessionStatus: SessionStatusClaim | null
  actor: null
  userId: null
  orgId: null
  orgRole: null
  orgSlug: null
  orgPermissions: null
  factorVerificationAge: null
  getToken: GetToken
  has: CheckAuthorization
  debug: AuthObjectDebug
  isAuthenticated: false
}

export type AuthObject = SignedInAuthObject | SignedOutAuthObject

export interface SignedInParams {
  /** Verified claims of the session token. */
  sessionClaims: JwtPayload
  /** The raw session token, returned by `getToken()` without options. */
  sessionToken: string
  /** Needed only for `getToken({ template })` / `getToken({ expiresInSeconds })`. */
  mintToken?: TokenMinter | undefined
  /** What `debug()` reports besides the session token (options, request facts); secrets are cut. */
  debugData?: AuthObjectDebugData | undefined
}

/**
 * The auth object of verified claims alone (`authObjectForSession` decides whether a session counts).
 * @internal Exported for tests, which build it without a request.
 */
export function signedInAuthObject({
  sessionClaims,
  sessionToken,
  mintToken,
  debugData = {},
}: SignedInParams): SignedInAuthObject {
  const fields = sessionAuthFields(sessionClaims)
  return {
    tokenType: 'session_token',
    sessionClaims,
    ...fields,
    getToken: createGetToken(fields.sessionId, sessionToken, mintToken),
    has: createCheckAuthorization({
      userId: fields.userId,
      orgId: fields.orgId,
      orgRole: fields.orgRole,
      orgPermissions: fields.orgPermissions,
      factorVerificationAge: fields.factorVerificationAge,
      features: sessionClaims.fea,
      plans: sessionClaims.pla,
    }),
    debug: createDebug(debugData, sessionToken),
    isAuthenticated: true,
  }
}

export function signedOutAuthObject(
  debugData: AuthObjectDebugData = {},
  sessionStatus: SessionStatusClaim | null = null,
): SignedOutAuthObject {
  return {
    tokenType: 'session_token',
    sessionClaims: null,
    sessionId: null,
    sessionStatus,
    actor: null,
    userId: null,
    orgId: null,
    orgRole: null,
    orgSlug: null,
    orgPermissions: null,
    factorVerificationAge: null,
    getToken: signedOutGetToken,
    has: denyAll,
    debug: createDebug(debugData),
    isAuthenticated: false,
  }
}

/**
 * The auth object of a verified session. A pending session (`sts: 'pending'`, tasks left to do) counts
 * as signed out unless the caller opts out with `treatPendingAsSignedOut: false`.
 */
export function authObjectForSession(
  params: SignedInParams,
  { treatPendingAsSignedOut = true }: { treatPendingAsSignedOut?: boolean } = {},
): AuthObject {
  if (treatPendingAsSignedOut && params.sessionClaims.sts === 'pending') {
    return signedOutAuthObject(params.debugData, 'pending')
  }
  return signedInAuthObject(params)
}

function createGetToken(
  sessionId: string | undefined,
  sessionToken: string,
  mintToken: TokenMinter | undefined,
): GetToken {
  return async (options = {}) => {
    if (!sessionId) return null
    const { template, expiresInSeconds } = options
    // The session token itself needs no network; only a template or a custom lifetime is minted.
    if (!template && expiresInSeconds === undefined) return sessionToken
    if (!mintToken) {
      throw new RemixClerkError(
        'REMIX_CLERK_MISSING_SECRET_KEY',
        'getToken({ template, expiresInSeconds }) needs the Backend API: pass a secretKey (CLERK_SECRET_KEY) so a token can be minted.',
      )
    }
    return mintToken(sessionId, template || undefined, expiresInSeconds)
  }
}

const signedOutGetToken: GetToken = () => Promise.resolve(null)
const denyAll: CheckAuthorization = () => false

// Values that would let someone act as the user or the app: only a 7-character prefix is shown.
const SENSITIVE_FIELDS = [
  'secretKey',
  'jwtKey',
  'machineSecretKey',
  'sessionToken',
  'tokenInHeader',
  'sessionTokenInCookie',
  'refreshTokenInCookie',
  'devBrowserToken',
  'handshakeToken',
  'handshakeNonce',
]

/**
 * `debug()` returns a fresh copy each call, with secrets and tokens cut to a 7-character prefix as upstream.
 * Built on call, not in advance: every loader gets an auth object, almost none call debug().
 */
export function createDebug(data: AuthObjectDebugData, sessionToken?: string): AuthObjectDebug {
  return () => {
    const safe: AuthObjectDebugData = sessionToken === undefined ? { ...data } : { ...data, sessionToken }
    for (const field of SENSITIVE_FIELDS) safe[field] = typeof safe[field] === 'string' ? safe[field].slice(0, 7) : ''
    return safe
  }
}
